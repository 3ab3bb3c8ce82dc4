/**
 * A run must not stall the server: the server keeps answering while a run of the network
 * example is simulated and its files built on their own worker thread, and that thread stops
 * when aborted. How long the server's thread is held (1.26 s per run when the files were
 * built on it; about 0.15 s now) is a speed figure, measured by the load test in
 * `npm run bench` (docs/server-configuration.md), not asserted here: a busy CI machine would
 * stretch any bound. Worker threads load dist/ (run `npm run build` first).
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

    let answers = 0;
    let run: RunView;
    for (;;) {
      const health = await server.app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      answers += 1;
      // The run's own row is read far less often than health, as a page following it would.
      if (answers % 20 === 0) {
        run = (await server.app.inject({ url: runUrl, headers: editor })).json();
        if (['succeeded', 'failed', 'cancelled'].includes(run.status)) break;
      }
      await sleep(10);
    }
    expect(run.status, run.error ?? '').toBe('succeeded');
    // Health answered between the run's start and its end, not only after it.
    expect(answers).toBeGreaterThan(1);
  });
});

describe("a run's files built on their own thread", () => {
  const checked = validateModel(networkExample());
  if (!checked.ok) throw new Error('the network example does not pass the schema');
  const model: ModelSpec = checked.model;
  const context = { started: '2026-01-05T09:00:00.000Z', source: 'the network example', workerFile: builtRunFilesWorker() };

  it('leaves the calling thread free while the network example is simulated and its files built', { timeout: 300_000 }, async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    let files: Record<string, Uint8Array>;
    try {
      files = await runFilesOffThread(model, { replications: REPLICATIONS, seed: 3 }, context);
    } finally {
      clearInterval(timer);
    }
    expect(files['daily.csv'].byteLength).toBeGreaterThan(1_000_000);
    // The calling thread's timer kept firing while the files were made elsewhere.
    expect(ticks).toBeGreaterThan(1);
  });

  it('stops when aborted, with the abort reason', { timeout: 120_000 }, async () => {
    const stop = new AbortController();
    // Unstopped, 1000 replications take minutes: the test would time out, not pass.
    const running = runFilesOffThread(model, { replications: 1000, seed: 3 }, { ...context, signal: stop.signal });
    setTimeout(() => stop.abort(new Error('cancelled by the test')), 500);
    await expect(running).rejects.toThrow('cancelled by the test');
  });
});
