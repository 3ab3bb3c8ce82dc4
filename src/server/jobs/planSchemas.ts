/**
 * The JSON Schemas of the plan and sweep routes (they are also the OpenAPI description).
 * A plan takes a sensible subset of `pathflow optimise`'s options; a sweep takes runs' options.
 */
import { MAX_JOINT_CAPACITY } from '../../engine/network/jointPlan.js';
import { DEFAULT_SERVER_REPLICATIONS, DEFAULT_SERVER_SEED, MAX_SERVER_REPLICATIONS } from './runSchemas.js';

/** A plan simulates some 15 capacities a node, each this many replications: fewer than a run may have. */
export const MAX_PLAN_REPLICATIONS = 2_000;
export const MAX_SWEEP_RUNS = 500;

const seed = { type: 'integer', minimum: 0, maximum: 0xffffffff, default: DEFAULT_SERVER_SEED, description: 'Random seed: the same seed and revision give the same files' } as const;

/** A target's replication budget by default is 16 x the replications (docs/optimise.md). */
export const MAX_PLAN_MAX_RUNS = 16 * MAX_PLAN_REPLICATIONS;

const revision = { type: 'integer', minimum: 1, description: 'The revision to plan (default: the newest)' } as const;
const replications = { type: 'integer', minimum: 2, maximum: MAX_PLAN_REPLICATIONS, default: DEFAULT_SERVER_REPLICATIONS, description: 'Replications per capacity tried (at least 2: an interval needs a variance)' } as const;
const objective = { type: 'string', enum: ['cost', 'target'], default: 'cost', description: 'cost: the least expected cost; target: the least capacity meeting `target`' } as const;
const costBasis = {
  type: 'string',
  enum: ['commissioned', 'occupied'],
  description: "Community cost per commissioned bed or caseload place a day, or per occupied day (IPACS); default: the model's own cost basis, as runs and reports price",
} as const;
const initialResidual = { type: 'string', enum: ['ipacs', 'stationary'], default: 'ipacs', description: 'Remaining stay of patients in service at the start' } as const;

/** `pathflow optimise`'s options for nodes planned one at a time (docs/optimise.md). */
export const newPlanBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    revision,
    nodes: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Node ids to plan (default: every node simulated on its own, not part of a network)' },
    replications,
    seed,
    scenario: { type: 'string', minLength: 1, maxLength: 500, default: 'baseline', description: 'Arrival and LOS scenarios to plan for: baseline (the first of each), all, or names such as S1los,S1Arr' },
    objective,
    target: { type: 'string', minLength: 1, maxLength: 100, description: 'For the target objective: delay-days-per-patient<=1, p95-delayed-per-run<=5, p95-delayed-all-days<=10 or share-ever-delayed<=0.05 (docs/optimise.md)' },
    confidence: { type: 'number', exclusiveMinimum: 0.5, exclusiveMaximum: 1, description: 'For the target objective: the confidence that the answer meets it (default 0.95)' },
    maxRuns: { type: 'integer', minimum: 2, maximum: MAX_PLAN_MAX_RUNS, description: 'For the target objective: the most replications a capacity near the answer may get (default 16 x replications)' },
    costBasis,
    sensitivity: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1, description: 'Relative change for the sensitivity tornado, e.g. 0.1 for 10%' },
    initialResidual,
    compat: { type: 'string', enum: ['none', 'ipacs-v1'], default: 'none', description: "ipacs-v1 reproduces the IPACS v1 R model's P1 length-of-stay sampling" },
  },
} as const;

const range = {
  type: 'object',
  required: ['low', 'high'],
  additionalProperties: false,
  properties: { low: { type: 'integer', minimum: 0, maximum: MAX_JOINT_CAPACITY }, high: { type: 'integer', minimum: 0, maximum: MAX_JOINT_CAPACITY } },
} as const;

/** `pathflow optimise --component`'s options: nodes of one network component searched together (docs/optimise.md). */
export const newComponentPlanBody = {
  type: 'object',
  required: ['component', 'nodes'],
  additionalProperties: false,
  properties: {
    revision,
    component: { type: 'string', minLength: 1, maxLength: 200, description: "The network component to plan: its name, or the id of a node in it" },
    nodes: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 200 }, description: "The component's bed nodes whose capacities are searched together, e.g. [\"P3_N\", \"LTC_N\"]" },
    ranges: {
      type: 'object',
      maxProperties: 100,
      additionalProperties: range,
      description: 'By node id, the capacities to search, e.g. {"P3_N": {"low": 10, "high": 40}} (default: 0 to twice the capacity plus 10)',
    },
    replications,
    seed,
    scenario: { type: 'string', minLength: 1, maxLength: 500, default: 'baseline', description: "baseline (the component's first scenario), all (one plan each), or scenario names such as S1Cap,S1Route" },
    objective,
    target: { type: 'string', minLength: 1, maxLength: 300, description: 'For the target objective: delayed-per-day<=2, blocked:P3_N<=1 or queue:P3_N<=1' },
    costBasis,
    initialResidual,
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
