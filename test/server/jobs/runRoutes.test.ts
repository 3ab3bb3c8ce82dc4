/**
 * The run routes over HTTP on both databases, with the server working its runs in process
 * on worker threads (dist/): start a run, follow it over server-sent events to succeeded,
 * download its files, compare two runs, make a report, cancel one; and the refusals (no
 * token, too low a role, another workspace's run, a body failing the schema).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { RunComparison, RunEvent, RunView } from '../../../src/server/apiTypes.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { runFiles } from '../../../src/server/jobs/runStore.js';
import { testModel, builtRunFilesWorker, until } from './runFixtures.js';

const API = '/api/v1';

describe.each(testDatabases)('run routes on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let editor: Record<string, string>;
  let viewer: Record<string, string>;
  let modelId: string;
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database, { worker: { workerFile: builtRunFilesWorker() } });
    editor = await server.as('editor');
    viewer = await server.as('viewer');
    const created = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models`, headers: editor, payload: { name: 'Network', model: JSON.parse(modelFileText(testModel)) } });
    expect(created.statusCode, created.body).toBe(201);
    modelId = created.json().id;
  });
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  const runs = () => `${API}/workspaces/${server.workspaceId}/runs`;
  const start = async (payload: object): Promise<RunView> => {
    const reply = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models/${modelId}/runs`, headers: editor, payload });
    expect(reply.statusCode, reply.body).toBe(202);
    return reply.json();
  };
  const read = async (id: string): Promise<RunView> => (await server.app.inject({ url: `${runs()}/${id}`, headers: viewer })).json();
  const finished = (id: string) => until('the run to finish', async () => {
    const run = await read(id);
    return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  }, 240_000, 200);

  it('starts a run, streams its progress to succeeded, and serves its stored files', async () => {
    const run = await start({ replications: 20, seed: 4 });
    expect(run).toMatchObject({ status: 'queued', revision: 1, options: { replications: 20, seed: 4 }, attempts: 0 });
    const events = await server.app.inject({ url: `${runs()}/${run.id}/events`, headers: viewer });
    expect(events.statusCode).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    const sent: RunEvent[] = [...events.body.matchAll(/^event: run\ndata: (.*)$/gm)].map((match) => JSON.parse(match[1]));
    expect(sent.at(-1)).toEqual({ status: 'succeeded', progress: 1 });
    for (let i = 1; i < sent.length; i++) if (sent[i].status === sent[i - 1].status) expect(sent[i].progress).toBeGreaterThanOrEqual(sent[i - 1].progress);

    const done = await read(run.id);
    expect(done.files).toContain('summary.csv');
    const stored = await runFiles(database.db, run.id);
    const summary = await server.app.inject({ url: `${runs()}/${run.id}/files/summary.csv`, headers: viewer });
    expect(summary.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(summary.rawPayload.equals(Buffer.from(stored['summary.csv']))).toBe(true);
    expect((await server.app.inject({ url: `${runs()}/${run.id}/files/nothing.csv`, headers: viewer })).statusCode).toBe(404);
    const listed: RunView[] = (await server.app.inject({ url: `${runs()}?modelId=${modelId}`, headers: viewer })).json();
    expect(listed.map((r) => r.id)).toContain(run.id);
  });

  it('compares two runs: per node-scenario the figures of each and b minus a', async () => {
    const [a, b] = [await start({ replications: 10, seed: 1 }), await start({ replications: 10, seed: 2 })];
    await finished(a.id);
    await finished(b.id);
    const reply = await server.app.inject({ url: `${runs()}/compare?a=${a.id}&b=${b.id}`, headers: viewer });
    expect(reply.statusCode, reply.body).toBe(200);
    const comparison: RunComparison = reply.json();
    expect(comparison.metrics).toEqual(['mean_occupancy', 'mean_delayed', 'delayed_bed_days', 'mean_wait_days', 'total_cost']);
    expect(comparison.rows.length).toBeGreaterThan(0);
    for (const row of comparison.rows) for (const metric of comparison.metrics) expect(row.difference![metric]).toBeCloseTo(row.b![metric] - row.a![metric], 9);
    // Different seeds: some figure differs somewhere.
    expect(comparison.rows.some((row) => comparison.metrics.some((metric) => row.difference![metric] !== 0))).toBe(true);
  });

  it('makes an HTML report of a succeeded run and serves it', async () => {
    const run = await start({ replications: 10, seed: 9 });
    await finished(run.id);
    const made = await server.app.inject({ method: 'POST', url: `${runs()}/${run.id}/reports`, headers: viewer, payload: { format: 'html' } });
    expect(made.statusCode, made.body).toBe(201);
    const report = await server.app.inject({ url: made.json().url, headers: viewer });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(report.body).toMatch(/^<!doctype html>/i);
  });

  it('cancels a running run: it ends cancelled with no files, and a second cancel is refused', async () => {
    const run = await start({ replications: 3000, seed: 5 });
    await until('the run to make progress', async () => ((await read(run.id)).progress > 0 ? true : undefined));
    const cancel = await server.app.inject({ method: 'POST', url: `${runs()}/${run.id}/cancel`, headers: editor });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const done = await finished(run.id);
    expect(done.status).toBe('cancelled');
    expect(done.files).toBeUndefined();
    expect((await server.app.inject({ url: `${runs()}/${run.id}/files/summary.csv`, headers: viewer })).statusCode).toBe(404);
    expect((await server.app.inject({ method: 'POST', url: `${runs()}/${run.id}/cancel`, headers: editor })).statusCode).toBe(409);
  });

  it('refuses: no token, a viewer starting a run, a body failing the schema, an unknown revision', async () => {
    const url = `${API}/workspaces/${server.workspaceId}/models/${modelId}/runs`;
    expect((await server.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    expect((await server.app.inject({ method: 'POST', url, headers: viewer, payload: {} })).statusCode).toBe(403);
    const bad = await server.app.inject({ method: 'POST', url, headers: editor, payload: { replications: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/replications/);
    expect((await server.app.inject({ method: 'POST', url, headers: editor, payload: { revision: 2 } })).statusCode).toBe(404);
  });

  it('refuses a field or filter it does not take, naming it, rather than ignoring it', async () => {
    const before: RunView[] = (await server.app.inject({ url: runs(), headers: viewer })).json();
    const misspelt = await server.app.inject({ method: 'POST', url: `${API}/workspaces/${server.workspaceId}/models/${modelId}/runs`, headers: editor, payload: { replications: 5, seeed: 3 } });
    expect(misspelt.statusCode, misspelt.body).toBe(400);
    expect(misspelt.json().error).toMatchObject({ field: 'seeed', message: 'seeed is not a field this request takes (a misspelling?)' });
    const after: RunView[] = (await server.app.inject({ url: runs(), headers: viewer })).json();
    expect(after.map((run) => run.id)).toEqual(before.map((run) => run.id));
    // A filter misspelt would otherwise list every run of the workspace as if filtered.
    const filter = await server.app.inject({ url: `${runs()}?modelld=${modelId}`, headers: viewer });
    expect(filter.statusCode, filter.body).toBe(400);
    expect(filter.json().error.field).toBe('query.modelld');
  });

  it('refuses other workspaces and viewers on a run', async () => {
    const run = await start({ replications: 1, seed: 1 });
    expect((await server.app.inject({ method: 'POST', url: `${runs()}/${run.id}/cancel`, headers: viewer })).statusCode).toBe(403);
    const other = await startTestServer(database);
    try {
      const outsider = await other.as('admin');
      expect((await other.app.inject({ url: `${API}/workspaces/${other.workspaceId}/runs/${run.id}`, headers: outsider })).statusCode).toBe(404);
      expect((await other.app.inject({ url: `${runs()}/${run.id}`, headers: outsider })).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });
});
