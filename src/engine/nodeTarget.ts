/**
 * A single node's confident answer to a service target: confidentTarget's procedure run on
 * the node's simulation, each look on replications 0 to n − 1 of the same seed, so every
 * capacity and every look sees the same patients (common random numbers).
 */
import { confidentTarget, type BoundaryCheck, type ConfidentTargetStatus } from './confidentTarget.js';
import { CapacityEvaluator, decisionStatistic, MAX_CAPACITY, metricValue, type CapacityPlan } from './optimise.js';
import type { ServiceTarget } from './serviceTarget.js';

export const DEFAULT_TARGET_CONFIDENCE = 0.95;
/** The replication budget per capacity, as a multiple of `--runs`: four doublings. */
export const DEFAULT_BUDGET_FACTOR = 16;

export interface TargetConfidenceOptions {
  /** One-sided confidence that the answer meets the target; default 0.95. */
  confidence?: number;
  /** Most replications a capacity may get; default 16 × the problem's replications. */
  maxReplications?: number;
}

/** The metric at one capacity of the boundary, on the final look's replications. */
export interface TargetBoundary {
  capacity: number;
  replications: number;
  /** The metric's point estimate: a mean over replications, or the pooled percentile. */
  value: number;
  /** One-sided bounds on the metric's mean at the per-look level; NaN for the all-days percentile, judged by `daysOverLimit`. */
  low: number;
  high: number;
  /** All-days percentile only: the mean share of days with more than the limit delayed, with its bounds (met when at most 0.05). */
  daysOverLimit?: { mean: number; low: number; high: number };
}

export interface TargetAnswer {
  status: ConfidentTargetStatus;
  /** The least capacity meeting the target with `confidence`; NaN when unattainable. */
  capacity: number;
  /** The least capacity whose mean over the search's replications meets the limit (what optimise answered before issue 17); NaN when none. */
  pointCapacity: number;
  confidence: number;
  levelPerLook: number;
  looks: number;
  /** Replications per capacity at the final look, and the budget. */
  replications: number;
  maxReplications: number;
  at: TargetBoundary;
  below?: TargetBoundary;
  /** Replications simulated by the looks beyond the search's own. */
  replicationsSimulated: number;
}

/** The confident answer, starting from the point search's capacity (`point`, from capacityForTarget on `search`). */
export function confidentNodeTarget(search: CapacityEvaluator, target: ServiceTarget, point: CapacityPlan, options: TargetConfidenceOptions = {}): TargetAnswer {
  const initial = search.problem.replications;
  const confidence = options.confidence ?? DEFAULT_TARGET_CONFIDENCE;
  const maxReplications = Math.max(initial, options.maxReplications ?? DEFAULT_BUDGET_FACTOR * initial);
  const looks = new Map<number, CapacityEvaluator>([[initial, search]]);
  const evaluatorFor = (replications: number): CapacityEvaluator => {
    let evaluator = looks.get(replications);
    if (!evaluator) {
      evaluator = new CapacityEvaluator({ ...search.problem, replications }, 0, search.onEvaluated);
      looks.set(replications, evaluator);
    }
    return evaluator;
  };
  const extra = () => [...looks.values()].reduce((sum, evaluator) => (evaluator === search ? sum : sum + evaluator.replicationsSimulated), 0);
  const boundary = (check: BoundaryCheck): TargetBoundary => {
    const evaluation = evaluatorFor(check.replications).evaluate(check.capacity);
    const value = metricValue(evaluation, target.metric);
    if (target.metric !== 'p95-delayed-all-days') return { capacity: check.capacity, replications: check.replications, value, low: check.low, high: check.high };
    return { capacity: check.capacity, replications: check.replications, value, low: NaN, high: NaN, daysOverLimit: { mean: check.mean, low: check.low, high: check.high } };
  };
  const common = { pointCapacity: point.capacity, confidence, maxReplications };
  if (!Number.isFinite(point.capacity)) {
    // The search already found the floor: nobody but the initial queue waits, and the metric is above the limit.
    const widest = search.evaluated().at(-1)!;
    const { values } = decisionStatistic(widest, target);
    const at = boundary({ capacity: widest.capacity, replications: initial, mean: NaN, low: NaN, high: NaN });
    if (at.daysOverLimit) at.daysOverLimit = { mean: values.reduce((a, b) => a + b, 0) / values.length, low: NaN, high: NaN };
    return { ...common, status: 'unattainable', capacity: NaN, levelPerLook: NaN, looks: 1, replications: initial, at, replicationsSimulated: 0 };
  }
  const result = confidentTarget(
    {
      statistic: (capacity, replications) => decisionStatistic(evaluatorFor(replications).evaluate(capacity), target).values,
      saturated: (capacity, replications) => evaluatorFor(replications).evaluate(capacity).noDelay,
    },
    { limit: decisionStatistic(search.evaluate(point.capacity), target).limit, confidence, initialReplications: initial, maxReplications, start: point.capacity, maxCapacity: MAX_CAPACITY },
  );
  return {
    ...common,
    status: result.status,
    capacity: result.capacity,
    levelPerLook: result.levelPerLook,
    looks: result.looks,
    replications: result.replications,
    at: boundary(result.at),
    below: result.below && boundary(result.below),
    replicationsSimulated: extra(),
  };
}
