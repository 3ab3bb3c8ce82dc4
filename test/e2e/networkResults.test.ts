/**
 * The network results in real Chromium, on the bundled network example opened by a share
 * link and run with a few replications: the Sankey draws the example's nodes, the flows
 * table and the system cards show the figures the engine gives in Node for the same seed and
 * replications (the app and Node share the engine and its random streams, so they agree
 * exactly), with differences from the network's baseline; and axe finds nothing serious.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel, type RunResult } from '../../src/engine/run.js';
import { componentScenarioLabel } from '../../src/report/networkSection.js';
import { formatWhole } from '../../src/report/format.js';
import { networkDifferenceWords } from '../../src/web/components/networkResults/networkDifference.js';
import { BROWSER_TEST_MS, browserSkipReason, openApp, runModelInPage, shareLinkHash, startSession, type Session } from './browser.js';

const example = JSON.parse(readFileSync(new URL('../../examples/fictional-icb-network.json', import.meta.url), 'utf8')) as ModelSpec;
const REPLICATIONS = 5;
const SEED = 1;

const skip = browserSkipReason();


async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

describe.skipIf(skip)('network results in the browser', () => {
  let session: Session;
  let node: RunResult;
  beforeAll(async () => {
    session = await startSession();
    node = await runModel(example, { replications: REPLICATIONS, seed: SEED });
  }, 300_000);
  afterAll(async () => {
    await session?.close();
  });

  it('draws the flow diagram, the blocked bed-days by cause and the system differences, as Node computes them', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example, { replications: REPLICATIONS, seed: SEED }) });
    try {
      await runModelInPage(page, REPLICATIONS);
      await page.getByRole('tab', { name: 'Results' }).click();
      const section = page.getByTestId('network-results');
      await section.waitFor();
      const components = node.components ?? [];
      const first = components[0];

      // The Sankey draws every node of the first network that patients passed through, as SVG text.
      const sankey = page.getByTestId('network-sankey');
      await sankey.locator('svg').waitFor();
      const drawn = await sankey.locator('svg text').allTextContents();
      const moved = first.nodes.map((n) => n.scenario.key.node).filter((id) => first.flows.some((f) => (f.from === id || f.to === id) && f.total.mean > 0));
      expect(moved.length).toBeGreaterThan(5);
      for (const id of moved) expect(drawn).toContain(id);
      // The readmission edge closes a cycle, so it is drawn to a box of its own.
      expect(drawn).toContain('Back to Acute_RV');

      // The table alternative: P3 to LTC with the mean Node gives.
      const p3ToLtc = first.flows.find((f) => f.from === 'P3_RV' && f.to === 'LTC_RV');
      expect(p3ToLtc).toBeDefined();
      await page.getByText('The flows as a table').click();
      const row = page.locator('[data-testid="network-flow-table"] tr[data-from="P3_RV"][data-to="LTC_RV"]');
      expect(await row.locator('td').nth(3).textContent()).toContain(formatWhole(p3ToLtc!.total.mean));

      // Blocked bed-days by cause: P3's patients held waiting for long-term care, as Node counts them.
      const p3HeldByLtc = first.blockedByCause.find((c) => c.at === 'P3_RV' && c.waitingFor === 'LTC_RV');
      expect(p3HeldByLtc?.bedDays.mean ?? 0).toBeGreaterThan(0);
      const blockedRows = page.locator('[data-testid="network-blocked-table"] tbody tr');
      expect(await blockedRows.count()).toBe(first.blockedByCause.filter((c) => c.bedDays.mean > 0).length);
      const blockedRow = page.locator('[data-testid="network-blocked-table"] tr[data-at="P3_RV"][data-waiting-for="LTC_RV"]');
      expect(await blockedRow.locator('td[data-column="bed-days"]').textContent()).toContain(formatWhole(p3HeldByLtc!.bedDays.mean));
      // The chart stacks each holding node's bed-days by the node waited for.
      expect(await page.getByTestId('network-blocked').getByTestId('chart-legend').locator('li').allTextContents()).toContain('waiting for LTC_RV');

      // Each scenario of the network has a card; those other than the baseline say their difference as Node words it.
      const scenarios = components.filter((c) => c.key.component === first.key.component);
      expect(await page.getByTestId('network-system-scenarios').locator('> li').count()).toBe(scenarios.length);
      for (const s of scenarios.slice(1)) {
        const words = networkDifferenceWords(s.system, first.system);
        const card = page.getByTestId(`network-system-${s.key.id}`);
        expect(await card.getByRole('heading').textContent()).toBe(componentScenarioLabel(s.key));
        expect(await card.getByTestId('network-system-difference').locator('li').allTextContents()).toEqual([words.cost, words.bedDays, words.deadlocks]);
      }

      // Choosing another network redraws the diagram with its nodes.
      const other = components.find((c) => c.key.component !== first.key.component)!;
      await page.selectOption('#network-component', other.key.component);
      await page.waitForFunction((id) => [...document.querySelectorAll('[data-testid="network-sankey"] svg text')].some((t) => t.textContent === id), other.nodes[0].scenario.key.node);

      // The per-node charts: the beds-held chart of P3 shows each scenario and a capacity line.
      await page.selectOption('#network-chart-node', 'P3_RV'.replace('_RV', `_${other.key.component}`));
      const bedsHeld = page.getByTestId('network-chart-occ_bed');
      const legend = await bedsHeld.getByTestId('chart-legend').locator('li').allTextContents();
      expect(legend.filter((l) => l.startsWith('Capacity of')).length).toBeGreaterThan(0);
      expect(legend.length).toBeGreaterThan(scenarios.length);

      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is axe clean on a phone, its tables read as cards', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example, { replications: REPLICATIONS, seed: SEED }), width: 390, height: 844 });
    try {
      await runModelInPage(page, REPLICATIONS);
      await page.getByRole('tab', { name: 'Results' }).click();
      await page.getByTestId('network-sankey').locator('svg').waitFor();
      await page.getByText('The flows as a table').click();
      // On a phone each row is a card whose cells name their column.
      const cell = page.locator('[data-testid="network-blocked-table"] tbody td').first();
      expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Held at"');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
