/**
 * People for the store tests, written straight into the users table: the store only reads
 * users, and how accounts are made (auth's slice) is not what these tests are about.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/server/storage/tables.js';

export async function addUser(db: Kysely<Database>, displayName: string): Promise<string> {
  const id = randomUUID();
  const email = `${displayName.toLowerCase().replaceAll(' ', '.')}.${id.slice(0, 8)}@nhs.net`;
  await db.insertInto('users').values({ id, email, display_name: displayName, password_hash: null, oidc_issuer: null, oidc_subject: null, created_at: new Date().toISOString(), disabled: 0 }).execute();
  return id;
}
