/**
 * The browser app end to end, in real Chromium: open, load, edit, run, see, export,
 * share, and the accessibility check. Screenshots of the main views go to test-artifacts/.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { unzipSync, strFromU8 } from 'fflate';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { runModel } from '../../src/engine/run.js';
import { summaryCsv } from '../../src/csv/summary.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { editedWorkbook, setCell } from '../workbook/fixtures.js';
import { ARTIFACTS, BROWSER_TEST_MS, browserSkipReason, EXAMPLE, IPACS_SAMPLE, openApp, runModelInPage, startSession, tableValue, type Session } from './browser.js';

const skip = browserSkipReason();
const sampleMissing = existsSync(IPACS_SAMPLE) ? undefined : `the public IPACS sample is not at ${IPACS_SAMPLE}`;
if (!skip && sampleMissing) console.warn(`skipping the IPACS-sample browser tests: ${sampleMissing}`);

async function exampleModel(): Promise<ModelSpec> {
  const read = await readIpacsWorkbook(readFileSync(EXAMPLE), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  return read.model;
}

const appModel = (page: Page) => page.evaluate(() => window.__pathflow!.model()) as Promise<ModelSpec>;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

async function loadFile(page: Page, name: string, buffer: Buffer | Uint8Array) {
  await page.setInputFiles('#workbook-file', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(buffer) });
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return readFileSync(path);
}

describe.skipIf(skip)('the browser app', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens with the example, runs it in Web Workers, and shows headlines, charts and the comparison table', async () => {
    const { page, context, errors } = await openApp(session);
    expect(await page.getByTestId('model-summary').textContent()).toContain('fictional-icb: 9 nodes, 72 scenarios, 182 days');
    const status = await runModelInPage(page, 20);
    expect(status).toMatch(/^Ran 72 scenarios × 20 replications/);
    expect(await page.locator('[data-testid="system-scenarios"] > li').count()).toBe(8);
    for (const metric of ['occ', 'niq', 'wait', 'cost']) expect(await page.locator(`[data-testid="chart-${metric}"] .pf-chart svg`).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="comparison-table"] tbody tr').count()).toBe(72);

    // Sorting by mean delayed, largest first, then smallest first.
    await page.getByTestId('sort-niq').click();
    const column = async () => (await page.locator('[data-testid="comparison-table"] td[data-column="niq"]').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
    const descending = await column();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.getByTestId('sort-niq').click();
    const ascending = await column();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);

    // A band for one scenario, then the screenshots of the results.
    await page.selectOption('#band-scenario', 'BCap_Blos_S1Arr');
    await page.selectOption('#chart-node', 'P2_RV');
    await page.screenshot({ path: `${ARTIFACTS}/results.png` });
    await page.getByRole('heading', { name: /Day by day/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/charts.png` });
    await page.screenshot({ path: `${ARTIFACTS}/results-full.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Charts export as PNG and SVG.
    const png = await download(page, 'chart-niq-png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const svg = (await download(page, 'chart-niq-svg')).toString();
    expect(svg).toMatch(/^<svg/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads the report as HTML (every node named) and as Word', async () => {
    const { page, context, errors } = await openApp(session);
    await runModelInPage(page, 5);
    const nodes = (await exampleModel()).nodes.map((n) => n.id);
    const html = (await download(page, 'download-report')).toString();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const node of nodes) expect(html).toContain(node);
    expect(html).toContain('1. Summary');
    expect(html).not.toMatch(/\b(src|href)\s*=|https?:\/\//i);
    await page.selectOption('#report-format', 'docx');
    // Every text the progress line shows, kept as it changes.
    await page.evaluate(() => {
      const line = window.document.querySelector('[data-testid="report-progress"]')!;
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      new MutationObserver(() => seen.push(line.textContent ?? '')).observe(line, { childList: true, subtree: true, characterData: true });
    });
    const docx = unzipSync(new Uint8Array(await download(page, 'download-report')));
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen).toContain('Preparing charts: 1 of 54…');
    expect(seen).toContain('Putting the document together…');
    expect(await page.getByTestId('report-progress').textContent()).toBe('');
    const document = strFromU8(docx['word/document.xml']);
    expect(document).toContain('<w:tbl>');
    for (const node of nodes) expect(document).toContain(node);
    const png = Object.keys(docx).find((name) => name.startsWith('word/media/'))!;
    expect(strFromU8(docx[png].subarray(1, 4))).toBe('PNG');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works under the server’s Content-Security-Policy, the printable report’s window included', async () => {
    const { page, context, errors } = await openApp(session);
    const reloaded = await page.reload();
    expect(reloaded!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByTestId('model-summary').waitFor();
    await runModelInPage(page, 3);
    await page.selectOption('#report-format', 'print');
    const [report] = await Promise.all([context.waitForEvent('page'), page.getByTestId('download-report').click()]);
    await report.waitForLoadState('load');
    // The report's inline style sheet applies (the policy allows it by hash): headings in NHS blue.
    expect(await report.evaluate(() => getComputedStyle(document.querySelector('h1')!).color)).toBe('rgb(0, 94, 184)');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('raising P2_RV capacity cuts its delays, and re-runs only that node', async () => {
    const { page, context } = await openApp(session);
    await runModelInPage(page, 20);
    const id = 'P2_RV_BCap_Blos_S1Arr';
    const before = await tableValue(page, id, 'niq');
    expect(before).toBeGreaterThan(1);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('capacity-P2_RV-BCap').fill('110');
    await page.getByRole('tab', { name: 'Results' }).click();
    expect(await page.getByTestId('stale-notice').count()).toBe(1);
    await runModelInPage(page, 20);
    const stats = await page.evaluate(() => window.__pathflow!.lastRunStats());
    // The node changed, so all 8 of its scenarios run again; the other 64 are reused.
    expect(stats).toMatchObject({ simulated: 8, reused: 64 });
    const after = await tableValue(page, id, 'niq');
    expect(after).toBeLessThan(before / 2);
    await context.close();
  });

  it('lists a broken workbook’s errors at their cells and loads nothing from it', async () => {
    const { page, context } = await openApp(session);
    const model = await exampleModel();
    const broken: ModelSpec = structuredClone(model);
    broken.name = 'broken';
    broken.nodes[3].los[0].median = broken.nodes[3].los[0].mean + 5;
    const bytes = await writeIpacsWorkbook(broken);
    await loadFile(page, 'broken.xlsx', bytes);
    const errors = page.getByTestId('load-errors');
    await errors.waitFor();
    const text = (await errors.textContent()) ?? '';
    expect(text).toContain('broken.xlsx was not loaded');
    expect(text).toMatch(/los![A-Z]+\d+: median [\d.]+ is not below mean_los/);
    // The example is still the model.
    expect(await page.getByTestId('model-summary').textContent()).toContain('fictional-icb');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('load-errors');
    await page.screenshot({ path: `${ARTIFACTS}/load-errors.png` });
    expect(await seriousViolations(page)).toEqual([]);

    await loadFile(page, 'notes.xlsx', Buffer.from('not a workbook at all'));
    await page.waitForFunction(() => document.querySelector('[data-testid="load-errors"]')?.textContent?.includes('notes.xlsx'));
    expect(await page.getByTestId('model-summary').textContent()).toContain('fictional-icb');
    await context.close();
  });

  it('makes no request off its own origin while loading, running the example and opening each tab', async () => {
    // Its own context: openApp's listeners come after the first load, whose requests (the
    // style sheet's web font among them) are the ones most likely to leave.
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const offOrigin: string[] = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') offOrigin.push(request.url());
    });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    const page = await context.newPage();
    await page.goto(session.server.url);
    await page.getByTestId('model-summary').waitFor();
    await runModelInPage(page, 2);
    const tabs = page.getByRole('tab');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      await page.waitForLoadState('networkidle');
    }
    await page.evaluate(() => document.fonts.ready);
    expect(offOrigin).toEqual([]);
    // The page's own text, not the design system's default footer.
    const footer = (await page.locator('footer').textContent()) ?? '';
    expect(footer).toContain('Pathflow — open-source capacity planning for Discharge to Assess');
    expect(footer).toContain('MIT licence');
    expect(footer).not.toContain('NHS England');
    await context.close();
  });

  it('wraps a long error message inside the error panel on a laptop and a phone', async () => {
    const longText = 'a_very_long_value_pasted_into_the_cell_'.repeat(4);
    const bytes = await editedWorkbook((sheets) => setCell(sheets, 'los', 'B2', longText), await exampleModel());
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      const { page, context } = await openApp(session, { width, height });
      await loadFile(page, `long-${width}.xlsx`, bytes);
      const panel = page.getByTestId('load-errors');
      await panel.waitFor();
      expect(await panel.textContent()).toContain(longText.slice(0, 30));
      const box = await panel.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
      expect(box.scrollWidth, `at ${width}px`).toBeLessThanOrEqual(box.clientWidth);
      await page.screenshot({ path: `${ARTIFACTS}/load-errors-long-${width}.png` });
      await context.close();
    }
  });

  it('downloads a results zip that pathflow report makes a report of', async () => {
    const { page, context } = await openApp(session);
    await runModelInPage(page, 3);
    const zip = unzipSync(new Uint8Array(await download(page, 'export-results')));
    const dir = builtCliWorkDirectory('pathflow-web-zip-');
    try {
      for (const [name, content] of Object.entries(zip)) writeFileSync(join(dir, name), content);
      const manifest = JSON.parse(strFromU8(zip['manifest.json']));
      expect(manifest).toMatchObject({ seed: 1, runs: 3, input: { file: 'fictional-icb.xlsx', bytes: readFileSync(EXAMPLE).length } });
      const report = pathflow('report', dir, '--format', 'html');
      expect(report.stderr).toBe('');
      expect(report.status).toBe(0);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html).toContain('fictional-icb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await context.close();
  });

  it('exports the edited workbook and reads it back with identical parameters', async () => {
    const { page, context } = await openApp(session);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('capacity-P3_DN-S1Cap').fill('70');
    await page.waitForFunction(() => window.__pathflow!.model()?.nodes.find((n) => n.id === 'P3_DN')?.capacity[1].capacity === 70);
    const edited = await appModel(page);
    const bytes = await download(page, 'export-workbook');
    const read = await readIpacsWorkbook(bytes, { fileName: 'fictional-icb.xlsx' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.model).toEqual(edited);

    // And into the app again: the same model. The example replaces the edited model only after "Replace".
    await page.getByTestId('open-example').click();
    await page.getByTestId('confirm-replace-replace').click();
    await page.waitForFunction(() => window.__pathflow!.model()?.nodes.find((n) => n.id === 'P3_DN')?.capacity[1].capacity !== 70);
    await loadFile(page, 'fictional-icb.xlsx', bytes);
    await page.waitForFunction(() => window.__pathflow!.model()?.nodes.find((n) => n.id === 'P3_DN')?.capacity[1].capacity === 70);
    expect(await appModel(page)).toEqual(edited);
    await context.close();
  });

  it('exports the results as the CLI’s CSVs, the same numbers as the CLI for the same seed', async () => {
    const { page, context } = await openApp(session);
    await runModelInPage(page, 5);
    const zip = unzipSync(new Uint8Array(await download(page, 'export-results')));
    expect(Object.keys(zip).sort()).toEqual(
      ['bed_output_using_fictional-icb.csv', 'daily.csv', 'manifest.json', 'model.json', 'replications.csv', 'stochastic_bed_output_using_fictional-icb.csv', 'stochastic_visit_output_using_fictional-icb.csv', 'summary.csv', 'visit_output_using_fictional-icb.csv'].sort(),
    );
    const example = await exampleModel();
    const cli = await runModel(example, { replications: 5, seed: 1 });
    expect(strFromU8(zip['summary.csv'])).toBe(summaryCsv(cli, example));
    await context.close();
  });

  it('runs the engine in Web Workers to exactly the numbers of Node, for any number of workers', async () => {
    const { page, context } = await openApp(session);
    const model = await exampleModel();
    const options = { replications: 5, seed: 7 };
    const node = await runModel(model, options);
    const { createHash } = await import('node:crypto');
    const { dailyCsv } = await import('../../src/csv/daily.js');
    let daily = '';
    for (const chunk of dailyCsv(node)) daily += chunk;
    const expected = { summaryCsv: summaryCsv(node, model), dailySha256: createHash('sha256').update(daily).digest('hex'), scenarios: 72 };
    for (const workers of [1, 3]) {
      const browser = await page.evaluate(([m, o, w]) => window.__pathflow!.run(m, o, w), [model, options, workers] as const);
      expect(browser).toEqual(expected);
    }
    await context.close();
  });

  it('edits scenarios and validates as you type', async () => {
    const { page, context } = await openApp(session);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.screenshot({ path: `${ARTIFACTS}/edit.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // A capacity that is not a number is refused, and the model keeps the last good value.
    const cell = page.getByTestId('capacity-P2_DN-BCap');
    await cell.fill('7x');
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect((await appModel(page)).nodes.find((n) => n.id === 'P2_DN')!.capacity[0].capacity).toBe(72);
    await cell.fill('75');
    expect(await cell.getAttribute('aria-invalid')).toBeNull();
    expect((await appModel(page)).nodes.find((n) => n.id === 'P2_DN')!.capacity[0].capacity).toBe(75);

    // A median at or above the mean is the engine's own error.
    const median = page.getByLabel('P2_RV Blos median', { exact: true });
    await median.fill('500');
    await expect(page.locator('.pf-cell-error').first().textContent()).resolves.toContain('is not below mean_los');

    // PathSimR's families are offered by their labels; one the row's figures cannot fit is refused with the reason.
    const family = page.locator('#family-P2_DN-0');
    expect(await family.locator('option').allTextContents()).toEqual(['lognormal', 'normal', 'exponential', 'gamma', 'Weibull', 'uniform']);
    await family.selectOption('unif');
    await expect(page.locator('#los-family-message').textContent()).resolves.toContain('P2_DN Blos: cannot use uniform: a uniform length of stay needs a non-negative sd_los');
    expect((await appModel(page)).nodes.find((n) => n.id === 'P2_DN')!.los[0].family).toBe('lnorm');
    await page.getByLabel('P2_DN Blos sd', { exact: true }).fill('12');
    await family.selectOption('weibull');
    await page.waitForFunction(() => window.__pathflow!.model()!.nodes.find((n) => n.id === 'P2_DN')!.los[0].family === 'weibull');
    expect((await appModel(page)).nodes.find((n) => n.id === 'P2_DN')!.los[0]).toMatchObject({ family: 'weibull', mean: 29, sd: 12 });

    // Add, rename and delete a capacity scenario.
    await page.fill('#add-capacity-name', 'S2Cap');
    await page.getByRole('button', { name: 'Add capacity scenario' }).click();
    await page.waitForFunction(() => window.__pathflow!.model()!.nodes.every((n) => n.capacity.some((c) => c.name === 'S2Cap')));
    await page.getByRole('button', { name: 'Rename capacity scenario S2Cap' }).click();
    await page.fill('#rename-capacity-S2Cap', 'Winter_Cap');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByTestId('scenarios-capacity').textContent()).toContain('Use only letters, digits and hyphens');
    await page.fill('#rename-capacity-S2Cap', 'WinterCap');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction(() => window.__pathflow!.model()!.nodes.every((n) => n.capacity.some((c) => c.name === 'WinterCap')));
    expect(await page.getByTestId('model-summary').textContent()).toContain('108 scenarios');
    await page.getByRole('button', { name: 'Delete capacity scenario WinterCap' }).click();
    await page.waitForFunction(() => window.__pathflow!.model()!.nodes.every((n) => n.capacity.length === 2));

    // Arrival tools: +10 % on P2_RV's baseline.
    const total = (m: ModelSpec) => m.nodes.find((n) => n.id === 'P2_RV')!.arrivals[0].daily.reduce((a, b) => a + b, 0);
    const before = total(await appModel(page));
    await page.selectOption('#arrivals-node', 'P2_RV');
    await page.fill('#percent-change', '10');
    await page.getByRole('button', { name: 'Apply change' }).click();
    expect(total(await appModel(page))).toBeCloseTo(before * 1.1, 6);
    await context.close();
  });

  it('remembers the model across a reload and shares it as a link', async () => {
    const { page, context } = await openApp(session);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('capacity-P3_CT-BCap').fill('61');
    await page.fill('#seed', '42');
    // Saving waits for a pause in typing.
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByTestId('model-summary').waitFor();
    expect(await page.getByTestId('status').textContent()).toBe('Restored your last session.');
    expect((await appModel(page)).nodes.find((n) => n.id === 'P3_CT')!.capacity[0].capacity).toBe(61);
    expect(await page.inputValue('#seed')).toBe('42');

    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    expect(link).toMatch(/#s=[\w-]+$/);
    const model = await appModel(page);
    await context.close();

    const opened = await openApp(session, { path: new URL(link).hash ? `/${new URL(link).hash}` : '/' });
    expect(await opened.page.getByTestId('status').textContent()).toBe('Opened the model from the shared link.');
    expect(await appModel(opened.page)).toEqual(model);
    expect(await opened.page.inputValue('#seed')).toBe('42');
    await opened.context.close();
  });

  it('cancels a long run', async () => {
    const { page, context } = await openApp(session);
    await page.fill('#replications', '3000');
    await page.getByTestId('run').click();
    await page.getByTestId('cancel').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'Run cancelled.');
    expect(await page.getByTestId('run').isEnabled()).toBe(true);
    // The workers start again for the next run.
    expect(await runModelInPage(page, 3)).toMatch(/^Ran 72 scenarios/);
    await context.close();
  });

  it('is usable on a tablet and by keyboard', async () => {
    const { page, context } = await openApp(session, { width: 820, height: 1180 });
    await runModelInPage(page, 5);
    await page.screenshot({ path: `${ARTIFACTS}/tablet.png` });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Tabs follow the ARIA pattern: arrow keys move between them.
    await page.getByRole('tab', { name: 'Results' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Edit parameters' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Edit parameters');
    await context.close();
  });

  describe.skipIf(sampleMissing)('with the public IPACS sample', () => {
    it('loads and runs it, and more P2_B beds mean fewer delays', async () => {
      const { page, context } = await openApp(session);
      await loadFile(page, 'IPACS_params.xlsx', readFileSync(IPACS_SAMPLE));
      await page.waitForFunction(() => document.querySelector('[data-testid="model-summary"]')?.textContent?.startsWith('IPACS_params'));
      expect(await page.getByTestId('model-summary').textContent()).toContain('9 nodes, 108 scenarios, 181 days');
      await runModelInPage(page, 20);
      expect(await page.locator('[data-testid="comparison-table"] tbody tr').count()).toBe(108);
      await page.screenshot({ path: `${ARTIFACTS}/ipacs-sample.png` });
      const id = 'P2_B_BCap_Blos_BArr';
      const before = await tableValue(page, id, 'niq');
      await page.getByRole('tab', { name: 'Edit parameters' }).click();
      await page.getByTestId('capacity-P2_B-BCap').fill('130');
      const status = await runModelInPage(page, 20);
      expect(status).toContain('12 simulated, 96 unchanged and reused');
      expect(await tableValue(page, id, 'niq')).toBeLessThan(before);
      await context.close();
    });

    it('gives the numbers of Node on the sample too', async () => {
      const { page, context } = await openApp(session);
      const read = await readIpacsWorkbook(readFileSync(IPACS_SAMPLE), { fileName: 'IPACS_params.xlsx' });
      if (!read.ok) throw new Error('the sample does not read');
      const options = { replications: 5, seed: 1 };
      const browser = await page.evaluate(([m, o]) => window.__pathflow!.run(m, o), [read.model, options] as const);
      expect(browser.summaryCsv).toBe(summaryCsv(await runModel(read.model, options), read.model));
      await context.close();
    });
  });
});
