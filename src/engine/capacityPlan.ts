/**
 * A node's capacity plan as `pathflow optimise` reports it: the optimum (or the least
 * capacity meeting a target), re-priced with the workbook's baseline capacity on fresh
 * replications for its cost and the saving against the baseline, and the sensitivity at both.
 *
 * Why re-price: the search keeps the capacity whose mean cost came out lowest on its own
 * replications, so that mean is biased low (its 95 % interval covered the true cost 93 % of
 * the time, the misses mostly low). Fresh replications, independent of the choice, give an
 * unbiased cost and an interval with its stated coverage.
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
  type EvaluationObserver,
  type ServiceTarget,
} from './optimise.js';
import { estimateOf } from './optimise.js';
import { confidentNodeTarget, type TargetAnswer, type TargetConfidenceOptions } from './nodeTarget.js';
import { sensitivity, type SensitivityResult } from './sensitivity.js';
import type { Estimate } from './statistics.js';

export type Objective = { kind: 'cost' } | ({ kind: 'target'; target: ServiceTarget } & TargetConfidenceOptions);

export interface NodePlan {
  problem: CapacityProblem;
  /** For a target, `plan.capacity` is the confident answer (`target.capacity`), not the search's point answer. */
  plan: CapacityPlan;
  /** A target's confident answer: status, the point answer, and the metric at the answer and one place less. */
  target?: TargetAnswer;
  /** The plan's capacity on the fresh replications (`repriced`); absent when there is none. */
  planned?: CapacityEvaluation;
  /** The search's own mean cost and interval at the plan's capacity: biased low, kept for comparison. */
  searchCost?: Estimate;
  /** The node's first capacity scenario on the fresh replications; absent when it is unrestricted (it has no commissioned cost). */
  baseline?: CapacityEvaluation;
  /** Baseline cost minus the plan's, paired by fresh replication; absent without both. */
  saving?: Estimate;
  /**
   * The plan's capacity and the baseline on replications the search never saw: R to 2R - 1,
   * or for a target, from the confident procedure's budget on (its looks use 0 to budget - 1).
   */
  repriced: CapacityEvaluator;
  /** At the plan's capacity (when there is one), then at the baseline's. */
  sensitivity: { at: 'best' | 'baseline'; result: SensitivityResult }[];
  /** Replications simulated for this node in all: search, re-pricing and sensitivity. */
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

/** `sensitivityChange` 0.1 for ±10 %; undefined for none. `onEvaluated` hears every capacity simulated for the plan, once each. */
export function planNode(problem: CapacityProblem, objective: Objective, sensitivityChange?: number, onEvaluated?: EvaluationObserver): NodePlan {
  const evaluator = new CapacityEvaluator(problem, 0, onEvaluated);
  let plan: CapacityPlan;
  let target: TargetAnswer | undefined;
  if (objective.kind === 'cost') {
    plan = optimiseCost(evaluator);
  } else {
    const point = capacityForTarget(evaluator, objective.target);
    target = confidentNodeTarget(evaluator, objective.target, point, objective);
    plan = { ...point, capacity: target.capacity };
    // On the search's replications too, so the cost curve shows the answer.
    if (Number.isFinite(target.capacity)) evaluator.evaluate(target.capacity);
  }
  const baselineAt = baselineCapacity(problem);
  // On the search's replications too, so the cost curve compares it with the others.
  if (baselineAt !== undefined) evaluator.evaluate(baselineAt);
  const repriced = new CapacityEvaluator(problem, target ? target.maxReplications : problem.replications, onEvaluated);
  const planned = Number.isFinite(plan.capacity) ? repriced.evaluate(plan.capacity) : undefined;
  const baseline = baselineAt === undefined ? undefined : repriced.evaluate(baselineAt);
  const saving = baseline && planned ? pairedDifference(baseline.cost, planned.cost) : undefined;
  const searchCost = planned && estimateOf(evaluator.evaluate(planned.capacity).cost);
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
  const replicationsSimulated = evaluator.replicationsSimulated + repriced.replicationsSimulated + variantReplications + (target?.replicationsSimulated ?? 0);
  return { problem, plan, target, planned, searchCost, baseline, saving, repriced, sensitivity: analyses, replicationsSimulated };
}

/** A NodePlan as it crosses a thread boundary: its evaluators as the capacities they hold. */
export interface PortableNodePlan extends Omit<NodePlan, 'plan' | 'repriced' | 'planned' | 'baseline'> {
  plan: Omit<CapacityPlan, 'evaluator'>;
  searched: CapacityEvaluation[];
  repriced: CapacityEvaluation[];
  repricedFrom: number;
  plannedCapacity?: number;
  baselineCapacity?: number;
}

export function toPortable(entry: NodePlan): PortableNodePlan {
  const { plan, repriced, planned, baseline, ...rest } = entry;
  const { evaluator, ...search } = plan;
  return { ...rest, plan: search, searched: evaluator.evaluated(), repriced: repriced.evaluated(), repricedFrom: repriced.firstReplication, plannedCapacity: planned?.capacity, baselineCapacity: baseline?.capacity };
}

export function fromPortable(portable: PortableNodePlan): NodePlan {
  const { plan, searched, repriced: repricedEvaluations, repricedFrom, plannedCapacity, baselineCapacity: baselineAt, ...rest } = portable;
  const evaluator = CapacityEvaluator.holding(rest.problem, 0, searched);
  const repriced = CapacityEvaluator.holding(rest.problem, repricedFrom, repricedEvaluations);
  return {
    ...rest,
    plan: { ...plan, evaluator },
    repriced,
    planned: plannedCapacity === undefined ? undefined : repriced.evaluate(plannedCapacity),
    baseline: baselineAt === undefined ? undefined : repriced.evaluate(baselineAt),
  };
}
