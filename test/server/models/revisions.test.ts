import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/model.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { createModel, deleteModel, getModel } from '../../../src/server/models/modelStore.js';
import { getRevision, listRevisions, reviseModel, revisionDiff } from '../../../src/server/models/revisions.js';
import { createWorkspace } from '../../../src/server/models/workspaces.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { smallModel } from '../../workbook/fixtures.js';
import { testDatabases } from '../databases.js';
import { addUser } from './people.js';

function withBeds(beds: number): ModelSpec {
  const model = smallModel();
  model.nodes[1].capacity[0].capacity = beds;
  return model;
}

describe.each(testDatabases)('revisions of a model on $name', ({ open }) => {
  let database: ServerDatabase;
  let ana: string;
  let ben: string;
  let workspaceId: string;
  let modelId: string;
  beforeEach(async () => {
    database = await open();
    ana = await addUser(database.db, 'Ana');
    ben = await addUser(database.db, 'Ben');
    workspaceId = (await createWorkspace(database.db, { name: 'Riverside', userId: ana })).id;
    modelId = (await createModel(database.db, { workspaceId, name: 'Winter plan', model: smallModel(), userId: ana })).model.id;
  });
  afterEach(async () => {
    await database.close();
  });

  it('saves a revision on the newest one, keeps the earlier one unchanged, and says who saved what', async () => {
    const { db } = database;
    const saved = await reviseModel(db, { workspaceId, modelId, baseRevision: 1, model: withBeds(30), message: ' two more winter beds ', userId: ben });
    expect(saved).toMatchObject({ outcome: 'saved', revision: { revision: 2, message: 'two more winter beds', createdBy: { id: ben, displayName: 'Ben' } } });
    expect(await getModel(db, workspaceId, modelId)).toMatchObject({ latestRevision: 2, createdBy: { id: ana }, updatedBy: { id: ben } });
    expect(JSON.stringify((await getRevision(db, { workspaceId, modelId, revision: 1 }))!.model) + '\n').toBe(modelFileText(smallModel()));
    expect(JSON.stringify((await getRevision(db, { workspaceId, modelId, revision: 2 }))!.model) + '\n').toBe(modelFileText(withBeds(30)));
    expect((await listRevisions(db, workspaceId, modelId)).map((revision) => [revision.revision, revision.createdBy.displayName])).toEqual([
      [2, 'Ben'],
      [1, 'Ana'],
    ]);
    expect(await revisionDiff(db, { workspaceId, modelId, from: 1, to: 2 })).toEqual({ from: 1, to: 2, changes: [{ path: 'nodes[P2_A].capacity[BCap].capacity', before: 21, after: 30 }] });
    expect(await revisionDiff(db, { workspaceId, modelId, from: 1, to: 3 })).toBeUndefined();

    const audit = await db.selectFrom('audit').selectAll().where('action', '=', 'model.revise').execute();
    expect(audit.map((entry) => [entry.user_id, entry.workspace_id, entry.target_id, JSON.parse(entry.detail)])).toEqual([
      [ben, workspaceId, modelId, { revision: 2, baseRevision: 1, message: 'two more winter beds', changes: 1, changed: ['nodes[P2_A].capacity[BCap].capacity'] }],
    ]);
  });

  it('refuses a save on a revision that is no longer the newest, telling the newest, and writes nothing', async () => {
    const { db } = database;
    await reviseModel(db, { workspaceId, modelId, baseRevision: 1, model: withBeds(30), userId: ana });
    const stale = await reviseModel(db, { workspaceId, modelId, baseRevision: 1, model: withBeds(40), userId: ben });
    expect(stale).toEqual({ outcome: 'conflict', latestRevision: 2 });
    expect((await listRevisions(db, workspaceId, modelId)).map((revision) => revision.revision)).toEqual([2, 1]);
    expect(await db.selectFrom('audit').select('user_id').where('action', '=', 'model.revise').execute()).toEqual([{ user_id: ana }]);
  });

  it('lets exactly one of several editors saving the same revision at once win; the others are told the winner', async () => {
    const { db } = database;
    // Several rounds, so a race that only sometimes overlaps still gets its chances.
    for (let round = 0; round < 5; round += 1) {
      const base = round + 1;
      const results = await Promise.all([ana, ben, ana].map((userId, editor) => reviseModel(db, { workspaceId, modelId, baseRevision: base, model: withBeds(30 + editor), message: `editor ${editor}`, userId })));
      const saved = results.filter((result) => result.outcome === 'saved');
      expect(saved).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'conflict')).toEqual([
        { outcome: 'conflict', latestRevision: base + 1 },
        { outcome: 'conflict', latestRevision: base + 1 },
      ]);
      const winner = await getRevision(db, { workspaceId, modelId, revision: base + 1 });
      expect(winner!.message).toBe(saved[0].outcome === 'saved' ? saved[0].revision.message : '');
    }
    expect((await getModel(db, workspaceId, modelId))!.latestRevision).toBe(6);
    expect(await db.selectFrom('audit').select('id').where('action', '=', 'model.revise').execute()).toHaveLength(5);
  });

  it('finds no model to save, list or diff in another workspace, nor once deleted', async () => {
    const { db } = database;
    const downs = (await createWorkspace(db, { name: 'Downs', userId: ben })).id;
    expect(await reviseModel(db, { workspaceId: downs, modelId, baseRevision: 1, model: withBeds(30), userId: ben })).toEqual({ outcome: 'not-found' });
    expect(await listRevisions(db, downs, modelId)).toEqual([]);
    expect(await deleteModel(db, { workspaceId: downs, modelId, userId: ben })).toBe(false);
    expect(await deleteModel(db, { workspaceId, modelId, userId: ana })).toBe(true);
    expect(await deleteModel(db, { workspaceId, modelId, userId: ana })).toBe(false);
    expect(await getModel(db, workspaceId, modelId)).toBeUndefined();
    expect(await reviseModel(db, { workspaceId, modelId, baseRevision: 1, model: withBeds(30), userId: ana })).toEqual({ outcome: 'not-found' });
    expect(await getRevision(db, { workspaceId, modelId, revision: 1 })).toBeUndefined();
    // Soft: the revision is still there for the audit.
    expect(await db.selectFrom('model_revisions').select('revision').where('model_id', '=', modelId).execute()).toEqual([{ revision: 1 }]);
    expect(await db.selectFrom('audit').select(['action', 'user_id']).where('action', '=', 'model.delete').execute()).toEqual([{ action: 'model.delete', user_id: ana }]);
  });
});
