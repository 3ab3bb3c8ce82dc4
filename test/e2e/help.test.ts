/**
 * Help, load safety and printing in real Chromium: every "?" opens its glossary entry and
 * focuses it; loading over edits asks first and can be undone; printed pages carry no
 * controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { GLOSSARY } from '../../src/report/glossary.js';
import { BROWSER_TEST_MS, browserSkipReason, EXAMPLE, openApp, runModelInPage, startSession, type Session } from './browser.js';

const skip = browserSkipReason();

/** Clicks every help link for `id` shown on the page now, checking each lands on its entry. */
async function checkHelpLinks(page: Page, id: string): Promise<number> {
  const links = page.locator(`[data-testid="help-${id}"]:visible`);
  const count = await links.count();
  for (let i = 0; i < count; i++) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await links.nth(i).click();
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused, `help link ${i + 1} for ${id}`).toBe(`glossary-${id}`);
    await expect.poll(() => page.getByTestId(`glossary-${id}`).isVisible()).toBe(true);
    const inView = () =>
      page.getByTestId(`glossary-${id}`).evaluate((e) => {
        const box = e.getBoundingClientRect();
        // Scrolled to a fraction of a pixel above the top: still in view.
        return box.top > -1 && box.top < window.innerHeight;
      });
    await expect.poll(inView, { message: `entry ${id} scrolled into view` }).toBe(true);
  }
  return count;
}

describe.skipIf(skip)('help, load safety and printing', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('each metric’s help link opens and focuses its glossary entry, on every tab', async () => {
    const { page, context, errors } = await openApp(session);
    await runModelInPage(page, 3);
    // Every entry is on the page, with the data module's text.
    for (const entry of GLOSSARY) expect(await page.getByTestId(`glossary-${entry.id}`).textContent()).toContain(entry.text);

    const clicked = new Map<string, number>();
    const clickAll = async () => {
      for (const entry of GLOSSARY) clicked.set(entry.id, (clicked.get(entry.id) ?? 0) + (await checkHelpLinks(page, entry.id)));
    };
    await clickAll();
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await clickAll();
    await page.getByRole('tab', { name: 'Plan capacity' }).click();
    await page.check('#plan-objective-target');
    await clickAll();

    // The figures, columns, charts and controls each have a link that was clicked.
    for (const id of ['delayed-bed-days', 'total-cost', 'replications', 'seed', 'occupancy', 'niq', 'mean-days-delayed', 'scenario', 'pathways', 'community-cost', 'acute-delay-cost', 'cost-basis', 'offered-load', 'erlang-c', 'sensitivity', 'horizon', 'service-target', 'baseline', 'delayed', 'confidence-interval', 'common-random-numbers']) {
      expect(clicked.get(id), `a help link for ${id}`).toBeGreaterThan(0);
    }
    // The header's Help link goes to the glossary's heading.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('header-help').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('glossary');
    // A help link's name says what it explains.
    expect(await page.getByTestId('help-seed').first().textContent()).toBe('?What is Seed?');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before a load replaces edits: Cancel keeps every edit, Replace then Undo brings them back', async () => {
    const { page, context, errors } = await openApp(session);
    await runModelInPage(page, 3);
    const model = () => page.evaluate(() => JSON.stringify(window.__pathflow!.model()));
    const asLoaded = await model();

    // Unedited: loading the example again asks nothing.
    await page.getByTestId('open-example').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'Opened the example workbook.');
    expect(await page.getByTestId('confirm-replace').isVisible()).toBe(false);

    await runModelInPage(page, 3);
    await page.getByRole('tab', { name: 'Edit parameters' }).click();
    await page.getByTestId('capacity-P2_RV-BCap').fill('110');
    await page.getByRole('tab', { name: 'Results' }).click();
    const edited = await model();
    expect(edited).not.toBe(asLoaded);

    // A workbook (here the example's file) over the edits: the question, then Cancel.
    await page.setInputFiles('#workbook-file', { name: 'other.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(EXAMPLE) });
    await page.getByTestId('confirm-replace').waitFor({ state: 'visible' });
    expect(await page.getByRole('dialog').getByRole('heading').textContent()).toBe('Replace your edited model with other.xlsx?');
    // The dialog is modal and takes focus, on Cancel: the safe choice.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('confirm-replace-cancel');
    await page.getByTestId('confirm-replace-cancel').click();
    expect(await page.getByTestId('confirm-replace').isVisible()).toBe(false);
    expect(await model()).toBe(edited);
    expect(await page.getByTestId('status').textContent()).toBe('Kept your edited model: other.xlsx was not loaded.');
    expect(await page.getByTestId('stale-notice').count()).toBe(1);

    // Escape cancels too.
    await page.getByTestId('open-example').click();
    await page.getByTestId('confirm-replace').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('confirm-replace').isVisible()).toBe(false);
    expect(await model()).toBe(edited);

    // Replace, then Undo: the edited model and its (stale) results come back.
    await page.getByTestId('open-example').click();
    await page.getByTestId('confirm-replace-replace').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.textContent === 'Opened the example workbook.');
    expect(await model()).toBe(asLoaded);
    expect(await page.getByTestId('comparison-table').count()).toBe(0);
    await page.getByTestId('undo-replace-button').click();
    expect(await model()).toBe(edited);
    expect(await page.getByTestId('comparison-table').count()).toBe(1);
    expect(await page.getByTestId('stale-notice').count()).toBe(1);
    expect(await page.getByTestId('undo-replace').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints the results without buttons, inputs, tabs or the picker, charts and table kept', async () => {
    const { page, context } = await openApp(session);
    await runModelInPage(page, 3);
    const visibleControls = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('button, input, select, textarea, [role="tablist"], details.pf-picker')]
          .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
          .map((e) => e.outerHTML.slice(0, 80)),
      );
    // On screen there are plenty, so the check below can fail.
    expect((await visibleControls()).length).toBeGreaterThan(10);
    await page.emulateMedia({ media: 'print' });
    expect(await visibleControls()).toEqual([]);
    expect(await page.getByTestId('comparison-table').isVisible()).toBe(true);
    expect(await page.getByTestId('system-view').isVisible()).toBe(true);
    expect(await page.getByTestId('plain-summary').isVisible()).toBe(true);
    for (const metric of ['occ', 'niq', 'wait', 'cost']) expect(await page.getByTestId(`chart-${metric}`).isVisible()).toBe(true);
    await context.close();
  });

  it('cancels a Word download between charts: no file, no error, ready again', async () => {
    const { page, context, errors } = await openApp(session);
    await runModelInPage(page, 3);
    await page.selectOption('#report-format', 'docx');
    let downloads = 0;
    page.on('download', () => downloads++);
    // Cancel from inside the page the moment the first chart is counted: the charts still to
    // draw are checked against the cancel one by one, so this cannot race the download.
    await page.evaluate(() => {
      const line = window.document.querySelector('[data-testid="report-progress"]')!;
      const observer = new MutationObserver(() => {
        if (!/^Preparing charts: 1 of /.test(line.textContent ?? '')) return;
        observer.disconnect();
        window.document.querySelector<HTMLButtonElement>('[data-testid="cancel-report"]')!.click();
      });
      observer.observe(line, { childList: true, subtree: true, characterData: true });
    });
    await page.getByTestId('download-report').click();
    await page.waitForFunction(() => {
      const button = window.document.querySelector<HTMLButtonElement>('[data-testid="download-report"]');
      return button?.textContent === 'Download report' && !button.disabled;
    });
    expect(await page.getByTestId('report-progress').textContent()).toBe('');
    expect(await page.getByTestId('cancel-report').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(downloads).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
