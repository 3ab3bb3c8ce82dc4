/**
 * API tokens for scripts: `pf_` and 32 random bytes (base64url), shown once when made and
 * stored only as a SHA-256 hash, so a copy of the database holds no usable token. A long
 * random token needs no slow hash: SHA-256 cannot be guessed backwards from 256 bits.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TokenView } from '../apiTypes.js';
import type { Database } from '../storage/tables.js';

export const TOKEN_PREFIX = 'pf_';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function createApiToken(db: Kysely<Database>, userId: string, name: string): Promise<{ id: string; token: string; createdAt: string }> {
  const id = randomUUID();
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const createdAt = new Date().toISOString();
  await db
    .insertInto('api_tokens')
    .values({ id, user_id: userId, name, token_hash: sha256Hex(token), created_at: createdAt, last_used_at: null, revoked_at: null })
    .execute();
  return { id, token, createdAt };
}

/** True when the user had this token and it was not already revoked. */
export async function revokeApiToken(db: Kysely<Database>, userId: string, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The user id a live token belongs to (not revoked, user not disabled), marking it used; undefined otherwise. */
export async function lookUpApiToken(db: Kysely<Database>, token: string, now = new Date()): Promise<string | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id'])
    .where('api_tokens.token_hash', '=', sha256Hex(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return row.user_id;
}

export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<TokenView[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, ...(row.last_used_at ? { lastUsedAt: row.last_used_at } : {}) }));
}
