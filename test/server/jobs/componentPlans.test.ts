/**
 * Component plans as jobs on both databases, and plans off the server's thread: a component
 * plan asked over the API stores joint_optimal.csv and joint_surface.csv byte for byte as the
 * built `pathflow optimise --component` writes them for the same model, seed and options; bad
 * choices are refused at the request naming the field; the server answers /api/health while a
 * plan is searched, and a cancel ends the plan's thread at once, storing nothing; a plan whose
 * worker stopped mid-search is taken up again (attempt 2) and stores the same bytes as one that
 * ran straight through. Worker threads and the CLI load dist/ (run `npm run build` first).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { RunView } from '../../../src/server/apiTypes.js';
import { createRunJobHandler } from '../../../src/server/jobs/runJob.js';
import { createRun, getRun, runFiles } from '../../../src/server/jobs/runStore.js';
import type { ComponentPlanOptions } from '../../../src/server/jobs/componentPlanJob.js';
import { builtCliWorkDirectory, pathflow, repoRoot } from '../../cliHarness.js';
import { builtPlanFilesWorker, builtRunFilesWorker, seedModel, until } from './runFixtures.js';

const API = '/api/v1';
const EXAMPLE = join(repoRoot, 'examples/fictional-icb-network.json');
const exampleText = () => readFileSync(EXAMPLE, 'utf8');
/** Health is asked many times a second, far beyond a person's rate. */
const NO_RATE_LIMIT = { max: 1_000_000, timeWindowMs: 60_000 };
const TERMINAL = ['succeeded', 'failed', 'cancelled'];

/** Narrow ranges and few replications keep the search to seconds; the CLI is given the same. */
const PLAN = { nodes: ['P3_RV', 'LTC_RV'], ranges: { P3_RV: { low: 60, high: 75 }, LTC_RV: { low: 380, high: 395 } }, replications: 4, seed: 5 };
const CLI_ARGS = ['--component', 'RV', '--nodes', 'P3_RV,LTC_RV', '--range', 'P3_RV=60:75,LTC_RV=380:395', '--runs', '4', '--seed', '5', '-q'];
const JOINT_FILES = ['joint_optimal.csv', 'joint_surface.csv'];

