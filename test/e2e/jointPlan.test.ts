/**
 * "Plan a network" end to end in real Chromium, on the bundled network example: the P3 and
 * long-term care beds of one locality planned together in a Web Worker, with the same numbers
 * as `pathflow optimise --component` writes to joint_optimal.csv for the same seed; Cancel;
 * a range refused at its field; the cost surface as a heatmap; the capacities applied as a
 * scenario the run then simulates; axe-core clean.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPounds } from '../../src/web/format.js';
import { describeDifference } from '../../src/report/difference.js';
import { BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, openApp, REPO, runModelInPage, shareLinkHash, startSession, type Session } from './browser.js';

const EXAMPLE_FILE = `${REPO}examples/fictional-icb-network.json`;
const example = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as unknown;
// Narrow ranges and few replications: a small search, compared exactly with the CLI's.
const RANGES = { P3_RV: [55, 80], LTC_RV: [370, 410] } as const;
const RUNS = 3;
/** A phone's screen, in CSS pixels. */
const PHONE = { width: 390, height: 844 } as const;

const skip = browserSkipReason();


/** joint_optimal.csv's rows by node; the note, the last column, is not read (it may be quoted). */
function cliPlan(): Map<string, Record<string, string>> {
  const out = mkdtempSync(join(tmpdir(), 'pathflow-joint-'));
  try {
    const range = Object.entries(RANGES).map(([id, [low, high]]) => `${id}=${low}:${high}`).join(',');
    const args = ['optimise', EXAMPLE_FILE, '--component', 'RV', '--nodes', 'P3_RV,LTC_RV', '--range', range, '--cost-basis', 'commissioned', '--runs', String(RUNS), '--seed', '1', '--out', join(out, 'plan'), '--quiet'];
    const result = spawnSync(process.execPath, [`${REPO}dist/cli/main.js`, ...args], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'plan', 'joint_optimal.csv'), 'utf8').trim().split('\n');
    const columns = header.split(',').slice(0, -1);
    return new Map(rows.map((line) => {
      const cells = line.split(',');
      const row = Object.fromEntries(columns.map((name, i) => [name, cells[i]]));
      return [row.node, row];
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

const cellOf = (page: Page, node: string, testId: string) => page.locator(`[data-testid="joint-plan-nodes"] tr[data-node="${node}"] [data-testid="${testId}"]`).textContent();

describe.skipIf(skip)('Plan a network', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('plans P3 and care-home beds together as the CLI does, charts the surface, and applies the plan', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example) });
    try {
      await page.getByRole('tab', { name: 'Edit parameters' }).click();
      await page.check('#cost-basis-commissioned');
      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      await page.getByTestId('joint-plan-view').waitFor();
      expect(await page.locator('#joint-component option').allTextContents()).toEqual(['RV', 'DN', 'CT']);
      // Bed nodes only, and at first those whose beds are one number (P2's follow a calendar).
      const offered = page.locator('[data-testid^="joint-node-"] input[type="checkbox"]');
      expect(await offered.count()).toBe(3);
      expect(await page.getByRole('checkbox', { name: /^P3_RV / }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /^LTC_RV / }).isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: /^P2_RV / }).isChecked()).toBe(false);
      // The engine's default range, as the CLI's without --range.
      expect(await page.getByLabel('P3_RV: Most beds').inputValue()).toBe('142');

      // A range the wrong way round is refused at its field.
      await page.getByLabel('P3_RV: Fewest beds').fill('150');
      expect(await page.locator('#joint-high-1-error').textContent()).toContain('Enter at least the fewest, 150');
      expect(await page.getByTestId('joint-plan-run').isDisabled()).toBe(true);

      // Cancel ends a search that has started, and leaves no result behind.
      await page.getByLabel('P3_RV: Fewest beds').fill('0');
      await page.fill('#joint-replications', '500');
      await page.getByTestId('joint-plan-run').click();
      await page.getByTestId('joint-plan-progress').waitFor();
      await page.getByTestId('joint-plan-cancel').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="joint-plan-status"]')?.textContent === 'Planning cancelled.');
      expect(await page.getByTestId('joint-plan-result').count()).toBe(0);

      for (const [id, [low, high]] of Object.entries(RANGES)) {
        await page.getByLabel(`${id}: Fewest beds`).fill(String(low));
        await page.getByLabel(`${id}: Most beds`).fill(String(high));
      }
      await page.fill('#joint-replications', String(RUNS));
      await page.getByTestId('joint-plan-run').click();
      await page.getByTestId('joint-plan-result').waitFor();

      const cli = cliPlan();
      for (const [id, row] of cli) {
        expect(await cellOf(page, id, 'joint-plan-best')).toBe(row.best_capacity);
        expect(await cellOf(page, id, 'joint-plan-interval')).toBe(`${row.capacity_low95} to ${row.capacity_high95 === '' ? 'no upper limit' : row.capacity_high95}`);
      }
      const plan = cli.get('P3_RV')!;
      const result = (await page.getByTestId('joint-plan-result').textContent()) ?? '';
      expect(result).toContain(`${plan.vectors_simulated} capacity vectors searched, ${plan.replications_simulated} replications simulated`);
      expect(await page.getByTestId('joint-plan-cost').textContent()).toContain(formatPounds(Number(plan.total_cost)));
      expect(await page.getByTestId('joint-plan-cost').textContent()).toContain(`replications ${RUNS + 1} to ${2 * RUNS}`);
      const saving = { mean: Number(plan.cost_saved), low: Number(plan.cost_saved_low95), high: Number(plan.cost_saved_high95) };
      expect(await page.getByTestId('joint-plan-saving').textContent()).toContain(describeDifference(saving));

      // The surface as a heatmap, a cell for each vector searched (and the baseline).
      const heatmap = page.getByTestId('joint-plan-heatmap');
      await heatmap.waitFor();
      expect(await heatmap.getAttribute('aria-label')).toMatch(/^Expected system cost of each capacity vector simulated, on the commissioned basis — RV: \d+ capacity vectors simulated; the optimum P3_RV \d+, LTC_RV \d+ costs £/);
      expect(await page.locator('[data-testid="joint-plan-surface-table"] tbody tr').count()).toBeGreaterThanOrEqual(Number(plan.vectors_simulated));
      expect(await seriousViolations(page)).toEqual([]);

      // Applied: every node of RV has the scenario, and a run simulates it.
      await page.getByTestId('joint-plan-apply').click();
      const applied = (await page.getByTestId('joint-plan-applied').textContent()) ?? '';
      const name = `Opt${plan.best_capacity}-${cli.get('LTC_RV')!.best_capacity}Cap`;
      expect(applied).toContain(`capacity scenario ${name}`);
      expect(await page.getByTestId('joint-plan-stale').count()).toBe(0);
      await page.getByRole('tab', { name: 'Results' }).click();
      await runModelInPage(page, 2);
      expect(await page.locator(`tr[data-scenario^="P3_RV_${name}_"]`).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('plans for a target with 95 % confidence and says how sure the answer is', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example) });
    try {
      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      await page.selectOption('#joint-component', 'DN');
      // One node and a short range keep it quick: a vector is said to meet the target only on at least 40 replications.
      await page.getByRole('checkbox', { name: /^LTC_DN / }).uncheck();
      await page.getByLabel('P3_DN: Fewest beds').fill('58');
      await page.getByLabel('P3_DN: Most beds').fill('62');
      await page.check('#joint-objective-target');
      await page.fill('#joint-target-limit', '20');
      await page.fill('#joint-replications', '3');
      await page.getByTestId('joint-plan-run').click();
      await page.getByTestId('joint-plan-result').waitFor({ timeout: BROWSER_STEP_MS });
      expect(await page.getByTestId('joint-plan-target-status').textContent()).toMatch(
        /^(Confident: meets the target with 95 % confidence, and one bed fewer at any planned node fails it with 95 % confidence\.|Meets the target with 95 % confidence\. With one bed fewer at P3_DN the simulation could not tell)/,
      );
      expect(await page.getByTestId('joint-plan-target-at').textContent()).toMatch(/^[\d.,]+ a day \(between [\d.,−-]+ and [\d.,]+ with 95 % confidence each way, from \d+ replications\)$/);
      expect(await cellOf(page, 'P3_DN', 'joint-plan-below')).toMatch(/^(the fewest beds tried|fails the target with 95 % confidence: |cannot be told from the limit after)/);
      expect(await page.locator('[data-testid="joint-plan-surface-table"] thead').textContent()).toContain('Meets the target (95 % confidence)');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('plans at a phone’s width, axe clean', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example), ...PHONE });
    try {
      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      await page.selectOption('#joint-component', 'DN');
      await page.getByLabel('P3_DN: Fewest beds').fill('50');
      await page.getByLabel('P3_DN: Most beds').fill('58');
      await page.getByLabel('LTC_DN: Fewest beds').fill('310');
      await page.getByLabel('LTC_DN: Most beds').fill('320');
      await page.fill('#joint-replications', '2');
      await page.getByTestId('joint-plan-run').click();
      await page.getByTestId('joint-plan-result').waitFor();
      expect(await page.getByTestId('joint-plan-status').textContent()).toMatch(/^DN: P3_DN \d+, LTC_DN \d+; \d+ capacity vectors searched/);
      // Nothing wider than the screen: the page's layout width, in pixels, fits the phone's.
      const layoutWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(layoutWidth).toBeLessThanOrEqual(PHONE.width);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
