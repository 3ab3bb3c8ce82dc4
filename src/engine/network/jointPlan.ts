/**
 * Planning on a network (issue 12, item 6): the capacities of chosen bed nodes of one
 * component, searched together, priced as a whole system. This file holds the problem, the
 * service targets a network plan can meet, and the evaluator that simulates a capacity vector
 * on fixed replications; jointSearch.ts searches over it.
 *
 * Every vector is simulated on the same seed and replication numbers, and a patient's route and
 * stays come from their own streams (spec 2.14), so replication r sees the same patients at
 * every vector: two vectors are compared by paired differences, as the single-node optimiser
 * compares capacities.
 */
import type { InitialResidual } from '../lengthOfStay.js';
import { UNRESTRICTED_CAPACITY, type CostBasis, type ModelSpec } from '../model.js';
import { Kind, compileNetwork, type CompiledNetwork } from './networkModel.js';
import { NetworkMetric, type NetworkRecord } from './networkRecord.js';
import { NetworkSimulator } from './networkSimulation.js';
import { networkOf, type Component, type ComponentScenario } from './fromModel.js';

/** Capacities searched stay below the engine's threshold for "unrestricted". */
export const MAX_JOINT_CAPACITY = UNRESTRICTED_CAPACITY - 1;

/** Whole capacities from `low` to `high`, both included. */
export interface CapacityRange {
  low: number;
  high: number;
}

/**
 * Targets on the network as a whole or on one node, each a mean a day over the horizon:
 * - `delayed-per-day`: delayed-discharge bed-days a day (patients blocked in acute nodes, and
 *   patients waiting in a bed node's queues, who wait in an acute bed the model does not hold);
 * - `blocked:NODE`: patients blocked in NODE (their stay over, holding its bed for the next node);
 * - `queue:NODE`: patients waiting in NODE's queues.
 */
export const JOINT_TARGET_METRICS = ['delayed-per-day', 'blocked', 'queue'] as const;
export type JointTargetMetric = (typeof JOINT_TARGET_METRICS)[number];

export interface JointTarget {
  metric: JointTargetMetric;
  /** The node of `blocked` and `queue`. */
  node?: string;
  limit: number;
}

/** Reads `delayed-per-day<=2`, `blocked:P3_N<=1.5`, `queue:LTC_N<=0.5`; throws RangeError otherwise. */
export function parseJointTarget(text: string): JointTarget {
  const match = /^\s*([a-z-]+)(?::([^<\s]+))?\s*<=\s*(\S+)\s*$/.exec(text);
  if (!match) throw new RangeError(`target "${text}" is not of the form metric<=value, e.g. delayed-per-day<=2 or blocked:P3_N<=1`);
  const metric = match[1] as JointTargetMetric;
  if (!JOINT_TARGET_METRICS.includes(metric)) throw new RangeError(`network target metric "${match[1]}" is not one of delayed-per-day, blocked:NODE, queue:NODE`);
  const node = match[2];
  if (metric === 'delayed-per-day' && node !== undefined) throw new RangeError('delayed-per-day is for the whole network: it names no node');
  if (metric !== 'delayed-per-day' && node === undefined) throw new RangeError(`${metric} needs a node, e.g. ${metric}:P3_N<=1`);
  const limit = Number(match[3]);
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`target limit "${match[3]}" is not a non-negative number`);
  return node === undefined ? { metric, limit } : { metric, node, limit };
}

export function formatJointTarget(target: JointTarget): string {
  return `${target.metric}${target.node === undefined ? '' : `:${target.node}`}<=${target.limit}`;
}

export type JointObjective = { kind: 'cost' } | { kind: 'target'; target: JointTarget };

export interface JointPlanProblem {
  model: ModelSpec;
  component: Component;
  scenario: ComponentScenario;
  /** Ids of the chosen nodes, each a `bed` node of the component. */
  nodes: readonly string[];
  /** Per chosen node, the capacities the search may try. */
  ranges: readonly CapacityRange[];
  /** Per chosen node, its capacity in the scenario; absent when any has a calendar or is unlimited. */
  baseline?: readonly number[];
  seed: number;
  replications: number;
  initialResidual: InitialResidual;
  costBasis: CostBasis;
  objective: JointObjective;
}

/** One capacity vector's replications: per-replication figures over the horizon. */
export interface JointEvaluation {
  /** Per chosen node, in the problem's order. */
  capacities: number[];
  /** Total cost on the problem's basis: delay cost plus community cost. */
  cost: Float64Array;
  /** Delayed-discharge bed-days priced at each node's acute delay cost. */
  delayCost: Float64Array;
  communityCost: Float64Array;
  delayedBedDays: Float64Array;
  /** The target's metric per replication; absent for the cost objective. */
  target?: Float64Array;
}

export const vectorKey = (capacities: readonly number[]): string => capacities.join(',');

/**
 * Simulates capacity vectors of one problem on demand, each once, on replications
 * `firstReplication` to `firstReplication + replications - 1`: evaluators on disjoint ranges
 * see independent patients, so a chosen vector is re-priced on replications the search never saw.
 */
/** Hears each vector an evaluator simulates, once, when it is done (a plan's progress); it changes no number. */
export type JointEvaluationObserver = (evaluation: JointEvaluation) => void;

export class JointEvaluator {
  private readonly cache = new Map<string, JointEvaluation>();

