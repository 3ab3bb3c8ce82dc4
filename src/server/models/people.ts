/**
 * How a user appears in the API's answers (UserView), read from the users table: every
 * view of a workspace, model or revision names people, never bare ids.
 */
import type { Kysely } from 'kysely';
import type { UserView } from '../apiTypes.js';
import { userView } from '../auth/accounts.js';
import type { Database } from '../storage/tables.js';

export { userView };

/** The users named by `ids`, by id; an id of no user (a deleted account) is absent. */
export async function usersById(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, UserView>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((row) => [row.id, userView(row)]));
}

/** A user no longer on the server still appears, by id, in history they made. */
export function someone(users: Map<string, UserView>, id: string): UserView {
  return users.get(id) ?? { id, email: '', displayName: 'a removed user' };
}
