/**
 * A model's revisions: written once, never updated. Saving names the revision it was
 * edited from (`baseRevision`); when someone else saved since, the save is refused and
 * told the newest revision, so no one's work is silently overwritten.
 */
import type { Kysely } from 'kysely';
import type { RevisionView } from '../apiTypes.js';
import type { Database } from '../storage/tables.js';
import { someone, usersById } from './people.js';

function revisionsOf(db: Kysely<Database>, workspaceId: string, modelId: string) {
  return db
    .selectFrom('model_revisions')
    .innerJoin('models', 'models.id', 'model_revisions.model_id')
    .where('models.workspace_id', '=', workspaceId)
    .where('models.id', '=', modelId)
    .where('models.deleted_at', 'is', null);
}

/** Newest first, without the models themselves. */
export async function listRevisions(db: Kysely<Database>, workspaceId: string, modelId: string): Promise<RevisionView[]> {
  const rows = await revisionsOf(db, workspaceId, modelId)
    .select(['model_revisions.revision', 'model_revisions.message', 'model_revisions.created_at', 'model_revisions.created_by'])
    .orderBy('model_revisions.revision', 'desc')
    .execute();
  const users = await usersById(db, rows.map((row) => row.created_by));
  return rows.map((row) => ({ modelId, revision: Number(row.revision), message: row.message, createdAt: row.created_at, createdBy: someone(users, row.created_by) }));
}

/** One revision with its model (ModelSpec JSON), or undefined when the model is not in this workspace or has no such revision. */
export async function getRevision(db: Kysely<Database>, input: { workspaceId: string; modelId: string; revision: number }): Promise<RevisionView | undefined> {
  const row = await revisionsOf(db, input.workspaceId, input.modelId)
    .select(['model_revisions.revision', 'model_revisions.message', 'model_revisions.created_at', 'model_revisions.created_by', 'model_revisions.spec'])
    .where('model_revisions.revision', '=', input.revision)
    .executeTakeFirst();
  if (!row) return undefined;
  const users = await usersById(db, [row.created_by]);
  return { modelId: input.modelId, revision: Number(row.revision), message: row.message, createdAt: row.created_at, createdBy: someone(users, row.created_by), model: JSON.parse(row.spec) };
}
