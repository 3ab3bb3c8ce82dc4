/**
 * The audit log: one row for every change and every run, written in the same transaction
 * as the change where there is one (pass the transaction as `db`), so the log never
 * claims a change that was rolled back nor misses one that was kept.
 */
import type { Kysely } from 'kysely';
import type { Database } from './tables.js';

export interface AuditEntry {
  userId: string | null;
  workspaceId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  /** What changed, never a secret (no password, token or session value). */
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry, at = new Date()): Promise<void> {
  await db
    .insertInto('audit')
    .values({
      at: at.toISOString(),
      user_id: entry.userId,
      workspace_id: entry.workspaceId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
