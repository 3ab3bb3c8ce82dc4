/**
 * The joint search over the chosen nodes' capacities, on common random numbers (jointPlan.ts).
 *
 * Least cost: coordinate descent on the integers (each node in turn: a step of one in the
 * direction the mean cost falls, doubled while it keeps falling, then halved back to one), swept
 * until no node moves, then every vector on a small grid around the point (±2 places for one or
 * two nodes, ±1 for more), which catches moves along a diagonal (one more long-term care place
 * and one fewer P3 bed) that descent one node at a time cannot see; from a cheaper grid point
 * the descent starts again. The number of vectors simulated grows with the nodes and the
 * distance travelled, not with the product of the ranges as a grid's does.
 *
 * Target: the least commissioned cost of the chosen capacities that meet the target with 95 %
 * confidence (jointTargetDecision.ts: more replications only where the decision is unclear).
 * From the top of every range (the search refuses when even that does not meet it), each node
 * in turn is lowered by bisection to the least capacity that still meets it, assuming the metric
 * falls as capacity grows; then the same small grid looks for a cheaper vector that meets it
 * (an exchange between nodes), and the bisection starts again from there. The answer is
 * `confident` when one place fewer at any chosen node fails the target with 95 % confidence,
 * `budget-spent` when for some node that stayed unclear after the most replications allowed
 * (the answer meets the target, but may be a place more than needed).
 */
import { pairedDifference, estimateOf, type Estimate } from '../statistics.js';
import { compareVectors, JointEvaluator, type CapacityRange, type JointEvaluation, type JointEvaluationObserver, type JointPlanProblem } from './jointPlan.js';
import { TargetDecider, type TargetReading } from './jointTargetDecision.js';

/** One chosen node's interval, the others held at the optimum. */
export interface NodeInterval {
  low: number;
  high: number;
  /** The walk reached the end of the node's range with the capacity still in the interval. */
  lowAtRangeEnd: boolean;
  highAtRangeEnd: boolean;
}

export type JointTargetStatus = 'confident' | 'budget-spent';

export interface JointPlan {
  problem: JointPlanProblem;
  /** The optimum; absent when no vector in the ranges meets the target. */
  capacities?: number[];
  /**
   * Cost: per node, the capacities not significantly dearer than the optimum (paired 95 %
   * interval of the difference not wholly above zero), walking out from it until two in a row
   * are. Target: from the least capacity whose metric's 95 % interval reaches down to the limit
   * to the least whose interval lies wholly at or below it.
   */
  intervals: NodeInterval[];
  search: JointEvaluator;
  /** Replications R to 2R - 1, which the search never saw: the optimum and the baseline. */
  repriced: JointEvaluator;
  planned?: JointEvaluation;
  baseline?: JointEvaluation;
  /** Baseline cost minus the plan's, paired by fresh replication. */
  saving?: Estimate;
  /** The search's own mean cost at the optimum: biased low (it was chosen for being low). */
  searchCost?: Estimate;
  /** Target: the metric at the plan, and with each node one place lower (absent at the low end of its range), as the decision read them. */
  targetAt?: TargetReading;
  targetBelow?: (TargetReading | undefined)[];
  /** Target: `confident` when one place fewer at every chosen node fails it with 95 % confidence; `budget-spent` when at some node that stayed unclear. */
  targetStatus?: JointTargetStatus;
  /** Target: every vector whose decision was taken, as it was read. */
  targetDecisions?: TargetReading[];
  /** Vectors the search simulated to decide (the baseline, simulated afterwards for comparison, is not counted unless the search met it). */
  vectorsSearched: number;
  replicationsSimulated: number;
}

/** Walks per node stop after this many significantly dearer capacities in a row (as the single-node search). */
const DEARER_IN_A_ROW = 2;
/** A descent restarted from a cheaper point found by an interval walk: bounded so a flat, noisy surface cannot loop. */
const MAX_RESTARTS = 20;

const meanOf = (values: Float64Array): number => {
  let total = 0;
  for (let r = 0; r < values.length; r++) total += values[r];
  return total / values.length;
};

function within(ranges: readonly CapacityRange[], x: readonly number[]): boolean {
  return x.every((c, i) => c >= ranges[i].low && c <= ranges[i].high);
}

