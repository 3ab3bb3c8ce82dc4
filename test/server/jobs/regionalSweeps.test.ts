/**
 * Regional sweeps on both databases: one sweep across two ICBs' workspaces runs each model
 * in its own workspace, with the same files as a single run of the same revision and seed;
 * a caller must be an editor in every workspace named, and any refusal queues nothing;
 * `GET /sweeps/:id` shows each caller only the runs in workspaces they are a member of.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import { createLocalUser, setMembership } from '../../../src/server/auth/accounts.js';
import { createApiToken } from '../../../src/server/auth/tokens.js';
import { createWorkspace } from '../../../src/server/models/workspaces.js';
import { runFiles } from '../../../src/server/jobs/runStore.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { Role } from '../../../src/server/storage/tables.js';
import type { AuditView, RunView, SweepDetailView, SweepView } from '../../../src/server/apiTypes.js';
import type { ModelSpec } from '../../../src/engine/model.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { networkModel } from '../../engine/networkFixture.js';
import { builtRunFilesWorker, until } from './runFixtures.js';

const API = '/api/v1';
const TERMINAL = ['succeeded', 'failed', 'cancelled'];

describe.each(testDatabases)('regional sweeps on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let people = 0;
  /** Two ICBs: the harness's workspace and one more, each with a model of its own. */
  const icb: { id: string; modelId: string }[] = [];
  let regional: Record<string, string>;

  /** Headers of a new person with `roles` in the workspaces given (none: a member of nothing). */
  const person = async (roles: [string, Role][]): Promise<Record<string, string>> => {
    const user = await createLocalUser(database.db, { email: `regional-${++people}@example.nhs.uk`, displayName: `Person ${people}` });
    for (const [workspaceId, role] of roles) await setMembership(database.db, workspaceId, user.id, role);
    return { authorization: `Bearer ${(await createApiToken(database.db, user.id, 'tests')).token}` };
  };
  const addModel = async (workspaceId: string, name: string, model: ModelSpec): Promise<string> => {
    const headers = await person([[workspaceId, 'editor']]);
    const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${workspaceId}/models`, headers, payload: { name, model: JSON.parse(modelFileText(model)) } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id;
  };
  const runCount = async () => Number((await database.db.selectFrom('runs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const sweepCount = async () => Number((await database.db.selectFrom('sweeps').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const postSweep = (headers: Record<string, string>, payload: unknown) => server.app.inject({ method: 'POST', url: `${API}/sweeps`, headers, payload: payload as object });
  const getSweep = (headers: Record<string, string>, id: string) => server.app.inject({ url: `${API}/sweeps/${id}`, headers });
  const finished = (workspaceId: string, runId: string, headers: Record<string, string>) =>
    until('the run to finish', async () => {
      const run: RunView = (await server.app.inject({ url: `${API}/workspaces/${workspaceId}/runs/${runId}`, headers })).json();
      return TERMINAL.includes(run.status) ? run : undefined;
    }, 240_000, 200);

  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker() } });
    const owner = await createLocalUser(database.db, { email: 'second-icb-owner@example.nhs.uk', displayName: 'Second ICB owner' });
    const second = await createWorkspace(database.db, { name: 'Second ICB planning', userId: owner.id });
    // Different models, so a run made from the other workspace's model would show in its bytes.
    icb.push({ id: server.workspaceId, modelId: await addModel(server.workspaceId, 'North ICB', networkModel('warmup')) });
    icb.push({ id: second.id, modelId: await addModel(second.id, 'South ICB', networkModel('blocked')) });
    regional = await person([[icb[0].id, 'editor'], [icb[1].id, 'admin']]);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const bothItems = () => icb.map(({ id, modelId }) => ({ workspaceId: id, modelId, revision: 1 }));

  it('runs each model in its own workspace, with the bytes of a single run, seen whole by the regional team', async () => {
    const reply = await postSweep(regional, { runs: bothItems(), replications: 10, seed: 7 });
    expect(reply.statusCode, reply.body).toBe(202);
    const sweep: SweepView = reply.json();
    expect(sweep.runs.map((run) => [run.workspaceId, run.modelId])).toEqual(icb.map(({ id, modelId }) => [id, modelId]));
    for (const run of sweep.runs) expect(run).toMatchObject({ status: 'queued', sweepId: sweep.sweepId, options: { replications: 10, seed: 7 } });

    const singles: RunView[] = [];
    for (const { id, modelId } of icb) {
      const single = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${id}/models/${modelId}/runs`, headers: regional, payload: { revision: 1, replications: 10, seed: 7 } });
      expect(single.statusCode, single.body).toBe(202);
      singles.push(single.json());
    }
    for (const [index, run] of [...sweep.runs, ...singles].entries()) expect((await finished(icb[index % 2].id, run.id, regional)).status).toBe('succeeded');

    for (const [index, run] of sweep.runs.entries()) {
      const swept = (await runFiles(database.db, run.id))['summary.csv'];
      const single = (await runFiles(database.db, singles[index].id))['summary.csv'];
      expect(swept.length).toBeGreaterThan(0);
      expect(Buffer.from(swept).equals(Buffer.from(single))).toBe(true);
    }
    const [north, south] = [(await runFiles(database.db, sweep.runs[0].id))['summary.csv'], (await runFiles(database.db, sweep.runs[1].id))['summary.csv']];
    expect(Buffer.from(north).equals(Buffer.from(south))).toBe(false);

    const seen = await getSweep(regional, sweep.sweepId);
    expect(seen.statusCode, seen.body).toBe(200);
    const detail: SweepDetailView = seen.json();
    expect(detail).toMatchObject({ sweepId: sweep.sweepId, options: { replications: 10, seed: 7 }, counts: { succeeded: 2, queued: 0, running: 0, failed: 0, cancelled: 0 } });
    expect(detail.runs.map((run) => [run.id, run.status, run.progress])).toEqual(sweep.runs.map((run) => [run.id, 'succeeded', 1]));

    // Each ICB's own log says the sweep started there, with its share of the runs.
    for (const { id } of icb) {
      const admin = await person([[id, 'admin']]);
      const audit: AuditView[] = (await server.app.inject({ url: `${API}/workspaces/${id}/audit`, headers: admin })).json();
      expect(audit.find((entry) => entry.action === 'sweep.start' && entry.targetId === sweep.sweepId)?.detail).toEqual({ runs: 1, replications: 10, seed: 7, regional: true });
    }
  }, 600_000);

  it('shows a member of one workspace only its run, and nobody else anything', async () => {
    const sweep: SweepView = (await postSweep(regional, { runs: bothItems(), replications: 2, seed: 1 })).json();
    const northViewer = await person([[icb[0].id, 'viewer']]);
    const detail: SweepDetailView = (await getSweep(northViewer, sweep.sweepId)).json();
    expect(detail.runs.map((run) => run.id)).toEqual([sweep.runs[0].id]);
    expect(Object.values(detail.counts).reduce((a, b) => a + b, 0)).toBe(1);
    // The run is theirs to read in their workspace; the other ICB's is not, there or by its own address.
    expect((await server.app.inject({ url: `${API}/workspaces/${icb[0].id}/runs/${sweep.runs[0].id}`, headers: northViewer })).statusCode).toBe(200);
    expect((await server.app.inject({ url: `${API}/workspaces/${icb[1].id}/runs/${sweep.runs[1].id}`, headers: northViewer })).statusCode).toBe(404);

    const outsider = await getSweep(await person([]), sweep.sweepId);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json().error.message).toBe('the sweep was not found');
    expect((await getSweep(regional, 'no-such-sweep')).statusCode).toBe(404);
    expect((await server.app.inject({ url: `${API}/sweeps/${sweep.sweepId}` })).statusCode).toBe(401);
  });

  it('lists a sweep started within one workspace by the same address', async () => {
    const started = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${icb[0].id}/sweeps`, headers: regional, payload: { runs: [{ modelId: icb[0].modelId }], replications: 2, seed: 1 } });
    expect(started.statusCode, started.body).toBe(202);
    const sweep: SweepView = started.json();
    const detail: SweepDetailView = (await getSweep(regional, sweep.sweepId)).json();
    expect(detail.runs.map((run) => run.id)).toEqual([sweep.runs[0].id]);
  });

  describe('refusals queue nothing', () => {
    const refused = async (headers: Record<string, string>, payload: unknown, status: number, field: string | RegExp) => {
      const [runsBefore, sweepsBefore] = [await runCount(), await sweepCount()];
      const reply = await postSweep(headers, payload);
      expect(reply.statusCode, reply.body).toBe(status);
      expect(reply.json().error.field).toMatch(field);
      expect([await runCount(), await sweepCount()]).toEqual([runsBefore, sweepsBefore]);
      return reply.json().error.message as string;
    };

    it('a workspace the caller is not a member of: 404 naming the item', async () => {
      const northEditor = await person([[icb[0].id, 'editor']]);
      const message = await refused(northEditor, { runs: bothItems() }, 404, /^runs\[1\]$/);
      expect(message).toBe(`runs[1] (workspace ${icb[1].id}): the workspace was not found; nothing was queued`);
      await refused(regional, { runs: [bothItems()[0], { workspaceId: 'no-such-workspace', modelId: icb[0].modelId }] }, 404, /^runs\[1\]$/);
    });

    it('a viewer in one of them: 403 naming the item', async () => {
      const southViewer = await person([[icb[0].id, 'admin'], [icb[1].id, 'viewer']]);
      const message = await refused(southViewer, { runs: bothItems() }, 403, /^runs\[1\]$/);
      expect(message).toContain('needs the editor role in the workspace; you are a viewer');
    });

    it('a model not in the workspace named (even one in another of the caller’s workspaces): 404 naming the item', async () => {
      const swapped = [bothItems()[0], { workspaceId: icb[1].id, modelId: icb[0].modelId }];
      expect(await refused(regional, { runs: swapped }, 404, /^runs\[1\]$/)).toContain(`model ${icb[0].modelId}`);
      await refused(regional, { runs: [{ ...bothItems()[0], revision: 9 }] }, 404, /^runs\[0\]$/);
    });

    it('an empty list, more than 500 runs, or no token', async () => {
      await refused(regional, { runs: [] }, 400, /^runs/);
      await refused(regional, { runs: Array.from({ length: 501 }, () => bothItems()[0]) }, 400, /^runs/);
      const runsBefore = await runCount();
      expect((await postSweep({}, { runs: bothItems() })).statusCode).toBe(401);
      expect(await runCount()).toBe(runsBefore);
    });
  });
});
