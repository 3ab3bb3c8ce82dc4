/**
 * Runs in the database: the one place their status changes. A run is worked in attempts;
 * each attempt claims the run by raising `attempts`, and only the attempt that holds the
 * newest number may write progress or finish it. So a worker thought dead that wakes up
 * after its job was handed to another cannot store a second copy of the results: exactly
 * one attempt succeeds, and its files are written in the same transaction as the status.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, RunKind, RunStatus, RunsTable } from '../storage/tables.js';
import { recordAudit } from '../storage/audit.js';
import type { RunView } from '../apiTypes.js';

export type RunRow = Selectable<RunsTable>;

export interface RunOptions {
  replications: number;
  seed: number;
}

export interface NewRun {
  workspaceId: string;
  modelId: string;
  revision: number;
  kind?: RunKind;
  options: RunOptions;
  pathflowVersion: string;
  createdBy: string;
  sweep?: { id: string; position: number };
}

export const TERMINAL_STATUSES: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(status: RunStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

const now = () => new Date().toISOString();

export async function createRun(db: Kysely<Database>, run: NewRun): Promise<RunRow> {
  return db.transaction().execute((trx) => insertRun(trx, run));
}

/** The run and its audit entry, inside the caller's transaction (a sweep inserts many in one). */
export async function insertRun(trx: Kysely<Database>, run: NewRun): Promise<RunRow> {
  const row: RunRow = {
    id: randomUUID(),
    workspace_id: run.workspaceId,
    model_id: run.modelId,
    revision: run.revision,
    kind: run.kind ?? 'run',
    options: JSON.stringify(run.options),
    pathflow_version: run.pathflowVersion,
    status: 'queued',
    progress: 0,
    attempts: 0,
    cancel_requested: 0,
    error: null,
    created_by: run.createdBy,
    created_at: now(),
    started_at: null,
    finished_at: null,
    sweep_id: run.sweep?.id ?? null,
    sweep_position: run.sweep?.position ?? null,
  };
  await trx.insertInto('runs').values(row).execute();
  await recordAudit(trx, {
    userId: run.createdBy,
    workspaceId: run.workspaceId,
    action: 'run.start',
    targetType: 'run',
    targetId: row.id,
    detail: { modelId: run.modelId, revision: run.revision, ...run.options, ...(run.sweep ? { sweepId: run.sweep.id } : {}) },
  });
  return row;
}

export async function getRun(db: Kysely<Database>, runId: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
}

/** Newest first. */
export async function listRuns(db: Kysely<Database>, workspaceId: string, filter: { modelId?: string; sweepId?: string; limit?: number } = {}): Promise<RunRow[]> {
  let query = db.selectFrom('runs').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.modelId) query = query.where('model_id', '=', filter.modelId);
  if (filter.sweepId) query = query.where('sweep_id', '=', filter.sweepId);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit ?? 200)
    .execute();
}

/** Runs a stopped server left unfinished, oldest first: the in-process queue takes them up again. */
export async function unfinishedRunIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('runs').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').execute();
  return rows.map((row) => row.id);
}

export type Claim = { attempt: number; row: RunRow } | { attempt: undefined; row: RunRow | undefined };

/**
 * Starts an attempt: the run is marked running and `attempts` raised. No attempt when the
 * run is gone, finished, or was cancelled while queued (then it is marked cancelled here).
 */
export async function claimRun(db: Kysely<Database>, runId: string): Promise<Claim> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row || isTerminal(row.status)) return { attempt: undefined, row };
    if (row.cancel_requested) {
      await finishCancelled(trx, runId, row.attempts);
      return { attempt: undefined, row: await getRun(trx, runId) };
    }
    const attempt = row.attempts + 1;
    const claimed = await trx
      .updateTable('runs')
      .set({ status: 'running', attempts: attempt, progress: 0, started_at: row.started_at ?? now() })
      .where('id', '=', runId)
      .where('attempts', '=', row.attempts)
      .executeTakeFirst();
    // Another worker claimed it between the read and the write.
    if (Number(claimed.numUpdatedRows) !== 1) return { attempt: undefined, row };
    return { attempt, row: { ...row, status: 'running', attempts: attempt } };
  });
}

/** Progress of the current attempt; nothing is written once the attempt is no longer the run's own. */
export async function setProgress(db: Kysely<Database>, runId: string, attempt: number, progress: number): Promise<void> {
  await db
    .updateTable('runs')
    .set({ progress: Math.max(0, Math.min(1, progress)) })
    .where('id', '=', runId)
    .where('attempts', '=', attempt)
    .where('status', '=', 'running')
    .execute();
}