function moved(x: readonly number[], i: number, delta: number): number[] {
  const y = [...x];
  y[i] += delta;
  return y;
}

/** Offsets of the local grid: every vector within `radius` of the point in each node, in lexicographic order. */
function gridOffsets(dimensions: number): number[][] {
  const radius = dimensions <= 2 ? 2 : 1;
  let offsets: number[][] = [[]];
  for (let i = 0; i < dimensions; i++) offsets = offsets.flatMap((prefix) => Array.from({ length: 2 * radius + 1 }, (_, k) => [...prefix, k - radius]));
  return offsets;
}

/** `onEvaluated` hears every vector simulated for the plan, once each. */
export function planJoint(problem: JointPlanProblem, onEvaluated?: JointEvaluationObserver): JointPlan {
  if (!Number.isInteger(problem.replications) || problem.replications < 2) throw new RangeError(`planning needs at least 2 replications, not ${problem.replications}`);
  const search = new JointEvaluator(problem, 0, onEvaluated);
  const decider = problem.objective.kind === 'target' ? new TargetDecider(search, problem.objective.target.limit) : undefined;
  const found = decider ? meetTarget(decider, problem.ranges, weightsOf(problem)) : minimiseCost(search, problem.ranges, startOf(problem));
  // A target's decision is shown as it was made: the metric at the plan and one place below it at each node.
  const decided = found && decider ? decision(decider, problem.ranges, found.capacities) : {};
  const vectorsSearched = search.evaluations;
  if (problem.baseline) search.evaluate(problem.baseline);
  const repriced = new JointEvaluator(problem, problem.replications, onEvaluated);
  const planned = found && repriced.evaluate(found.capacities);
  const baseline = problem.baseline && repriced.evaluate(problem.baseline);
  const plan: JointPlan = {
    problem,
    capacities: found?.capacities,
    intervals: found?.intervals ?? [],
    search,
    repriced,
    planned,
    baseline,
    saving: planned && baseline ? pairedDifference(baseline.cost, planned.cost) : undefined,
    searchCost: found && estimateOf(search.evaluate(found.capacities).cost),
    ...decided,
    targetDecisions: decider?.decided(),
    vectorsSearched,
    replicationsSimulated: search.replicationsSimulated + repriced.replicationsSimulated + (decider?.extraReplications ?? 0),
  };
  return plan;
}

function decision(decider: TargetDecider, ranges: readonly CapacityRange[], capacities: number[]): Pick<JointPlan, 'targetAt' | 'targetBelow' | 'targetStatus'> {
  const targetBelow = capacities.map((c, i) => (c > ranges[i].low ? decider.read(moved(capacities, i, -1)) : undefined));
  return {
    targetAt: decider.read(capacities),
    targetBelow,
    targetStatus: targetBelow.every((below) => below === undefined || below.decision === 'fails') ? 'confident' : 'budget-spent',
  };
}

/** The scenario's capacities brought into the ranges, or the middle of each range without them. */
function startOf(problem: JointPlanProblem): number[] {
  return problem.ranges.map((range, i) => {
    const base = problem.baseline?.[i];
    return base === undefined ? Math.floor((range.low + range.high) / 2) : Math.min(range.high, Math.max(range.low, base));
  });
}

/** A target minimises commissioned cost a day; when no chosen node costs anything, total capacity. */
function weightsOf(problem: JointPlanProblem): number[] {
  const units = problem.nodes.map((id) => problem.model.nodes.find((node) => node.id === id)!.costs.community);
  return units.some((unit) => unit > 0) ? units : units.map(() => 1);
}

function minimiseCost(evaluator: JointEvaluator, ranges: readonly CapacityRange[], start: number[]): { capacities: number[]; intervals: NodeInterval[] } {
  const cost = (x: readonly number[]) => meanOf(evaluator.evaluate(x).cost);
  let best = descend(evaluator, ranges, start);
  for (let restart = 0; ; restart++) {
    const walked = ranges.map((_, i) => costInterval(evaluator, ranges, best, i));
    const cheaper = walked.find((walk) => walk.cheaper !== undefined)?.cheaper;
    if (cheaper === undefined || restart === MAX_RESTARTS || !(cost(cheaper) < cost(best))) return { capacities: best, intervals: walked.map((walk) => walk.interval) };
    best = descend(evaluator, ranges, cheaper);
  }
}

