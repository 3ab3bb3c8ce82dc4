/**
 * Plans as jobs on both databases: a plan's stored files are what the plan use case gives
 * for the same revision and options, it is listed with the runs as kind `plan`, and bad
 * options, too low a role and another workspace's model are refused before anything is queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { RunView } from '../../../src/server/apiTypes.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { planFilesOf } from '../../../src/server/jobs/planJob.js';
import { runFiles } from '../../../src/server/jobs/runStore.js';
import { testModel, builtPlanFilesWorker, builtRunFilesWorker, until } from './runFixtures.js';

const API = '/api/v1';

describe.each(testDatabases)('plan routes on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let editor: Record<string, string>;
  let modelId: string;
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker(), planWorkerFile: builtPlanFilesWorker() } });
    editor = await server.as('editor');
    const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models`, headers: editor, payload: { name: 'Network', model: JSON.parse(modelFileText(testModel)) } });
    expect(created.statusCode, created.body).toBe(201);
    modelId = created.json().id;
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const plans = () => `${API}/workspaces/${server.workspaceId}/models/${modelId}/plans`;
  const runs = () => `${API}/workspaces/${server.workspaceId}/runs`;

  it('plans a node as a job and stores the files the plan use case gives for the same seed', async () => {
    const options = { nodes: ['P1_A'], replications: 10, seed: 7 };
    const reply = await server.app.inject({ method: 'POST', url: plans(), headers: editor, payload: options });
    expect(reply.statusCode, reply.body).toBe(202);
    const started: RunView = reply.json();
    expect(started).toMatchObject({ kind: 'plan', status: 'queued', revision: 1, options: { ...options, objective: 'cost', sensitivity: 0.1 } });
    const done = await until('the plan to finish', async () => {
      const run: RunView = (await server.app.inject({ url: `${runs()}/${started.id}`, headers: editor })).json();
      return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
    }, 240_000, 200);
    expect(done.status, done.error).toBe('succeeded');
    expect(done.files).toEqual(['cost_curve.csv', 'manifest.json', 'optimal.csv', 'sensitivity.csv']);

    const checked = validateModel(JSON.parse(modelFileText(testModel)));
    if (!checked.ok) throw new Error('the test model does not pass the schema');
    const expected = await planFilesOf(checked.model, { ...options, objective: 'cost', sensitivity: 0.1 }, { source: 'model "Network" revision 1 on the team server' });
    const stored = await runFiles(database.db, started.id);
    for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
    const optimal = await server.app.inject({ url: `${runs()}/${started.id}/files/optimal.csv`, headers: editor });
    expect(optimal.body).toContain('P1_A');
    const listed: RunView[] = (await server.app.inject({ url: runs(), headers: editor })).json();
    expect(listed.find((run) => run.id === started.id)?.kind).toBe('plan');
  }, 300_000);

  it("offers the CLI's other optimise options, each recorded in the manifest and planned as the use case plans them", async () => {
    const options = { nodes: ['P1_A'], replications: 10, seed: 7, costBasis: 'commissioned' as const, initialResidual: 'stationary' as const, compat: 'ipacs-v1' as const, sensitivity: 0.2 };
    const reply = await server.app.inject({ method: 'POST', url: plans(), headers: editor, payload: options });
    expect(reply.statusCode, reply.body).toBe(202);
    const started: RunView = reply.json();
    const done = await until('the plan to finish', async () => {
      const run: RunView = (await server.app.inject({ url: `${runs()}/${started.id}`, headers: editor })).json();
      return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
    }, 240_000, 200);
    expect(done.status, done.error).toBe('succeeded');
    const checked = validateModel(JSON.parse(modelFileText(testModel)));
    if (!checked.ok) throw new Error('the test model does not pass the schema');
    const expected = await planFilesOf(checked.model, { ...options, objective: 'cost', scenario: 'baseline' }, { source: 'model "Network" revision 1 on the team server' });
    const stored = await runFiles(database.db, started.id);
    for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
    const manifest = JSON.parse(Buffer.from(stored['manifest.json']).toString('utf8'));
    expect(manifest).toMatchObject({ costBasis: 'commissioned', initialResidual: 'stationary', compat: 'ipacs-v1', sensitivity: 0.2, scenario: 'baseline', confidence: null, maxRuns: null });
  }, 300_000);

  it('refuses a viewer (403), another workspace (404) and bad options (400 naming the field), queueing nothing', async () => {
    const before = (await server.app.inject({ url: runs(), headers: editor })).json().length;
    const viewer = await server.as('viewer');
    expect((await server.app.inject({ method: 'POST', url: plans(), headers: viewer, payload: {} })).statusCode).toBe(403);
    const stranger = await startTestServer(database);
    const outsider = await stranger.as('admin');
    expect((await server.app.inject({ method: 'POST', url: plans(), headers: outsider, payload: {} })).statusCode).toBe(404);
    await stranger.close();
    const refusals: [object, string][] = [
      [{ nodes: ['Nowhere'] }, 'nodes'],
      [{ nodes: ['P2_A'] }, 'nodes'],
      [{ nodes: ['P1_A'], replications: 1 }, 'replications'],
      [{ objective: 'target' }, 'target'],
      [{ objective: 'target', target: 'delay-days-per-patient<=0x10' }, 'target'],
      [{ target: 'delay-days-per-patient<=1' }, 'target'],
      [{ replications: 0 }, 'replications'],
      [{ objective: 'best' }, 'objective'],
      [{ nodes: ['P1_A'], scenario: 'Nope' }, 'scenario'],
      [{ nodes: ['P1_A'], confidence: 0.9 }, 'confidence'],
      [{ nodes: ['P1_A'], maxRuns: 100 }, 'maxRuns'],
      [{ nodes: ['P1_A'], objective: 'target', target: 'delay-days-per-patient<=1', confidence: 1 }, 'confidence'],
      [{ nodes: ['P1_A'], objective: 'target', target: 'delay-days-per-patient<=1', replications: 10, maxRuns: 5 }, 'maxRuns'],
      [{ nodes: ['P1_A'], costBasis: 'free' }, 'costBasis'],
      [{ nodes: ['P1_A'], initialResidual: 'guess' }, 'initialResidual'],
      [{ nodes: ['P1_A'], compat: 'ipacs-v2' }, 'compat'],
      [{ nodes: ['P1_A'], component: 'A+all' }, 'component'],
      [{ nodes: ['P1_A'], ranges: {} }, 'ranges'],
    ];
    for (const [payload, field] of refusals) {
      const reply = await server.app.inject({ method: 'POST', url: plans(), headers: editor, payload });
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      expect(reply.json().error.field, JSON.stringify(payload)).toBe(field);
    }
    expect((await server.app.inject({ url: runs(), headers: editor })).json().length).toBe(before);
  }, 120_000);
});
