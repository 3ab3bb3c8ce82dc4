/**
 * What `pathflow users` does to the database, each change in one transaction with its
 * audit entry (the user is null: it was done at the server's command line, not by a
 * signed-in person).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit } from '../storage/audit.js';
import type { Database, Role } from '../storage/tables.js';
import { createLocalUser, findUserByEmail, hashPassword, setMembership } from './accounts.js';
import { createApiToken } from './tokens.js';

export interface UserToAdd {
  email: string;
  displayName?: string;
  /** Undefined: leave an existing password as it is, or make an account without one. */
  password?: string;
  workspace?: string;
  role: Role;
}

export async function addOrUpdateUser(db: Kysely<Database>, wanted: UserToAdd): Promise<{ userId: string; created: boolean; workspaceCreated: boolean }> {
  // Hashed before the transaction: argon2id takes a while, and a transaction should not.
  const passwordHash = wanted.password === undefined ? undefined : await hashPassword(wanted.password);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, wanted.email);
    let userId: string;
    if (existing) {
      userId = existing.id;
      const changes = { ...(wanted.displayName ? { display_name: wanted.displayName } : {}), ...(passwordHash ? { password_hash: passwordHash } : {}) };
      if (Object.keys(changes).length > 0) await trx.updateTable('users').set(changes).where('id', '=', userId).execute();
      await recordAudit(trx, { userId: null, workspaceId: null, action: 'user.update', targetType: 'user', targetId: userId, detail: { email: existing.email, passwordChanged: passwordHash !== undefined } });
    } else {
      userId = (await createLocalUser(trx, { email: wanted.email, displayName: wanted.displayName })).id;
      if (passwordHash) await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      await recordAudit(trx, { userId: null, workspaceId: null, action: 'user.create', targetType: 'user', targetId: userId, detail: { email: wanted.email, localPassword: passwordHash !== undefined } });
    }
    let workspaceCreated = false;
    if (wanted.workspace) {
      let workspace = await trx.selectFrom('workspaces').select('id').where('name', '=', wanted.workspace).executeTakeFirst();
      if (!workspace) {
        workspace = { id: randomUUID() };
        workspaceCreated = true;
        await trx.insertInto('workspaces').values({ id: workspace.id, name: wanted.workspace, created_at: new Date().toISOString() }).execute();
        await recordAudit(trx, { userId: null, workspaceId: workspace.id, action: 'workspace.create', targetType: 'workspace', targetId: workspace.id, detail: { name: wanted.workspace } });
      }
      await setMembership(trx, workspace.id, userId, wanted.role);
      await recordAudit(trx, { userId: null, workspaceId: workspace.id, action: 'member.set', targetType: 'user', targetId: userId, detail: { email: wanted.email, role: wanted.role } });
    }
    return { userId, created: !existing, workspaceCreated };
  });
}

/** A new token for the user with this email; undefined when there is none. */
export async function tokenForEmail(db: Kysely<Database>, email: string, name: string): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return undefined;
    const made = await createApiToken(trx, user.id, name);
    await recordAudit(trx, { userId: null, workspaceId: null, action: 'token.create', targetType: 'token', targetId: made.id, detail: { name, for: user.email } });
    return made.token;
  });
}

/** False when there is no user with this email. */
export async function setEnabledByEmail(db: Kysely<Database>, email: string, enabled: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) return false;
    await trx.updateTable('users').set({ disabled: enabled ? 0 : 1 }).where('id', '=', user.id).execute();
    await recordAudit(trx, { userId: null, workspaceId: null, action: enabled ? 'user.enable' : 'user.disable', targetType: 'user', targetId: user.id, detail: { email: user.email } });
    return true;
  });
}
