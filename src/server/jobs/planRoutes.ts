/**
 * Plans as jobs: `pathflow optimise` on a model revision, queued and worked as a run is
 * (a run of kind `plan`), so it is listed, followed, cancelled and downloaded by the run routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { RunView } from '../apiTypes.js';
import { requireRole } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError } from '../httpError.js';
import { someone, usersById } from '../models/people.js';
import type { ServerDatabase } from '../storage/database.js';
import type { Database } from '../storage/tables.js';
import { PATHFLOW_VERSION } from '../../cli/version.js';
import { validateModel } from '../../engine/modelSchema.js';
import type { JobQueue } from './jobQueue.js';
import { planProblems, PlanOptionsError, type PlanOptions } from './planJob.js';
import { newPlanBody } from './planSchemas.js';
import { modelParams, runViewSchema } from './runSchemas.js';
import { revisionToRun } from './runRoutes.js';
import { createRun, runView, type RunRow } from './runStore.js';

type PlanBody = Omit<PlanOptions, 'objective' | 'sensitivity'> & { revision?: number; objective: 'cost' | 'target'; sensitivity: number };

export async function viewsOf(db: Kysely<Database>, rows: RunRow[]): Promise<RunView[]> {
  const users = await usersById(db, rows.map((row) => row.created_by));
  return rows.map((row) => runView(row, someone(users, row.created_by)));
}

/** Refuses options the revision cannot be planned with, naming the field, before anything is queued. */
async function checkPlanOptions(db: Kysely<Database>, modelId: string, revision: number, options: PlanOptions): Promise<void> {
  const stored = await db.selectFrom('model_revisions').select('spec').where('model_id', '=', modelId).where('revision', '=', revision).executeTakeFirstOrThrow();
  const checked = validateModel(JSON.parse(stored.spec));
  if (!checked.ok) throw new HttpError(409, `revision ${revision} of the model does not pass the schema: save a corrected revision first`, { field: 'revision' });
  try {
    planProblems(checked.model, options);
  } catch (error) {
    if (error instanceof PlanOptionsError) throw new HttpError(400, `${error.field}: ${error.message}`, { field: error.field });
    throw error;
  }
}

export async function planRoutes(app: FastifyInstance, { database, queue }: { database: ServerDatabase; queue: JobQueue }): Promise<void> {
  const db = database.db;
  app.post<{ Params: { ws: string; modelId: string }; Body: PlanBody }>(
    `${API_PREFIX}/workspaces/:ws/models/:modelId/plans`,
    {
      schema: {
        tags: ['runs'],
        summary: 'Plan capacity for a revision of the model (editor), as pathflow optimise: queued now, done by a worker; 202 with the run (kind plan)',
        params: modelParams,
        body: newPlanBody,
        response: { 202: runViewSchema },
      },
    },
    async (request, reply) => {
      const { principal } = await requireRole(db, request, request.params.ws, 'editor');
      const { revision: asked, ...options } = request.body;
      const revision = await revisionToRun(db, request.params.ws, request.params.modelId, asked);
      await checkPlanOptions(db, request.params.modelId, revision, options);
      const row = await createRun(db, { workspaceId: request.params.ws, modelId: request.params.modelId, revision, kind: 'plan', options, pathflowVersion: PATHFLOW_VERSION, createdBy: principal.userId });
      await queue.enqueue({ runId: row.id });
      return reply.code(202).send((await viewsOf(db, [row]))[0]);
    },
  );
}
