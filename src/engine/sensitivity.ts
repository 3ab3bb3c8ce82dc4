/**
 * One-at-a-time sensitivity of a node's total cost and delayed bed-days to its inputs: the
 * referrals, the mean length of stay and the capacity, each moved by ±`change` while the
 * rest stay put, for a tornado chart.
 *
 * Every variant keeps the node's id, seed and replication indices, so by common random
 * numbers it sees the same patients: 10 % more referrals compress the same referral times,
 * 10 % longer stays lengthen every patient's stay. Changes are paired differences from the
 * base case, replication by replication.
 */
import type { LosScenario, NodeSpec } from './model.js';
import { CapacityEvaluator, estimateOf, pairedDifference, type CapacityEvaluation } from './optimise.js';
import type { Estimate } from './statistics.js';

export const SENSITIVITY_FACTORS = ['arrivals', 'mean_los', 'capacity'] as const;
export type SensitivityFactor = (typeof SENSITIVITY_FACTORS)[number];

export interface SensitivityCase {
  /** The input's value: mean referrals a day, mean stay in days, or capacity. */
  input: number;
  cost: Estimate;
  delayedBedDays: Estimate;
  /** Paired differences from the base case. */
  costChange: Estimate;
  delayedBedDaysChange: Estimate;
}

export interface SensitivityRow {
  factor: SensitivityFactor;
  base: SensitivityCase;
  minus: SensitivityCase;
  plus: SensitivityCase;
}

export interface SensitivityResult {
  capacity: number;
  change: number;
  /** Largest cost swing (plus minus minus) first: the order of a tornado's bars. */
  rows: SensitivityRow[];
  /** Replications simulated for this analysis (capacities already simulated are reused). */
  replicationsSimulated: number;
}

function scaleLos(los: LosScenario, factor: number): LosScenario {
  return {
    ...los,
    mean: los.mean * factor,
    median: los.median === undefined ? undefined : los.median * factor,
    sd: los.sd === undefined ? undefined : los.sd * factor,
  };
}

/**
 * Sensitivity at `capacity` of the evaluator's problem to ±`change` (0.1 for ±10 %).
 * Capacity moves by the same share rounded to whole units, and by at least one.
 */
export function sensitivity(evaluator: CapacityEvaluator, capacity: number, change: number): SensitivityResult {
  if (!(change > 0 && change < 1)) throw new RangeError(`a sensitivity change is a fraction between 0 and 1, not ${change}`);
  const problem = evaluator.problem;
  const { node, arrivalIndex, losIndex } = problem;
  const simulatedBefore = evaluator.replicationsSimulated;
  let simulatedElsewhere = 0;
  const base = evaluator.evaluate(capacity);
  const variant = (changed: NodeSpec): CapacityEvaluation => {
    simulatedElsewhere += problem.replications;
    return new CapacityEvaluator({ ...problem, node: changed }, 0, evaluator.onEvaluated).evaluate(capacity);
  };
  const withArrivals = (factor: number): NodeSpec => ({
    ...node,
    arrivals: node.arrivals.map((scenario, i) => (i === arrivalIndex ? { ...scenario, daily: scenario.daily.map((rate) => rate * factor) } : scenario)),
  });
  const withLos = (factor: number): NodeSpec => ({ ...node, los: node.los.map((scenario, i) => (i === losIndex ? scaleLos(scenario, factor) : scenario)) });
  const daily = node.arrivals[arrivalIndex].daily;
  const meanArrivals = daily.reduce((sum, rate) => sum + rate, 0) / Math.max(1, daily.length);
  const meanLos = node.los[losIndex].mean;
  const step = Math.max(1, Math.round(capacity * change));

  const describe = (input: number, evaluation: CapacityEvaluation): SensitivityCase => ({
    input,
    cost: estimateOf(evaluation.cost),
    delayedBedDays: estimateOf(evaluation.delayedBedDays),
    costChange: pairedDifference(evaluation.cost, base.cost),
    delayedBedDaysChange: pairedDifference(evaluation.delayedBedDays, base.delayedBedDays),
  });
  const row = (factor: SensitivityFactor, baseInput: number, minus: [number, CapacityEvaluation], plus: [number, CapacityEvaluation]): SensitivityRow => ({
    factor,
    base: describe(baseInput, base),
    minus: describe(...minus),
    plus: describe(...plus),
  });
  const rows = [
    row('arrivals', meanArrivals, [meanArrivals * (1 - change), variant(withArrivals(1 - change))], [meanArrivals * (1 + change), variant(withArrivals(1 + change))]),
    row('mean_los', meanLos, [meanLos * (1 - change), variant(withLos(1 - change))], [meanLos * (1 + change), variant(withLos(1 + change))]),
    row(
      'capacity',
      capacity,
      [Math.max(0, capacity - step), evaluator.evaluate(Math.max(0, capacity - step))],
      [capacity + step, evaluator.evaluate(capacity + step)],
    ),
  ];
  const swing = (r: SensitivityRow) => Math.abs(r.plus.cost.mean - r.minus.cost.mean);
  rows.sort((a, b) => swing(b) - swing(a));
  return { capacity, change, rows, replicationsSimulated: simulatedElsewhere + evaluator.replicationsSimulated - simulatedBefore };
}
