/**
 * The plan use cases: a node's capacity (`planNodes`, what `pathflow optimise` runs) and a
 * network component's capacities searched together (`planComponent`, `optimise --component`),
 * each plan with the files that hold it. A search is one chain of decisions, each on what was
 * simulated before it, so an executor hands out whole searches (one a thread or worker); by
 * default they run in order in this thread, and the signal is heeded between them.
 */
import { planNode, type NodePlan, type Objective } from '../engine/capacityPlan.js';
import type { CapacityProblem } from '../engine/optimise.js';
import type { JointEvaluationObserver, JointPlanProblem } from '../engine/network/jointPlan.js';
import { planJoint, type JointPlan } from '../engine/network/jointSearch.js';
import { NetworkModelError } from '../engine/network/networkModel.js';
import { costCurveCsv, optimalCsv, sensitivityCsv } from '../csv/optimise.js';
import { jointOptimalCsv, jointSurfaceCsv } from '../csv/jointPlan.js';

/** Plans every problem, calling back with each as it is done; resolves with them in the order asked. */
export type PlanExecutor<Problem, Plan> = (problems: readonly Problem[], onPlan: (plan: Plan) => void, signal?: AbortSignal) => Promise<Plan[]>;

export interface PlanDeps<Problem, Plan> {
  /** In order in this thread when absent. */
  executor?: PlanExecutor<Problem, Plan>;
  /** Each plan as it is done. */
  progress?: (plan: Plan) => void;
  /**
   * Each capacity (a node's, or a component's vector) simulated for the first time, on this
   * many replications: progress within a search. Heard by the in-thread executor only; an
   * executor of its own reports what it can.
   */
  onEvaluated?: (replications: number) => void;
  signal?: AbortSignal;
}

export interface Planned<Plan> {
  plans: Plan[];
  /** File name → content, in the order they are listed. */
  files: Record<string, string>;
}

export async function planNodes(problems: readonly CapacityProblem[], objective: Objective, sensitivity: number | undefined, deps: PlanDeps<CapacityProblem, NodePlan> = {}): Promise<Planned<NodePlan>> {
  const observe = observerOf(deps);
  const execute = deps.executor ?? inThisThread((problem: CapacityProblem) => planNode(problem, objective, sensitivity, observe));
  const plans = await execute(problems, (plan) => deps.progress?.(plan), deps.signal);
  return { plans, files: { 'optimal.csv': optimalCsv(plans), 'cost_curve.csv': costCurveCsv(plans), 'sensitivity.csv': sensitivityCsv(plans) } };
}

/** A component the simulator refuses is named in the error: `component NAME: why`. */
export async function planComponent(problems: readonly JointPlanProblem[], deps: PlanDeps<JointPlanProblem, JointPlan> = {}): Promise<Planned<JointPlan>> {
  const observe = observerOf(deps);
  const execute = deps.executor ?? inThisThread((problem: JointPlanProblem) => planJointNamingComponent(problem, observe));
  const plans = await execute(problems, (plan) => deps.progress?.(plan), deps.signal);
  return { plans, files: { 'joint_optimal.csv': jointOptimalCsv(plans), 'joint_surface.csv': jointSurfaceCsv(plans) } };
}

/** The engine's observers hear whole evaluations; a shell needs only the replications each took. */
function observerOf({ onEvaluated }: { onEvaluated?: (replications: number) => void }) {
  return onEvaluated && ((evaluation: { cost: Float64Array }) => onEvaluated(evaluation.cost.length));
}

function planJointNamingComponent(problem: JointPlanProblem, onEvaluated?: JointEvaluationObserver): JointPlan {
  try {
    return planJoint(problem, onEvaluated);
  } catch (error) {
    if (error instanceof NetworkModelError) throw new NetworkModelError(`component ${problem.component.name}: ${error.message}`);
    throw error;
  }
}

/**
 * A search runs synchronously (seconds at 1,000 replications): the event loop turns between
 * searches, so an abort (a cancel button, an interrupt signal) is seen there.
 */
function inThisThread<Problem, Plan>(planOne: (problem: Problem) => Plan): PlanExecutor<Problem, Plan> {
  return async (problems, onPlan, signal) => {
    const plans: Plan[] = [];
    for (const problem of problems) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      const plan = planOne(problem);
      plans.push(plan);
      onPlan(plan);
    }
    return plans;
  };
}
