/**
 * Capacity planning for one node under one arrival and LOS scenario: the capacity (beds, or
 * a P1 caseload) of least expected cost, or the least capacity that meets a service target.
 *
 * Every candidate capacity is simulated with the same seed and replication indices, so by
 * the engine's common random numbers replication r sees exactly the same patients at every
 * capacity, and candidates are compared by paired differences across replications, far
 * less noisy than the costs themselves. The cost search starts from the analytic
 * steady-state optimum, brackets the minimum of the (near-convex) expected cost curve by
 * expanding steps, narrows it by golden-section search on the integers, and caches every
 * capacity simulated. docs/optimise.md describes the method and its interval.
 */
import { erlangC, losCoefficientOfVariation, queueQuantile, steadyStateEstimate } from './analytic.js';
import { Horizon, Metric } from './dailyRecord.js';
import { fitLos } from './lengthOfStay.js';
import { UNRESTRICTED_CAPACITY, type CostBasis, type NodeSpec } from './model.js';
import { unitCostPerDay } from './costBasis.js';
export { unitCostPerDay } from './costBasis.js';
import { replicationRunner, type SimulationSettings } from './replications.js';
import { nodeScenarios } from './scenarios.js';
import { estimateOf, pairedDifference, quantileSorted, type Estimate } from './statistics.js';
export { estimateOf, pairedDifference } from './statistics.js';

export type { CostBasis } from './model.js';

import { PERCENTILE_EXCEEDANCE, REPLICATION_METRICS, type ReplicationMetric, type ServiceTarget, type TargetMetric } from './serviceTarget.js';
export { formatTarget, parseTarget, TARGET_METRICS, type ServiceTarget, type TargetMetric } from './serviceTarget.js';

export interface CapacityProblem {
  node: NodeSpec;
  /** The node's arrival and LOS scenarios to plan for (indices into its lists). */
  arrivalIndex: number;
  losIndex: number;
  days: number;
  settings: SimulationSettings;
  replications: number;
  costBasis: CostBasis;
}

/** Capacities searched stay below the engine's threshold for "unrestricted". */
export const MAX_CAPACITY = UNRESTRICTED_CAPACITY - 1;

/** One capacity's replications: per-replication figures over the horizon. */
export interface CapacityEvaluation {
  capacity: number;
  /** Total cost under the problem's cost basis: acute delay plus community. */
  cost: Float64Array;
  acuteCost: Float64Array;
  communityCost: Float64Array;
  delayedBedDays: Float64Array;
  /**
   * The service metrics that are a figure per replication (serviceTarget.ts defines them):
   * `delay-days-per-patient` (unfinished waits counted up to the horizon's end, so Little's
   * law makes it the steady state's mean wait), `share-ever-delayed`, `p95-delayed-per-run`.
   */
  metrics: Record<ReplicationMetric, Float64Array>;
  /**
   * Each replication's daily number delayed (summary.csv's niq), sorted, `days` values a
   * replication: the all-days percentile pools them, and its confident test counts the days
   * above a limit.
   */
  dailyDelayed: Float64Array;
  days: number;
  /** Nobody waited in any replication, so a larger capacity changes no patient's path. */
  noDelay: boolean;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < values.length; r++) sum += values[r];
  return sum / values.length;
}

/**
 * Simulates capacities of one problem on demand, each once, on replications
 * `firstReplication` to `firstReplication + replications - 1`. A replication's numbers
 * depend only on (seed, node, index), so evaluators on disjoint index ranges see
 * independent patients: the capacity a search picks is re-priced on a range it never saw.
 */
/** Hears each capacity an evaluator simulates, once, when it is done (a plan's progress); it changes no number. */
export type EvaluationObserver = (evaluation: CapacityEvaluation) => void;

export class CapacityEvaluator {
  readonly unitCost: number;
  private readonly cache = new Map<number, CapacityEvaluation>();

  constructor(
    readonly problem: CapacityProblem,
    readonly firstReplication = 0,
    /** Evaluators made from this one (a target's further looks, a sensitivity's variants) pass it on. */
    readonly onEvaluated?: EvaluationObserver,
  ) {
    const { node, arrivalIndex, losIndex, replications } = problem;
    // A paired interval needs a variance.
    if (!Number.isInteger(replications) || replications < 2) throw new RangeError(`optimising needs at least 2 replications, not ${replications}`);
    if (!node.arrivals[arrivalIndex] || !node.los[losIndex]) throw new RangeError(`${node.id} has no arrival scenario ${arrivalIndex} or LOS scenario ${losIndex}`);
    // Lost patients carry no cost in this model, so the cheapest loss node would have no beds.
    if (node.loseOverflow) throw new RangeError(`${node.id} loses its overflow: the cost of a lost patient is not modelled, so it has no optimum`);
    this.unitCost = unitCostPerDay(node, losIndex);
  }

