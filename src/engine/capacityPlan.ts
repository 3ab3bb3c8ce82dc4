/**
 * A node's capacity plan as `pathflow optimise` reports it: the optimum (or the least
 * capacity meeting a target), the workbook's baseline capacity on the same replications
 * for the saving against it, and the sensitivity at both.
 */
import { isUnrestricted } from './model.js';
import {
  capacityForTarget,
  CapacityEvaluator,
  optimiseCost,
  pairedDifference,
  type CapacityEvaluation,
  type CapacityPlan,
  type CapacityProblem,
  type ServiceTarget,
} from './optimise.js';
import { sensitivity, type SensitivityResult } from './sensitivity.js';
import type { Estimate } from './statistics.js';

export type Objective = { kind: 'cost' } | { kind: 'target'; target: ServiceTarget };

export interface NodePlan {
  problem: CapacityProblem;
  plan: CapacityPlan;
  /** The node's first capacity scenario; absent when it is unrestricted (it has no commissioned cost). */
  baseline?: CapacityEvaluation;
  /** Baseline cost minus the plan's, paired by replication; absent without both. */
  saving?: Estimate;
  /** At the plan's capacity (when there is one), then at the baseline's. */
  sensitivity: { at: 'best' | 'baseline'; result: SensitivityResult }[];
  /** Replications simulated for this node in all: search, baseline and sensitivity. */
  replicationsSimulated: number;
}

/**
 * The capacity a workbook plans, in the units searched: whole beds (the simulation rounds a
 * fraction down), a P1 caseload as it is.
 */
export function baselineCapacity(problem: CapacityProblem): number | undefined {
  const capacity = problem.node.capacity[0]?.capacity;
  if (capacity === undefined || isUnrestricted(capacity)) return undefined;
  return problem.node.pathway === 'P1' ? capacity : Math.floor(capacity);
}

/** `sensitivityChange` 0.1 for ±10 %; undefined for none. */
export function planNode(problem: CapacityProblem, objective: Objective, sensitivityChange?: number): NodePlan {
  const evaluator = new CapacityEvaluator(problem);
  const plan = objective.kind === 'cost' ? optimiseCost(evaluator) : capacityForTarget(evaluator, objective.target);
  const baselineAt = baselineCapacity(problem);
  const baseline = baselineAt === undefined ? undefined : evaluator.evaluate(baselineAt);
  const planned = Number.isFinite(plan.capacity) ? evaluator.evaluate(plan.capacity) : undefined;
  const saving = baseline && planned ? pairedDifference(baseline.cost, planned.cost) : undefined;
  const analyses: NodePlan['sensitivity'] = [];
  // Variants of the node are simulated outside the evaluator; capacity changes inside it.
  let variantReplications = 0;
  const analyse = (at: 'best' | 'baseline', capacity: number, change: number) => {
    const before = evaluator.replicationsSimulated;
    const result = sensitivity(evaluator, capacity, change);
    variantReplications += result.replicationsSimulated - (evaluator.replicationsSimulated - before);
    analyses.push({ at, result });
  };
  if (sensitivityChange !== undefined) {
    if (planned) analyse('best', planned.capacity, sensitivityChange);
    if (baseline) analyse('baseline', baseline.capacity, sensitivityChange);
  }
  return { problem, plan, baseline, saving, sensitivity: analyses, replicationsSimulated: evaluator.replicationsSimulated + variantReplications };
}
