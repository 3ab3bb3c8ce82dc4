/**
 * Regional sweeps: one sweep across the workspaces of several ICBs, for a regional team
 * comparing them. The caller must be an editor (or admin) in every workspace named; the
 * checks and the runs are one transaction, so one refusal queues nothing. Each run belongs
 * to its own workspace, whose members see it as any other run; `GET /sweeps/:id` shows a
 * caller the sweep's runs in the workspaces they are a member of, and nothing of the rest.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { SweepDetailView, SweepView } from '../apiTypes.js';
import { membershipRole } from '../auth/accounts.js';
import { requireSignedIn } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { roleAllows } from '../auth/principal.js';
import { HttpError, notFound } from '../httpError.js';
import { signedIn } from '../models/routeAccess.js';
import { someone, usersById } from '../models/people.js';
import type { ServerDatabase } from '../storage/database.js';
import { RUN_STATUSES, type Database, type Role, type RunStatus } from '../storage/tables.js';
import type { JobQueue } from './jobQueue.js';
import { viewsOf } from './planRoutes.js';
import type { RunRow } from './runStore.js';
import { regionalSweepBody, sweepDetailViewSchema, sweepParams, sweepViewSchema } from './sweepSchemas.js';
import { getSweep, insertSweep, itemRefusal, visibleSweepRuns, type SweepItem, type SweepRow } from './sweepStore.js';

interface RegionalSweepBody {
  runs: SweepItem[];
  replications: number;
  seed: number;
}

const NEEDED: Role = 'editor';

export async function regionalSweepRoutes(app: FastifyInstance, { database, queue }: { database: ServerDatabase; queue: JobQueue }): Promise<void> {
  const db = database.db;
  app.post<{ Body: RegionalSweepBody }>(
    `${API_PREFIX}/sweeps`,
    {
      preValidation: signedIn,
      schema: {
        tags: ['runs'],
        summary: 'Run model revisions of several workspaces at once (editor in every one): all queued or, if one cannot be, none; 202 with the sweep id and each run',
        body: regionalSweepBody,
        response: { 202: sweepViewSchema },
      },
    },
    async (request, reply) => {
      const principal = requireSignedIn(request);
      const { runs: items, replications, seed } = request.body;
      const { sweepId, rows } = await db.transaction().execute(async (trx) => {
        await requireEditorInEach(trx, items, principal.userId);
        return insertSweep(trx, { items, options: { replications, seed }, createdBy: principal.userId, regional: true });
      });
      for (const row of rows) await queue.enqueue({ runId: row.id });
      const sweep: SweepView = { sweepId, runs: await viewsOf(db, rows) };
      return reply.code(202).send(sweep);
    },
  );

  app.get<{ Params: { sweepId: string } }>(
    `${API_PREFIX}/sweeps/:sweepId`,
    {
      preValidation: signedIn,
      schema: { tags: ['runs'], summary: 'A sweep’s runs with their status and progress, those in workspaces you are a member of only (404 when there are none)', params: sweepParams, response: { 200: sweepDetailViewSchema } },
    },
    async (request): Promise<SweepDetailView> => {
      const principal = requireSignedIn(request);
      const rows = await visibleSweepRuns(db, request.params.sweepId, principal.userId);
      const sweep = rows.length > 0 ? await getSweep(db, request.params.sweepId) : undefined;
      if (!sweep) throw notFound('the sweep');
      return sweepDetail(db, sweep, rows);
    },
  );
}

/** 404 for a workspace the caller is not a member of (as for one that does not exist), 403 for too low a role; each names the item. */
async function requireEditorInEach(db: Kysely<Database>, items: SweepItem[], userId: string): Promise<void> {
  const roles = new Map<string, Role | undefined>();
  for (const [index, { workspaceId }] of items.entries()) {
    if (!roles.has(workspaceId)) roles.set(workspaceId, await membershipRole(db, workspaceId, userId));
    const role = roles.get(workspaceId);
    if (!role) throw itemRefusal(index, notFound('the workspace'), `workspace ${workspaceId}`);
    if (!roleAllows(role, NEEDED)) throw itemRefusal(index, new HttpError(403, `this needs the ${NEEDED} role in the workspace; you are a ${role}`), `workspace ${workspaceId}`);
  }
}

async function sweepDetail(db: Kysely<Database>, sweep: SweepRow, rows: RunRow[]): Promise<SweepDetailView> {
  const users = await usersById(db, [sweep.created_by]);
  const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<RunStatus, number>;
  for (const row of rows) counts[row.status] += 1;
  return {
    sweepId: sweep.id,
    createdAt: sweep.created_at,
    createdBy: someone(users, sweep.created_by),
    options: JSON.parse(sweep.options) as SweepDetailView['options'],
    counts,
    runs: await viewsOf(db, rows),
  };
}
