/**
 * The "Real data" tab in real Chromium: the bundled episode extract is fitted in a worker, its
 * fit charted and turned into the model, which runs; QUY's sitreps for January to March 2023
 * (from ../shared, skipped without it) are charted, become the model and are backtested; and
 * no person id from the extract reaches local storage, the address bar or a share link; the
 * tab is axe-clean.
 * Needs `npm run build` (or builds once).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { strFromU8, inflateSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_MS, browserSkipReason, openApp, REPO, runModelInPage, startSession, type Session } from './browser.js';
import { HAVE_SITREP, MISSING_SITREP, sitrepPath } from '../sitrep/sitrepData.js';
import type { Page } from 'playwright-core';

const skip = browserSkipReason();
const EPISODES = resolve(REPO, 'examples/fictional-episodes.csv');
const QUY_MONTHS = ['january2023.xlsx', 'february2023.xlsx', 'march2023.xlsx'];

function personIds(): string[] {
  return readFileSync(EPISODES, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
}

/** Everything the page keeps or shares: local storage, the address and a share link's unpacked model. */
async function keptAndShared(page: Page): Promise<string> {
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  const packed = link.split('#s=')[1];
  const unpacked = strFromU8(inflateSync(new Uint8Array(Buffer.from(packed, 'base64url'))));
  return [storage, page.url(), link, unpacked].join('\n');
}

async function downloaded(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync(await download.path(), 'utf8');
}

/** observed.csv's rows with a value of 1 to 4, and those withheld (basis `suppressed`). */
function smallCounts(csv: string): { small: number; suppressed: number } {
  const rows = csv.trim().split('\n').slice(1).map((line) => line.split(','));
  return { small: rows.filter((row) => ['1', '2', '3', '4'].includes(row[7])).length, suppressed: rows.filter((row) => row[8] === 'suppressed').length };
}

/** Every chart in the locator has drawn its SVG. */
async function drawnCharts(page: Page, testId: string): Promise<number> {
  const charts = page.getByTestId(testId);
  await charts.first().locator('svg').first().waitFor();
  return charts.locator('svg path').count();
}

describe.skipIf(skip)('real data in the browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('fits the bundled episode extract, uses the fit as the model and runs it, keeping person ids out of storage and links', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    try {
      await page.getByRole('tab', { name: 'Real data' }).click();
      await page.getByLabel('Choose an episode extract (.csv or .xlsx)').setInputFiles(EPISODES);
      const fit = page.getByTestId('episode-fit');
      await fit.waitFor();
      expect(await fit.locator('p').first().textContent()).toMatch(/^fictional-episodes\.csv: [\d,]+ episodes at 9 nodes, snapshot \d{4}-\d{2}-\d{2}\./);
      // Observed survival and the three families, and the referrals with their forecast band.
      expect(await drawnCharts(page, 'survival-chart')).toBeGreaterThan(3);
      expect(await drawnCharts(page, 'referral-chart')).toBeGreaterThan(2);
      const families = await page.getByTestId('los-table').locator('tbody th').allTextContents();
      expect(families.map((f) => f.replace(' (chosen)', '')).sort()).toEqual(['Weibull', 'gamma', 'lognormal']);
      expect(families.filter((f) => f.endsWith('(chosen)'))).toHaveLength(1);
      expect(await page.getByTestId('initial-state').locator('tbody tr').count()).toBe(9);
      // The fit ran off the page's thread.
      expect(workers.some((url) => url.includes('realDataWorker'))).toBe(true);
      // Downloads withhold counts of 1 to 4 until the switch is turned off.
      const withheld = smallCounts(await downloaded(page, 'download-episode-observed'));
      expect(withheld.small).toBe(0);
      expect(withheld.suppressed).toBeGreaterThan(0);
      await page.getByLabel('Withhold counts of 1 to 4 from patient-level data').uncheck();
      expect(smallCounts(await downloaded(page, 'download-episode-observed'))).toEqual({ small: withheld.suppressed, suppressed: 0 });
      await page.getByLabel('Withhold counts of 1 to 4 from patient-level data').check();
      const axe = await new AxeBuilder({ page }).include('[data-testid="real-data"]').analyze();
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);

      await page.getByTestId('episodes-use-model').click();
      await page.waitForFunction(() => /^Loaded the fit of fictional-episodes\.csv: 9 nodes/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
      expect(await page.getByTestId('model-summary').textContent()).toContain('fictional-episodes: 9 nodes');
      expect(await runModelInPage(page, 2)).toMatch(/^Ran \d+ scenarios/);

      const kept = await keptAndShared(page);
      const leaked = personIds().filter((id) => kept.includes(id));
      expect(leaked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.skipIf(!HAVE_SITREP)(`charts QUY's sitreps for January to March 2023, uses the skeleton as the model and backtests it (${HAVE_SITREP ? 'data present' : MISSING_SITREP})`, { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session);
    try {
      await page.getByRole('tab', { name: 'Real data' }).click();
      await page.getByLabel('Choose NHS England discharge sitrep files (.xlsx, several at once)').setInputFiles(QUY_MONTHS.map((name) => sitrepPath('acute', name)));
      await page.locator('#sitrep-org').selectOption('QUY');
      await page.getByTestId('sitrep-read').click();
      await page.getByTestId('sitrep-observed').waitFor();
      for (const id of ['daily', 'monthly', 'delays']) expect(await drawnCharts(page, `sitrep-chart-${id}`)).toBeGreaterThan(2);
      await page.getByText('What these data cannot tell').click();
      expect(await page.getByTestId('sitrep-notes').textContent()).toContain('QUY');

      await page.getByTestId('sitrep-use-model').click();
      await page.waitForFunction(() => /^Loaded the sitrep skeleton for QUY/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
      expect(await page.getByTestId('model-summary').textContent()).toMatch(/3 nodes, \d+ scenarios, 90 days from/);

      await page.locator('#backtest-replications').fill('20');
      await page.getByTestId('backtest-run').click();
      await page.getByTestId('backtest-result').waitFor();
      const captions = await page.getByTestId('backtest-series').locator('figcaption').allTextContents();
      expect(captions.map((c) => c.split(':')[0])).toEqual(['P1 (QUY)', 'P2 (QUY)', 'P3 (QUY)']);
      for (const caption of captions) expect(caption).toMatch(/: 90 points, \d+% inside the band \(95% expected\), bias -?[\d,.]+, mean absolute error [\d,.]+/);
      expect(await page.getByTestId('backtest-chart').count()).toBe(3);
      expect(await drawnCharts(page, 'backtest-chart')).toBeGreaterThan(6);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