  /**
   * An evaluator holding capacities already simulated on its replications, e.g. by another
   * thread: structured cloning keeps an evaluation's numbers but not the evaluator.
   */
  static holding(problem: CapacityProblem, firstReplication: number, evaluations: readonly CapacityEvaluation[]): CapacityEvaluator {
    const evaluator = new CapacityEvaluator(problem, firstReplication);
    for (const evaluation of evaluations) evaluator.cache.set(evaluation.capacity, evaluation);
    return evaluator;
  }

  has(capacity: number): boolean {
    return this.cache.has(capacity);
  }

  /** Capacities simulated so far. */
  get evaluations(): number {
    return this.cache.size;
  }

  get replicationsSimulated(): number {
    return this.cache.size * this.problem.replications;
  }

  /** Every capacity simulated so far, smallest first. */
  evaluated(): CapacityEvaluation[] {
    return [...this.cache.values()].sort((a, b) => a.capacity - b.capacity);
  }

  /** Searches try whole capacities; a workbook's own P1 caseload may be fractional. */
  evaluate(capacity: number): CapacityEvaluation {
    if (!(capacity >= 0 && capacity <= MAX_CAPACITY)) throw new RangeError(`capacity must be from 0 to ${MAX_CAPACITY}, not ${capacity}`);
    const cached = this.cache.get(capacity);
    if (cached) return cached;
    const { node, arrivalIndex, losIndex, days, settings, replications, costBasis } = this.problem;
    const candidate: NodeSpec = { ...node, capacity: [{ name: String(capacity), capacity }] };
    const key = nodeScenarios(candidate, 0).find((k) => k.arrivalIndex === arrivalIndex && k.losIndex === losIndex)!;
    const run = replicationRunner(candidate, key, days, settings);
    const initialQueue = Math.max(0, Math.floor(node.initial.waiting));
    const commissioned = capacity * this.unitCost * days;
    const columns = () => new Float64Array(replications);
    const evaluation: CapacityEvaluation = {
      capacity,
      cost: columns(),
      acuteCost: columns(),
      communityCost: columns(),
      delayedBedDays: columns(),
      metrics: { 'delay-days-per-patient': columns(), 'p95-delayed-per-run': columns(), 'share-ever-delayed': columns() },
      dailyDelayed: new Float64Array(replications * days),
      days,
      noDelay: true,
    };
    const queue = new Float64Array(days);
    for (let r = 0; r < replications; r++) {
      const record = run(this.firstReplication + r);
      const h = record.horizon;
      const delayed = h[Horizon.delayedBedDays];
      const acute = delayed * node.costs.acuteDelay;
      const cost = costBasis === 'commissioned' ? acute + commissioned : h[Horizon.totalCost];
      evaluation.cost[r] = cost;
      evaluation.acuteCost[r] = acute;
      evaluation.communityCost[r] = cost - acute;
      evaluation.delayedBedDays[r] = delayed;
      const patients = h[Horizon.arrivals] + initialQueue;
      evaluation.metrics['delay-days-per-patient'][r] = patients > 0 ? delayed / patients : 0;
      evaluation.metrics['share-ever-delayed'][r] = patients > 0 ? (h[Horizon.delayedAdmissions] + h[Horizon.waitingAtEnd]) / patients : 0;
      queue.set(record.row(Metric.niq));
      queue.sort();
      evaluation.metrics['p95-delayed-per-run'][r] = quantileSorted(queue, days, 1 - PERCENTILE_EXCEEDANCE);
      evaluation.dailyDelayed.set(queue, r * days);
      if (delayed > 0) evaluation.noDelay = false;
    }
    this.cache.set(capacity, evaluation);
    this.onEvaluated?.(evaluation);
    return evaluation;
  }
}

/** The 95th percentile of the daily number delayed over every day of every replication. */
export function pooledDelayedPercentile(evaluation: CapacityEvaluation): number {
  const pooled = evaluation.dailyDelayed.slice().sort();
  return quantileSorted(pooled, pooled.length, 1 - PERCENTILE_EXCEEDANCE);
}

