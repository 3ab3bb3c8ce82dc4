/**
 * The "Plan capacity" view's figures, from the plan use case `pathflow optimise` runs
 * (src/app/plan.ts) and the engine's analytic formulas. Imports only the application layer and
 * the engine, so the planning worker bundles no page code, and it is tested in Node.
 *
 * A plan's evaluator holds every replication of every capacity tried; the page needs only
 * estimates, so a plan is summarised to plain numbers before it leaves the worker.
 */
import { infiniteServerOccupancy, losCoefficientOfVariation, steadyStateEstimate, type SteadyStateEstimate } from '../engine/analytic.js';
import { baselineCapacity, type Objective } from '../engine/capacityPlan.js';
import { planNodes } from '../app/plan.js';
import { nodeScenarioProblem } from '../app/planProblems.js';
import { fitLos, losQuantile, losSurvival, type LosDistribution } from '../engine/lengthOfStay.js';
import { kindOf, type ModelSpec, type NodeKind } from '../engine/model.js';
import {
  analyticCostOptimum,
  analyticTargetCapacity,
  costCurve,
  estimateOf,
  metricEstimates,
  unitCostPerDay,
  type AnalyticCapacity,
  type CapacityProblem,
  type CostBasis,
  type CurvePoint,
  type ServiceTarget,
  type TargetMetric,
} from '../engine/optimise.js';
import type { SensitivityResult } from '../engine/sensitivity.js';
import type { TargetAnswer } from '../engine/nodeTarget.js';
import type { Estimate } from '../engine/statistics.js';

/** What the planner chose on the page. */
export interface PlanRequest {
  nodeId: string;
  arrivalIndex: number;
  losIndex: number;
  objective: Objective;
  costBasis: CostBasis;
  replications: number;
  seed: number;
  /** 0.1 for ±10 %. */
  sensitivity: number;
}

export interface PlanSummary {
  nodeId: string;
  pathway: string;
  /** How the node is simulated: its capacity is beds, or a caseload for a visit node. */
  kind: NodeKind;
  arrivalScenario: string;
  losScenario: string;
  objective: Objective;
  costBasis: CostBasis;
  replications: number;
  days: number;
  /** The optimum, or the least capacity meeting the target with 95 % confidence; NaN when none does. */
  capacity: number;
  /** A target's confident answer (nodeTarget.ts): status, the point answer, the metric at the answer and one place less. */
  target?: TargetAnswer;
  /** Its 95 % interval (high Infinity: no upper end; NaN with no capacity). */
  low: number;
  high: number;
  analytic: AnalyticCapacity;
  /**
   * At the plan's capacity, when there is one, re-priced on fresh replications (numbers
   * `repricedOn`): the search's own figures there are biased low (capacityPlan.ts).
   */
  atPlan?: { cost: Estimate; acuteCost: Estimate; communityCost: Estimate; delayedBedDays: Estimate; metrics: Record<TargetMetric, Estimate> };
  baseline?: { capacity: number; cost: Estimate; delayedBedDays: Estimate };
  /** Baseline cost minus the plan's, paired by fresh replication. */
  saving?: Estimate;
  /** The replications (1-based, inclusive) the plan and the baseline were re-priced on. */
  repricedOn: { first: number; last: number };
  /** The search's own mean cost at the plan's capacity (biased low), for comparison. */
  searchCost?: Estimate;
  /** Every capacity simulated, smallest first. */
  curve: CurvePoint[];
  sensitivity: { at: 'best' | 'baseline'; result: SensitivityResult }[];
  evaluations: number;
  replicationsSimulated: number;
  milliseconds: number;
}

/** The engine's problem for a request, as `pathflow optimise` builds it with its default options. */
export function problemOf(model: ModelSpec, request: Pick<PlanRequest, 'nodeId' | 'arrivalIndex' | 'losIndex' | 'costBasis' | 'replications' | 'seed'>): CapacityProblem {
  return nodeScenarioProblem(model, request.nodeId, request.arrivalIndex, request.losIndex, { runs: request.replications, seed: request.seed, initialResidual: 'ipacs', costBasis: request.costBasis });
}

/**
 * Plans one node (search, baseline, sensitivity) with the plan use case `pathflow optimise`
 * runs, and keeps only the numbers the page shows. `onEvaluated` hears each capacity simulated.
 */
