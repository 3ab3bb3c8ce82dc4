/**
 * What a plan is asked to solve, built once for every shell: `pathflow optimise`, the team
 * server's plan jobs and the web app's planner give the same seed and choices the same
 * problems, so the same plans. Refusals name the command's options (`--nodes`, `--scenario`).
 */
import type { CostBasis, ModelSpec, NodeSpec } from '../engine/model.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import type { Compatibility } from '../engine/replications.js';
import type { CapacityProblem } from '../engine/optimise.js';
import { networkOf } from '../engine/network/fromModel.js';
import type { JointPlanProblem } from '../engine/network/jointPlan.js';
import { jointProblems, type JointChoice } from '../engine/network/jointProblem.js';
import { compileNetwork, NetworkModelError } from '../engine/network/networkModel.js';
import { UsageError } from './errors.js';

/** How every chosen node is simulated for its plan. */
export interface ProblemSettings {
  runs: number;
  seed: number;
  initialResidual: InitialResidual;
  /** How P1 stays are drawn, as for `run --compat`; `none` when absent. */
  compat?: Compatibility;
  costBasis: CostBasis;
}

export interface ProblemChoice extends ProblemSettings {
  /** Node ids; all nodes when absent. */
  nodes?: string[];
  /** `baseline`, `all`, or arrival and LOS scenario names separated by commas. */
  scenario: string;
}

function nodeProblem(model: ModelSpec, node: NodeSpec, arrivalIndex: number, losIndex: number, settings: ProblemSettings): CapacityProblem {
  return {
    node,
    arrivalIndex,
    losIndex,
    days: model.dates.length,
    settings: { seed: settings.seed >>> 0, compat: settings.compat ?? 'none', initialResidual: settings.initialResidual },
    replications: settings.runs,
    costBasis: settings.costBasis,
  };
}

/** Each chosen node with the arrival and LOS scenario to plan for. */
export function selectProblems(model: ModelSpec, options: ProblemChoice): CapacityProblem[] {
  const known = new Set(model.nodes.map((node) => node.id));
  if (options.nodes?.length === 0) throw new UsageError('--nodes names no node');
  const unknown = (options.nodes ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`--nodes: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not a node' : 'are not nodes'} of the workbook (its nodes: ${[...known].join(', ')})`);
  const wanted = options.nodes ? new Set(options.nodes) : known;
  const names = options.scenario === 'baseline' || options.scenario === 'all' ? [] : options.scenario.split(',').map((name) => name.trim()).filter(Boolean);
  const problems: CapacityProblem[] = [];
  for (const node of model.nodes.filter((candidate) => wanted.has(candidate.id))) {
    const arrivalNames = node.arrivals.map((scenario) => scenario.name);
    const losNames = node.los.map((scenario) => scenario.name);
    const strange = names.filter((name) => !arrivalNames.includes(name) && !losNames.includes(name));
    if (strange.length > 0) {
      throw new UsageError(`--scenario: ${strange.join(', ')} is not an arrival or LOS scenario of ${node.id} (arrivals: ${arrivalNames.join(', ')}; LOS: ${losNames.join(', ')})`);
    }
    const pick = (all: string[]) => {
      if (options.scenario === 'all') return all.map((_, index) => index);
      const chosen = all.filter((name) => names.includes(name));
      if (chosen.length > 1) throw new UsageError(`--scenario names ${chosen.join(' and ')} of ${node.id}: one arrival and one LOS scenario, or all`);
      return [chosen.length === 1 ? all.indexOf(chosen[0]) : 0];
    };
    for (const losIndex of pick(losNames)) {
      for (const arrivalIndex of pick(arrivalNames)) problems.push(nodeProblem(model, node, arrivalIndex, losIndex, options));
    }
  }
  return problems;
}

/** One node's problem for one arrival and LOS scenario, by index (a picker's choice rather than names). */
export function nodeScenarioProblem(model: ModelSpec, nodeId: string, arrivalIndex: number, losIndex: number, settings: ProblemSettings): CapacityProblem {
  const node = model.nodes.find((n) => n.id === nodeId);
  if (!node) throw new RangeError(`there is no node ${nodeId}`);
  return nodeProblem(model, node, arrivalIndex, losIndex, settings);
}

/**
 * Refuses a component the simulator cannot run before any search starts, naming it
 * (`component NAME: why`), so that a shell reports it at once as bad input.
 */
export function checkSimulates(problem: JointPlanProblem): void {
  try {
    compileNetwork(networkOf(problem.model, problem.component, problem.scenario, { initialResidual: problem.initialResidual }).network);
  } catch (error) {
    if (error instanceof NetworkModelError) throw new NetworkModelError(`component ${problem.component.name}: ${error.message}`);
    throw error;
  }
}

/** The joint plans a planner's choices ask for, each checked by `checkSimulates` before any search: the CLI and the server refuse the same component the same way. */
export function plannableJointProblems(model: ModelSpec, choice: JointChoice): { problems: JointPlanProblem[]; warnings: string[] } {
  const chosen = jointProblems(model, choice);
  for (const problem of chosen.problems) checkSimulates(problem);
  return chosen;
}

/** One scenario of a component, by id (a picker's choice), checked as `checkSimulates` does; the engine's one-line reason when it cannot be planned. */
export function componentScenarioProblem(model: ModelSpec, choice: Omit<JointChoice, 'scenario'>, scenarioId: string): JointPlanProblem {
  const problem = jointProblems(model, { ...choice, scenario: 'all' }).problems.find((candidate) => candidate.scenario.id === scenarioId);
  if (!problem) throw new RangeError(`${scenarioId} is not a scenario of component ${choice.component}`);
  checkSimulates(problem);
  return problem;
}
