/**
 * Scenario sweeps: a regional team runs many model revisions at once with the same
 * replications and seed. The runs are created in one transaction, so a sweep naming a model
 * the workspace does not have queues nothing; each is then an ordinary run, listed together
 * by `GET .../runs?sweep=<id>`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SweepView } from '../apiTypes.js';
import { requireRole } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { recordAudit } from '../storage/audit.js';
import { PATHFLOW_VERSION } from '../../version.js';
import type { JobQueue } from './jobQueue.js';
import { viewsOf } from './planRoutes.js';
import { newSweepBody } from './planSchemas.js';
import { revisionToRun } from './runRoutes.js';
import { runViewSchema, workspaceParams } from './runSchemas.js';
import { insertRun, type RunRow } from './runStore.js';

interface SweepBody {
  runs: { modelId: string; revision?: number }[];
  replications: number;
  seed: number;
}

export async function sweepRoutes(app: FastifyInstance, { database, queue }: { database: ServerDatabase; queue: JobQueue }): Promise<void> {
  const db = database.db;
  app.post<{ Params: { ws: string }; Body: SweepBody }>(
    `${API_PREFIX}/workspaces/:ws/sweeps`,
    {
      schema: {
        tags: ['runs'],
        summary: 'Run many model revisions at once (editor): all queued or, if one cannot be, none; 202 with the sweep id and each run',
        params: workspaceParams,
        body: newSweepBody,
        response: { 202: { type: 'object', properties: { sweepId: { type: 'string' }, runs: { type: 'array', items: runViewSchema } } } },
      },
    },
    async (request, reply) => {
      const { principal } = await requireRole(db, request, request.params.ws, 'editor');
      const { runs: asked, replications, seed } = request.body;
      const sweepId = randomUUID();
      const rows = await db.transaction().execute(async (trx) => {
        const created: RunRow[] = [];
        for (const [index, { modelId, revision: askedRevision }] of asked.entries()) {
          let revision: number;
          try {
            revision = await revisionToRun(trx, request.params.ws, modelId, askedRevision);
          } catch (error) {
            if (error instanceof HttpError) throw new HttpError(error.status, `runs[${index}] (model ${modelId}): ${error.message}; nothing was queued`, { field: `runs[${index}]` });
            throw error;
          }
          const run = { workspaceId: request.params.ws, modelId, revision, options: { replications, seed }, pathflowVersion: PATHFLOW_VERSION, createdBy: principal.userId, sweepId };
          created.push(await insertRun(trx, run));
        }
        await recordAudit(trx, { userId: principal.userId, workspaceId: request.params.ws, action: 'sweep.start', targetType: 'sweep', targetId: sweepId, detail: { runs: created.length, replications, seed } });
        return created;
      });
      for (const row of rows) await queue.enqueue({ runId: row.id });
      const sweep: SweepView = { sweepId, runs: await viewsOf(db, rows) };
      return reply.code(202).send(sweep);
    },
  );
}
