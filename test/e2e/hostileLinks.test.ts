/**
 * Hostile share links and stored models in real Chromium: each ends in a message saying what
 * is wrong and where, the example opens instead, and no page error is ever raised (issue 10,
 * defect 7; these gave a white page and an uncaught TypeError).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { BROWSER_STEP_MS, BROWSER_TEST_MS, browserSkipReason, openApp, startSession, type Session } from './browser.js';
import { smallModel } from '../workbook/fixtures.js';

const skip = browserSkipReason();

function hash(model: unknown): string {
  const envelope = { v: 1, model, replications: 20, seed: 1, source: 'a link' };
  return `#s=${Buffer.from(deflateSync(strToU8(JSON.stringify(envelope)))).toString('base64url')}`;
}

const model = smallModel();
const firstNode = model.nodes[0];
const links: [what: string, model: unknown, shown: string][] = [
  ['nodes: [null]', { ...model, nodes: [null] }, 'model.nodes[0]: is null, not an object'],
  ['nodes: [{}]', { ...model, nodes: [{}] }, 'model.nodes[0].id: is missing'],
  ['a negative capacity', { ...model, nodes: [{ ...firstNode, capacity: [{ name: 'BCap', capacity: -5 }] }] }, 'model.nodes[0].capacity[0].capacity (P1_A): capacity -5 is negative'],
  ['a daily series of one value', { ...model, nodes: [{ ...firstNode, arrivals: [{ name: 'BArr', daily: [3] }] }] }, 'model.nodes[0].arrivals[0].daily (P1_A): has 1 days'],
];

describe.skipIf(skip)('hostile links and stored models in the browser', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it.each(links)('a link with %s shows a message and opens the example', { timeout: BROWSER_TEST_MS }, async (_what, value, shown) => {
    const { page, context, errors } = await openApp(session, { path: hash(value) });
    try {
      const message = page.getByTestId('load-errors');
      await message.waitFor();
      expect(await message.textContent()).toContain('The shared link was not loaded');
      expect(await message.textContent()).toContain(shown);
      expect(await page.getByTestId('model-summary').textContent()).toContain('fictional-icb');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a stored model with no costs is set aside with a message', { timeout: BROWSER_TEST_MS }, async () => {
    const { costs: _costs, ...noCosts } = firstNode;
    const stored = JSON.stringify({ v: 1, model: { ...model, nodes: [noCosts] }, replications: 20, seed: 1, source: 'x' });
    const context = await session.browser.newContext();
    context.setDefaultTimeout(BROWSER_STEP_MS);
    await context.route(/^https?:\/\/(?!localhost[:/])/, (route) => route.abort());
    await context.addInitScript((text) => localStorage.setItem('pathflow:v1', text), stored);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(session.server.url);
      await page.getByTestId('model-summary').waitFor();
      expect(await page.getByTestId('load-errors').textContent()).toContain('model.nodes[0].costs (P1_A): is missing');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
