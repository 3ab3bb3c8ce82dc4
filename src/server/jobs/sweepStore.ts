/**
 * Sweeps in the database: many runs with the same options, queued in the caller's
 * transaction so that either every run is queued or, if one cannot be, none is. A sweep is
 * a row of its own (who started it, with what options) because a regional sweep spans
 * workspaces: each run still belongs to its own workspace, whose members alone see it.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SweepsTable } from '../storage/tables.js';
import { HttpError } from '../httpError.js';
import { recordAudit } from '../storage/audit.js';
import { PATHFLOW_VERSION } from '../../version.js';
import { revisionToRun } from './runRoutes.js';
import { insertRun, type RunOptions, type RunRow } from './runStore.js';

export type SweepRow = Selectable<SweepsTable>;

export interface SweepItem {
  workspaceId: string;
  modelId: string;
  revision?: number;
}

export interface NewSweep {
  items: SweepItem[];
  options: RunOptions;
  createdBy: string;
  /** Across workspaces (POST /sweeps) rather than within one: said in each workspace's audit entry. */
  regional: boolean;
}

/** `runs[2]` — how a refusal names the item of the request it is about. */
export function itemField(index: number): string {
  return `runs[${index}]`;
}

/** A refusal of one item, naming it, for a sweep of which nothing is queued. */
export function itemRefusal(index: number, error: HttpError, what: string): HttpError {
  return new HttpError(error.status, `${itemField(index)} (${what}): ${error.message}; nothing was queued`, { field: itemField(index) });
}

/** The sweep, its runs in the order asked, and an audit entry in each workspace; refused as a whole when one model or revision is not there. */
export async function insertSweep(trx: Kysely<Database>, sweep: NewSweep): Promise<{ sweepId: string; rows: RunRow[] }> {
  const sweepId = randomUUID();
  await trx.insertInto('sweeps').values({ id: sweepId, created_by: sweep.createdBy, created_at: new Date().toISOString(), options: JSON.stringify(sweep.options) }).execute();
  const rows: RunRow[] = [];
  for (const [position, item] of sweep.items.entries()) {
    let revision: number;
    try {
      revision = await revisionToRun(trx, item.workspaceId, item.modelId, item.revision);
    } catch (error) {
      if (error instanceof HttpError) throw itemRefusal(position, error, `model ${item.modelId}`);
      throw error;
    }
    const run = { workspaceId: item.workspaceId, modelId: item.modelId, revision, options: sweep.options, pathflowVersion: PATHFLOW_VERSION, createdBy: sweep.createdBy, sweep: { id: sweepId, position } };
    rows.push(await insertRun(trx, run));
  }
  for (const workspaceId of new Set(sweep.items.map((item) => item.workspaceId))) {
    const runs = rows.filter((row) => row.workspace_id === workspaceId).length;
    const detail = { runs, ...sweep.options, ...(sweep.regional ? { regional: true } : {}) };
    await recordAudit(trx, { userId: sweep.createdBy, workspaceId, action: 'sweep.start', targetType: 'sweep', targetId: sweepId, detail });
  }
  return { sweepId, rows };
}

export async function getSweep(db: Kysely<Database>, sweepId: string): Promise<SweepRow | undefined> {
  return db.selectFrom('sweeps').selectAll().where('id', '=', sweepId).executeTakeFirst();
}

/** The sweep's runs in workspaces `userId` is a member of (any role), in the order they were asked for. */
export async function visibleSweepRuns(db: Kysely<Database>, sweepId: string, userId: string): Promise<RunRow[]> {
  return db
    .selectFrom('runs')
    .innerJoin('memberships', (join) => join.onRef('memberships.workspace_id', '=', 'runs.workspace_id').on('memberships.user_id', '=', userId))
    .selectAll('runs')
    .where('runs.sweep_id', '=', sweepId)
    .orderBy('runs.sweep_position')
    .orderBy('runs.created_at')
    .orderBy('runs.id')
    .execute();
}
