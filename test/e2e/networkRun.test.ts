/**
 * A model with a network component run in the browser's Web Workers: component tasks go to
 * the workers like scenario tasks, and give exactly the numbers Node gives, for any number of
 * workers. Needs the built app (`npm run build`) and /usr/bin/chromium.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyCsv } from '../../src/csv/daily.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { runModel } from '../../src/engine/run.js';
import { networkModel } from '../engine/network/runModels.js';
import { BROWSER_TEST_MS, browserSkipReason, openApp, startSession, type Session } from './browser.js';

const skip = browserSkipReason();

describe.skipIf(skip)('a network model in the browser', { timeout: BROWSER_TEST_MS }, () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('runs its component scenarios in Web Workers to exactly the numbers of Node, for 1 and 2 workers', async () => {
    const { page, context } = await openApp(session);
    const options = { replications: 4, seed: 11 };
    const node = await runModel(networkModel, options);
    let daily = '';
    for (const chunk of dailyCsv(node)) daily += chunk;
    const expected = { summaryCsv: summaryCsv(node, networkModel), dailySha256: createHash('sha256').update(daily).digest('hex'), scenarios: node.scenarios.length };
    // The networked nodes' rows are there: Acute_N to Home_N in four component scenarios.
    expect(expected.summaryCsv).toContain('P2_N_S1Cap_Blos_BArr_MoreP2,');
    for (const workers of [1, 2]) {
      const browser = await page.evaluate(([m, o, w]) => window.__pathflow!.run(m, o, w), [networkModel, options, workers] as const);
      expect(browser).toEqual(expected);
    }
    await context.close();
  });
});
