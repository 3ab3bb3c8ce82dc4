/**
 * Charts and tables people can read, in real Chromium at a laptop's 1280×800 and a phone's
 * 390×844: every legend lists every shown series in full and nothing is paged; the "In
 * service" chart draws each capacity; axes carry units and UK dates; the comparison table
 * has capacity and utilisation; and on a phone nothing is wider than the screen and Plan's
 * chart labels do not overlap. The charts render as SVG, so their text is in the DOM.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { ARTIFACTS, BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, EXAMPLE, openApp, runModelInPage, startSession, type Session } from './browser.js';

const skip = browserSkipReason();
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const NODE = 'P2_RV';
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const UK_DATE = /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/;

async function exampleNode() {
  const read = await readIpacsWorkbook(readFileSync(EXAMPLE), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  return read.model.nodes.find((n) => n.id === NODE)!;
}

/** The texts an ECharts SVG draws, with their boxes. */
async function chartTexts(page: Page, testId: string) {
  return page.locator(`[data-testid="${testId}"] .pf-chart svg text`).evaluateAll((nodes) =>
    nodes
      .map((n) => ({ text: n.textContent ?? '', box: n.getBoundingClientRect() }))
      .filter((t) => t.text.trim() !== '' && t.box.width > 0)
      .map((t) => ({ text: t.text, left: t.box.left, right: t.box.right, top: t.box.top, bottom: t.box.bottom })),
  );
}

/** Texts drawn partly outside their chart's box, where they are cut off. */
async function cutTexts(page: Page, testId: string): Promise<string[]> {
  return page.locator(`[data-testid="${testId}"] .pf-chart`).evaluate((chart) => {
    const frame = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('svg text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .filter((t) => {
        const box = t.getBoundingClientRect();
        return box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1;
      })
      .map((t) => t.textContent ?? '');
  });
}

type TextBox = Awaited<ReturnType<typeof chartTexts>>[number];

/** Pairs of texts whose boxes overlap by more than a pixel each way (glyph boxes touch without colliding). */
function overlaps(texts: TextBox[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) found.push(`"${a.text}" and "${b.text}"`);
    }
  }
  return found;
}

async function legendOf(page: Page, testId: string) {
  return page.locator(`[data-testid="${testId}"] [data-testid="chart-legend"] li`).evaluateAll((items) =>
    items.map((li) => ({ series: li.getAttribute('data-series') ?? '', text: li.textContent ?? '', fits: li.scrollWidth <= li.clientWidth + 1 && li.getBoundingClientRect().right <= window.innerWidth })),
  );
}

