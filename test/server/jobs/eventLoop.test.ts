/**
 * A run must not stall the server. Building a run's files on the server's thread (daily.csv
 * rows, number formatting, UTF-8) held it for 1.26 s per run of the network example at 10
 * replications (1.55 s at 100) on a 2-core machine; on their own worker thread the server's
 * thread is never held longer than about 0.15 s while they are built. Storing the files in
 * SQLite is still synchronous (about 0.7 s for the example's 40 MB), so the whole-server test
 * below allows 2 s: with the files built on the server's thread its longest gap was 1.39 s
 * (SQLite) on an idle machine and 2.5 s under the load test; now 0.57-0.71 s (SQLite, the
 * store) and 0.28-0.43 s (PostgreSQL). The thread test's bound, 0.5 s, is the one the old
 * code clearly fails. Worker threads load dist/ (run `npm run build` first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { RunView } from '../../../src/server/apiTypes.js';
import { repoRoot } from '../../cliHarness.js';
import { runFilesOffThread } from '../../../src/server/jobs/runFilesThread.js';
import { validateModel } from '../../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../../src/engine/model.js';
import { builtRunFilesWorker } from './runFixtures.js';

const API = '/api/v1';
const REPLICATIONS = 10;
/** Between two answers of /api/health, the SQLite store included (see the figures above). */
const LONGEST_GAP_MS = 2000;
/** Between two ticks of a 10 ms timer while only the files are built (old code: 1.26 s). */
const LONGEST_TICK_GAP_MS = 500;
const FEWEST_ANSWERS = 20;
/** Health is asked about a hundred times a second, far beyond a person's rate. */
const NO_RATE_LIMIT = { max: 1_000_000, timeWindowMs: 60_000 };

const networkExample = () => JSON.parse(readFileSync(join(repoRoot, 'examples/fictional-icb-network.json'), 'utf8'));

describe.each(testDatabases)('the event loop during a run on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  beforeEach(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker() }, rateLimit: NO_RATE_LIMIT });
  });
  afterEach(async () => {
    await server.close();
    await database.close();
  });

  it('keeps answering /api/health while a run of the network example is simulated and its files built', { timeout: 300_000 }, async () => {
    const editor = await server.as('editor');
    const model = networkExample();
    const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models`, headers: editor, payload: { name: 'Network example', model } });
    expect(created.statusCode, created.body).toBe(201);
    const started = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models/${created.json().id}/runs`, headers: editor, payload: { replications: REPLICATIONS, seed: 3 } });
    expect(started.statusCode, started.body).toBe(202);
    const runUrl = `${API}/workspaces/${server.workspaceId}/runs/${started.json().id}`;

    const answeredAt: number[] = [];
    let run: RunView;
    for (;;) {
      const health = await server.app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      answeredAt.push(performance.now());
      // The run's own row is read far less often than health, as a page following it would.
      if (answeredAt.length % 20 === 0) {
        run = (await server.app.inject({ url: runUrl, headers: editor })).json();
        if (['succeeded', 'failed', 'cancelled'].includes(run.status)) break;
      }
      await sleep(10);
    }
    expect(run.status, run.error ?? '').toBe('succeeded');
    const gaps = answeredAt.slice(1).map((at, i) => at - answeredAt[i]);
    const longest = Math.max(...gaps);
    expect(answeredAt.length).toBeGreaterThanOrEqual(FEWEST_ANSWERS);
    expect(longest, `longest gap between answers ${Math.round(longest)} ms over ${answeredAt.length} answers`).toBeLessThan(LONGEST_GAP_MS);
  });
});

describe("a run's files built on their own thread", () => {
  const checked = validateModel(networkExample());
  if (!checked.ok) throw new Error('the network example does not pass the schema');
  const model: ModelSpec = checked.model;
  const context = { started: '2026-01-05T09:00:00.000Z', source: 'the network example', workerFile: builtRunFilesWorker() };

  it('leaves the calling thread free while the network example is simulated and its files built', { timeout: 300_000 }, async () => {
    const ticks: number[] = [performance.now()];
    const timer = setInterval(() => ticks.push(performance.now()), 10);
    let files: Record<string, Uint8Array>;
    try {
      files = await runFilesOffThread(model, { replications: REPLICATIONS, seed: 3 }, context);
    } finally {
      clearInterval(timer);
    }
    expect(files['daily.csv'].byteLength).toBeGreaterThan(1_000_000);
    const longest = Math.max(...ticks.slice(1).map((at, i) => at - ticks[i]));
    expect(ticks.length).toBeGreaterThanOrEqual(FEWEST_ANSWERS);
    expect(longest, `longest gap between ticks ${Math.round(longest)} ms over ${ticks.length} ticks`).toBeLessThan(LONGEST_TICK_GAP_MS);
  });

  it('stops when aborted, with the abort reason', { timeout: 120_000 }, async () => {
    const stop = new AbortController();
    // Unstopped, 1000 replications take minutes: the test would time out, not pass.
    const running = runFilesOffThread(model, { replications: 1000, seed: 3 }, { ...context, signal: stop.signal });
    setTimeout(() => stop.abort(new Error('cancelled by the test')), 500);
    await expect(running).rejects.toThrow('cancelled by the test');
  });
});
