/**
 * The workspace and model routes through the whole server (auth, error answers, schemas),
 * on both databases: what each endpoint answers, and each refusal — no token, too low a
 * role, another workspace's model, a model failing the schema, a stale or concurrent save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, MemberView, ModelImportView, ModelView, RevisionView, WorkspaceView, AuditView } from '../../../src/server/apiTypes.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { writeIpacsWorkbook } from '../../../src/workbook/write.js';
import { editedWorkbook, setCell, smallModel } from '../../workbook/fixtures.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import { testDatabases } from '../databases.js';

const API = '/api/v1';
type Headers = Record<string, string>;

function withBeds(beds: number) {
  const model = smallModel();
  model.nodes[1].capacity[0].capacity = beds;
  return model;
}

describe.each(testDatabases)('the workspace and model API on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let ws: string;
  let admin: Headers;
  let editor: Headers;
  let viewer: Headers;
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database);
    ws = server.workspaceId;
    [admin, editor, viewer] = [await server.as('admin'), await server.as('editor'), await server.as('viewer')];
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const call = async <T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Headers | undefined, payload?: unknown) => {
    const response = await server.app.inject({ method, url: `${API}${url}`, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: response.statusCode, body: (response.body === '' ? undefined : response.json()) as T };
  };
  const errorOf = (response: { body: unknown }) => (response.body as ErrorBody).error;
  const newModel = async (headers: Headers, name = 'Winter plan', workspace = ws) => (await call<ModelView>('POST', `/workspaces/${workspace}/models`, headers, { name, model: smallModel(), message: 'first go' })).body;

  it('refuses every route to a request with no token (401), and to a token that is not valid (401)', async () => {
    const model = await newModel(editor);
    const routes: Array<[method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown]> = [
      ['GET', '/workspaces'],
      ['POST', '/workspaces', { name: 'Nobody’s' }],
      ['GET', `/workspaces/${ws}/members`],
      ['PUT', `/workspaces/${ws}/members`, { email: 'a@nhs.net', role: 'viewer' }],
      ['DELETE', `/workspaces/${ws}/members/x`],
      ['GET', `/workspaces/${ws}/models`],
      ['POST', `/workspaces/${ws}/models`, { name: 'M', model: smallModel() }],
      ['GET', `/workspaces/${ws}/models/${model.id}`],
      ['DELETE', `/workspaces/${ws}/models/${model.id}`],
      ['GET', `/workspaces/${ws}/models/${model.id}/revisions`],
      ['GET', `/workspaces/${ws}/models/${model.id}/revisions/1`],
      ['POST', `/workspaces/${ws}/models/${model.id}/revisions`, { baseRevision: 1, model: smallModel() }],
      ['GET', `/workspaces/${ws}/models/${model.id}/diff?from=1&to=1`],
      ['GET', `/workspaces/${ws}/audit`],
    ];
    for (const [method, url, payload] of routes) {
      expect((await call(method, url, undefined, payload)).status, `${method} ${url}`).toBe(401);
      expect((await call(method, url, { authorization: 'Bearer pf_not-a-token' }, payload)).status, `${method} ${url}`).toBe(401);
    }
    expect((await call('GET', `/workspaces/${ws}/models/${model.id}`, editor)).status).toBe(200);
  });

  it('checks who is asking before what they sent: 401, 404 and 403 come before a refused body', async () => {
    const model = await newModel(editor, 'Guarded');
    const nonsense = { name: '', model: { nodes: 'none' }, extra: true };
    const outsider = await server.as('viewer');
    const elsewhere = (await call<WorkspaceView>('POST', '/workspaces', outsider, { name: 'Outside' })).body;
    for (const url of [`/workspaces/${ws}/models`, `/workspaces/${ws}/models/${model.id}/revisions`]) {
      expect((await call('POST', url, undefined, nonsense)).status, url).toBe(401);
      expect((await call('POST', url, viewer, nonsense)).status, url).toBe(403);
      expect((await call('POST', url.replace(ws, elsewhere.id), editor, nonsense)).status, url).toBe(404);
      expect((await call('POST', url, editor, nonsense)).status, url).toBe(400);
    }
    expect((await call('PUT', `/workspaces/${ws}/members`, editor, { role: 'god' })).status).toBe(403);
    expect((await call('POST', '/workspaces', undefined, { name: '' })).status).toBe(401);
  });

  it('makes a workspace with its creator as admin, lists only your own, and refuses a name already taken', async () => {
    const made = await call<WorkspaceView>('POST', '/workspaces', viewer, { name: 'Downs planning' });
    expect(made).toMatchObject({ status: 201, body: { name: 'Downs planning', role: 'admin' } });
    const mine = await call<WorkspaceView[]>('GET', '/workspaces', viewer);
    expect(mine.body.map((workspace) => [workspace.name, workspace.role]).sort()).toEqual([
      ['Downs planning', 'admin'],
      [expect.stringMatching(/^Test workspace/), 'viewer'],
    ]);
    expect((await call<WorkspaceView[]>('GET', '/workspaces', editor)).body.map((workspace) => workspace.id)).toEqual([ws]);
    const taken = await call('POST', '/workspaces', editor, { name: 'Downs planning' });
    expect([taken.status, errorOf(taken).field]).toEqual([409, 'name']);
    const blank = await call('POST', '/workspaces', editor, { name: '' });
    expect([blank.status, errorOf(blank).field]).toEqual([400, 'name']);
  });

  it('lets an admin add, change and remove members by email, keeps the last admin, and refuses others (403) and outsiders (404)', async () => {
    const founder = await server.as('viewer');
    const theirs = (await call<WorkspaceView>('POST', '/workspaces', founder, { name: 'Members test' })).body;
    const editorEmail = (await call<{ user: { email: string } }>('GET', '/auth/me', editor)).body.user.email;
    const members = await call<MemberView[]>('GET', `/workspaces/${ws}/members`, viewer);
    expect(members.status).toBe(200);
    const roleOf = async (headers: Headers) => {
      const me = (await call<{ user: { id: string } }>('GET', '/auth/me', headers)).body.user.id;
      return members.body.find((member) => member.user.id === me)?.role;
    };
    expect([await roleOf(admin), await roleOf(editor), await roleOf(viewer), await roleOf(founder)]).toEqual(['admin', 'editor', 'viewer', 'viewer']);

    expect((await call('PUT', `/workspaces/${ws}/members`, editor, { email: editorEmail, role: 'admin' })).status).toBe(403);
    expect((await call('GET', `/workspaces/${theirs.id}/members`, editor)).status).toBe(404);
    expect((await call('GET', '/workspaces/no-such-workspace/members', editor)).status).toBe(404);

    const added = await call<MemberView>('PUT', `/workspaces/${theirs.id}/members`, founder, { email: ` ${editorEmail.toUpperCase()}`, role: 'viewer' });
    expect(added).toMatchObject({ status: 200, body: { role: 'viewer', user: { email: editorEmail } } });
    expect((await call('GET', `/workspaces/${theirs.id}/members`, editor)).status).toBe(200);
    expect((await call('PUT', `/workspaces/${theirs.id}/members`, editor, { email: editorEmail, role: 'admin' })).status).toBe(403);
    const unknown = await call('PUT', `/workspaces/${ws}/members`, admin, { email: 'nobody@nowhere.nhs.uk', role: 'viewer' });
    expect([unknown.status, errorOf(unknown).field]).toEqual([400, 'email']);
    const badRole = await call('PUT', `/workspaces/${ws}/members`, admin, { email: editorEmail, role: 'owner' });
    expect([badRole.status, errorOf(badRole).field]).toEqual([400, 'role']);

    expect((await call('DELETE', `/workspaces/${theirs.id}/members/${added.body.user.id}`, founder)).status).toBe(204);
    expect((await call('GET', `/workspaces/${theirs.id}/members`, editor)).status).toBe(404);
    expect((await call('DELETE', `/workspaces/${theirs.id}/members/${added.body.user.id}`, founder)).status).toBe(404);
    const left = (await call<MemberView[]>('GET', `/workspaces/${theirs.id}/members`, founder)).body;
    expect(left.map((member) => member.role)).toEqual(['admin']);
    const lastAdmin = await call('DELETE', `/workspaces/${theirs.id}/members/${left[0].user.id}`, founder);
    expect([lastAdmin.status, errorOf(lastAdmin).message]).toEqual([409, expect.stringContaining('at least one admin')]);
  });

  it('saves a model as revision 1 for an editor, refuses a viewer (403), and shows it only inside its workspace (404 elsewhere)', async () => {
    expect((await call('POST', `/workspaces/${ws}/models`, viewer, { name: 'M', model: smallModel() })).status).toBe(403);
    const created = await call<ModelView>('POST', `/workspaces/${ws}/models`, editor, { name: 'Saved', model: smallModel(), message: 'first go' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Saved', workspaceId: ws, latestRevision: 1, createdBy: { displayName: 'A editor' } } });
    const id = created.body.id;
    expect((await call<ModelView>('GET', `/workspaces/${ws}/models/${id}`, viewer)).body).toEqual(created.body);
    expect((await call<ModelView[]>('GET', `/workspaces/${ws}/models`, viewer)).body.map((model) => model.id)).toContain(id);
    const first = await call<RevisionView>('GET', `/workspaces/${ws}/models/${id}/revisions/1`, viewer);
    expect(first.body).toMatchObject({ revision: 1, message: 'first go' });
    expect(JSON.stringify(first.body.model) + '\n').toBe(modelFileText(smallModel()));

    const stranger = await server.as('viewer');
    const elsewhere = (await call<WorkspaceView>('POST', '/workspaces', stranger, { name: 'Elsewhere' })).body;
    const theirs = (await call<ModelView>('POST', `/workspaces/${elsewhere.id}/models`, stranger, { name: 'Theirs', model: smallModel() })).body;
    for (const url of [`/models/${theirs.id}`, `/models/${theirs.id}/revisions`, `/models/${theirs.id}/revisions/1`, `/models/${theirs.id}/diff?from=1&to=1`]) {
      const asked = await call('GET', `/workspaces/${ws}${url}`, admin);
      expect([asked.status, errorOf(asked).message], url).toEqual([404, expect.stringContaining('was not found')]);
      expect((await call('GET', `/workspaces/${elsewhere.id}${url}`, admin)).status, url).toBe(404);
    }
    expect((await call('POST', `/workspaces/${ws}/models/${theirs.id}/revisions`, admin, { baseRevision: 1, model: withBeds(30) })).status).toBe(404);
    expect((await call('DELETE', `/workspaces/${ws}/models/${theirs.id}`, admin)).status).toBe(404);
    expect((await call('GET', `/workspaces/${elsewhere.id}/models/${theirs.id}`, stranger)).status).toBe(200);
  });

  it('refuses a model failing the schema (400), naming the field and listing every problem', async () => {
    // Caught by the route's JSON Schema (the Model component): a bound.
    const negative = withBeds(-3);
    const refused = await call('POST', `/workspaces/${ws}/models`, editor, { name: 'Bad', model: negative });
    expect([refused.status, errorOf(refused).field]).toEqual([400, 'model.nodes[1].capacity[0].capacity']);
    // Caught by validateModel, across fields: a series shorter than the horizon, a scenario name used twice.
    const inconsistent = smallModel();
    inconsistent.nodes[0].arrivals[0].daily.pop();
    inconsistent.nodes[2].capacity[1].name = 'BCap';
    const two = await call('POST', `/workspaces/${ws}/models`, editor, { name: 'Bad', model: inconsistent });
    expect(two.status).toBe(400);
    expect(errorOf(two).field).toBe('model.nodes[0].arrivals[0].daily');
    expect(errorOf(two).message).toMatch(/^the model is not valid: model\.nodes\[0\]\.arrivals\[0\]\.daily \(P1_A\): .* \(and 1 more problem\)$/);
    expect(errorOf(two).issues!.map((issue) => issue.path)).toEqual(['model.nodes[0].arrivals[0].daily (P1_A)', 'model.nodes[2].capacity[1].name (P3_A)']);
    const missing = await call('POST', `/workspaces/${ws}/models`, editor, { name: 'Bad', model: { name: 'x', dates: ['2025-01-01'] } });
    expect([missing.status, errorOf(missing).field]).toEqual([400, 'model.nodes']);
    const model = await newModel(editor, 'Kept');
    const badRevision = await call('POST', `/workspaces/${ws}/models/${model.id}/revisions`, editor, { baseRevision: 1, model: inconsistent });
    expect([badRevision.status, errorOf(badRevision).field]).toEqual([400, 'model.nodes[0].arrivals[0].daily']);
    expect((await call<ModelView>('GET', `/workspaces/${ws}/models/${model.id}`, editor)).body.latestRevision).toBe(1);
  });

  it('saves revisions on the newest, refuses a stale one (409 with latestRevision), and shows the history and the diff', async () => {
    const model = await newModel(editor, 'Revised');
    const url = `/workspaces/${ws}/models/${model.id}`;
    expect((await call('POST', `${url}/revisions`, viewer, { baseRevision: 1, model: withBeds(30) })).status).toBe(403);
    const second = await call<RevisionView>('POST', `${url}/revisions`, editor, { baseRevision: 1, model: withBeds(30), message: 'winter beds' });
    expect(second).toMatchObject({ status: 201, body: { revision: 2, message: 'winter beds' } });
    const stale = await call('POST', `${url}/revisions`, admin, { baseRevision: 1, model: withBeds(40) });
    expect(stale.status).toBe(409);
    expect(errorOf(stale)).toMatchObject({ latestRevision: 2, field: 'baseRevision' });
    const history = await call<RevisionView[]>('GET', `${url}/revisions`, viewer);
    expect(history.body.map((revision) => [revision.revision, revision.message, revision.model])).toEqual([
      [2, 'winter beds', undefined],
      [1, 'first go', undefined],
    ]);
    expect((await call('GET', `${url}/diff?from=1&to=2`, viewer)).body).toEqual({ from: 1, to: 2, changes: [{ path: 'nodes[P2_A].capacity[BCap].capacity', before: 21, after: 30 }] });
    expect((await call('GET', `${url}/diff?from=1&to=9`, viewer)).status).toBe(404);
    const badQuery = await call('GET', `${url}/diff?from=one&to=2`, viewer);
    expect([badQuery.status, errorOf(badQuery).field]).toEqual([400, 'query.from']);
    expect((await call('GET', `${url}/revisions/9`, viewer)).status).toBe(404);
  });

  it('tells the second of two editors saving the same revision at once that they lost, and keeps the winner’s model', async () => {
    const model = await newModel(editor, 'Contested');
    const other = await server.as('editor');
    const url = `/workspaces/${ws}/models/${model.id}/revisions`;
    const [mine, theirs] = await Promise.all([
      call<RevisionView>('POST', url, editor, { baseRevision: 1, model: withBeds(31), message: 'mine' }),
      call<RevisionView>('POST', url, other, { baseRevision: 1, model: withBeds(32), message: 'theirs' }),
    ]);
    expect([mine.status, theirs.status].sort()).toEqual([201, 409]);
    const [winner, loser] = mine.status === 201 ? [mine, theirs] : [theirs, mine];
    expect(errorOf(loser).latestRevision).toBe(2);
    const saved = await call<RevisionView>('GET', `${url}/2`, viewer);
    expect(saved.body.message).toBe(winner.body.message);
    expect((await call<RevisionView[]>('GET', url, viewer)).body).toHaveLength(2);
  });

  it('deletes a model for an admin only, after which it is not found', async () => {
    const model = await newModel(editor, 'Doomed');
    expect((await call('DELETE', `/workspaces/${ws}/models/${model.id}`, editor)).status).toBe(403);
    expect((await call('DELETE', `/workspaces/${ws}/models/${model.id}`, admin)).status).toBe(204);
    expect((await call('GET', `/workspaces/${ws}/models/${model.id}`, admin)).status).toBe(404);
    expect((await call<ModelView[]>('GET', `/workspaces/${ws}/models`, admin)).body.map((each) => each.id)).not.toContain(model.id);
  });

  it('imports an IPACS workbook as a new model, and refuses a broken one at its sheet!cell, saving nothing', async () => {
    const workbook = await writeIpacsWorkbook(smallModel());
    const type = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    const importUrl = `${API}/workspaces/${ws}/models/import?name=${encodeURIComponent('Imported plan')}`;
    const post = (headers: Headers, payload: Uint8Array, url = importUrl) => server.app.inject({ method: 'POST', url, headers: { ...headers, ...type }, payload: Buffer.from(payload) });
    expect((await post(viewer, workbook)).statusCode).toBe(403);
    expect((await post({}, workbook)).statusCode).toBe(401);
    const imported = await post(editor, workbook);
    expect(imported.statusCode).toBe(201);
    const view = imported.json() as ModelImportView;
    expect(view).toMatchObject({ name: 'Imported plan', latestRevision: 1, warnings: [] });
    const stored = (await call<RevisionView>('GET', `/workspaces/${ws}/models/${view.id}/revisions/1`, viewer)).body;
    expect(stored.message).toBe('imported from an IPACS workbook');
    expect(stored.model).toEqual(JSON.parse(modelFileText({ ...smallModel(), name: 'Imported plan' })));

    const before = (await call<ModelView[]>('GET', `/workspaces/${ws}/models`, viewer)).body.length;
    const broken = await editedWorkbook((sheets) => setCell(sheets, 'capacity', 'C2', 'lots'));
    const refused = await post(editor, broken);
    expect(refused.statusCode).toBe(400);
    const { error } = refused.json() as ErrorBody;
    expect(error.field).toBe('capacity!C2');
    expect(error.message).toMatch(/^the workbook cannot be imported: capacity!C2: /);
    const notWorkbook = await post(editor, new TextEncoder().encode('not a workbook'));
    expect([notWorkbook.statusCode, (notWorkbook.json() as ErrorBody).error.field]).toEqual([400, 'workbook']);
    const noName = await post(editor, workbook, `${API}/workspaces/${ws}/models/import`);
    expect([noName.statusCode, (noName.json() as ErrorBody).error.field]).toEqual([400, 'query.name']);
    expect((await call<ModelView[]>('GET', `/workspaces/${ws}/models`, viewer)).body).toHaveLength(before);
  });

  it('shows admins, and only admins, each change with who made it and what, newest first, a page at a time', async () => {
    const model = await newModel(editor, 'Audited');
    await call('POST', `/workspaces/${ws}/models/${model.id}/revisions`, editor, { baseRevision: 1, model: withBeds(33), message: 'audit me' });
    expect((await call('GET', `/workspaces/${ws}/audit`, editor)).status).toBe(403);
    const page = await call<AuditView[]>('GET', `/workspaces/${ws}/audit?limit=2`, admin);
    expect(page.status).toBe(200);
    expect(page.body.map((entry) => [entry.action, entry.user?.displayName, entry.targetId])).toEqual([
      ['model.revise', 'A editor', model.id],
      ['model.create', 'A editor', model.id],
    ]);
    expect(page.body[0].detail).toMatchObject({ revision: 2, message: 'audit me', changed: ['nodes[P2_A].capacity[BCap].capacity'] });
    const next = await call<AuditView[]>('GET', `/workspaces/${ws}/audit?before=${page.body[1].id}&limit=500`, admin);
    expect(next.body.length).toBeGreaterThan(0);
    expect(next.body.every((entry) => entry.id < page.body[1].id)).toBe(true);
    expect(next.body.at(-1)!.action).toBe('workspace.create');
    const tooMany = await call('GET', `/workspaces/${ws}/audit?limit=100000`, admin);
    expect([tooMany.status, errorOf(tooMany).field]).toEqual([400, 'query.limit']);
  });
});
