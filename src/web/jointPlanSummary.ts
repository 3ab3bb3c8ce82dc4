/**
 * The "Plan a network" figures, from the plan use case `pathflow optimise --component` runs
 * (src/app/plan.ts, src/app/planProblems.ts), so the same seed and choices give the CLI's
 * joint_optimal.csv numbers. Imports only the application layer, the engine and pure modules,
 * so the planning worker bundles no page code, and it is tested in Node.
 *
 * A plan's evaluators hold every replication of every vector tried; the page needs only
 * estimates, so a plan is summarised to plain numbers before it leaves the worker.
 */
import { kindOf, type CostBasis, type ModelSpec } from '../engine/model.js';
import { componentScenarios, networkComponents, type Component } from '../engine/network/fromModel.js';
import { vectorKey, type CapacityRange, type JointObjective, type JointPlanProblem } from '../engine/network/jointPlan.js';
import type { TargetDecision, TargetReading } from '../engine/network/jointTargetDecision.js';
import type { JointPlan, JointTargetStatus } from '../engine/network/jointSearch.js';
import { planComponent } from '../app/plan.js';
import { componentScenarioProblem } from '../app/planProblems.js';
import { estimateOf, pairedDifference, type Estimate } from '../engine/statistics.js';

/** What the planner chose on the page. */
export interface JointPlanRequest {
  component: string;
  /** One of the component's scenarios, by id (`RV_BCap_Blos_BArr_BRoute`). */
  scenarioId: string;
  nodes: string[];
  /** By node id; a node without one gets the engine's default (0 to twice its capacity plus 10). */
  ranges: Record<string, CapacityRange>;
  objective: JointObjective;
  costBasis: CostBasis;
  replications: number;
  seed: number;
}

/** One vector the search simulated, on the search's replications. */
export interface SurfacePoint {
  capacities: number[];
  cost: Estimate;
  /** Paired difference from the optimum; absent when there is none. */
  costVsBest?: Estimate;
  delayedBedDays: Estimate;
  /** The target's metric on the search's replications: a point reading, not the decision. */
  target?: Estimate;
  /** The confident decision on this vector, when the search took one (jointTargetDecision.ts). */
  decision?: TargetDecision;
  /** Cost objective: not significantly dearer than the optimum. */
  inInterval?: boolean;
  isBest: boolean;
  isBaseline: boolean;
}

export interface JointNodeSummary {
  id: string;
  pathway: string;
  range: CapacityRange;
  baseline?: number;
  best?: number;
  /** 95 % interval, the others held at the optimum (high Infinity: no upper end). */
  low?: number;
  high?: number;
  lowAtRangeEnd: boolean;
  highAtRangeEnd: boolean;
  /** Target: the metric with this node one place lower, as the decision read it. */
  targetBelow?: TargetReading;
}

export interface JointPlanSummary {
  component: string;
  scenarioId: string;
  objective: JointObjective;
  costBasis: CostBasis;
  replications: number;
  days: number;
  nodes: JointNodeSummary[];
  /** Whether a vector met the target (always, for the cost objective). */
  found: boolean;
  /** At the plan, re-priced on fresh replications `repricedOn`. */
  planned?: { cost: Estimate; delayCost: Estimate; communityCost: Estimate; delayedBedDays: Estimate };
  baseline?: { cost: Estimate; delayedBedDays: Estimate };
  /** Baseline cost minus the plan's, paired by fresh replication. */
  saving?: Estimate;
  repricedOn: { first: number; last: number };
  /** The search's own mean cost at the optimum (biased low). */
  searchCost?: Estimate;
  /** Target: the metric at the plan, as the decision read it. */
  targetAt?: TargetReading;
  /** Target met: `confident`, or `budget-spent` when one place fewer somewhere stayed unclear. */
  targetStatus?: JointTargetStatus;
  /** Target not met: the metric at the top of every range. */
  targetAtTop?: Estimate;
  surface: SurfacePoint[];
  vectorsSearched: number;
  replicationsSimulated: number;
  warnings: string[];
  milliseconds: number;
}

/** Components whose bed nodes can be planned, with those nodes (acute, visit, delay and exit nodes cannot: jointProblem.ts says why). */
export function plannableComponents(model: ModelSpec): { component: Component; bedNodes: string[] }[] {
  return networkComponents(model)
    .map((component) => ({ component, bedNodes: component.nodes.map((i) => model.nodes[i]).filter((node) => kindOf(node) === 'bed').map((node) => node.id) }))
    .filter((entry) => entry.bedNodes.length > 0);
}