/**
 * Per replication, the share of its days with more than `limit` patients delayed. The 95th
 * percentile of all days is at most `limit` exactly when the expected share is at most 5 %,
 * and replications are independent where days are not: so the all-days percentile's
 * confident test is a one-sided interval on this share's mean (docs/optimise.md).
 */
export function shareOfDaysOver(evaluation: CapacityEvaluation, limit: number): Float64Array {
  const { days, dailyDelayed } = evaluation;
  const replications = dailyDelayed.length / days;
  const shares = new Float64Array(replications);
  for (let r = 0; r < replications; r++) {
    // The first sorted day above the limit, by bisection.
    let lo = r * days;
    let hi = lo + days;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (dailyDelayed[mid] > limit) hi = mid;
      else lo = mid + 1;
    }
    shares[r] = (r * days + days - lo) / days;
  }
  return shares;
}

/** A metric's point estimate at one capacity: the mean over replications, or the pooled percentile. */
export function metricValue(evaluation: CapacityEvaluation, metric: TargetMetric): number {
  return metric === 'p95-delayed-all-days' ? pooledDelayedPercentile(evaluation) : mean(evaluation.metrics[metric]);
}

/** Every metric's point estimate with its 95 % interval over replications (none for the pooled percentile: see shareOfDaysOver). */
export function metricEstimates(evaluation: CapacityEvaluation): Record<TargetMetric, Estimate> {
  const estimates = {} as Record<TargetMetric, Estimate>;
  for (const metric of REPLICATION_METRICS) estimates[metric] = estimateOf(evaluation.metrics[metric]);
  estimates['p95-delayed-all-days'] = { mean: pooledDelayedPercentile(evaluation), low: NaN, high: NaN, se: NaN };
  return estimates;
}

/**
 * What a target's confidence is judged on, per replication, and the limit its mean must meet:
 * the metric itself, or for the all-days percentile the share of days over the limit.
 */
export function decisionStatistic(evaluation: CapacityEvaluation, target: ServiceTarget): { values: Float64Array; limit: number } {
  if (target.metric === 'p95-delayed-all-days') return { values: shareOfDaysOver(evaluation, target.limit), limit: PERCENTILE_EXCEEDANCE };
  return { values: evaluation.metrics[target.metric], limit: target.limit };
}

/** An estimate from steady-state queueing formulas, needing no simulation. */
export interface AnalyticCapacity {
  /** NaN when no capacity meets the rule (a target no finite capacity reaches). */
  capacity: number;
  /** Offered load: mean referrals a day x mean stay. */
  load: number;
  /** Steady-state expectations over the horizon at that capacity. */
  totalCost: number;
  delayedBedDays: number;
}

/**
 * Under the occupied basis the steady-state cost falls for ever as capacity grows when a
 * delayed day costs more than a day of care, so the analytic estimate is the capacity at
 * which nobody waits: fewer than this many delayed bed-days expected over the horizon. It
 * is only where the search starts: within a finite horizon a P1 delay can push a plan's
 * dearest visits past the end, and the simulated optimum can then keep some delays.
 */
const NEGLIGIBLE_DELAYED_BED_DAYS = 0.5;

function analyticInputs(problem: CapacityProblem) {
  const daily = problem.node.arrivals[problem.arrivalIndex].daily;
  const arrivalsPerDay = daily.length > 0 ? daily.reduce((sum, rate) => sum + rate, 0) / daily.length : 0;
  const los = fitLos(problem.node.los[problem.losIndex]);
  return { arrivalsPerDay, meanStay: los.mean, cv: losCoefficientOfVariation(los), load: arrivalsPerDay * los.mean };
}

/** Capacities scanned: far enough above the load that the steady-state queue has vanished. */
function scanLimit(load: number): number {
  return Math.min(MAX_CAPACITY, Math.ceil(load + 20 * Math.sqrt(load) + 100));
}

/** Steady-state cost and delays at `capacity`, by the formulas the analytic estimates use. */
export function analyticAt(problem: CapacityProblem, unitCost: number, capacity: number): AnalyticCapacity {
  const { arrivalsPerDay, meanStay, cv, load } = analyticInputs(problem);
  const { days, costBasis, node } = problem;
  const estimate = steadyStateEstimate(arrivalsPerDay, meanStay, capacity, cv);
  const community = costBasis === 'commissioned' ? unitCost * capacity : unitCost * Math.min(load, capacity);
  const delayedBedDays = estimate.meanQueue * days;
  const acute = node.costs.acuteDelay > 0 ? delayedBedDays * node.costs.acuteDelay : 0;
  return { capacity, load, totalCost: acute + community * days, delayedBedDays };
}

