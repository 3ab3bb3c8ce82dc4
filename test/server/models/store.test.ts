import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { createModel, getModel, listModels } from '../../../src/server/models/modelStore.js';
import { getRevision } from '../../../src/server/models/revisions.js';
import { createWorkspace, listWorkspacesOf, WorkspaceNameTaken } from '../../../src/server/models/workspaces.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { smallModel } from '../../workbook/fixtures.js';
import { testDatabases } from '../databases.js';
import { addUser } from './people.js';

describe.each(testDatabases)('workspaces and models stored on $name', ({ open }) => {
  let database: ServerDatabase;
  beforeEach(async () => {
    database = await open();
  });
  afterEach(async () => {
    await database.close();
  });

  it('makes the creator of a workspace its admin, and lists only the workspaces a person is in', async () => {
    const { db } = database;
    const ana = await addUser(db, 'Ana');
    const ben = await addUser(db, 'Ben');
    const riverside = await createWorkspace(db, { name: ' Riverside ', userId: ana });
    await createWorkspace(db, { name: 'Downs', userId: ben });
    expect(riverside).toMatchObject({ name: 'Riverside', role: 'admin' });
    expect(await listWorkspacesOf(db, ana)).toEqual([riverside]);
    expect((await listWorkspacesOf(db, ben)).map((workspace) => workspace.name)).toEqual(['Downs']);
    await expect(createWorkspace(db, { name: 'Riverside', userId: ben })).rejects.toBeInstanceOf(WorkspaceNameTaken);
    const race = await Promise.allSettled([createWorkspace(db, { name: 'Coast', userId: ana }), createWorkspace(db, { name: 'Coast', userId: ben })]);
    expect(race.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(race.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(WorkspaceNameTaken) });
    const audit = await db.selectFrom('audit').selectAll().where('workspace_id', '=', riverside.id).execute();
    expect(audit.map((entry) => [entry.action, entry.user_id, JSON.parse(entry.detail)])).toEqual([['workspace.create', ana, { name: 'Riverside' }]]);
  });

  it('stores a new model as revision 1, exactly as model.json is written, and finds it only in its workspace', async () => {
    const { db } = database;
    const ana = await addUser(db, 'Ana');
    const riverside = await createWorkspace(db, { name: 'Riverside', userId: ana });
    const downs = await createWorkspace(db, { name: 'Downs', userId: ana });
    const model = smallModel();
    const created = await createModel(db, { workspaceId: riverside.id, name: 'Winter plan', model, userId: ana });
    expect(created.model).toMatchObject({ workspaceId: riverside.id, name: 'Winter plan', latestRevision: 1, createdBy: { id: ana, displayName: 'Ana' }, updatedBy: { id: ana } });
    expect(created.revision).toMatchObject({ revision: 1, message: 'created' });

    const first = await getRevision(db, { workspaceId: riverside.id, modelId: created.model.id, revision: 1 });
    expect(JSON.stringify(first!.model) + '\n').toBe(modelFileText(model));
    expect(first!.createdBy.displayName).toBe('Ana');
    expect(await getRevision(db, { workspaceId: riverside.id, modelId: created.model.id, revision: 2 })).toBeUndefined();
    expect(await getRevision(db, { workspaceId: downs.id, modelId: created.model.id, revision: 1 })).toBeUndefined();
    expect(await getModel(db, downs.id, created.model.id)).toBeUndefined();
    expect(await listModels(db, downs.id)).toEqual([]);
    expect(await listModels(db, riverside.id)).toEqual([created.model]);

    const audit = await db.selectFrom('audit').selectAll().where('action', '=', 'model.create').execute();
    expect(audit.map((entry) => [entry.user_id, entry.target_id, JSON.parse(entry.detail)])).toEqual([[ana, created.model.id, { name: 'Winter plan', revision: 1, message: 'created' }]]);
  });
});
