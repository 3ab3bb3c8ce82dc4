/**
 * Cookie sessions: the cookie holds 32 random bytes; the table holds their SHA-256, the
 * session's CSRF token and its expiry. Lifetime is fixed from sign-in (not sliding).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/tables.js';
import { sha256Hex } from './tokens.js';

export const SESSION_COOKIE = 'pathflow_session';

export interface NewSession {
  /** The cookie's value: given to the browser once, never stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Kysely<Database>, userId: string, lifetimeHours: number, now = new Date()): Promise<NewSession> {
  const cookieValue = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + lifetimeHours * 3_600_000);
  // Each sign-in sweeps out the dead sessions, so the table does not grow without a scheduled job.
  await deleteExpiredSessions(db, now);
  await db
    .insertInto('sessions')
    .values({ id: sha256Hex(cookieValue), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute();
  return { cookieValue, csrfToken, expiresAt };
}

/** The live session for a cookie value (not expired, user not disabled), or undefined. */
export async function lookUpSession(db: Kysely<Database>, cookieValue: string, now = new Date()) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.csrf_token'])
    .where('sessions.id', '=', sha256Hex(cookieValue))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, cookieValue: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256Hex(cookieValue)).execute();
}

/** Expired rows are dead already (lookUpSession ignores them); removing them only keeps the table small. */
export async function deleteExpiredSessions(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}
