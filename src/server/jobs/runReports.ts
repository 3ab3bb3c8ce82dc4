/**
 * Reports of a stored run: the stored run directory parsed as `pathflow report` parses one
 * on disk, rendered by the same renderers (HTML, PDF through Chromium, Word), and kept in
 * the reports table so a link to one keeps working.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportsTable } from '../storage/tables.js';
import { recordAudit } from '../storage/audit.js';
import { renderReport, reportDataOfFiles } from '../../app/report.js';
import { nodeReportRenderers, ReportToolError } from '../../report/nodeRenderers.js';
import { HttpError } from '../httpError.js';
import type { RunRow } from './runStore.js';
import { runFiles } from './runStore.js';
import type { REPORT_FORMATS } from './runSchemas.js';

export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type ReportRow = Selectable<ReportsTable>;

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function createReport(db: Kysely<Database>, run: RunRow, format: ReportFormat, userId: string): Promise<ReportRow> {
  const content = await renderReport(reportDataOfFiles(await runFiles(db, run.id)), format, nodeReportRenderers).catch((error: unknown) => {
    // A tool the server lacks (Chromium for a PDF) is the server's to fix, told in words; not an internal error.
    if (error instanceof ReportToolError) throw new HttpError(503, `a ${format} report cannot be made on this server: ${error.message}`, { field: 'format' });
    throw error;
  });
  const row: ReportRow = { id: randomUUID(), run_id: run.id, format, content, created_by: userId, created_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('reports').values(row).execute();
    await recordAudit(trx, { userId, workspaceId: run.workspace_id, action: 'report.create', targetType: 'report', targetId: row.id, detail: { runId: run.id, format } });
  });
  return row;
}

export async function getReport(db: Kysely<Database>, runId: string, reportId: string): Promise<ReportRow | undefined> {
  const row = await db.selectFrom('reports').selectAll().where('id', '=', reportId).where('run_id', '=', runId).executeTakeFirst();
  return row ? { ...row, content: new Uint8Array(row.content) } : undefined;
}
