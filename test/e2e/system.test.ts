/**
 * The system view, the one cost basis and "Compared with your previous run", end to end in
 * Chromium. Figures are checked against the engine run in Node on the same model, seed and
 * replications: the app and Node share the engine and its random streams, so they agree
 * exactly, and the words must be the ones plainSummary gives.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { runModel } from '../../src/engine/run.js';
import { systemView, type SystemView } from '../../src/engine/systemView.js';
import { runDifference } from '../../src/engine/runDifference.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { changedNodesWords, changeWords, differenceWords, plainSummary } from '../../src/report/plainSummary.js';
import { formatPoundsShort, formatWhole } from '../../src/report/format.js';
import { addNodeCapacityScenario } from '../../src/web/modelEdits.js';
import { ARTIFACTS, BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, EXAMPLE, openApp, runModelInPage, startSession, tableValue, type Session } from './browser.js';

const skip = browserSkipReason();
const REPLICATIONS = 10;
const SEED = 1;

async function exampleModel(): Promise<ModelSpec> {
  const read = await readIpacsWorkbook(readFileSync(EXAMPLE), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  return read.model;
}

async function nodeView(model: ModelSpec, options: { baseline?: string; replications?: number; seed?: number } = {}): Promise<SystemView> {
  const result = await runModel(model, { replications: options.replications ?? REPLICATIONS, seed: options.seed ?? SEED });
  return systemView(model, result.scenarios, { baseline: options.baseline });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

const card = (page: Page, label: string) => page.getByTestId(`system-${label}`);
const text = async (page: Page, label: string, testId: string) => ((await card(page, label).getByTestId(testId).textContent()) ?? '').trim();
const pounds = (shown: string) => Number(/£([\d,]+)/.exec(shown)?.[1].replace(/,/g, ''));

/** The cards' difference lines as the page shows them, against Node's words for the same run. */
async function expectDifferencesAsNode(page: Page, view: SystemView) {
  for (const s of view.scenarios) {
    expect(await text(page, s.label, 'system-changes')).toBe(s.label === view.baseline ? 'The baseline' : changedNodesWords(s.changedNodes));
    expect(await text(page, s.label, 'system-people')).toBe(formatWhole(s.totals.patientsDelayed.mean));
    expect(await text(page, s.label, 'system-cost')).toBe(formatPoundsShort(s.totals.totalCost.mean));
    const difference = card(page, s.label).getByTestId('system-difference');
    if (!s.difference) {
      expect(await difference.count()).toBe(0);
      continue;
    }
    const words = differenceWords(s.difference);
    expect(await difference.locator('li').allTextContents()).toEqual([words.people, words.bedDays, words.cost]);
  }
}