function descend(evaluator: JointEvaluator, ranges: readonly CapacityRange[], start: number[]): number[] {
  const cost = (x: readonly number[]) => meanOf(evaluator.evaluate(x).cost);
  const offsets = gridOffsets(ranges.length);
  let x = start;
  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < ranges.length; i++) {
        const y = lineSearch(ranges, x, i, cost);
        if (y[i] !== x[i]) {
          x = y;
          changed = true;
        }
      }
    }
    let better = x;
    for (const offset of offsets) {
      const y = x.map((c, i) => c + offset[i]);
      if (within(ranges, y) && improves(cost(y), y, cost(better), better)) better = y;
    }
    if (better === x) return x;
    x = better;
  }
}

/**
 * Cheaper, or as cheap with fewer places in all: on the occupied basis empty beds are free, and
 * of vectors that cost the same in every replication the planner wants the smallest. Each move
 * lowers (cost, places) lexicographically, so the descent ends.
 */
function improves(value: number, y: readonly number[], bestValue: number, best: readonly number[]): boolean {
  return value < bestValue || (value === bestValue && places(y) < places(best));
}

const places = (x: readonly number[]) => x.reduce((sum, c) => sum + c, 0);

/** Along node i: a step of one where the cost falls, doubled while it keeps falling, then halved back to one. */
function lineSearch(ranges: readonly CapacityRange[], start: number[], i: number, cost: (x: readonly number[]) => number): number[] {
  let best = start;
  let bestCost = cost(best);
  const tryStep = (delta: number): boolean => {
    const y = moved(best, i, delta);
    if (!within(ranges, y)) return false;
    const value = cost(y);
    if (!improves(value, y, bestCost, best)) return false;
    best = y;
    bestCost = value;
    return true;
  };
  const direction = tryStep(1) ? 1 : tryStep(-1) ? -1 : 0;
  if (direction === 0) return best;
  let step = 2;
  while (tryStep(direction * step)) step *= 2;
  for (step = Math.floor(step / 2); step >= 1; ) {
    if (!tryStep(direction * step) && !tryStep(-direction * step)) step = Math.floor(step / 2);
  }
  return best;
}

/** Walks node i out from the optimum both ways; returns a cheaper vector if it meets one. */
function costInterval(evaluator: JointEvaluator, ranges: readonly CapacityRange[], best: number[], i: number): { interval: NodeInterval; cheaper?: number[] } {
  const bestEvaluation = evaluator.evaluate(best);
  const bestCost = meanOf(bestEvaluation.cost);
  const ends: { extreme: number; atRangeEnd: boolean }[] = [];
  for (const direction of [-1, 1]) {
    let extreme = best[i];
    let dearer = 0;
    let atRangeEnd = false;
    let previous = bestEvaluation;
    for (let delta = direction; ; delta += direction) {
      const y = moved(best, i, delta);
      if (!within(ranges, y)) {
        atRangeEnd = dearer === 0;
        break;
      }
      const evaluation = evaluator.evaluate(y);
      if (meanOf(evaluation.cost) < bestCost) return { interval: { low: best[i], high: best[i], lowAtRangeEnd: false, highAtRangeEnd: false }, cheaper: y };
      if (pairedDifference(evaluation.cost, bestEvaluation.cost).low > 0) {
        if (++dearer === DEARER_IN_A_ROW) break;
      } else if (direction > 0 && dearer === 0 && unchanged(previous, evaluation)) {
        // One more place changed nothing in any replication (occupied basis, nobody waiting for
        // it): no larger capacity will, so the interval has no upper end, however wide the range.
        extreme = Infinity;
        break;
      } else {
        dearer = 0;
        extreme = y[i];
      }
      previous = evaluation;
    }
    ends.push({ extreme, atRangeEnd });
  }
  return { interval: { low: ends[0].extreme, high: ends[1].extreme, lowAtRangeEnd: ends[0].atRangeEnd, highAtRangeEnd: ends[1].atRangeEnd } };
}

