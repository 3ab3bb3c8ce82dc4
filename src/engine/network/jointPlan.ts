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
import type { CapacityRange, JointTarget } from './jointTarget.js';

/** Capacities searched stay below the engine's threshold for "unrestricted". */
export const MAX_JOINT_CAPACITY = UNRESTRICTED_CAPACITY - 1;

export { JOINT_TARGET_METRICS, formatJointTarget, parseJointTarget, type CapacityRange, type JointTarget, type JointTargetMetric } from './jointTarget.js';

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
