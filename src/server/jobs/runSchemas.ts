/**
 * The JSON Schemas of the run routes: Fastify validates each request with them and the
 * OpenAPI description is generated from them. The limits are those of `pathflow run` and
 * the web app: a seed is 32 bits, replications at most what the app offers.
 */
import { RUN_STATUSES } from '../storage/tables.js';

export const MAX_SERVER_REPLICATIONS = 10_000;
export const DEFAULT_SERVER_REPLICATIONS = 50;
export const DEFAULT_SERVER_SEED = 1;
export const REPORT_FORMATS = ['html', 'pdf', 'docx'] as const;

const id = (description: string) => ({ type: 'string', minLength: 1, maxLength: 100, description }) as const;

export const workspaceParams = { type: 'object', required: ['ws'], properties: { ws: id('The workspace id') } } as const;
export const modelParams = { type: 'object', required: ['ws', 'modelId'], properties: { ws: id('The workspace id'), modelId: id('The model id') } } as const;
export const runParams = { type: 'object', required: ['ws', 'runId'], properties: { ws: id('The workspace id'), runId: id('The run id') } } as const;
export const fileParams = {
  type: 'object',
  required: ['ws', 'runId', 'name'],
  properties: { ws: id('The workspace id'), runId: id('The run id'), name: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$', description: 'A file of the run directory, e.g. summary.csv' } },
} as const;
export const reportParams = { type: 'object', required: ['ws', 'runId', 'reportId'], properties: { ws: id('The workspace id'), runId: id('The run id'), reportId: id('The report id') } } as const;

export const newRunBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    revision: { type: 'integer', minimum: 1, description: 'The revision to run (default: the newest)' },
    replications: { type: 'integer', minimum: 1, maximum: MAX_SERVER_REPLICATIONS, default: DEFAULT_SERVER_REPLICATIONS, description: 'Replications per scenario' },
    seed: { type: 'integer', minimum: 0, maximum: 0xffffffff, default: DEFAULT_SERVER_SEED, description: 'Random seed: the same seed and revision give the same files' },
  },
} as const;

export const listRunsQuery = { type: 'object', additionalProperties: false, properties: { modelId: id('Only runs of this model'), sweep: id('Only runs of this sweep') } } as const;
export const compareQuery = { type: 'object', required: ['a', 'b'], additionalProperties: false, properties: { a: id('The first run'), b: id('The second run, compared with the first') } } as const;
export const reportBody = { type: 'object', required: ['format'], additionalProperties: false, properties: { format: { type: 'string', enum: [...REPORT_FORMATS], description: 'html (self-contained), pdf (needs Chromium on the server) or docx' } } } as const;

const userView = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, displayName: { type: 'string' } } } as const;

export const runViewSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    workspaceId: { type: 'string' },
    modelId: { type: 'string' },
    revision: { type: 'integer' },
    kind: { type: 'string', enum: ['run', 'plan'] },
    options: { type: 'object', additionalProperties: true, properties: { replications: { type: 'integer' }, seed: { type: 'integer' } } },
    status: { type: 'string', enum: [...RUN_STATUSES] },
    progress: { type: 'number' },
    attempts: { type: 'integer' },
    error: { type: 'string' },
    pathflowVersion: { type: 'string' },
    createdAt: { type: 'string' },
    createdBy: userView,
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    files: { type: 'array', items: { type: 'string' } },
    sweepId: { type: 'string' },
  },
} as const;

export const reportViewSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, runId: { type: 'string' }, format: { type: 'string' }, createdAt: { type: 'string' }, createdBy: userView, url: { type: 'string' } },
} as const;