/** The component's scenarios, by id, the first being its baseline. */
export function scenarioIdsOf(model: ModelSpec, component: Component): string[] {
  return componentScenarios(model, component).map((scenario) => scenario.id);
}

/** The engine's problem for a request, built as the CLI builds it; throws the engine's one-line reason when the choice cannot be planned. */
export function jointProblemOf(model: ModelSpec, request: JointPlanRequest): JointPlanProblem {
  const { component, nodes, ranges, replications, costBasis, objective } = request;
  return componentScenarioProblem(model, { component, nodes, ranges, seed: request.seed >>> 0, replications, initialResidual: 'ipacs', costBasis, objective }, request.scenarioId);
}

/**
 * Plans the component scenario with the use case `pathflow optimise --component` runs and keeps
 * only the numbers the page shows. `onEvaluated` hears each capacity vector simulated.
 */
export async function planJointAndSummarise(model: ModelSpec, request: JointPlanRequest, onEvaluated?: (replications: number) => void): Promise<JointPlanSummary> {
  const started = performance.now();
  const problem = jointProblemOf(model, request);
  const {
    plans: [plan],
  } = await planComponent([problem], { onEvaluated });
  return { ...summariseJointPlan(plan), milliseconds: performance.now() - started };
}

const sameVector = (a: readonly number[], b: readonly number[] | undefined) => b !== undefined && a.every((c, i) => c === b[i]);

export function summariseJointPlan(plan: JointPlan): JointPlanSummary {
  const { problem, planned, baseline } = plan;
  const target = problem.objective.kind === 'target' ? problem.objective.target : undefined;
  const best = plan.capacities && plan.search.evaluate(plan.capacities);
  const decisions = new Map((plan.targetDecisions ?? []).map((reading) => [vectorKey(reading.capacities), reading.decision]));
  const surface = plan.search.evaluated().map((point): SurfacePoint => {
    const costVsBest = best && pairedDifference(point.cost, best.cost);
    const metric = point.target && estimateOf(point.target);
    return {
      capacities: point.capacities,
      cost: estimateOf(point.cost),
      costVsBest,
      delayedBedDays: estimateOf(point.delayedBedDays),
      target: metric,
      decision: decisions.get(vectorKey(point.capacities)),
      // As joint_surface.csv: a target's plan is chosen by price among vectors meeting it, so no cost interval.
      inInterval: target || !costVsBest ? undefined : !(costVsBest.low > 0),
      isBest: sameVector(point.capacities, plan.capacities),
      isBaseline: sameVector(point.capacities, problem.baseline),
    };
  });
  return {
    component: problem.component.name,
    scenarioId: problem.scenario.id,
    objective: problem.objective,
    costBasis: problem.costBasis,
    replications: problem.replications,
    days: problem.model.dates.length,
    nodes: problem.nodes.map((id, i) => {
      const interval = plan.intervals[i];
      return {
        id,
        pathway: problem.model.nodes.find((node) => node.id === id)!.pathway,
        range: problem.ranges[i],
        baseline: problem.baseline?.[i],
        best: plan.capacities?.[i],
        low: interval?.low,
        high: interval?.high,
        lowAtRangeEnd: interval?.lowAtRangeEnd ?? false,
        highAtRangeEnd: interval?.highAtRangeEnd ?? false,
        targetBelow: plan.targetBelow?.[i],
      };
    }),
    found: plan.capacities !== undefined,
    planned: planned && {
      cost: estimateOf(planned.cost),
      delayCost: estimateOf(planned.delayCost),
      communityCost: estimateOf(planned.communityCost),
      delayedBedDays: estimateOf(planned.delayedBedDays),
    },
    baseline: baseline && { cost: estimateOf(baseline.cost), delayedBedDays: estimateOf(baseline.delayedBedDays) },
    saving: plan.saving,
    repricedOn: { first: problem.replications + 1, last: 2 * problem.replications },
    searchCost: plan.searchCost,
    targetAt: plan.targetAt,
    targetStatus: plan.targetStatus,
    targetAtTop: !plan.capacities && target ? estimateOf(plan.search.evaluate(problem.ranges.map((range) => range.high)).target!) : undefined,
    surface,
    vectorsSearched: plan.vectorsSearched,
    replicationsSimulated: plan.replicationsSimulated,
    warnings: problem.scenario.warnings,
    milliseconds: 0,
  };
}
