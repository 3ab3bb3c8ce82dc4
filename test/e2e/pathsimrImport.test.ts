/**
 * Importing a PathSimR pair from the load panel in real Chromium: both templates chosen
 * together with their unit load the model (the same one `pathflow import-pathsimr` makes) and it runs,
 * the broken pair is refused with its problems listed at their rows and columns, the panel is
 * axe-clean, and nothing raises a page error. Needs `npm run build` (or builds once).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_TEST_MS, browserSkipReason, openApp, runModelInPage, startSession, type Session } from './browser.js';
import { ERROR_PAIR, HAVE_PATHSIMR, MISSING_PATHSIMR, PATHSIMR_DATA, TEMPLATE_PAIRS } from '../pathsimr/templates.js';

const skip = browserSkipReason() ?? (HAVE_PATHSIMR ? undefined : MISSING_PATHSIMR);
const AE = TEMPLATE_PAIRS.find((pair) => pair.label === 'A&E')!;

function csvFile(path: string) {
  return { name: path.split('/').pop()!, mimeType: 'text/csv', buffer: readFileSync(resolve(PATHSIMR_DATA, path)) };
}

describe.skipIf(skip)('importing a PathSimR model in the browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('loads the A&E pair in hours, chosen calendar first, and refuses the broken pair at its rows and columns', { timeout: BROWSER_TEST_MS }, async () => {
    const { page, context, errors } = await openApp(session);
    try {
      await page.getByText('Import a PathSimR model').click();
      await page.locator('#pathsimr-unit-hours').check();
      const axe = await new AxeBuilder({ page }).include('[data-testid="pathsimr-import"]').analyze();
      expect(axe.violations.map((violation) => violation.id)).toEqual([]);

      // The order the files are chosen in does not matter: the calendar is known by its header.
      await page.getByLabel('Choose the network and calendar templates together (.csv)').setInputFiles([csvFile(AE.calendar), csvFile(AE.network)]);
      await page.waitForFunction(() => /^Loaded the PathSimR model/.test(document.querySelector('[data-testid="status"]')?.textContent ?? ''));
      expect(await page.getByTestId('model-summary').textContent()).toContain('A&E_Network_Template: 8 nodes');
      expect(await page.getByTestId('status').textContent()).toBe('Loaded the PathSimR model A&E_Network_Template.csv with A&E_Calendar_Template.csv (in hours): 8 nodes.');
      // What the import read differently from the file (999 as unlimited) is listed with the warnings.
      await page.getByText('6 warnings').click();
      expect(await page.getByText('the external queue of Observation, 999, is read as unlimited').count()).toBe(1);
      // It runs in the page's Web Workers like any model.
      expect(await runModelInPage(page, 2)).toMatch(/^Ran \d+ scenarios/);

      await page.locator('#pathsimr-unit-days').check();
      await page.getByLabel('Choose the network and calendar templates together (.csv)').setInputFiles([csvFile(ERROR_PAIR.network), csvFile(ERROR_PAIR.calendar)]);
      const refusal = page.getByTestId('load-errors');
      await refusal.waitFor();
      expect(await refusal.getByRole('heading').textContent()).toBe('input_template_1 - Error.csv and cal_input_1 - Error.csv were not loaded: 8 problems');
      const issues = await refusal.locator('li').allTextContents();
      expect(issues[0]).toBe('input_template_1 - Error.csv row 2, column "A": the transition probability "-1" is not a number from 0 to 1');
      expect(issues).toContain('cal_input_1 - Error.csv row 3, column "value": the cap value is missing');
      // The model shown is still the A&E one.
      expect(await page.getByTestId('model-summary').textContent()).toContain('A&E_Network_Template: 8 nodes');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