function unchanged(a: JointEvaluation, b: JointEvaluation): boolean {
  return sameValues(a.cost, b.cost) && sameValues(a.delayedBedDays, b.delayedBedDays);
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let r = 0; r < a.length; r++) if (a[r] !== b[r]) return false;
  return true;
}

function meetTarget(decider: TargetDecider, ranges: readonly CapacityRange[], weights: readonly number[]): { capacities: number[]; intervals: NodeInterval[] } | undefined {
  const evaluator = decider.search;
  const metric = (x: readonly number[]) => evaluator.evaluate(x).target!;
  const meets = (x: readonly number[]) => decider.meets(x);
  const price = (x: readonly number[]) => x.reduce((total, c, i) => total + c * weights[i], 0);
  const total = (x: readonly number[]) => x.reduce((sum, c) => sum + c, 0);
  const cheaper = (a: readonly number[], b: readonly number[]) => price(a) < price(b) || (price(a) === price(b) && (total(a) < total(b) || (total(a) === total(b) && compareVectors(a, b) < 0)));
  let x = ranges.map((range) => range.high);
  if (!meets(x)) return undefined;
  const offsets = gridOffsets(ranges.length);
  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (let i = 0; i < ranges.length; i++) {
        const least = leastMeeting(ranges[i].low, x, i, meets);
        if (least !== x[i]) {
          x = moved(x, i, least - x[i]);
          changed = true;
        }
      }
    }
    let better = x;
    for (const offset of offsets) {
      const y = x.map((c, i) => c + offset[i]);
      if (within(ranges, y) && cheaper(y, better) && meets(y)) better = y;
    }
    if (better === x) break;
    x = better;
  }
  return { capacities: x, intervals: ranges.map((range, i) => targetInterval(range, x, i, metric, decider.limit)) };
}

/** The least capacity of node i from `low` meeting the target, the others held, by bisection (x meets it). */
function leastMeeting(low: number, x: readonly number[], i: number, meets: (x: readonly number[]) => boolean): number {
  const at = (c: number) => moved(x, i, c - x[i]);
  if (meets(at(low))) return low;
  let fails = low;
  let met = x[i];
  while (met - fails > 1) {
    const middle = Math.floor((fails + met) / 2);
    if (meets(at(middle))) met = middle;
    else fails = middle;
  }
  return met;
}

function targetInterval(range: CapacityRange, x: readonly number[], i: number, metric: (x: readonly number[]) => Float64Array, limit: number): NodeInterval {
  const estimate = (c: number) => estimateOf(metric(moved(x, i, c - x[i])));
  let low = x[i];
  while (low > range.low && estimate(low - 1).low <= limit) low--;
  let high = x[i];
  while (high < range.high && estimate(high).high > limit) {
    // Nothing changed with one more place: no larger capacity meets the target with 95 % confidence.
    if (high > x[i] && sameValues(metric(moved(x, i, high - x[i])), metric(moved(x, i, high - 1 - x[i])))) return { low, high: Infinity, lowAtRangeEnd: low === range.low, highAtRangeEnd: false };
    high++;
  }
  return { low, high, lowAtRangeEnd: low === range.low, highAtRangeEnd: high === range.high && estimate(high).high > limit };
}

/** A JointPlan as it crosses a thread boundary: its evaluators as the vectors they hold. */
export interface PortableJointPlan extends Omit<JointPlan, 'search' | 'repriced' | 'planned' | 'baseline'> {
  searched: JointEvaluation[];
  repricedEvaluations: JointEvaluation[];
}

export function toPortableJoint(plan: JointPlan): PortableJointPlan {
  const { search, repriced, planned: _planned, baseline: _baseline, ...rest } = plan;
  return { ...rest, searched: search.evaluated(), repricedEvaluations: repriced.evaluated() };
}

export function fromPortableJoint(portable: PortableJointPlan): JointPlan {
  const { searched, repricedEvaluations, ...rest } = portable;
  const { problem } = rest;
  const repriced = JointEvaluator.holding(problem, problem.replications, repricedEvaluations);
  return {
    ...rest,
    search: JointEvaluator.holding(problem, 0, searched),
    repriced,
    planned: rest.capacities && repriced.evaluate(rest.capacities),
    baseline: problem.baseline && repriced.evaluate(problem.baseline),
  };
}
