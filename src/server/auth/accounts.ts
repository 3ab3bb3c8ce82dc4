/**
 * People and their places in workspaces: local accounts with argon2id password hashes
 * (@node-rs/argon2), accounts made by an OpenID Connect sign-in, and memberships.
 * Used by the auth routes, `pathflow users` and the tests; the models slice's member
 * routes call setMembership too.
 */
import { randomUUID } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { UserView } from '../apiTypes.js';
import type { Database, Role } from '../storage/tables.js';

// A const enum in the package's types, which isolatedModules cannot read: its value, named.
const ARGON2ID = 2 as Algorithm;

/**
 * A hash made once with a password nobody has, so an unknown email costs the same time as
 * a wrong password and the answer's timing does not tell which emails have accounts.
 */
let decoyHash: Promise<string> | undefined;

/** Emails are compared as people type them to each other: case and surrounding spaces do not count. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export type UserRow = Database['users'];

export function userView(row: Pick<UserRow, 'id' | 'email' | 'display_name'>): UserView {
  return { id: row.id, email: row.email, displayName: row.display_name };
}

export interface NewUser {
  email: string;
  displayName?: string;
  /** A local account's password; without one the account signs in only by OpenID Connect. */
  password?: string;
  oidc?: { issuer: string; subject: string };
}

export async function createLocalUser(db: Kysely<Database>, user: NewUser): Promise<UserView> {
  const email = normaliseEmail(user.email);
  const row = {
    id: randomUUID(),
    email,
    display_name: user.displayName?.trim() || email,
    password_hash: user.password === undefined ? null : await hashPassword(user.password),
    oidc_issuer: user.oidc?.issuer ?? null,
    oidc_subject: user.oidc?.subject ?? null,
    created_at: new Date().toISOString(),
    disabled: 0,
  };
  await db.insertInto('users').values(row).execute();
  return userView(row);
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/**
 * The enabled user whose password this is, or undefined — for an unknown email, a wrong
 * password, an account without a password and a disabled account alike, so a caller
 * cannot tell them apart.
 */
export async function verifyPassword(db: Kysely<Database>, email: string, password: string): Promise<UserRow | undefined> {
  const user = await findUserByEmail(db, email);
  if (!user?.password_hash) {
    decoyHash ??= hashPassword(randomUUID());
    await verify(await decoyHash, password).catch(() => false);
    return undefined;
  }
  const matches = await verify(user.password_hash, password).catch(() => false);
  return matches && !user.disabled ? user : undefined;
}

export async function setPassword(db: Kysely<Database>, userId: string, password: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: await hashPassword(password) }).where('id', '=', userId).execute();
}

/** A disabled user's sessions and tokens stop working at their next request (authPlugin checks). */
export async function setDisabled(db: Kysely<Database>, userId: string, disabled: boolean): Promise<void> {
  await db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute();
}

/** Adds the user to the workspace with the role, or changes the role they have there. */
export async function setMembership(db: Kysely<Database>, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ workspace_id: workspaceId, user_id: userId, role })
    .onConflict((conflict) => conflict.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function membershipRole(db: Kysely<Database>, workspaceId: string, userId: string): Promise<Role | undefined> {
  const row = await db.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return row?.role;
}