describe.skipIf(skip)('the system view, the cost basis, and the previous run', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists every system scenario with its difference from the baseline, says when an interval includes zero, and follows the baseline chosen', async () => {
    // One bed more at P3_DN only: with seed 1 and 10 replications its effect on cost is within chance.
    const example = await exampleModel();
    const edit = addNodeCapacityScenario(example, 'P3_DN', 'PlusOneCap', example.nodes.find((n) => n.id === 'P3_DN')!.capacity[0].capacity + 1);
    if (!edit.ok) throw new Error(edit.reason);
    const bytes = Buffer.from(await writeIpacsWorkbook(edit.model));
    const read = await readIpacsWorkbook(bytes, { fileName: 'plus-one.xlsx' });
    if (!read.ok) throw new Error('the edited workbook does not read');
    const model = read.model;

    const { page, context, errors } = await openApp(session);
    await page.setInputFiles('#workbook-file', { name: 'plus-one.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await page.waitForFunction(() => /^Loaded plus-one\.xlsx/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
    await runModelInPage(page, REPLICATIONS);

    const view = await nodeView(model);
    expect(await page.locator('[data-testid="system-scenarios"] > li').count()).toBe(view.scenarios.length);
    expect(view.baseline).toBe('BCap_Blos_BArr');
    expect(await page.inputValue('#system-baseline')).toBe('BCap_Blos_BArr');
    await expectDifferencesAsNode(page, view);
    // Every scenario but the baseline has a difference with its interval.
    expect(await page.getByTestId('system-difference').count()).toBe(view.scenarios.length - 1);
    for (const shown of await page.getByTestId('system-difference-cost').allTextContents()) expect(shown).toMatch(/95 % CI/);
    // The one-node scenario is the baseline with P3_DN changed, and its cost change is within chance.
    expect(await text(page, 'PlusOneCap_Blos_BArr', 'system-changes')).toBe('changes P3_DN only');
    expect(await text(page, 'PlusOneCap_Blos_BArr', 'system-difference-cost')).toMatch(/^no clear difference in total cost \(95 % CI /);
    // The plain-English summary sits above it, in the words the report uses.
    const summary = plainSummary(view, model.dates);
    expect(await page.getByTestId('plain-summary').locator('p').first().textContent()).toBe(summary.baseline);
    await page.getByTestId('plain-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/system-view.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // Another baseline: the differences are now from it, and the old baseline has one.
    await page.selectOption('#system-baseline', 'S1Cap_Blos_BArr');
    const fromS1 = await nodeView(model, { baseline: 'S1Cap_Blos_BArr' });
    await expectDifferencesAsNode(page, fromS1);
    const back = fromS1.scenarios.find((s) => s.label === 'BCap_Blos_BArr')!;
    expect(await text(page, 'BCap_Blos_BArr', 'system-difference-cost')).toBe(differenceWords(back.difference!).cost);
    expect(await card(page, 'S1Cap_Blos_BArr').getByTestId('system-difference').count()).toBe(0);

    // A scenario hidden in the picker is hidden here too.
    await page.locator('.pf-picker summary').click();
    await page.uncheck('#show-BCap_S1los_BArr');
    expect(await card(page, 'BCap_S1los_BArr').count()).toBe(0);
    expect(await page.locator('[data-testid="system-scenarios"] > li').count()).toBe(view.scenarios.length - 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prices Plan and Results on the model’s one basis: the same capacity costs the same in both, and a change of basis needs no new run', async () => {
    const { page, context, errors } = await openApp(session);

    // Plan P2_RV on the model's basis (occupied, the default), apply it, and run with the plan's seed and replications.
    const planAndApply = async () => {
      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      await page.selectOption('#plan-node', 'P2_RV');
      await page.fill('#plan-replications', String(REPLICATIONS));
      await page.getByTestId('plan-run').click();
      await page.waitForFunction(() => /^P2_RV: optimum/.test(document.querySelector('[data-testid="plan-status"]')?.textContent ?? ''));
      const capacity = Number(/^([\d,]+) beds/.exec((await page.getByTestId('plan-optimum').textContent()) ?? '')?.[1].replace(/,/g, ''));
      // Plan reports the cost re-priced on fresh replications (11 to 20) and, beside it, the search's own figure
      // on replications 1 to 10: the ones a run with the same seed and count simulates.
      const costText = (await page.getByTestId('plan-cost-at').textContent()) ?? '';
      const cost = pounds(/search’s own estimate was (£[\d,]+)/.exec(costText)?.[1] ?? '');
      expect(capacity).toBeGreaterThan(0);
      expect(cost).toBeGreaterThan(0);
      if (await page.getByTestId('plan-apply').isEnabled()) await page.getByTestId('plan-apply').click();
      const name = (await page.evaluate((c) => window.__pathflow!.model()!.nodes.find((n) => n.id === 'P2_RV')!.capacity.find((x) => x.capacity === c)?.name, capacity)) ?? '';
      return { capacity, cost, name };
    };

    // Plan has no basis of its own any more: it says the model's.
    expect(await page.locator('input[name="plan-basis"]').count()).toBe(0);
    const occupied = await planAndApply();
    expect(await page.getByTestId('plan-basis').textContent()).toContain('Per occupied bed-day or visit (IPACS)');
    expect(occupied.name).toBe(`Opt${occupied.capacity}Cap`);
    await runModelInPage(page, REPLICATIONS);
    // The search priced the capacity it found on replications 1 to 10 of seed 1: the run simulates the same
    // patients at that capacity, so the costs agree to the pound.
    expect(await tableValue(page, `P2_RV_${occupied.name}_Blos_BArr`, 'cost')).toBe(occupied.cost);
    expect(await page.getByTestId('sort-cost').textContent()).toContain('Total cost (occupied basis)');
    // Applying made a system scenario: the baseline with P2_RV at the planned capacity.
    const label = `${occupied.name}_Blos_BArr`;
    expect(await text(page, label, 'system-changes')).toBe('changes P2_RV only');
    expect(await card(page, label).getByTestId('system-difference-cost').textContent()).toMatch(/95 % CI/);
    const systemCost = await text(page, 'BCap_Blos_BArr', 'system-cost');

    // The other basis, chosen in the Edit tab: Results re-price at once, with no stale notice and no run.
    const runStatus = await page.getByTestId('status').textContent();
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.check('#cost-basis-commissioned');
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await page.getByTestId('stale-notice').count()).toBe(0);
    expect(await page.getByTestId('status').textContent()).toBe(runStatus);
    expect(await page.getByTestId('system-basis').textContent()).toBe('on the commissioned basis');
    expect(await page.getByTestId('sort-cost').textContent()).toContain('Total cost (commissioned basis)');
    expect(await text(page, 'BCap_Blos_BArr', 'system-cost')).not.toBe(systemCost);
    // Both bases are given where they can be compared.
    expect(await text(page, 'BCap_Blos_BArr', 'system-cost-other')).toBe(`${systemCost} on the occupied basis`);

    // Plan follows the model's basis: its plan is out of date (the optimum depends on the basis) until planned again.
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    expect(await page.getByTestId('plan-basis').textContent()).toContain('Per commissioned bed or place, used or not');
    expect(await page.getByTestId('plan-stale').count()).toBe(1);
    const commissioned = await planAndApply();
    if (commissioned.name !== occupied.name) await runModelInPage(page, REPLICATIONS);
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await tableValue(page, `P2_RV_${commissioned.name}_Blos_BArr`, 'cost')).toBe(commissioned.cost);

    // The link to the basis from Plan opens the Edit tab at the control.
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    await page.getByTestId('plan-basis-change').click();
    await page.locator('#cost-basis-commissioned:focus').waitFor({ timeout: BROWSER_STEP_MS });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the previous run beside the new one: paired after an edit, exactly zero for an unchanged re-run, Welch for another seed', async () => {
    const { page, context, errors } = await openApp(session);
    await runModelInPage(page, REPLICATIONS);
    expect(await page.getByTestId('before-after').count()).toBe(0);

    // P2_RV loses 10 beds.
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('capacity-P2_RV-BCap').fill('80');
    await runModelInPage(page, REPLICATIONS);
    const section = page.getByTestId('before-after');
    expect(await section.getByTestId('before-after-pairing').textContent()).toMatch(/paired replication by replication/);

    const example = await exampleModel();
    const edited: ModelSpec = { ...example, nodes: example.nodes.map((n) => (n.id === 'P2_RV' ? { ...n, capacity: [{ ...n.capacity[0], capacity: 80 }, ...n.capacity.slice(1)] } : n)) };
    const compared = runDifference({ view: await nodeView(example), seed: SEED }, { view: await nodeView(edited), seed: SEED });
    const baseline = compared.changes.find((c) => c.label === 'BCap_Blos_BArr')!;
    const cells = section.locator('tr[data-label="BCap_Blos_BArr"] [data-testid="before-after-difference"]');
    expect(await cells.allTextContents()).toEqual([
      changeWords(baseline.difference.patientsDelayed, { more: 'more', fewer: 'fewer', unclear: 'patients delayed' }, 'number'),
      changeWords(baseline.difference.delayedBedDays, { more: 'more', fewer: 'fewer', unclear: 'delayed bed-days' }, 'number'),
      changeWords(baseline.difference.totalCost, { more: 'more', fewer: 'less', unclear: 'total cost' }, 'pounds'),
    ]);
    // Fewer beds at a busy node: clearly more delays.
    expect(baseline.difference.delayedBedDays.low).toBeGreaterThan(0);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/before-after.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // The same model and seed again: every difference is exactly zero.
    await runModelInPage(page, REPLICATIONS);
    const all = await section.getByTestId('before-after-difference').allTextContents();
    expect(all.length).toBeGreaterThan(0);
    for (const shown of all) expect(shown).toBe('none: exactly the same');

    // Another seed: nothing to pair.
    await page.fill('#seed', '2');
    await runModelInPage(page, REPLICATIONS);
    expect(await section.getByTestId('before-after-pairing').textContent()).toMatch(/unpaired \(Welch\)/);

    await page.getByTestId('forget-previous').click();
    expect(await page.getByTestId('before-after').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