  constructor(
    readonly problem: JointPlanProblem,
    readonly firstReplication = 0,
    /** Evaluators on further replications for the same search (a target's blocks) pass it on. */
    readonly onEvaluated?: JointEvaluationObserver,
  ) {}

  /** An evaluator holding vectors already simulated on its replications, e.g. by another thread (structured cloning keeps an evaluation, not the evaluator). */
  static holding(problem: JointPlanProblem, firstReplication: number, evaluations: readonly JointEvaluation[]): JointEvaluator {
    const evaluator = new JointEvaluator(problem, firstReplication);
    for (const evaluation of evaluations) evaluator.cache.set(vectorKey(evaluation.capacities), evaluation);
    return evaluator;
  }

  get evaluations(): number {
    return this.cache.size;
  }

  get replicationsSimulated(): number {
    return this.cache.size * this.problem.replications;
  }

  /** Every vector simulated so far, in lexicographic order of capacities. */
  evaluated(): JointEvaluation[] {
    return [...this.cache.values()].sort((a, b) => compareVectors(a.capacities, b.capacities));
  }

  evaluate(capacities: readonly number[]): JointEvaluation {
    const key = vectorKey(capacities);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const { model, component, scenario, nodes, initialResidual, replications, seed } = this.problem;
    const capacityOverrides: Record<string, number> = {};
    nodes.forEach((id, i) => {
      const capacity = capacities[i];
      if (!(Number.isInteger(capacity) && capacity >= 0 && capacity <= MAX_JOINT_CAPACITY)) throw new RangeError(`${id}: capacity must be a whole number from 0 to ${MAX_JOINT_CAPACITY}, not ${capacity}`);
      capacityOverrides[id] = capacity;
    });
    const { network } = networkOf(model, component, scenario, { initialResidual, capacityOverrides });
    const compiled = compileNetwork(network);
    // Only costs and delays are read from each evaluation, so the monitors would be wasted work.
    const simulator = new NetworkSimulator(compiled, { monitors: false });
    const columns = () => new Float64Array(replications);
    const evaluation: JointEvaluation = {
      capacities: [...capacities],
      cost: columns(),
      delayCost: columns(),
      communityCost: columns(),
      delayedBedDays: columns(),
      target: this.problem.objective.kind === 'target' ? columns() : undefined,
    };
    // Node i of the network is model.nodes[component.nodes[i]] (networkOf).
    const delayPrice = component.nodes.map((i) => model.nodes[i].costs.acuteDelay);
    const bedPrice = component.nodes.map((i) => model.nodes[i].costs.community);
    for (let r = 0; r < replications; r++) {
      const record = simulator.simulate(seed >>> 0, this.firstReplication + r);
      const priced = priceRecord(compiled, record, delayPrice, bedPrice, this.problem.costBasis);
      evaluation.delayCost[r] = priced.delayCost;
      evaluation.communityCost[r] = priced.communityCost;
      evaluation.cost[r] = priced.delayCost + priced.communityCost;
      evaluation.delayedBedDays[r] = priced.delayedBedDays;
      if (evaluation.target && this.problem.objective.kind === 'target') evaluation.target[r] = targetValue(compiled, record, this.problem.objective.target, priced.delayedBedDays);
    }
    this.cache.set(key, evaluation);
    this.onEvaluated?.(evaluation);
    return evaluation;
  }
}

export function compareVectors(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * One replication's cost as a system. Delayed discharges: patients blocked in an acute node, and
 * patients in a bed node's queues (waiting in an acute bed the model does not hold), each day
 * priced at that node's acute delay cost. Community care: a bed node's beds held (in service,
 * blocked, in transfer, reserved) at its daily cost on the occupied basis; on the commissioned
 * basis every commissioned bed each day, used or not, except on days its capacity is unlimited,
 * which are priced per bed held. Acute beds themselves, and patients waiting for an acute bed,
 * are priced by neither basis (the acute node's cost is its delayed days); delay nodes (time at
 * home) by their beds held.
 */
function priceRecord(network: CompiledNetwork, record: NetworkRecord, delayPrice: readonly number[], bedPrice: readonly number[], basis: CostBasis) {
  let delayedBedDays = 0;
  let delayCost = 0;
  let communityCost = 0;
  for (let node = 0; node < network.ids.length; node++) {
    const kind = network.kinds[node];
    if (kind === Kind.Exit) continue;
    if (kind === Kind.Acute || kind === Kind.Bed) {
      const delayed = sum(record.row(node, kind === Kind.Acute ? NetworkMetric.blocked : NetworkMetric.niq));
      delayedBedDays += delayed;
      delayCost += delayed * delayPrice[node];
    }
    if (kind === Kind.Acute) continue;
    const held = record.row(node, NetworkMetric.occ_bed);
    const capacity = record.row(node, NetworkMetric.capacity);
    for (let d = 0; d < held.length; d++) communityCost += bedPrice[node] * (basis === 'commissioned' && Number.isFinite(capacity[d]) ? capacity[d] : held[d]);
  }
  return { delayedBedDays, delayCost, communityCost };
}

function targetValue(network: CompiledNetwork, record: NetworkRecord, target: JointTarget, delayedBedDays: number): number {
  if (target.metric === 'delayed-per-day') return delayedBedDays / network.days;
  const node = network.ids.indexOf(target.node!);
  return sum(record.row(node, target.metric === 'blocked' ? NetworkMetric.blocked : NetworkMetric.niq)) / network.days;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
