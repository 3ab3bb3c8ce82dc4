/**
 * A workspace's models. A model is a name and a numbered list of immutable revisions; the
 * models row only says which revision is newest. Every lookup is inside one workspace, so a
 * model of another workspace reads as absent (the API answers 404 and tells nothing more),
 * and a deleted model (soft: its revisions and runs stay for the audit) reads as absent too.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ModelSpec } from '../../engine/model.js';
import { modelFileText } from '../../engine/modelSchema.js';
import type { ModelView, RevisionView } from '../apiTypes.js';
import { recordAudit } from '../storage/audit.js';
import type { Database } from '../storage/tables.js';
import { someone, usersById } from './people.js';

export const MAX_MODEL_NAME_LENGTH = 120;
export const MAX_MESSAGE_LENGTH = 2000;

export interface NewModel {
  workspaceId: string;
  name: string;
  /** Already through validateModel. */
  model: ModelSpec;
  message?: string;
  userId: string;
}

/** The stored text of a model: what a run's model.json holds, so a revision and its runs agree byte for byte. */
export function storedSpec(model: ModelSpec): string {
  return modelFileText(model);
}

export async function createModel(db: Kysely<Database>, input: NewModel): Promise<{ model: ModelView; revision: RevisionView }> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const name = input.name.trim();
  const message = input.message?.trim() || 'created';
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('models').values({ id, workspace_id: input.workspaceId, name, latest_revision: 1, created_at: now, created_by: input.userId, deleted_at: null }).execute();
    await trx.insertInto('model_revisions').values({ model_id: id, revision: 1, spec: storedSpec(input.model), message, created_at: now, created_by: input.userId }).execute();
    await recordAudit(trx, { userId: input.userId, workspaceId: input.workspaceId, action: 'model.create', targetType: 'model', targetId: id, detail: { name, revision: 1, message } });
  });
  const model = await getModel(db, input.workspaceId, id);
  return { model: model!, revision: { modelId: id, revision: 1, message, createdAt: now, createdBy: model!.createdBy } };
}

function modelsOf(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('models')
    .innerJoin('model_revisions', (join) => join.onRef('model_revisions.model_id', '=', 'models.id').onRef('model_revisions.revision', '=', 'models.latest_revision'))
    .select(['models.id', 'models.workspace_id', 'models.name', 'models.latest_revision', 'models.created_at', 'models.created_by', 'model_revisions.created_at as updated_at', 'model_revisions.created_by as updated_by'])
    .where('models.workspace_id', '=', workspaceId)
    .where('models.deleted_at', 'is', null);
}

type ModelRow = Awaited<ReturnType<ReturnType<typeof modelsOf>['executeTakeFirstOrThrow']>>;

async function modelViews(db: Kysely<Database>, rows: ModelRow[]): Promise<ModelView[]> {
  const users = await usersById(db, rows.flatMap((row) => [row.created_by, row.updated_by]));
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    latestRevision: Number(row.latest_revision),
    createdAt: row.created_at,
    createdBy: someone(users, row.created_by),
    updatedAt: row.updated_at,
    updatedBy: someone(users, row.updated_by),
  }));
}

/** The workspace's models, by name. */
export async function listModels(db: Kysely<Database>, workspaceId: string): Promise<ModelView[]> {
  return modelViews(db, await modelsOf(db, workspaceId).orderBy('models.name').orderBy('models.created_at').execute());
}

/** The model, or undefined when it is not in this workspace or was deleted. */
export async function getModel(db: Kysely<Database>, workspaceId: string, modelId: string): Promise<ModelView | undefined> {
  const row = await modelsOf(db, workspaceId).where('models.id', '=', modelId).executeTakeFirst();
  return row ? (await modelViews(db, [row]))[0] : undefined;
}

/** Soft: the model leaves every list, its revisions and runs stay for the audit. False when there was no such model. */
export async function deleteModel(db: Kysely<Database>, input: { workspaceId: string; modelId: string; userId: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .updateTable('models')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', input.modelId)
      .where('workspace_id', '=', input.workspaceId)
      .where('deleted_at', 'is', null)
      .returning(['name'])
      .executeTakeFirst();
    if (!deleted) return false;
    await recordAudit(trx, { userId: input.userId, workspaceId: input.workspaceId, action: 'model.delete', targetType: 'model', targetId: input.modelId, detail: { name: deleted.name } });
    return true;
  });
}
