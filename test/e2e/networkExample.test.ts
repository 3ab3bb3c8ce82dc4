/**
 * The bundled network example in real Chromium, opened by a share link: the app shows its
 * nodes (labels other than P1/P2/P3, kinds deciding what the editor shows), its planner says
 * which nodes it cannot plan alone, and nothing raises a page error.
 *
 * Then it runs the model in Web Workers and shows each networked node's component scenarios.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { BROWSER_TEST_MS, browserSkipReason, openApp, runModelInPage, shareLinkHash, startSession, type Session } from './browser.js';

const exampleText = readFileSync(new URL('../../examples/fictional-icb-network.json', import.meta.url), 'utf8');
const example = JSON.parse(exampleText) as { name: string; nodes: { id: string }[] };

const skip = browserSkipReason();


describe.skipIf(skip)('the network example in the browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('opens from a share link and shows every node, with what its kind needs', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example) });
    try {
      expect(await page.getByTestId('model-summary').textContent()).toContain(`${example.name}: ${example.nodes.length} nodes`);
      expect(await page.getByTestId('load-errors').count()).toBe(0);

      await page.getByRole('tab', { name: 'Edit parameters' }).click();
      const nodesTable = page.locator('section[aria-labelledby="edit-nodes"] table');
      for (const { id } of example.nodes) await nodesTable.getByRole('rowheader', { name: id, exact: true }).waitFor();
      const acuteRow = nodesTable.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Acute_RV', exact: true }) });
      expect(await acuteRow.textContent()).toContain('acute');
      // Visit rates for visit nodes whatever their label; none for a bed node.
      expect(await page.getByLabel('DomCare_RV Blos initial visits a day').count()).toBe(1);
      expect(await page.getByLabel('LTC_RV Blos initial visits a day').count()).toBe(0);
      expect(await page.getByTestId('calendar-note').textContent()).toContain('P2_RV');
      // Only nodes with arrivals of their own are offered in the arrivals editor.
      const arrivalNodes = await page.locator('#arrivals-node option').allTextContents();
      expect(arrivalNodes).toEqual(['Acute_RV', 'Acute_DN', 'Acute_CT']);

      // The exported workbook carries the network sheets: read back, it is the example's model.
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-workbook').click()]);
      const exported = await readIpacsWorkbook(readFileSync(await file.path()), { fileName: `${example.name}.xlsx` });
      expect(exported.ok ? [] : exported.errors).toEqual([]);
      if (exported.ok) {
        const { ipacsSheetRows: _rows, ...model } = exported.model;
        const { schemaVersion: _version, ...expected } = example as { schemaVersion?: number };
        expect(model).toEqual(expected);
      }

      await page.getByRole('tab', { name: 'Plan capacity' }).click();
      expect(await page.getByTestId('plan-network-note').textContent()).toContain(`${example.nodes.length} nodes are simulated in a network`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs and shows results for the networked nodes', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session, { path: shareLinkHash(example) });
    try {
      const status = await runModelInPage(page, 5);
      expect(status).toMatch(/^Ran \d+ scenarios/);
      await page.getByRole('tab', { name: 'Results' }).click();
      // Its component's four scenarios (two capacity, two routing); simulated alone it would have two.
      expect(await page.locator('tr[data-scenario^="Acute_RV_"]').count()).toBe(4);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
