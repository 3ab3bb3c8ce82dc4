/**
 * The work of a plan job: `pathflow optimise` on a model revision, its files stored as a
 * run's are. Like a run, the files depend only on the revision, the options and Pathflow's
 * version: the manifest holds no clock time or machine, so a retried plan stores the same bytes.
 */
import { nodePlanManifestFields, planFileBytes } from '../../app/planManifest.js';
import type { Objective } from '../../engine/capacityPlan.js';
import type { CostBasis, ModelSpec } from '../../engine/model.js';
import type { InitialResidual } from '../../engine/lengthOfStay.js';
import type { Compatibility } from '../../engine/replications.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { networkComponents } from '../../engine/network/fromModel.js';
import type { ServiceTarget } from '../../engine/optimise.js';
import { parseTarget } from '../../engine/serviceTarget.js';
import { planNodes } from '../../app/plan.js';
import { selectProblems } from '../../app/planProblems.js';
import { PATHFLOW_VERSION } from '../../version.js';
import { componentPlanFilesOf, isComponentPlan, type ComponentPlanOptions } from './componentPlanJob.js';
import { PlanOptionsError } from './planOptionsError.js';

export { PlanOptionsError };

/** What a plan was asked for, defaults filled in, as stored in `runs.options`. */
export interface PlanOptions {
  replications: number;
  seed: number;
  /** Node ids; when absent, every node simulated on its own (not part of a network). */
  nodes?: string[];
  objective: 'cost' | 'target';
  /** For the target objective, e.g. `delay-days-per-patient<=1`. */
  target?: string;
  /** For the target objective: the confidence that the answer meets it, and the most replications a capacity may get. */
  confidence?: number;
  maxRuns?: number;
  /** Relative change for the sensitivity tornado, e.g. 0.1. */
  sensitivity: number;
  /** `baseline`, `all`, or an arrival and a LOS scenario's names separated by commas. Absent in plans stored before it was offered. */
  scenario?: string;
  /** Default: the model's own basis, as `run` and reports price. */
  costBasis?: CostBasis;
  initialResidual?: InitialResidual;
  compat?: Compatibility;
}

function objectiveOf(options: PlanOptions): Objective {
  if (options.objective === 'cost') {
    for (const field of ['target', 'confidence', 'maxRuns'] as const) {
      if (options[field] !== undefined) throw new PlanOptionsError(`${field} is for the target objective; the cost objective has no target`, field);
    }
    return { kind: 'cost' };
  }
  if (options.target === undefined) throw new PlanOptionsError("the target objective needs a target, e.g. 'delay-days-per-patient<=1'", 'target');
  let target: ServiceTarget;
  try {
    target = parseTarget(options.target);
  } catch (error) {
    throw new PlanOptionsError((error as Error).message, 'target');
  }
  if (options.maxRuns !== undefined && options.maxRuns < options.replications) {
    throw new PlanOptionsError(`maxRuns ${options.maxRuns} is fewer than replications ${options.replications}: the search's own replications are the first look`, 'maxRuns');
  }
  return { kind: 'target', target, confidence: options.confidence, maxReplications: options.maxRuns };
}

/**
 * Nodes planned when none are named: those simulated alone, as IPACS does (the web app's
 * planner offers the same). A node in a network depends on the nodes around it.
 */
function nodesPlannedAlone(model: ModelSpec): string[] {
  const networked = new Set(networkComponents(model).flatMap((component) => component.nodes));
  return model.nodes.filter((node, index) => !networked.has(index) && node.arrivals.length > 0 && !node.loseOverflow).map((node) => node.id);
}

function nodesToPlan(model: ModelSpec, asked: string[] | undefined): string[] {
  const nodes = asked ?? nodesPlannedAlone(model);
  if (nodes.length === 0) throw new PlanOptionsError('every node of the model is part of a network, so none is planned on its own: name the nodes to plan', 'nodes');
  for (const node of model.nodes.filter((candidate) => nodes.includes(candidate.id))) {
    if (node.arrivals.length === 0) throw new PlanOptionsError(`${node.id} has no arrivals of its own (its patients come from other nodes), so it cannot be planned on its own`, 'nodes');
    // Lost patients carry no cost in this model, so the cheapest loss node would have no beds.
    if (node.loseOverflow) throw new PlanOptionsError(`${node.id} loses its overflow: the cost of a lost patient is not modelled, so it has no optimum`, 'nodes');
  }
  return nodes;
}

/** The problems the plan solves; refuses unknown nodes and a bad target before anything is queued. */
export function planProblems(model: ModelSpec, options: PlanOptions) {
  const objective = objectiveOf(options);
  const nodes = nodesToPlan(model, options.nodes);
  const settings = settingsOf(model, options);
  try {
    const problems = selectProblems(model, { nodes, scenario: settings.scenario, runs: options.replications, seed: options.seed, initialResidual: settings.initialResidual, compat: settings.compat, costBasis: settings.costBasis });
    return { objective, problems, settings };
  } catch (error) {
    // selectProblems words its refusals for the CLI: `--nodes: ...`, `--scenario ...`.
    const field = /^--(nodes|scenario)/.exec((error as Error).message)?.[1] ?? 'nodes';
    throw new PlanOptionsError((error as Error).message.replace(/^--(nodes|scenario)/, '$1'), field);
  }
}

/** The options a plan stored before they were offered went without: the same as their defaults. */
function settingsOf(model: ModelSpec, options: PlanOptions) {
  return { scenario: options.scenario ?? 'baseline', costBasis: options.costBasis ?? costBasisOf(model), initialResidual: options.initialResidual ?? 'ipacs', compat: options.compat ?? 'none' };
}

/** Whichever plan `options` asks for (a component's or nodes'), its files. */
export async function planFilesOf(model: ModelSpec, options: PlanOptions | ComponentPlanOptions, context: PlanContext): Promise<Record<string, Uint8Array>> {
  return isComponentPlan(options) ? componentPlanFilesOf(model, options, context) : nodePlanFilesOf(model, options, context);
}

export interface PlanContext {
  source: string;
  /** Searches done of all the plan makes (one per node and scenario, or per component scenario). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The files `pathflow optimise` writes for `model` and `options`, with a manifest free of clock time. */
async function nodePlanFilesOf(model: ModelSpec, options: PlanOptions, context: PlanContext): Promise<Record<string, Uint8Array>> {
  const { objective, problems, settings } = planProblems(model, options);
  let done = 0;
  const { plans, files } = await planNodes(problems, objective, options.sensitivity, { progress: () => context.onProgress?.(++done, problems.length), signal: context.signal });
  const asked = { ...settings, seed: options.seed, replications: options.replications, objective, sensitivity: options.sensitivity };
  const manifest = {
    pathflow: PATHFLOW_VERSION,
    command: 'optimise',
    source: context.source,
    ...nodePlanManifestFields(model, asked, problems, plans),
    files: [...Object.keys(files), 'manifest.json'],
  };
  return planFileBytes(files, manifest);
}