export async function isCancelRequested(db: Kysely<Database>, runId: string): Promise<boolean> {
  const row = await db.selectFrom('runs').select('cancel_requested').where('id', '=', runId).executeTakeFirst();
  return !row || row.cancel_requested === 1;
}

/**
 * Asks for a run to stop: a queued one is cancelled at once, a running one when its worker
 * next looks (between tasks). False when it had already finished.
 */
export async function requestCancel(db: Kysely<Database>, runId: string, userId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row || isTerminal(row.status)) return false;
    await trx.updateTable('runs').set({ cancel_requested: 1 }).where('id', '=', runId).execute();
    if (row.status === 'queued') await finishCancelled(trx, runId, row.attempts);
    await recordAudit(trx, { userId, workspaceId: row.workspace_id, action: 'run.cancel', targetType: 'run', targetId: runId });
    return true;
  });
}

export async function finishCancelled(db: Kysely<Database>, runId: string, attempt: number): Promise<void> {
  await db
    .updateTable('runs')
    .set({ status: 'cancelled', finished_at: now() })
    .where('id', '=', runId)
    .where('attempts', '=', attempt)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/**
 * The run's files and its success, in one transaction, only for the attempt that holds the
 * run: false (nothing written) when a newer attempt has claimed it or it was finished.
 */
export async function finishSucceeded(db: Kysely<Database>, runId: string, attempt: number, files: Record<string, Uint8Array>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('runs')
      .set({ status: 'succeeded', progress: 1, error: null, finished_at: now() })
      .where('id', '=', runId)
      .where('attempts', '=', attempt)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    const names = Object.keys(files).sort();
    for (const name of names) await trx.insertInto('run_files').values({ run_id: runId, name, content: files[name] }).execute();
    const row = (await getRun(trx, runId))!;
    await recordAudit(trx, { userId: null, workspaceId: row.workspace_id, action: 'run.succeed', targetType: 'run', targetId: runId, detail: { attempt, files: names.length } });
    return true;
  });
}

/** The attempt failed and no other will be made: the run is failed with `message`. */
export async function finishFailed(db: Kysely<Database>, runId: string, attempt: number, message: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('runs')
      .set({ status: 'failed', error: message, finished_at: now() })
      .where('id', '=', runId)
      .where('attempts', '=', attempt)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return;
    const row = (await getRun(trx, runId))!;
    await recordAudit(trx, { userId: null, workspaceId: row.workspace_id, action: 'run.fail', targetType: 'run', targetId: runId, detail: { attempt, message } });
  });
}

/** The attempt failed and the queue will try again: the run waits, queued, with the reason. */
export async function attemptFailed(db: Kysely<Database>, runId: string, attempt: number, message: string): Promise<void> {
  await db
    .updateTable('runs')
    .set({ status: 'queued', error: message, progress: 0 })
    .where('id', '=', runId)
    .where('attempts', '=', attempt)
    .where('status', '=', 'running')
    .execute();
}

export async function runFileNames(db: Kysely<Database>, runId: string): Promise<string[]> {
  const rows = await db.selectFrom('run_files').select('name').where('run_id', '=', runId).orderBy('name').execute();
  return rows.map((row) => row.name);
}

export async function runFile(db: Kysely<Database>, runId: string, name: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('run_files').select('content').where('run_id', '=', runId).where('name', '=', name).executeTakeFirst();
  return row ? new Uint8Array(row.content) : undefined;
}

export async function runFiles(db: Kysely<Database>, runId: string): Promise<Record<string, Uint8Array>> {
  const rows = await db.selectFrom('run_files').select(['name', 'content']).where('run_id', '=', runId).orderBy('name').execute();
  return Object.fromEntries(rows.map((row) => [row.name, new Uint8Array(row.content)]));
}

/** The API's view of a run; `createdBy` is looked up by the caller (users are not this file's). */
export function runView(row: RunRow, createdBy: RunView['createdBy'], files?: string[]): RunView {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    modelId: row.model_id,
    revision: row.revision,
    kind: row.kind,
    options: JSON.parse(row.options) as RunView['options'],
    status: row.status,
    progress: Number(row.progress),
    attempts: row.attempts,
    ...(row.error ? { error: row.error } : {}),
    pathflowVersion: row.pathflow_version,
    createdAt: row.created_at,
    createdBy,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    ...(files ? { files } : {}),
    ...(row.sweep_id ? { sweepId: row.sweep_id } : {}),
  };
}
