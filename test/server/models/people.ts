/** People for the store tests: accounts made the way `pathflow users add` makes them, without a password. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createLocalUser } from '../../../src/server/auth/accounts.js';
import type { Database } from '../../../src/server/storage/tables.js';

export async function addUser(db: Kysely<Database>, displayName: string): Promise<string> {
  const email = `${displayName.toLowerCase().replaceAll(' ', '.')}.${randomUUID().slice(0, 8)}@nhs.net`;
  return (await createLocalUser(db, { email, displayName })).id;
}