let cliFiles: Record<string, Buffer>;
let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-component-plan-');
  const out = join(work, 'cli');
  const { status, stderr } = pathflow('optimise', EXAMPLE, ...CLI_ARGS, '--out', out);
  expect(status, stderr).toBe(0);
  cliFiles = Object.fromEntries(JOINT_FILES.map((name) => [name, readFileSync(join(out, name))]));
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(testDatabases)('component plans on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let editor: Record<string, string>;
  let modelId: string;
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker(), planWorkerFile: builtPlanFilesWorker() }, rateLimit: NO_RATE_LIMIT });
    editor = await server.as('editor');
    const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models`, headers: editor, payload: { name: 'Network example', model: JSON.parse(exampleText()) } });
    expect(created.statusCode, created.body).toBe(201);
    modelId = created.json().id;
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const componentPlans = () => `${API}/workspaces/${server.workspaceId}/models/${modelId}/component-plans`;
  const runs = () => `${API}/workspaces/${server.workspaceId}/runs`;
  const runView = async (id: string): Promise<RunView> => (await server.app.inject({ url: `${runs()}/${id}`, headers: editor })).json();

  it('plans a component named by one of its nodes and stores the CLI’s joint files byte for byte', { timeout: 300_000 }, async () => {
    const reply = await server.app.inject({ method: 'POST', url: componentPlans(), headers: editor, payload: { component: 'P3_RV', ...PLAN } });
    expect(reply.statusCode, reply.body).toBe(202);
    const started: RunView = reply.json();
    expect(started).toMatchObject({ kind: 'plan', status: 'queued', options: { component: 'P3_RV', ...PLAN, scenario: 'baseline', objective: 'cost', initialResidual: 'ipacs' } });
    const done = await until('the plan to finish', async () => {
      const run = await runView(started.id);
      return TERMINAL.includes(run.status) ? run : undefined;
    }, 240_000, 200);
    expect(done.status, done.error).toBe('succeeded');
    expect(done.files).toEqual(['joint_optimal.csv', 'joint_surface.csv', 'manifest.json']);
    for (const name of JOINT_FILES) {
      const stored = await server.app.inject({ url: `${runs()}/${started.id}/files/${name}`, headers: editor });
      expect(stored.rawPayload.equals(cliFiles[name]), name).toBe(true);
    }
    const manifest = (await server.app.inject({ url: `${runs()}/${started.id}/files/manifest.json`, headers: editor })).json();
    expect(manifest).toMatchObject({ command: 'optimise', component: 'RV', nodes: PLAN.nodes, ranges: PLAN.ranges, seed: 5, runs: 4, objective: 'cost', scenario: 'baseline' });
    expect(manifest).not.toHaveProperty('started');
  });

  it('refuses bad choices with 400 naming the field, and a viewer with 403, queueing nothing', { timeout: 120_000 }, async () => {
    const before = (await server.app.inject({ url: runs(), headers: editor })).json().length;
    const viewer = await server.as('viewer');
    expect((await server.app.inject({ method: 'POST', url: componentPlans(), headers: viewer, payload: { component: 'RV', nodes: ['P3_RV'] } })).statusCode).toBe(403);
    const refusals: [object, string, RegExp][] = [
      [{ component: 'Nowhere', nodes: ['P3_RV'] }, 'component', /Nowhere is neither a network component .* \(its components: RV, DN, CT\)/],
      [{ component: 'RV' }, 'nodes', /nodes/],
      [{ component: 'RV', nodes: ['Nowhere'] }, 'nodes', /nodes: Nowhere is not a node of the model/],
      [{ component: 'RV', nodes: ['P3_DN'] }, 'nodes', /P3_DN is not in component RV/],
      [{ component: 'RV', nodes: ['Acute_RV'] }, 'nodes', /acute node/],
      [{ component: 'RV', nodes: ['P3_RV'], ranges: { LTC_RV: { low: 1, high: 2 } } }, 'ranges', /ranges names LTC_RV, not among nodes P3_RV/],
      [{ component: 'RV', nodes: ['P3_RV'], ranges: { P3_RV: { low: 9, high: 2 } } }, 'ranges', /low end 9 is above the high end 2/],
      [{ component: 'RV', nodes: ['P3_RV'], ranges: { P3_RV: { low: -1, high: 2 } } }, 'ranges.P3_RV.low', /ranges\.P3_RV\.low/],
      [{ component: 'RV', nodes: ['P3_RV'], scenario: 'Nope' }, 'scenario', /Nope is not a scenario name of component RV/],
      [{ component: 'RV', nodes: ['P3_RV'], objective: 'target' }, 'target', /needs a target/],
      [{ component: 'RV', nodes: ['P3_RV'], objective: 'target', target: 'delay-days-per-patient<=1' }, 'target', /not one of delayed-per-day/],
      [{ component: 'RV', nodes: ['P3_RV'], objective: 'target', target: 'blocked:P3_DN<=1' }, 'target', /P3_DN is not a node of component RV/],
      [{ component: 'RV', nodes: ['P3_RV'], target: 'delayed-per-day<=2' }, 'target', /cost objective has no target/],
      [{ component: 'RV', nodes: ['P3_RV'], replications: 1 }, 'replications', /replications/],
      [{ component: 'RV', nodes: ['P3_RV'], sensitivity: 0.1 }, 'sensitivity', /sensitivity/],
      [{ component: 'RV', nodes: ['P3_RV'], costBasis: 'free' }, 'costBasis', /costBasis/],
    ];
    for (const [payload, field, message] of refusals) {
      const reply = await server.app.inject({ method: 'POST', url: componentPlans(), headers: editor, payload });
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      expect(reply.json().error.field, JSON.stringify(payload)).toBe(field);
      expect(reply.json().error.message, JSON.stringify(payload)).toMatch(message);
    }
    expect((await server.app.inject({ url: runs(), headers: editor })).json().length).toBe(before);
  });

  it('answers /api/health while a plan is searched, and a cancel ends the plan with nothing stored', { timeout: 300_000 }, async () => {
    // Default ranges and 50 replications: a search of minutes, ended by the cancel.
    const reply = await server.app.inject({ method: 'POST', url: componentPlans(), headers: editor, payload: { component: 'RV', nodes: PLAN.nodes, replications: 50, scenario: 'all' } });
    expect(reply.statusCode, reply.body).toBe(202);
    const id: string = reply.json().id;
    await until('the plan to start', async () => (await runView(id)).status === 'running');
    // Health answered between the plan's start and its end, not only after it: the plan is
    // still searching once the answer has come.
    await until('/api/health to answer while the plan is searched', async () => {
      const health = await server.app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(200);
      return (await runView(id)).status === 'running';
    });
    const cancel = await server.app.inject({ method: 'POST', url: `${runs()}/${id}/cancel`, headers: editor });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const done = await until('the plan to stop', async () => {
      const run = await runView(id);
      return TERMINAL.includes(run.status) ? run : undefined;
    });
    expect(done.status).toBe('cancelled');
    // Stopped partway: not every search was done.
    expect(done.progress).not.toBe(1);
    expect(await runFiles(database.db, id)).toEqual({});
  });
});

describe.each(testDatabases)('a plan taken up again on $name', ({ open }) => {
  let database: ServerDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores, at attempt 2 after its worker stopped mid-search, the bytes of a plan that ran straight through', { timeout: 300_000 }, async () => {
    const seeded = await seedModel(database.db, exampleText());
    const options: ComponentPlanOptions = { component: 'RV', ...PLAN, scenario: 'baseline', objective: 'cost', initialResidual: 'ipacs' };
    const newPlan = () => createRun(database.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, kind: 'plan', options, pathflowVersion: '0.1.0', createdBy: seeded.userId });
    const handler = createRunJobHandler(database.db, { planWorkerFile: builtPlanFilesWorker() });

    const straight = await newPlan();
    await handler({ runId: straight.id }, new AbortController().signal);
    expect((await getRun(database.db, straight.id))!).toMatchObject({ status: 'succeeded', attempts: 1 });

    const retried = await newPlan();
    const stop = new AbortController();
    const firstAttempt = handler({ runId: retried.id }, stop.signal);
    await until('the plan to start', async () => (await getRun(database.db, retried.id))!.status === 'running', undefined, 20);
    stop.abort(new Error('the worker stopped'));
    await expect(firstAttempt).rejects.toThrow();
    expect((await getRun(database.db, retried.id))!).toMatchObject({ status: 'running', attempts: 1 });
    expect(await runFiles(database.db, retried.id)).toEqual({});
    await handler({ runId: retried.id }, new AbortController().signal);
    expect((await getRun(database.db, retried.id))!).toMatchObject({ status: 'succeeded', attempts: 2 });

    const expected = await runFiles(database.db, straight.id);
    const stored = await runFiles(database.db, retried.id);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
    for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
    for (const name of JOINT_FILES) expect(Buffer.from(stored[name]).equals(cliFiles[name]), name).toBe(true);
  });
});
