/**
 * Scenario sweeps: a regional team runs many model revisions at once with the same
 * replications and seed. The runs are created in one transaction, so a sweep naming a model
 * the workspace does not have queues nothing; each is then an ordinary run, listed together
 * by `GET .../runs?sweep=<id>` or `GET /sweeps/<id>`. A sweep across workspaces is in
 * regionalSweepRoutes.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { SweepView } from '../apiTypes.js';
import { requireRole } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import type { ServerDatabase } from '../storage/database.js';
import type { JobQueue } from './jobQueue.js';
import { viewsOf } from './planRoutes.js';
import { newSweepBody } from './planSchemas.js';
import { regionalSweepRoutes } from './regionalSweepRoutes.js';
import { runViewSchema, workspaceParams } from './runSchemas.js';
import { insertSweep } from './sweepStore.js';

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
      const items = asked.map(({ modelId, revision }) => ({ workspaceId: request.params.ws, modelId, revision }));
      const { sweepId, rows } = await db.transaction().execute((trx) => insertSweep(trx, { items, options: { replications, seed }, createdBy: principal.userId, regional: false }));
      for (const row of rows) await queue.enqueue({ runId: row.id });
      const sweep: SweepView = { sweepId, runs: await viewsOf(db, rows) };
      return reply.code(202).send(sweep);
    },
  );
  await regionalSweepRoutes(app, { database, queue });
}
