/**
 * Who is in a workspace and with what role. A workspace always keeps an admin: the last
 * one cannot be removed or demoted, or nobody could add members again.
 */
import { sql, type Kysely } from 'kysely';
import type { MemberView } from '../apiTypes.js';
import { recordAudit } from '../storage/audit.js';
import type { Database, Role } from '../storage/tables.js';
import { normaliseEmail } from '../auth/accounts.js';
import { userView } from './people.js';

/** The workspace's members, by name. */
export async function listMembers(db: Kysely<Database>, workspaceId: string): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'memberships.role'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.display_name')
    .orderBy('users.email')
    .execute();
  return rows.map((row) => ({ user: userView(row), role: row.role }));
}

export type MemberChange = { outcome: 'done'; member: MemberView } | { outcome: 'no-such-user' } | { outcome: 'not-a-member' } | { outcome: 'last-admin' };

/**
 * Serialises membership changes of one workspace: a write to its row takes PostgreSQL's row
 * lock (SQLite runs one write transaction at a time anyway), so two admins demoting each
 * other at once cannot leave the workspace with none.
 */
async function lockWorkspace(trx: Kysely<Database>, workspaceId: string): Promise<void> {
  await trx.updateTable('workspaces').set({ name: sql`name` }).where('id', '=', workspaceId).execute();
}

async function isLastAdmin(trx: Kysely<Database>, workspaceId: string, userId: string): Promise<boolean> {
  const admins = await trx.selectFrom('memberships').select('user_id').where('workspace_id', '=', workspaceId).where('role', '=', 'admin').execute();
  return admins.length === 1 && admins[0].user_id === userId;
}

/** Adds the person with this email (they must have signed in once, or been made with `pathflow users`), or changes their role. */
export async function setMember(db: Kysely<Database>, input: { workspaceId: string; email: string; role: Role; byUserId: string }): Promise<MemberChange> {
  return db.transaction().execute(async (trx): Promise<MemberChange> => {
    await lockWorkspace(trx, input.workspaceId);
    const user = await trx.selectFrom('users').select(['id', 'email', 'display_name']).where('email', '=', normaliseEmail(input.email)).executeTakeFirst();
    if (!user) return { outcome: 'no-such-user' };
    const current = await trx.selectFrom('memberships').select('role').where('workspace_id', '=', input.workspaceId).where('user_id', '=', user.id).executeTakeFirst();
    if (current?.role === 'admin' && input.role !== 'admin' && (await isLastAdmin(trx, input.workspaceId, user.id))) return { outcome: 'last-admin' };
    if (current) await trx.updateTable('memberships').set({ role: input.role }).where('workspace_id', '=', input.workspaceId).where('user_id', '=', user.id).execute();
    else await trx.insertInto('memberships').values({ workspace_id: input.workspaceId, user_id: user.id, role: input.role }).execute();
    await recordAudit(trx, {
      userId: input.byUserId,
      workspaceId: input.workspaceId,
      action: 'member.set',
      targetType: 'user',
      targetId: user.id,
      detail: { email: user.email, role: input.role, ...(current ? { previousRole: current.role } : {}) },
    });
    return { outcome: 'done', member: { user: userView(user), role: input.role } };
  });
}

export async function removeMember(db: Kysely<Database>, input: { workspaceId: string; userId: string; byUserId: string }): Promise<MemberChange> {
  return db.transaction().execute(async (trx): Promise<MemberChange> => {
    await lockWorkspace(trx, input.workspaceId);
    const member = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.display_name', 'memberships.role'])
      .where('memberships.workspace_id', '=', input.workspaceId)
      .where('memberships.user_id', '=', input.userId)
      .executeTakeFirst();
    if (!member) return { outcome: 'not-a-member' };
    if (member.role === 'admin' && (await isLastAdmin(trx, input.workspaceId, input.userId))) return { outcome: 'last-admin' };
    await trx.deleteFrom('memberships').where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId).execute();
    await recordAudit(trx, { userId: input.byUserId, workspaceId: input.workspaceId, action: 'member.remove', targetType: 'user', targetId: input.userId, detail: { email: member.email, role: member.role } });
    return { outcome: 'done', member: { user: userView(member), role: member.role } };
  });
}
