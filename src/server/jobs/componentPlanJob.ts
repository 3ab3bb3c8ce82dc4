/**
 * The work of a component plan job: `pathflow optimise --component` on a model revision. The
 * chosen nodes' capacities of one network component are searched together; joint_optimal.csv
 * and joint_surface.csv are the bytes the CLI writes for the same model, seed and options, and
 * the manifest holds no clock time or machine, so a retried plan stores the same bytes.
 */
import { componentPlanManifestFields, planFileBytes } from '../../app/planManifest.js';
import type { ModelSpec } from '../../engine/model.js';
import type { InitialResidual } from '../../engine/lengthOfStay.js';
import { costBasisOf } from '../../engine/costBasis.js';
import type { CostBasis } from '../../engine/optimise.js';
import { networkComponents } from '../../engine/network/fromModel.js';
import { parseJointTarget, type CapacityRange, type JointObjective } from '../../engine/network/jointPlan.js';
import { JointPlanError } from '../../engine/network/jointProblem.js';
import { NetworkModelError } from '../../engine/network/networkModel.js';
import { plannableJointProblems } from '../../app/planProblems.js';
import { planComponent } from '../../app/plan.js';
import { PATHFLOW_VERSION } from '../../version.js';
import { PlanOptionsError } from './planOptionsError.js';

/** What a component plan was asked for, defaults filled in, as stored in `runs.options`. */
export interface ComponentPlanOptions {
  /** A component's name, or the id of a node in it. */
  component: string;
  nodes: string[];
  /** By node id; a node without one searches from 0 to twice its capacity plus 10. */
  ranges?: Record<string, CapacityRange>;
  replications: number;
  seed: number;
  /** `baseline`, `all`, or scenario names separated by commas. */
  scenario: string;
  objective: 'cost' | 'target';
  /** For the target objective, e.g. `delayed-per-day<=2` or `blocked:P3_N<=1`. */
  target?: string;
  /** Default: the model's own basis, as `run` and reports price. */
  costBasis?: CostBasis;
  initialResidual: InitialResidual;
}

export const isComponentPlan = (options: object): options is ComponentPlanOptions => 'component' in options;

function objectiveOf(options: ComponentPlanOptions): JointObjective {
  if (options.objective === 'cost') {
    if (options.target !== undefined) throw new PlanOptionsError('target is for the target objective; the cost objective has no target', 'target');
    return { kind: 'cost' };
  }
  if (options.target === undefined) throw new PlanOptionsError("the target objective needs a target, e.g. 'delayed-per-day<=2' or 'blocked:P3_N<=1'", 'target');
  try {
    return { kind: 'target', target: parseJointTarget(options.target) };
  } catch (error) {
    throw new PlanOptionsError((error as Error).message, 'target');
  }
}

/** The component's own name: a node id stands for the component it is in. */
function componentName(model: ModelSpec, asked: string): string {
  const components = networkComponents(model);
  if (components.some((component) => component.name === asked)) return asked;
  const index = model.nodes.findIndex((node) => node.id === asked);
  const holding = components.find((component) => component.nodes.includes(index));
  if (holding) return holding.name;
  const known = components.length === 0 ? 'the model has no network' : `its components: ${components.map((component) => component.name).join(', ')}`;
  throw new PlanOptionsError(`${asked} is neither a network component of the model nor a node in one (${known})`, 'component');
}

/** The CLI's option names in the engine's messages, as the API's fields. */
const FIELD_OF_OPTION: Record<string, string> = { component: 'component', nodes: 'nodes', range: 'ranges', scenario: 'scenario', target: 'target' };

function refusal(error: JointPlanError): PlanOptionsError {
  const option = /^--([a-z]+)/.exec(error.message)?.[1] ?? 'component';
  const message = error.message.replace(/--(component|nodes|range|scenario|target)\b/g, (_, name: string) => FIELD_OF_OPTION[name]);
  return new PlanOptionsError(message, FIELD_OF_OPTION[option] ?? 'component');
}

/** The joint problems the plan solves; refuses every choice the CLI refuses, naming the field, before anything is queued. */
export function componentPlanProblems(model: ModelSpec, options: ComponentPlanOptions) {
  const objective = objectiveOf(options);
  const component = componentName(model, options.component);
  const costBasis = options.costBasis ?? costBasisOf(model);
  try {
    const { problems } = plannableJointProblems(model, { component, nodes: options.nodes, ranges: options.ranges, scenario: options.scenario, seed: options.seed >>> 0, replications: options.replications, initialResidual: options.initialResidual, costBasis, objective });
    return { objective, component, costBasis, problems };
  } catch (error) {
    if (error instanceof JointPlanError) throw refusal(error);
    // A component the simulator refuses is the request's fault, not the worker's.
    if (error instanceof NetworkModelError) throw new PlanOptionsError(error.message, 'component');
    throw error;
  }
}

/** The files `pathflow optimise --component` writes for `model` and `options`, with a manifest free of clock time. */
export async function componentPlanFilesOf(
  model: ModelSpec,
  options: ComponentPlanOptions,
  context: { source: string; onProgress?: (done: number, total: number) => void; signal?: AbortSignal },
): Promise<Record<string, Uint8Array>> {
  const { objective, component, costBasis, problems } = componentPlanProblems(model, options);
  let done = 0;
  const { plans, files } = await planComponent(problems, { progress: () => context.onProgress?.(++done, problems.length), signal: context.signal });
  const asked = { ...options, objective, costBasis, component };
  const manifest = {
    pathflow: PATHFLOW_VERSION,
    command: 'optimise',
    source: context.source,
    ...componentPlanManifestFields(model, asked, plans),
    files: [...Object.keys(files), 'manifest.json'],
  };
  return planFileBytes(files, manifest);
}
