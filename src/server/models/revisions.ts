/**
 * A model's revisions: written once, never updated. Saving names the revision it was
 * edited from (`baseRevision`); when someone else saved since, the save is refused and
 * told the newest revision, so no one's work is silently overwritten.
 */
import type { Kysely } from 'kysely';
import type { ModelSpec } from '../../engine/model.js';
import type { RevisionChange, RevisionView } from '../apiTypes.js';
import { recordAudit } from '../storage/audit.js';
import type { Database } from '../storage/tables.js';
import { diffRevisions } from './modelDiff.js';
import { storedSpec } from './modelStore.js';
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

export interface RevisionInput {
  workspaceId: string;
  modelId: string;
  /** The revision the editor started from. */
  baseRevision: number;
  /** Already through validateModel. */
  model: ModelSpec;
  message?: string;
  userId: string;
}

export type RevisionSaved =
  | { outcome: 'saved'; revision: RevisionView }
  /** Someone saved after `baseRevision`: nothing was written; `latestRevision` is theirs. */
  | { outcome: 'conflict'; latestRevision: number }
  | { outcome: 'not-found' };

/** In the audit log, a save names at most this many changed fields (and counts them all). */
const MOST_AUDITED_PATHS = 20;

/**
 * Saves `model` as revision `baseRevision + 1`, unless someone saved since. The compare and
 * the advance are one UPDATE, so of two editors saving the same base at once exactly one
 * moves the model on: PostgreSQL makes the second wait for the first's row lock and then
 * finds the condition false; SQLite runs the two transactions one after the other.
 */
export async function reviseModel(db: Kysely<Database>, input: RevisionInput): Promise<RevisionSaved> {
  const now = new Date().toISOString();
  const message = input.message?.trim() ?? '';
  const spec = storedSpec(input.model);
  return db.transaction().execute(async (trx): Promise<RevisionSaved> => {
    const advanced = await trx
      .updateTable('models')
      .set({ latest_revision: input.baseRevision + 1 })
      .where('id', '=', input.modelId)
      .where('workspace_id', '=', input.workspaceId)
      .where('deleted_at', 'is', null)
      .where('latest_revision', '=', input.baseRevision)
      .executeTakeFirst();
    if (Number(advanced.numUpdatedRows) === 0) {
      const model = await trx.selectFrom('models').select('latest_revision').where('id', '=', input.modelId).where('workspace_id', '=', input.workspaceId).where('deleted_at', 'is', null).executeTakeFirst();
      return model ? { outcome: 'conflict', latestRevision: Number(model.latest_revision) } : { outcome: 'not-found' };
    }
    const base = await trx.selectFrom('model_revisions').select('spec').where('model_id', '=', input.modelId).where('revision', '=', input.baseRevision).executeTakeFirstOrThrow();
    const revision = input.baseRevision + 1;
    await trx.insertInto('model_revisions').values({ model_id: input.modelId, revision, spec, message, created_at: now, created_by: input.userId }).execute();
    const changes = diffRevisions(JSON.parse(base.spec), JSON.parse(spec));
    await recordAudit(trx, {
      userId: input.userId,
      workspaceId: input.workspaceId,
      action: 'model.revise',
      targetType: 'model',
      targetId: input.modelId,
      detail: { revision, baseRevision: input.baseRevision, message, changes: changes.length, changed: changes.slice(0, MOST_AUDITED_PATHS).map((change) => change.path) },
    });
    const users = await usersById(trx, [input.userId]);
    return { outcome: 'saved', revision: { modelId: input.modelId, revision, message, createdAt: now, createdBy: someone(users, input.userId) } };
  });
}

/** What changed from revision `from` to `to`, or undefined when either is not a revision of this workspace's model. */
export async function revisionDiff(db: Kysely<Database>, input: { workspaceId: string; modelId: string; from: number; to: number }): Promise<{ from: number; to: number; changes: RevisionChange[] } | undefined> {
  const rows = await revisionsOf(db, input.workspaceId, input.modelId).select(['model_revisions.revision', 'model_revisions.spec']).where('model_revisions.revision', 'in', [input.from, input.to]).execute();
  const spec = (revision: number) => rows.find((row) => Number(row.revision) === revision)?.spec;
  const [before, after] = [spec(input.from), spec(input.to)];
  if (before === undefined || after === undefined) return undefined;
  return { from: input.from, to: input.to, changes: diffRevisions(JSON.parse(before), JSON.parse(after)) };
}
