/**
 * A workspace's audit log as admins read it: newest first, a page at a time. Pages are
 * cut by id (`before` = the last id of the previous page), not by offset, so entries
 * written while someone pages do not shift what they see.
 */
import type { Kysely } from 'kysely';
import type { AuditView } from '../apiTypes.js';
import type { Database } from '../storage/tables.js';
import { usersById } from './people.js';

export const DEFAULT_AUDIT_PAGE = 50;
export const MOST_AUDIT_PAGE = 500;

export async function listAudit(db: Kysely<Database>, input: { workspaceId: string; before?: number; limit?: number }): Promise<AuditView[]> {
  let query = db.selectFrom('audit').selectAll().where('workspace_id', '=', input.workspaceId);
  if (input.before !== undefined) query = query.where('id', '<', input.before);
  const limit = Math.min(Math.max(1, input.limit ?? DEFAULT_AUDIT_PAGE), MOST_AUDIT_PAGE);
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  const users = await usersById(db, rows.flatMap((row) => (row.user_id ? [row.user_id] : [])));
  return rows.map((row) => {
    const user = row.user_id ? users.get(row.user_id) : undefined;
    return {
      id: Number(row.id),
      at: row.at,
      ...(user ? { user } : {}),
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    };
  });
}
