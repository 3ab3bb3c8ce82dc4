/**
 * The "Plan capacity" view end to end in real Chromium: the instant analytic estimate, the
 * optimiser in its Web Worker (the same answer as the engine in Node), the cost curve and
 * tornado charts, applying the capacity as a new scenario and running it, and axe-core.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { planAndSummarise } from '../../src/web/planSummary.js';
import { formatPounds } from '../../src/web/format.js';
import { describeDifference } from '../../src/report/difference.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { ARTIFACTS, BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, EXAMPLE, openApp, runModelInPage, startSession, type Session } from './browser.js';

const skip = browserSkipReason();

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync(await file.path());
}

describe.skipIf(skip)('the Plan capacity view', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('estimates at once, finds the optimum in a worker, charts it, and applies it as a new capacity scenario', async () => {
    const { page, context, errors } = await openApp(session);
    // Priced per commissioned bed, extra beds cost money, so the optimum's interval has an upper end.
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.check('#cost-basis-commissioned');
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    await page.selectOption('#plan-node', 'P2_RV');

    // The analytic estimate is there before any simulation, with how far to trust it.
    const analytic = page.getByTestId('plan-analytic-capacity');
    await analytic.waitFor();
    expect(await analytic.textContent()).toMatch(/^\d[\d,]* beds/);
    expect(await page.getByTestId('plan-analytic-accuracy').textContent()).toContain('2 to 19 places');
    expect(await page.getByTestId('plan-result').count()).toBe(0);

    // The optimiser, few replications.
    await page.fill('#plan-replications', '10');
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-result').waitFor({ timeout: BROWSER_STEP_MS });
    const optimum = (await page.getByTestId('plan-optimum').textContent()) ?? '';
    const capacity = Number(/^([\d,]+) beds/.exec(optimum)?.[1].replace(/,/g, ''));
    expect(capacity).toBeGreaterThan(0);
    expect(optimum).toMatch(/95 % interval \d+ to \d+/);
    expect(await page.getByTestId('plan-status').textContent()).toMatch(/^P2_RV: optimum \d+ beds, \d+ capacities simulated/);

    // The same answer as the engine in Node, for the same choices and seed, on the model's cost basis.
    const read = await readIpacsWorkbook(readFileSync(EXAMPLE), { fileName: 'fictional-icb.xlsx' });
    if (!read.ok) throw new Error('the example does not read');
    const node = await planAndSummarise(read.model, { nodeId: 'P2_RV', arrivalIndex: 0, losIndex: 0, objective: { kind: 'cost' }, costBasis: 'commissioned', replications: 10, seed: 1, sensitivity: 0.1 });
    expect(capacity).toBe(node.capacity);
    expect(optimum).toContain(`${node.low} to ${node.high}`);

    // The cost at the optimum is labelled as re-priced on fresh replications, and is Node's.
    const costAt = (await page.getByTestId('plan-cost-at').textContent()) ?? '';
    expect(costAt).toContain('Re-priced on fresh replications 11 to 20');
    expect(costAt).toContain(formatPounds(node.atPlan!.cost.mean));
    expect(costAt).toContain(`the search’s own estimate was ${formatPounds(node.searchCost!.mean)}`);
    // The saving is called one only when its whole 95 % interval is above zero.
    const saving = (await page.getByTestId('plan-saving').textContent()) ?? '';
    const { low, high } = node.saving!;
    expect(saving).toMatch(low > 0 ? /^saves £/ : high < 0 ? /^costs £\S+ more/ : /^no clear difference: .* \(95 % CI includes zero\)/);
    expect(saving).toContain(describeDifference(node.saving!));

    // Charts: the cost curve with the optimum marked, and the two tornados.
    const curve = page.getByTestId('plan-cost-curve');
    expect(await curve.locator('.pf-chart svg').count()).toBe(1);
    expect(await curve.locator('[role="img"]').getAttribute('aria-label')).toContain(`optimum ${capacity}`);
    expect(await page.getByTestId('plan-tornado-cost').locator('.pf-chart svg').count()).toBe(1);
    expect(await page.getByTestId('plan-tornado-delayedBedDays').locator('[role="img"]').getAttribute('aria-label')).toMatch(/Arrivals −10 %/);
    expect(await page.locator('[data-testid="plan-curve-table"] tbody tr').count()).toBe(node.curve.length);
    const svg = (await download(page, 'P2_RV-cost-curve-svg')).toString();
    expect(svg).toMatch(/^<svg/);
    const png = await download(page, 'P2_RV-tornado-cost-png');
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    await page.getByRole('heading', { name: /^What to plan/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/plan-full.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.getElementById('plan-result-heading')!.scrollIntoView();
    });
    await page.screenshot({ path: `${ARTIFACTS}/plan.png` });
    expect(await seriousViolations(page)).toEqual([]);

    // Apply it: a new capacity scenario of P2_RV only, in the editor and in a run.
    await page.getByTestId('plan-apply').click();
    const name = `Opt${capacity}Cap`;
    await page.waitForFunction((n) => window.__pathflow!.model()!.nodes.find((x) => x.id === 'P2_RV')!.capacity.some((c) => c.name === n), name);
    const model = (await page.evaluate(() => window.__pathflow!.model())) as ModelSpec;
    expect(model.nodes.find((n) => n.id === 'P2_RV')!.capacity.at(-1)).toEqual({ name, capacity });
    expect(model.nodes.filter((n) => n.capacity.some((c) => c.name === name)).map((n) => n.id)).toEqual(['P2_RV']);
    expect(await page.getByTestId('plan-applied').textContent()).toContain(name);
    // Another capacity scenario does not change the plan, and it is applied once.
    expect(await page.getByTestId('plan-stale').count()).toBe(0);
    expect(await page.getByTestId('plan-apply').isDisabled()).toBe(true);
    expect(await page.getByTestId('status').textContent()).toContain(`Added capacity scenario ${name}`);
    // 72 scenarios and P2_RV's 4 LOS x arrival combinations at the new capacity.
    expect(await page.getByTestId('model-summary').textContent()).toContain('76 scenarios');

    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    expect(await page.getByTestId(`capacity-P2_RV-${name}`).inputValue()).toBe(String(capacity));
    expect(await runModelInPage(page, 3)).toMatch(/^Ran 76 scenarios/);
    expect(await page.locator(`tr[data-scenario="P2_RV_${name}_Blos_BArr"]`).count()).toBe(1);
    // The plan is still there on coming back.
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    expect(await page.getByTestId('plan-optimum').textContent()).toBe(optimum);
    expect(await page.inputValue('#plan-replications')).toBe('10');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plans for a service target, validates the target as typed, and cancels', async () => {
    const { page, context, errors } = await openApp(session);
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    await page.selectOption('#plan-node', 'P3_DN');
    await page.check('#plan-objective-target');
    // The delayed-patients percentile is offered in both readings, each defined where it is chosen.
    const options = await page.locator('#plan-target-metric option').allTextContents();
    expect(options.some((option) => /typical run/.test(option))).toBe(true);
    expect(options.some((option) => /bad day/.test(option))).toBe(true);
    await page.selectOption('#plan-target-metric', 'p95-delayed-all-days');
    expect(await page.getByTestId('plan-target-definition').textContent()).toContain('a bad day takes the 95th percentile of every day of every run');
    await page.selectOption('#plan-target-metric', 'share-ever-delayed');
    expect(await page.getByTestId('plan-target-definition').textContent()).toContain('with 95 % confidence');
    await page.fill('#plan-target-limit', '150');
    expect(await page.locator('#plan-target-limit-error').textContent()).toContain('100 or less');
    expect(await page.getByTestId('plan-run').isDisabled()).toBe(true);
    await page.fill('#plan-target-limit', '5');
    expect(await page.getByTestId('plan-analytic-capacity').textContent()).toMatch(/^\d[\d,]* beds/);
    await page.fill('#plan-replications', '5');
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-result').waitFor({ timeout: BROWSER_STEP_MS });
    expect(await page.getByRole('heading', { name: /^P3_DN: / }).textContent()).toMatch(/least capacity \d+ beds|the target is not met/);
    // The answer says how sure it is, with the metric's bounds, and keeps the point estimate apart, labelled.
    expect(await page.getByTestId('plan-target-status').textContent()).toMatch(/^(Confident: meets the target with 95 % confidence|Meets the target with 95 % confidence\. One place less could not be told|No capacity meets the target with 95 % confidence)/);
    expect(await page.getByTestId('plan-target-at').textContent()).toMatch(/ %\) with 95 % confidence each way\), [\d,]+ replications$|between .+ with 95 % confidence each way/);
    expect(await page.getByTestId('plan-target-point').textContent()).toMatch(/^(\d+ beds: the least capacity whose average over the search’s 5 replications meets the limit\. Not a confident answer|none)/);
    expect(await seriousViolations(page)).toEqual([]);

    // A long plan is cancelled at once, and the next one runs.
    await page.check('#plan-objective-cost');
    await page.fill('#plan-replications', '2000');
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-cancel').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-status"]')?.textContent === 'Planning cancelled.');
    expect(await page.getByTestId('plan-run').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
