/**
 * Help, load safety and printing in real Chromium: every "?" opens its glossary entry and
 * focuses it; loading over edits asks first and can be undone; printed pages carry no
 * controls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GLOSSARY } from '../../src/report/glossary.js';
import { BROWSER_TEST_MS, browserSkipReason, openApp, runModelInPage, startSession, type Session } from './browser.js';

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
    for (const id of ['delayed-bed-days', 'total-cost', 'replications', 'seed', 'occupancy', 'niq', 'mean-days-delayed', 'scenario', 'pathways', 'community-cost', 'acute-delay-cost', 'cost-basis', 'offered-load', 'erlang-c', 'sensitivity', 'horizon', 'service-target']) {
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
});
