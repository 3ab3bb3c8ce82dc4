/**
 * Workspaces: a team's shared models and runs. The person who makes one is its first
 * admin, so no workspace is ever without someone who can add members.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { WorkspaceView } from '../apiTypes.js';
import { recordAudit } from '../storage/audit.js';
import type { Database } from '../storage/tables.js';

export const MAX_WORKSPACE_NAME_LENGTH = 120;

export class WorkspaceNameTaken extends Error {
  constructor(readonly workspaceName: string) {
    super(`a workspace named "${workspaceName}" already exists`);
    this.name = 'WorkspaceNameTaken';
  }
}

export async function createWorkspace(db: Kysely<Database>, input: { name: string; userId: string }): Promise<WorkspaceView> {
  const name = input.name.trim();
  const id = randomUUID();
  const nameTaken = async (executor: Kysely<Database>) => (await executor.selectFrom('workspaces').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
  try {
    await db.transaction().execute(async (trx) => {
      if (await nameTaken(trx)) throw new WorkspaceNameTaken(name);
      await trx.insertInto('workspaces').values({ id, name, created_at: new Date().toISOString() }).execute();
      await trx.insertInto('memberships').values({ workspace_id: id, user_id: input.userId, role: 'admin' }).execute();
      await recordAudit(trx, { userId: input.userId, workspaceId: id, action: 'workspace.create', targetType: 'workspace', targetId: id, detail: { name } });
    });
  } catch (error) {
    // Two people making the same name at once on PostgreSQL: the unique index stops the second, who is told as if they had been later.
    if (!(error instanceof WorkspaceNameTaken) && (await nameTaken(db))) throw new WorkspaceNameTaken(name);
    throw error;
  }
  return { id, name, role: 'admin' };
}

/** The workspaces `userId` is a member of, by name, each with their role in it. */
export async function listWorkspacesOf(db: Kysely<Database>, userId: string): Promise<WorkspaceView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, role: row.role }));
}
