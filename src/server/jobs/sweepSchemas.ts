/**
 * The JSON Schemas of a regional sweep (across workspaces) and of a sweep's view; they are
 * also its OpenAPI description. The options and the limit on runs are those of a sweep
 * within one workspace, so a sweep is the same whichever way it was started.
 */
import { RUN_STATUSES } from '../storage/tables.js';
import { MAX_SWEEP_RUNS, newSweepBody } from './planSchemas.js';
import { runViewSchema } from './runSchemas.js';

const id = (description: string) => ({ type: 'string', minLength: 1, maxLength: 100, description }) as const;

export const regionalSweepBody = {
  type: 'object',
  required: ['runs'],
  additionalProperties: false,
  properties: {
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SWEEP_RUNS,
      description: 'The model revisions to run, each in its own workspace (you must be an editor or admin in every one), each with the sweep’s replications and seed',
      items: {
        type: 'object',
        required: ['workspaceId', 'modelId'],
        additionalProperties: false,
        properties: {
          workspaceId: id('The workspace the model is in; its run belongs to it'),
          modelId: id('The model id'),
          revision: { type: 'integer', minimum: 1, description: 'Default: the newest' },
        },
      },
    },
    replications: newSweepBody.properties.replications,
    seed: newSweepBody.properties.seed,
  },
} as const;

export const sweepParams = { type: 'object', required: ['sweepId'], properties: { sweepId: id('The sweep id') } } as const;

export const sweepViewSchema = { type: 'object', properties: { sweepId: { type: 'string' }, runs: { type: 'array', items: runViewSchema } } } as const;

const userView = { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, displayName: { type: 'string' } } } as const;

export const sweepDetailViewSchema = {
  type: 'object',
  properties: {
    ...sweepViewSchema.properties,
    createdAt: { type: 'string' },
    createdBy: userView,
    options: { type: 'object', properties: { replications: { type: 'integer' }, seed: { type: 'integer' } } },
    counts: { type: 'object', description: 'How many of the runs listed are in each status', properties: Object.fromEntries(RUN_STATUSES.map((status) => [status, { type: 'integer' }])) },
  },
} as const;