export async function planAndSummarise(model: ModelSpec, request: PlanRequest, onEvaluated?: (replications: number) => void): Promise<PlanSummary> {
  const started = performance.now();
  const problem = problemOf(model, request);
  const {
    plans: [entry],
  } = await planNodes([problem], request.objective, request.sensitivity, { onEvaluated });
  const { plan, baseline, saving, planned } = entry;
  const { node } = problem;
  return {
    nodeId: node.id,
    pathway: node.pathway,
    kind: kindOf(node),
    arrivalScenario: node.arrivals[problem.arrivalIndex].name,
    losScenario: node.los[problem.losIndex].name,
    objective: request.objective,
    costBasis: request.costBasis,
    replications: request.replications,
    days: problem.days,
    capacity: plan.capacity,
    target: entry.target,
    low: plan.low,
    high: plan.high,
    analytic: plan.analytic,
    atPlan: planned && {
      cost: estimateOf(planned.cost),
      acuteCost: estimateOf(planned.acuteCost),
      communityCost: estimateOf(planned.communityCost),
      delayedBedDays: estimateOf(planned.delayedBedDays),
      metrics: metricEstimates(planned),
    },
    baseline: baseline && { capacity: baseline.capacity, cost: estimateOf(baseline.cost), delayedBedDays: estimateOf(baseline.delayedBedDays) },
    saving,
    repricedOn: { first: entry.repriced.firstReplication + 1, last: entry.repriced.firstReplication + problem.replications },
    searchCost: entry.searchCost,
    // After the sensitivity analysis, so the curve holds the tornado's capacities too (as cost_curve.csv does).
    curve: costCurve(plan),
    sensitivity: entry.sensitivity,
    evaluations: plan.evaluations,
    replicationsSimulated: entry.replicationsSimulated,
    milliseconds: performance.now() - started,
  };
}

/** The instant estimate shown before any simulation. */
export interface AnalyticPreview {
  arrivalsPerDay: number;
  meanStay: number;
  stayCv: number;
  /** Offered load: arrivals a day x mean stay. */
  load: number;
  /** Beds or caseload of the node's first capacity scenario; undefined when unrestricted. */
  baselineCapacity?: number;
  /** Steady state at the baseline capacity (Erlang C / Allen-Cunneen). */
  atBaseline?: SteadyStateEstimate & { delayedBedDays: number };
  /** The objective's analytic capacity (NaN: none meets the target) with its steady-state cost and delays. */
  estimate: AnalyticCapacity;
  /** Infinite-server (unrestricted) expected occupancy: its peak, the day of the peak, and its mean over the horizon. */
  unrestricted: { peak: number; peakDay: number; mean: number };
}

/**
 * Survival of the remaining stay of a patient found in service in steady state,
 * (1 / mean) x integral from t to infinity of S(u) du, on a grid (the `stationary` residual).
 */
function stationaryResidualSurvival(los: LosDistribution, horizon: number): (t: number) => number {
  const step = 0.25;
  const end = Math.max(horizon, losQuantile(los, 0.99999)) + 1;
  const points = Math.ceil(end / step) + 1;
  const tail = new Float64Array(points + 1);
  // tail[i] = integral of S from i * step to the end, by the midpoint rule.
  for (let i = points - 1; i >= 0; i--) tail[i] = tail[i + 1] + losSurvival(los, (i + 0.5) * step) * step;
  const total = tail[0];
  return (t) => {
    if (t <= 0) return 1;
    const i = Math.min(points, Math.floor(t / step));
    return total > 0 ? tail[i] / total : 0;
  };
}

export function analyticPreview(model: ModelSpec, request: Pick<PlanRequest, 'nodeId' | 'arrivalIndex' | 'losIndex' | 'costBasis' | 'objective'>): AnalyticPreview {
  const problem = problemOf(model, { ...request, replications: 2, seed: 1 });
  const { node } = problem;
  const daily = node.arrivals[problem.arrivalIndex].daily;
  const arrivalsPerDay = daily.length > 0 ? daily.reduce((sum, rate) => sum + rate, 0) / daily.length : 0;
  const los = fitLos(node.los[problem.losIndex]);
  const stayCv = losCoefficientOfVariation(los);
  const unitCost = unitCostPerDay(node, problem.losIndex);
  const estimate = request.objective.kind === 'cost' ? analyticCostOptimum(problem, unitCost) : analyticTargetCapacity(problem, request.objective.target, unitCost);
  const baseline = baselineCapacity(problem);
  const steady = baseline === undefined ? undefined : steadyStateEstimate(arrivalsPerDay, los.mean, baseline, stayCv);
  const occupancy = infiniteServerOccupancy(daily, los, node.initial.occupied, stationaryResidualSurvival(los, daily.length), 8);
  let peakDay = 0;
  for (let d = 1; d < occupancy.length; d++) if (occupancy[d] > occupancy[peakDay]) peakDay = d;
  const mean = occupancy.length > 0 ? occupancy.reduce((a, b) => a + b, 0) / occupancy.length : 0;
  return {
    arrivalsPerDay,
    meanStay: los.mean,
    stayCv,
    load: arrivalsPerDay * los.mean,
    baselineCapacity: baseline,
    atBaseline: steady && { ...steady, delayedBedDays: steady.meanQueue * problem.days },
    estimate,
    unrestricted: { peak: occupancy[peakDay] ?? 0, peakDay: peakDay + 1, mean },
  };
}

/** A target as the page's fields give it: share ever delayed is typed as a percentage. */
export function targetOf(metric: TargetMetric, limitAsTyped: number): ServiceTarget {
  return { metric, limit: metric === 'share-ever-delayed' ? limitAsTyped / 100 : limitAsTyped };
}