describe.skipIf(skip)('readable charts and tables', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height}: legends list every chosen scenario in full, with descriptions, a capacity line, units and UK dates`, async () => {
      const node = await exampleNode();
      const { page, context, errors } = await openApp(session, viewport);
      await runModelInPage(page, 5);
      // Hide two scenarios: the legends must follow the picker.
      await page.locator('.pf-picker summary').click();
      await page.locator('label[for="show-BCap_Blos_BArr"]').click();
      await page.locator('label[for="show-S1Cap_S1los_S1Arr"]').click();
      await page.selectOption('#chart-node', NODE);
      const all = node.capacity.flatMap((c) => node.los.flatMap((l) => node.arrivals.map((a) => `${c.name}_${l.name}_${a.name}`)));
      const chosen = all.filter((l) => l !== 'BCap_Blos_BArr' && l !== 'S1Cap_S1los_S1Arr');

      for (const metric of ['occ', 'niq', 'wait', 'cost']) {
        const legend = await legendOf(page, `chart-${metric}`);
        const scenarios = legend.filter((item) => chosen.includes(item.series));
        expect(scenarios.map((item) => item.series)).toEqual(chosen);
        for (const item of legend) expect(item.fits, `${metric} legend item ${item.text} fits`).toBe(true);
        // With its description from the example's descriptions sheet.
        expect(legend.find((item) => item.series === 'S1Cap_Blos_S1Arr')?.text).toBe('S1Cap_Blos_S1Arr: 10 % more capacity; stays as today; winter surge: 15 % more referrals in December and January');
        // No paged ECharts legend ("1/3") inside the chart.
        const texts = (await chartTexts(page, `chart-${metric}`)).map((t) => t.text);
        expect(texts.filter((t) => /^\d+\/\d+$/.test(t))).toEqual([]);
        // Units on both axes, dates as a UK reader writes them.
        expect(texts).toContain('date');
        expect(texts).toContain({ occ: 'patients in service', niq: 'patients delayed', wait: 'days delayed', cost: '£ a day' }[metric]);
        expect(texts.filter((t) => ISO_DATE.test(t))).toEqual([]);
        expect(texts.filter((t) => UK_DATE.test(t)).length).toBeGreaterThanOrEqual(2);
        expect(await cutTexts(page, `chart-${metric}`), `${metric}: texts cut off`).toEqual([]);
        expect(overlaps(await chartTexts(page, `chart-${metric}`)), `${metric}: texts overlapping`).toEqual([]);
      }

      // The capacity line on "In service": one per distinct capacity shown, labelled, and in the legend.
      const capacities = [...new Set(node.capacity.map((c) => c.capacity))].sort((a, b) => a - b);
      const drawn = ((await page.getByTestId('chart-occ').getAttribute('data-capacity-lines')) ?? '').split(' ').map(Number).sort((a, b) => a - b);
      expect(drawn).toEqual(capacities);
      const occTexts = (await chartTexts(page, 'chart-occ')).map((t) => t.text);
      for (const c of node.capacity) expect(occTexts).toContain(`${c.name}: ${c.capacity} beds`);
      expect((await legendOf(page, 'chart-occ')).map((i) => i.series)).toContain(`Capacity of ${node.capacity[0].name}`);
      expect(await page.getByTestId('chart-niq').getAttribute('data-capacity-lines')).toBe('');

      // The comparison table: capacity and utilisation columns, and the scenario's description.
      const row = page.locator(`[data-testid="comparison-table"] tr[data-scenario="${NODE}_BCap_Blos_S1Arr"]`);
      expect(await row.locator('td[data-column="capacity"]').textContent()).toBe(String(node.capacity[0].capacity));
      expect(await row.locator('td[data-column="utilisation"]').textContent()).toMatch(/^\d{1,3}%$/);
      expect(await row.locator('td[data-column="scenario"]').textContent()).toBe('BCap_Blos_S1Arrtoday’s capacity; stays as today; winter surge: 15 % more referrals in December and January');
      expect(await page.locator('[data-testid="comparison-table"] th').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Capacity'), expect.stringContaining('Utilisation')]));

      // The picker shows descriptions and finds scenarios by them.
      await page.fill('#scenario-filter', 'winter');
      expect(await page.locator('.pf-picker .nhsuk-checkboxes__item').count()).toBe(all.filter((l) => l.endsWith('S1Arr')).length);
      await page.fill('#scenario-filter', '');

      // The downloaded SVG has the legend drawn in, every chosen scenario named.
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('chart-occ-svg').click()]);
      const svg = readFileSync(await file.path(), 'utf8');
      for (const label of chosen) expect(svg).toContain(label);

      if (viewport.width === 390) {
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        // The comparison table as cards: each value labelled.
        expect(await row.locator('td[data-column="utilisation"]').evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Utilisation"');
      }
      await page.getByTestId('chart-occ').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/charts-${viewport.width}.png` });
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`at ${viewport.width}×${viewport.height}: Plan's cost curve and tornados have complete legends, units and no overlapping labels`, async () => {
      const { page, context, errors } = await openApp(session, viewport);
      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      await page.selectOption('#plan-node', NODE);
      await page.fill('#plan-replications', '5');
      await page.getByTestId('plan-run').click();
      await page.getByTestId('plan-result').waitFor({ timeout: BROWSER_STEP_MS });
      await page.getByTestId('plan-tornado-cost').waitFor();

      const curveLegend = (await legendOf(page, 'plan-cost-curve')).map((i) => i.series);
      expect(curveLegend).toEqual(expect.arrayContaining(['Expected total cost', '95 % CI', 'Optimum', 'Baseline', 'Analytic estimate']));
      for (const measure of ['cost', 'delayedBedDays']) {
        expect((await legendOf(page, `plan-tornado-${measure}`)).map((i) => i.series)).toEqual(['−10 %', '+10 %']);
      }
      for (const testId of ['plan-cost-curve', 'plan-tornado-cost', 'plan-tornado-delayedBedDays']) {
        const texts = await chartTexts(page, testId);
        expect(overlaps(texts), `${testId} at ${viewport.width} px`).toEqual([]);
        expect(await cutTexts(page, testId), `${testId}: texts cut off`).toEqual([]);
        for (const item of await legendOf(page, testId)) expect(item.fits, `${testId} legend ${item.text}`).toBe(true);
      }
      const curveTexts = (await chartTexts(page, 'plan-cost-curve')).map((t) => t.text);
      expect(curveTexts).toEqual(expect.arrayContaining(['beds', '£ expected total cost']));
      expect((await chartTexts(page, 'plan-tornado-cost')).map((t) => t.text)).toContain('change in £ total cost');
      expect((await chartTexts(page, 'plan-tornado-delayedBedDays')).map((t) => t.text)).toContain('change in delayed bed-days (days)');

      if (viewport.width === 390) {
        // Open the tables: as cards they too fit the screen.
        for (const summary of await page.locator('.pf-plan details summary').all()) await summary.click();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
      await page.getByTestId('plan-cost-curve').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/plan-charts-${viewport.width}.png` });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('a description typed in the Edit tab shows in the legends and the table after a run', async () => {
    const { page, context, errors } = await openApp(session);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.fill('#describe-capacity-S1Cap', 'the business case’s beds');
    await page.press('#describe-capacity-S1Cap', 'Enter');
    await runModelInPage(page, 2);
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.selectOption('#chart-node', NODE);
    const legend = await legendOf(page, 'chart-occ');
    expect(legend.find((item) => item.series === 'S1Cap_Blos_BArr')?.text).toBe('S1Cap_Blos_BArr: the business case’s beds; stays as today; referrals as today, fewer at weekends');
    expect(await page.locator(`tr[data-scenario="${NODE}_S1Cap_Blos_BArr"] td[data-column="scenario"] .pf-scenario-description`).textContent()).toBe(
      'the business case’s beds; stays as today; referrals as today, fewer at weekends',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 390×844: the Edit tab’s tables are cards of labelled fields, no wider than the screen', async () => {
    const { page, context, errors } = await openApp(session, { width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('los-table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const mean = page.locator('[data-testid="los-table"] tbody tr').first().locator('td[data-label="Mean"]');
    expect(await mean.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Mean"');
    // Still a table to assistive technology: its header cells are there, only hidden from view.
    expect(await page.locator('[data-testid="los-table"] thead th').count()).toBe(8);
    await page.screenshot({ path: `${ARTIFACTS}/edit-390.png` });
    expect(errors).toEqual([]);
    await context.close();
  });
});
