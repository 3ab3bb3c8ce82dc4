/**
 * The JSON Schemas of the plan and sweep routes (they are also the OpenAPI description).
 * A plan takes a sensible subset of `pathflow optimise`'s options; a sweep takes runs' options.
 */
import { DEFAULT_SERVER_REPLICATIONS, DEFAULT_SERVER_SEED, MAX_SERVER_REPLICATIONS } from './runSchemas.js';

/** A plan simulates some 15 capacities a node, each this many replications: fewer than a run may have. */
export const MAX_PLAN_REPLICATIONS = 2_000;
export const MAX_SWEEP_RUNS = 500;

const seed = { type: 'integer', minimum: 0, maximum: 0xffffffff, default: DEFAULT_SERVER_SEED, description: 'Random seed: the same seed and revision give the same files' } as const;

export const newPlanBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    revision: { type: 'integer', minimum: 1, description: 'The revision to plan (default: the newest)' },
    nodes: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Node ids to plan (default: every node simulated on its own, not part of a network)' },
    replications: { type: 'integer', minimum: 2, maximum: MAX_PLAN_REPLICATIONS, default: DEFAULT_SERVER_REPLICATIONS, description: 'Replications per capacity tried (at least 2: an interval needs a variance)' },
    seed,
    objective: { type: 'string', enum: ['cost', 'target'], default: 'cost', description: 'cost: the cost-optimal capacity; target: the least capacity meeting `target`' },
    target: { type: 'string', minLength: 1, maxLength: 100, description: 'For the target objective, e.g. delay-days-per-patient<=1 (see docs/optimise.md)' },
    sensitivity: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1, description: 'Relative change for the sensitivity tornado, e.g. 0.1 for 10%' },
  },
} as const;

export const newSweepBody = {
  type: 'object',
  required: ['runs'],
  additionalProperties: false,
  properties: {
    runs: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SWEEP_RUNS,
      description: 'The model revisions to run, each with the sweep’s replications and seed',
      items: {
        type: 'object',
        required: ['modelId'],
        additionalProperties: false,
        properties: { modelId: { type: 'string', minLength: 1, maxLength: 100 }, revision: { type: 'integer', minimum: 1, description: 'Default: the newest' } },
      },
    },
    replications: { type: 'integer', minimum: 1, maximum: MAX_SERVER_REPLICATIONS, default: DEFAULT_SERVER_REPLICATIONS, description: 'Replications per scenario' },
    seed,
  },
} as const;
