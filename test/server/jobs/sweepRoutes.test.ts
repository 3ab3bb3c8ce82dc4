/**
 * Scenario sweeps on both databases: a sweep of three models queues three runs that all
 * succeed and are listed by the sweep's id; a sweep naming a model the workspace does not
 * have is refused 404 naming it, with nothing queued; a viewer may not start one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { RunView, SweepView } from '../../../src/server/apiTypes.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { testModel, builtRunFilesWorker, until } from './runFixtures.js';

const API = '/api/v1';

describe.each(testDatabases)('sweeps on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let editor: Record<string, string>;
  const modelIds: string[] = [];
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker() } });
    editor = await server.as('editor');
    for (const name of ['North', 'South', 'West']) {
      const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models`, headers: editor, payload: { name, model: JSON.parse(modelFileText(testModel)) } });
      expect(created.statusCode, created.body).toBe(201);
      modelIds.push(created.json().id);
    }
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const sweeps = () => `${API}/workspaces/${server.workspaceId}/sweeps`;
  const runs = () => `${API}/workspaces/${server.workspaceId}/runs`;
  const allRuns = async (): Promise<RunView[]> => (await server.app.inject({ url: runs(), headers: editor })).json();

  it('queues a run of each model, all of which succeed, listed by the sweep', async () => {
    const reply = await server.app.inject({ method: 'POST', url: sweeps(), headers: editor, payload: { runs: modelIds.map((modelId) => ({ modelId, revision: 1 })), replications: 10, seed: 3 } });
    expect(reply.statusCode, reply.body).toBe(202);
    const sweep: SweepView = reply.json();
    expect(sweep.runs.map((run) => run.modelId)).toEqual(modelIds);
    for (const run of sweep.runs) expect(run).toMatchObject({ kind: 'run', status: 'queued', sweepId: sweep.sweepId, options: { replications: 10, seed: 3 } });
    const done = await until('the sweep to finish', async () => {
      const listed: RunView[] = (await server.app.inject({ url: `${runs()}?sweep=${sweep.sweepId}`, headers: editor })).json();
      return listed.length === 3 && listed.every((run) => ['succeeded', 'failed', 'cancelled'].includes(run.status)) ? listed : undefined;
    }, 240_000, 200);
    expect(done.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(new Set(done.map((run) => run.id))).toEqual(new Set(sweep.runs.map((run) => run.id)));
  }, 300_000);

  it('queues nothing when one model is unknown, and names it', async () => {
    const before = (await allRuns()).length;
    const reply = await server.app.inject({ method: 'POST', url: sweeps(), headers: editor, payload: { runs: [{ modelId: modelIds[0] }, { modelId: 'no-such-model' }], replications: 10, seed: 3 } });
    expect(reply.statusCode).toBe(404);
    expect(reply.json().error).toMatchObject({ field: 'runs[1]' });
    expect(reply.json().error.message).toContain('no-such-model');
    const tooNew = await server.app.inject({ method: 'POST', url: sweeps(), headers: editor, payload: { runs: [{ modelId: modelIds[0], revision: 9 }] } });
    expect(tooNew.statusCode).toBe(404);
    expect((await allRuns()).length).toBe(before);
  });

  it('refuses a viewer (403) and an empty sweep (400)', async () => {
    const viewer = await server.as('viewer');
    expect((await server.app.inject({ method: 'POST', url: sweeps(), headers: viewer, payload: { runs: [{ modelId: modelIds[0] }] } })).statusCode).toBe(403);
    const empty = await server.app.inject({ method: 'POST', url: sweeps(), headers: editor, payload: { runs: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.field).toMatch(/runs/);
  });
});
