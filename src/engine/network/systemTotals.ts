/**
 * What one replication of a network adds up to for the whole system (spec 5): throughput by
 * exit, deadlocks, delayed-discharge bed-days and total cost.
 */
import { Kind, NetworkModelError, type CompiledNetwork } from './networkModel.js';
import { NetworkMetric, type NetworkRecord } from './networkRecord.js';

/** Costs of one node, in pounds. */
export interface NodeCosts {
  /** Per bed-day held (`occ_bed`): a community bed's daily cost. */
  perOccupiedBedDay?: number;
  /** Per day a patient is blocked here (`blocked`): `acute_dtoc` on an acute node. */
  perDelayedDay?: number;
  /** Per visit booked at a visit node (NetworkRecord.visits): P1's community cost, as IPACS prices it. */
  perVisit?: number;
  /** Per day a patient waits in this node's queues (`niq`): `acute_dtoc` on a bed or visit node, as IPACS prices waiting. */
  perQueuedDay?: number;
}

/** Key of the patients who left from a node with no outgoing edge. */
export const IMPLICIT_EXIT = '(implicit exit)';

export interface SystemTotals {
  /** Patients who left the network, by exit node id (and IMPLICIT_EXIT). */
  throughputByExit: Record<string, number>;
  deadlocks: number;
  forcedAdmissions: number;
  /**
   * The delayed discharges: bed-days of patients blocked in acute nodes, plus days waited in the
   * external queue of bed and visit nodes (waiting in an acute bed that is not modelled, as IPACS
   * counts them).
   */
  delayedDischargeBedDays: number;
  totalCost: number;
}

/** Checks `costs` (keyed by node id) against the network, naming the field of the first problem. */
export function checkCosts(network: CompiledNetwork, costs: Readonly<Record<string, NodeCosts>>): void {
  for (const [id, node] of Object.entries(costs)) {
    const i = network.ids.indexOf(id);
    if (i < 0) throw new NetworkModelError(`costs.${id}: no node is called ${id}`);
    if (network.kinds[i] === Kind.Exit) throw new NetworkModelError(`costs.${id}: ${id} is an exit, and nobody stays in an exit`);
    for (const field of ['perOccupiedBedDay', 'perDelayedDay', 'perVisit', 'perQueuedDay'] as const) {
      const value = node[field];
      if (value !== undefined && !(value >= 0 && Number.isFinite(value))) throw new NetworkModelError(`costs.${id}.${field}: ${value} is not a non-negative number`);
    }
  }
}

export function systemTotals(network: CompiledNetwork, record: NetworkRecord, costs: Readonly<Record<string, NodeCosts>> = {}): SystemTotals {
  checkCosts(network, costs);
  const throughputByExit: Record<string, number> = {};
  let throughExitNodes = 0;
  let delayedDischargeBedDays = 0;
  let totalCost = 0;
  network.ids.forEach((id, node) => {
    const kind = network.kinds[node];
    if (kind === Kind.Exit) {
      const count = sum(record.row(node, NetworkMetric.arrivals_internal));
      throughputByExit[id] = count;
      throughExitNodes += count;
      return;
    }
    const blocked = sum(record.row(node, NetworkMetric.blocked));
    if (kind === Kind.Acute) delayedDischargeBedDays += blocked;
    // A bed or visit node's external queue: patients waiting in an acute bed that is not modelled.
    else if (kind !== Kind.Delay) delayedDischargeBedDays += sum(record.nodeRow(record.externalQueue, node));
    const cost = costs[id];
    if (cost) {
      totalCost +=
        (cost.perOccupiedBedDay ?? 0) * sum(record.row(node, NetworkMetric.occ_bed)) +
        (cost.perDelayedDay ?? 0) * blocked +
        (cost.perVisit ?? 0) * sum(record.visitsRow(node)) +
        (cost.perQueuedDay ?? 0) * sum(record.row(node, NetworkMetric.niq));
    }
  });
  throughputByExit[IMPLICIT_EXIT] = record.exits - throughExitNodes;
  return { throughputByExit, deadlocks: record.deadlocks.length, forcedAdmissions: record.forcedAdmissions, delayedDischargeBedDays, totalCost };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}
