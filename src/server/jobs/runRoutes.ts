/**
 * The runs slice of the API: start a run of a model revision (queued as a job), list and
 * read runs, follow one's progress (server-sent events), cancel it, download its files,
 * compare two, and make reports of one. Every path is inside a workspace and checked
 * against the caller's role there; a run or model of another workspace answers 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ReportView, RunComparison, RunView } from '../apiTypes.js';
import { requireRole } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError, notFound } from '../httpError.js';
import { someone, usersById } from '../models/people.js';
import type { ServerDatabase } from '../storage/database.js';
import type { Database } from '../storage/tables.js';
import type { Kysely } from 'kysely';
import { PATHFLOW_VERSION } from '../../version.js';
import type { JobQueue } from './jobQueue.js';
import { compareSummaries, COMPARED_METRICS } from './runCompare.js';
import { streamRunEvents } from './runEvents.js';
import { planRoutes } from './planRoutes.js';
import { sweepRoutes } from './sweepRoutes.js';
import { createReport, getReport, REPORT_CONTENT_TYPES, type ReportFormat, type ReportRow } from './runReports.js';
import { compareQuery, fileParams, listRunsQuery, modelParams, newRunBody, reportBody, reportParams, reportViewSchema, runParams, runViewSchema, workspaceParams } from './runSchemas.js';
import { createRun, getRun, listRuns, requestCancel, runFile, runFileNames, runView, type RunRow } from './runStore.js';

const tags = ['runs'];
const WORKSPACE = `${API_PREFIX}/workspaces/:ws`;
const RUN = `${WORKSPACE}/runs/:runId`;

type RunParams = { ws: string; runId: string };

export async function runRoutes(app: FastifyInstance, { database, queue }: { database: ServerDatabase; queue: JobQueue }): Promise<void> {
  const db = database.db;
  const views = async (rows: RunRow[], withFiles = false): Promise<RunView[]> => {
    const users = await usersById(db, rows.map((row) => row.created_by));
    return Promise.all(rows.map(async (row) => runView(row, someone(users, row.created_by), withFiles && row.status === 'succeeded' ? await runFileNames(db, row.id) : undefined)));
  };
  const view = async (row: RunRow) => (await views([row], true))[0];
  /** The run, when it is in the workspace. */
  const runIn = async (workspaceId: string, runId: string): Promise<RunRow> => {
    const row = await getRun(db, runId);
    if (!row || row.workspace_id !== workspaceId) throw notFound('the run');
    return row;
  };

  app.post<{ Params: { ws: string; modelId: string }; Body: { revision?: number; replications: number; seed: number } }>(
    `${WORKSPACE}/models/:modelId/runs`,
    { schema: { tags, summary: 'Run a revision of the model (editor): queued now, done by a worker; 202 with the run', params: modelParams, body: newRunBody, response: { 202: runViewSchema } } },
    async (request, reply) => {
      const { principal } = await requireRole(db, request, request.params.ws, 'editor');
      const revision = await revisionToRun(db, request.params.ws, request.params.modelId, request.body.revision);
      const { replications, seed } = request.body;
      const row = await createRun(db, { workspaceId: request.params.ws, modelId: request.params.modelId, revision, options: { replications, seed }, pathflowVersion: PATHFLOW_VERSION, createdBy: principal.userId });
      await queue.enqueue({ runId: row.id });
      return reply.code(202).send(await view(row));
    },
  );

  app.get<{ Params: { ws: string }; Querystring: { modelId?: string; sweep?: string } }>(
    `${WORKSPACE}/runs`,
    { schema: { tags, summary: 'The workspace’s runs, newest first (the latest 200)', params: workspaceParams, querystring: listRunsQuery, response: { 200: { type: 'array', items: runViewSchema } } } },
    async (request): Promise<RunView[]> => {
      await requireRole(db, request, request.params.ws, 'viewer');
      return views(await listRuns(db, request.params.ws, { modelId: request.query.modelId, sweepId: request.query.sweep }));
    },
  );

  app.get<{ Params: { ws: string }; Querystring: { a: string; b: string } }>(
    `${WORKSPACE}/runs/compare`,
    { schema: { tags, summary: 'Two succeeded runs side by side: headline figures per node-scenario and b minus a', params: workspaceParams, querystring: compareQuery } },
    async (request): Promise<RunComparison> => {
      await requireRole(db, request, request.params.ws, 'viewer');
      const [a, b] = [await runIn(request.params.ws, request.query.a), await runIn(request.params.ws, request.query.b)];
      for (const [field, row] of [['a', a], ['b', b]] as const) {
        if (row.status !== 'succeeded') throw new HttpError(409, `run ${field} has not succeeded (it is ${row.status}): only finished runs can be compared`, { field });
      }
      const [summaryA, summaryB] = [await runFile(db, a.id, 'summary.csv'), await runFile(db, b.id, 'summary.csv')];
      return { a: await view(a), b: await view(b), metrics: [...COMPARED_METRICS], rows: compareSummaries(summaryA!, summaryB!) };
    },
  );

  app.get<{ Params: RunParams }>(`${RUN}`, { schema: { tags, summary: 'One run: its status, progress and, once succeeded, its files', params: runParams, response: { 200: runViewSchema } } }, async (request): Promise<RunView> => {
    await requireRole(db, request, request.params.ws, 'viewer');
    return view(await runIn(request.params.ws, request.params.runId));
  });

  app.get<{ Params: RunParams }>(
    `${RUN}/events`,
    { schema: { tags, summary: 'The run’s progress as server-sent events (event `run`, data {status, progress, error?}); ends when the run has finished', params: runParams, produces: ['text/event-stream'] } },
    async (request, reply) => {
      await requireRole(db, request, request.params.ws, 'viewer');
      await runIn(request.params.ws, request.params.runId);
      await streamRunEvents(db, request.params.runId, request, reply);
    },
  );

  app.post<{ Params: RunParams }>(
    `${RUN}/cancel`,
    { schema: { tags, summary: 'Cancel a queued or running run (editor): a running one stops at its worker’s next check, within a second or so of a task ending', params: runParams, response: { 200: runViewSchema } } },
    async (request): Promise<RunView> => {
      const { principal } = await requireRole(db, request, request.params.ws, 'editor');
      const row = await runIn(request.params.ws, request.params.runId);
      if (!(await requestCancel(db, row.id, principal.userId))) throw new HttpError(409, `the run has already finished (${row.status}): there is nothing to cancel`);
      return view((await getRun(db, row.id))!);
    },
  );

  app.get<{ Params: RunParams & { name: string } }>(`${RUN}/files/:name`, { schema: { tags, summary: 'A file of a succeeded run, as stored (the files `pathflow run` writes)', params: fileParams } }, async (request, reply) => {
    await requireRole(db, request, request.params.ws, 'viewer');
    const row = await runIn(request.params.ws, request.params.runId);
    const content = await runFile(db, row.id, request.params.name);
    if (!content) throw notFound(`the file ${request.params.name} of this run`);
    return reply
      .header('content-type', contentTypeOf(request.params.name))
      .header('content-disposition', `attachment; filename="${request.params.name}"`)
      .send(Buffer.from(content));
  });

  app.post<{ Params: RunParams; Body: { format: ReportFormat } }>(
    `${RUN}/reports`,
    { schema: { tags, summary: 'Make a report of a succeeded run (viewer: a report changes nothing); 201 with where to get it', params: runParams, body: reportBody, response: { 201: reportViewSchema } } },
    async (request, reply) => {
      const { principal } = await requireRole(db, request, request.params.ws, 'viewer');
      const row = await runIn(request.params.ws, request.params.runId);
      if (row.status !== 'succeeded') throw new HttpError(409, `the run has not succeeded (it is ${row.status}): a report needs its results`);
      const report = await createReport(db, row, request.body.format, principal.userId);
      return reply.code(201).send(await reportView(db, request.params.ws, report));
    },
  );

  app.get<{ Params: RunParams & { reportId: string } }>(`${RUN}/reports/:reportId`, { schema: { tags, summary: 'A report’s bytes (HTML, PDF or Word)', params: reportParams } }, async (request, reply) => {
    await requireRole(db, request, request.params.ws, 'viewer');
    const row = await runIn(request.params.ws, request.params.runId);
    const report = await getReport(db, row.id, request.params.reportId);
    if (!report) throw notFound('the report');
    const format = report.format as ReportFormat;
    return reply
      .header('content-type', REPORT_CONTENT_TYPES[format])
      .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="report.${format}"`)
      .send(Buffer.from(report.content));
  });

  await planRoutes(app, { database, queue });
  await sweepRoutes(app, { database, queue });
}

/** The revision asked for, or the newest; 404 for a model not in the workspace (or deleted) or a revision it does not have. */
export async function revisionToRun(db: Kysely<Database>, workspaceId: string, modelId: string, asked: number | undefined): Promise<number> {
  const model = await db.selectFrom('models').select('latest_revision').where('id', '=', modelId).where('workspace_id', '=', workspaceId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!model) throw notFound('the model');
  const revision = asked ?? model.latest_revision;
  if (revision > model.latest_revision) throw new HttpError(404, `the model has no revision ${revision} (its newest is ${model.latest_revision})`, { field: 'revision' });
  return revision;
}

async function reportView(db: Kysely<Database>, workspaceId: string, report: ReportRow): Promise<ReportView> {
  const users = await usersById(db, [report.created_by]);
  return {
    id: report.id,
    runId: report.run_id,
    format: report.format as ReportFormat,
    createdAt: report.created_at,
    createdBy: someone(users, report.created_by),
    url: `${API_PREFIX}/workspaces/${workspaceId}/runs/${report.run_id}/reports/${report.id}`,
  };
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}