/**
 * The steady-state capacity of least cost: Erlang C for exponential stays, Allen-Cunneen
 * otherwise, with the mean referrals of the horizon and the scenario's mean stay.
 */
export function analyticCostOptimum(problem: CapacityProblem, unitCost: number = unitCostPerDay(problem.node, problem.losIndex)): AnalyticCapacity {
  const { load } = analyticInputs(problem);
  const at = (capacity: number) => analyticAt(problem, unitCost, capacity);
  // Delays that cost nothing make any capacity a pure expense.
  if (!(problem.node.costs.acuteDelay > 0) || load === 0) return at(0);
  const first = Math.floor(load) + 1;
  const limit = scanLimit(load);
  if (problem.costBasis === 'commissioned' && unitCost > 0) {
    // Lq is convex in c, so the cost falls and then rises.
    let best = at(first);
    for (let c = first + 1; c <= limit; c++) {
      const next = at(c);
      if (!(next.totalCost < best.totalCost)) break;
      best = next;
    }
    return best;
  }
  for (let c = first; c <= limit; c++) {
    const candidate = at(c);
    if (candidate.delayedBedDays < NEGLIGIBLE_DELAYED_BED_DAYS) return candidate;
  }
  return { ...at(limit), capacity: NaN };
}

/** The least capacity whose steady state meets the target; NaN if none up to the scan limit. */
export function analyticTargetCapacity(problem: CapacityProblem, target: ServiceTarget, unitCost: number = unitCostPerDay(problem.node, problem.losIndex)): AnalyticCapacity {
  const { arrivalsPerDay, meanStay, cv, load } = analyticInputs(problem);
  const at = (capacity: number) => analyticAt(problem, unitCost, capacity);
  if (load === 0) return at(0);
  const metric = (c: number): number => {
    if (target.metric === 'share-ever-delayed') return erlangC(c, load);
    if (target.metric === 'p95-delayed-per-run' || target.metric === 'p95-delayed-all-days') return queueQuantile(c, load, 1 - PERCENTILE_EXCEEDANCE);
    return steadyStateEstimate(arrivalsPerDay, meanStay, c, cv).meanWait;
  };
  const limit = scanLimit(load);
  for (let c = Math.floor(load) + 1; c <= limit; c++) if (metric(c) <= target.limit) return at(c);
  return { ...at(limit), capacity: NaN };
}

export interface CapacityPlan {
  objective: 'cost' | 'target';
  target?: ServiceTarget;
  /**
   * Cost: the capacity of least mean cost (the smallest on ties). Target: the least capacity
   * whose mean metric over the replications meets the target; NaN when none does.
   */
  capacity: number;
  /**
   * The 95 % interval (docs/optimise.md). Cost: from the least to the largest capacity near
   * the best whose paired mean cost difference from it is not significantly positive (at 95 %,
   * two-sided). Target: from the least
   * capacity that does not significantly fail the target to the least that significantly
   * meets it. `high` is Infinity when no larger capacity changes anything.
   */
  low: number;
  high: number;
  analytic: AnalyticCapacity;
  /** Capacities the search simulated, and replications in all. */
  evaluations: number;
  replicationsSimulated: number;
  /** Every capacity simulated, the search's and any simulated since. */
  evaluator: CapacityEvaluator;
}

function searchEffort(evaluator: CapacityEvaluator) {
  return { evaluations: evaluator.evaluations, replicationsSimulated: evaluator.replicationsSimulated };
}

/**
 * The interval's walk ends after this many capacities in a row significantly dearer than the
 * best, not one: a P1 caseload's cost zigzags (with visits of 4 and 1 a day, an odd caseload
 * pays for half a visit slot that whole visits cannot use), so a dearer odd caseload can sit
 * between the best and an even one that is not significantly dearer.
 */
const STOP_AFTER = 2;

/** Capacities either side of the optimum simulated to draw the cost curve. */
export const CURVE_NEIGHBOURHOOD = 3;

export interface SearchOptions {
  /** Where the search starts; by default the analytic estimate (or the offered load when it has none). */
  start?: number;
}

function startingPoint(analytic: AnalyticCapacity, options: SearchOptions): number {
  const guess = options.start ?? (Number.isFinite(analytic.capacity) ? analytic.capacity : Math.round(analytic.load));
  return Math.min(MAX_CAPACITY, Math.max(0, Math.round(guess)));
}

