/**
 * Plans as jobs: `pathflow optimise` (nodes one at a time) and `pathflow optimise --component`
 * (a network component's nodes together) on a model revision, queued and worked as a run is
 * (a run of kind `plan`), so it is listed, followed, cancelled and downloaded by the run routes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { RunView } from '../apiTypes.js';
import { requireRole } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError } from '../httpError.js';
import { someone, usersById } from '../models/people.js';
import type { ServerDatabase } from '../storage/database.js';
import type { Database } from '../storage/tables.js';
import { PATHFLOW_VERSION } from '../../version.js';
import { validateModel } from '../../engine/modelSchema.js';
import type { JobQueue } from './jobQueue.js';
import { planProblems, PlanOptionsError, type PlanOptions } from './planJob.js';
import { componentPlanProblems, isComponentPlan, type ComponentPlanOptions } from './componentPlanJob.js';
import { newComponentPlanBody, newPlanBody } from './planSchemas.js';
import { modelParams, runViewSchema } from './runSchemas.js';
import { revisionToRun } from './runRoutes.js';
import { createRun, runView, type RunRow } from './runStore.js';

type PlanBody = (PlanOptions | ComponentPlanOptions) & { revision?: number };

export async function viewsOf(db: Kysely<Database>, rows: RunRow[]): Promise<RunView[]> {
  const users = await usersById(db, rows.map((row) => row.created_by));
  return rows.map((row) => runView(row, someone(users, row.created_by)));
}

/** Refuses options the revision cannot be planned with, naming the field, before anything is queued. */
async function checkPlanOptions(db: Kysely<Database>, modelId: string, revision: number, options: PlanOptions | ComponentPlanOptions): Promise<void> {
  const stored = await db.selectFrom('model_revisions').select('spec').where('model_id', '=', modelId).where('revision', '=', revision).executeTakeFirstOrThrow();
  const checked = validateModel(JSON.parse(stored.spec));
  if (!checked.ok) throw new HttpError(409, `revision ${revision} of the model does not pass the schema: save a corrected revision first`, { field: 'revision' });
  try {
    if (isComponentPlan(options)) componentPlanProblems(checked.model, options);
    else planProblems(checked.model, options);
  } catch (error) {
    if (error instanceof PlanOptionsError) throw new HttpError(400, `${error.field}: ${error.message}`, { field: error.field });
    throw error;
  }
}

/**
 * Fastify drops a property its schema does not list without a word; an option a planner
 * misspelt, or one of node plans given to a component plan, would be ignored while they
 * believed it applied. So such a property is refused, named, before the schema is checked.
 */
function refuseUnknownOptions(body: { properties: Record<string, unknown> }, what: string) {
  const known = Object.keys(body.properties);
  return async (request: FastifyRequest) => {
    const given = request.body;
    if (typeof given !== 'object' || given === null || Array.isArray(given)) return;
    const unknown = Object.keys(given).find((key) => !known.includes(key));
    if (unknown !== undefined) throw new HttpError(400, `${unknown} is not an option of ${what} (its options: ${known.join(', ')})`, { field: unknown });
  };
}

export async function planRoutes(app: FastifyInstance, { database, queue }: { database: ServerDatabase; queue: JobQueue }): Promise<void> {
  const db = database.db;
  const routes = [
    {
      path: 'plans',
      body: newPlanBody,
      what: 'a plan of nodes one at a time',
      summary: 'Plan capacity node by node for a revision of the model (editor), as pathflow optimise: queued now, done by a worker; 202 with the run (kind plan)',
    },
    {
      path: 'component-plans',
      body: newComponentPlanBody,
      what: 'a component plan',
      summary: "Plan a network component's capacities together for a revision of the model (editor), as pathflow optimise --component: queued now, done by a worker; 202 with the run (kind plan)",
    },
  ];
  for (const route of routes) {
    app.post<{ Params: { ws: string; modelId: string }; Body: PlanBody }>(
      `${API_PREFIX}/workspaces/:ws/models/:modelId/${route.path}`,
      {
        schema: { tags: ['runs'], summary: route.summary, params: modelParams, body: route.body, response: { 202: runViewSchema } },
        preValidation: refuseUnknownOptions(route.body, route.what),
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
}