/**
 * An interval [lo, hi] holding the smallest minimiser of `f`, found by steps that double
 * from `start` while `f` keeps falling. `f` is assumed quasi-convex (falling, then rising),
 * with no flat stretch except at the bottom: true of expected cost in capacity.
 */
function bracketMinimum(f: (c: number) => number, start: number): [number, number] {
  if (start < MAX_CAPACITY && f(start + 1) < f(start)) {
    let a = start;
    let b = start + 1;
    for (let step = 2; ; step *= 2) {
      const next = Math.min(MAX_CAPACITY, b + step);
      if (next === b) throw new RangeError(`the cost still falls at ${MAX_CAPACITY}: no optimum`);
      if (!(f(next) < f(b))) return [a + 1, next - 1];
      a = b;
      b = next;
    }
  }
  // The smallest minimiser is at or below start: step down while the cost does not rise.
  let hi = start;
  let b = start;
  for (let step = 1; b > 0; step *= 2) {
    const next = Math.max(0, b - step);
    if (f(next) > f(b)) return [next + 1, hi];
    hi = b;
    b = next;
  }
  return [0, hi];
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the smallest minimiser of `f` on the integers lo..hi, ending
 * with the last few by enumeration. Interior points prefer a neighbouring capacity already
 * simulated (`known`), so narrowing reuses the previous probe as the continuous method does.
 */
function goldenSection(f: (c: number) => number, known: (c: number) => boolean, lo: number, hi: number): number {
  const near = (ideal: number, from: number, to: number) => {
    for (const c of [ideal, ideal - 1, ideal + 1]) if (c >= from && c <= to && known(c)) return c;
    return ideal;
  };
  while (hi - lo > 3) {
    const span = hi - lo;
    const m1 = near(lo + Math.round(span * (1 - GOLDEN)), lo + 1, hi - 2);
    const m2 = near(Math.max(m1 + 1, lo + Math.round(span * GOLDEN)), m1 + 1, hi - 1);
    // On a tie the smallest minimiser is below m2 (no flat stretch but the bottom).
    if (f(m1) <= f(m2)) hi = m2 - 1;
    else lo = m1 + 1;
  }
  let best = lo;
  for (let c = lo + 1; c <= hi; c++) if (f(c) < f(best)) best = c;
  return best;
}

/** The simulated capacity of least mean cost, the smallest on ties. */
function lowestEvaluated(evaluator: CapacityEvaluator): number {
  let best: CapacityEvaluation | undefined;
  let bestCost = Infinity;
  for (const evaluation of evaluator.evaluated()) {
    const cost = mean(evaluation.cost);
    if (cost < bestCost) {
      best = evaluation;
      bestCost = cost;
    }
  }
  return best!.capacity;
}

/** The capacity of least expected cost, its interval, and the cost curve around it. */
export function optimiseCost(evaluator: CapacityEvaluator, options: SearchOptions = {}): CapacityPlan {
  const analytic = analyticCostOptimum(evaluator.problem, evaluator.unitCost);
  const meanCost = (c: number) => mean(evaluator.evaluate(c).cost);
  const known = (c: number) => evaluator.has(c);
  const [lo, hi] = bracketMinimum(meanCost, startingPoint(analytic, options));
  let best = goldenSection(meanCost, known, lo, hi);
  // Empty capacity is free under the occupied basis (and when unpriced), so once nobody
  // waits every larger capacity costs exactly the same in every replication. Below that the
  // cost need not fall with capacity (a P1 delay can be cheaper than visits), and nothing
  // here assumes it does.
  const freeCapacity = evaluator.problem.costBasis === 'occupied' || evaluator.unitCost === 0;
  // The mean curve is only nearly convex: if the neighbourhood or the interval's walk meets
  // a cheaper capacity, that one is the optimum and the walk starts again from it.
  for (;;) {
    for (let c = Math.max(0, best - CURVE_NEIGHBOURHOOD); c <= Math.min(MAX_CAPACITY, best + CURVE_NEIGHBOURHOOD); c++) evaluator.evaluate(c);
    const lowest = lowestEvaluated(evaluator);
    if (lowest !== best) {
      best = lowest;
      continue;
    }
    const bestCosts = evaluator.evaluate(best).cost;
    const bestMean = mean(bestCosts);
    let cheaper: number | undefined;
    const dearer = (c: number): boolean => {
      const costs = evaluator.evaluate(c).cost;
      const cost = mean(costs);
      if (cost < bestMean || (cost === bestMean && c < best)) cheaper = c;
      return pairedDifference(costs, bestCosts).low > 0;
    };
    // Walks outwards until STOP_AFTER capacities in a row are significantly dearer.
    let low = best;
    for (let c = best - 1, run = 0; c >= 0 && run < STOP_AFTER && cheaper === undefined; c--) {
      if (dearer(c)) {
        run++;
      } else {
        low = c;
        run = 0;
      }
    }
    let high = best;
    for (let c = best + 1, run = 0; c <= MAX_CAPACITY && run < STOP_AFTER && cheaper === undefined; c++) {
      const significant = dearer(c);
      if (significant) {
        run++;
      } else {
        high = c;
        run = 0;
      }
      if (freeCapacity && evaluator.evaluate(c).noDelay) {
        if (!significant) high = Infinity;
        break;
      }
    }
    if (cheaper !== undefined) {
      best = cheaper;
      continue;
    }
    return { objective: 'cost', capacity: best, low, high, analytic, ...searchEffort(evaluator), evaluator };
  }
}

/**
 * The least capacity whose mean metric over the replications meets the target, by binary
 * search: under common random numbers and first-come first-served each replication's
 * metric can only fall as capacity grows, so the mean does too.
 */
export function capacityForTarget(evaluator: CapacityEvaluator, target: ServiceTarget, options: SearchOptions = {}): CapacityPlan {
  const analytic = analyticTargetCapacity(evaluator.problem, target, evaluator.unitCost);
  const meets = (c: number) => metricValue(evaluator.evaluate(c), target.metric) <= target.limit;
  const decision = (c: number) => {
    const { values, limit } = decisionStatistic(evaluator.evaluate(c), target);
    return { estimate: estimateOf(values), limit };
  };
  const unattainable = (): CapacityPlan => ({ objective: 'target', target, capacity: NaN, low: NaN, high: NaN, analytic, ...searchEffort(evaluator), evaluator });
  const start = startingPoint(analytic, options);
  // lo fails the target (or is -1), hi meets it.
  let lo = -1;
  let hi: number;
  if (meets(start)) {
    hi = start;
    for (let step = 1; hi > 0; step *= 2) {
      const next = Math.max(0, hi - step);
      if (!meets(next)) {
        lo = next;
        break;
      }
      hi = next;
    }
  } else {
    lo = start;
    for (let step = 1; ; step *= 2) {
      // Once nobody waits, more capacity cannot improve any metric.
      if (evaluator.evaluate(lo).noDelay) return unattainable();
      const next = lo + step;
      if (next > MAX_CAPACITY) return unattainable();
      if (meets(next)) {
        hi = next;
        break;
      }
      lo = next;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(mid)) hi = mid;
    else lo = mid;
  }
  let low = hi;
  const reachesDown = (c: number) => {
    const { estimate, limit } = decision(c);
    return estimate.low <= limit;
  };
  const liesAbove = (c: number) => {
    const { estimate, limit } = decision(c);
    return estimate.high > limit;
  };
  while (low > 0 && reachesDown(low - 1)) low--;
  let high = hi;
  while (liesAbove(high)) {
    if (evaluator.evaluate(high).noDelay) {
      high = Infinity;
      break;
    }
    high++;
  }
  return { objective: 'target', target, capacity: hi, low, high, analytic, ...searchEffort(evaluator), evaluator };
}

/** One capacity on the cost curve, against the plan's capacity (paired, same replications). */
export interface CurvePoint {
  capacity: number;
  cost: Estimate;
  /** Mean cost at this capacity minus at the plan's, with its 95 % interval. */
  difference: Estimate;
  delayedBedDays: Estimate;
  metrics: Record<TargetMetric, Estimate>;
  inInterval: boolean;
}

/** Every capacity simulated on the plan's replications (the search's and any since), smallest first. */
export function costCurve(plan: CapacityPlan): CurvePoint[] {
  const reference = Number.isFinite(plan.capacity) ? plan.evaluator.evaluate(plan.capacity).cost : undefined;
  return plan.evaluator.evaluated().map((evaluation) => ({
    capacity: evaluation.capacity,
    cost: estimateOf(evaluation.cost),
    difference: reference ? pairedDifference(evaluation.cost, reference) : { mean: NaN, low: NaN, high: NaN, se: NaN },
    delayedBedDays: estimateOf(evaluation.delayedBedDays),
    metrics: metricEstimates(evaluation),
    inInterval: evaluation.capacity >= plan.low && evaluation.capacity <= plan.high,
  }));
}
