import { MONITORED_LEVEL_COUNT, TIME_SHARE_COUNT } from './levelMonitor.js';
import { PATIENT_FIGURE_COUNT } from './patientMonitor.js';

/**
 * What one replication of a network produced: daily rows per node (levels time-averaged
 * exactly over each day, as DailyRecord does for isolated nodes), the stock at the horizon
 * that conservation is checked against, and the deadlocks found.
 */
export const NETWORK_METRICS = [
  'occ',
  'blocked',
  'transfer',
  'reserved',
  'occ_bed',
  'niq',
  'capacity',
  'arrivals_external',
  'arrivals_internal',
  'admissions',
  'departures',
  'lost',
  'overflowed',
] as const;
export type NetworkMetric = (typeof NETWORK_METRICS)[number];
export const NetworkMetric = Object.fromEntries(NETWORK_METRICS.map((name, index) => [name, index])) as Record<NetworkMetric, number>;
export const NETWORK_METRIC_COUNT = NETWORK_METRICS.length;

/** The rows of `NetworkRecord.support`, each `nodeCount * days` long. */
export const SupportRow = { visits: 0, waits: 1, blockedUpstream: 2 } as const;
export type SupportRow = (typeof SupportRow)[keyof typeof SupportRow];
export const SUPPORT_ROW_COUNT = Object.keys(SupportRow).length;

/** A cycle of blocked patients, each waiting for a bed held by the next, found when it formed. */
export interface Deadlock {
  time: number;
  /** Ids of the nodes that became stuck at that instant: the cycle and any node whose every bed waits on it. */
  nodes: string[];
}

export class NetworkRecord {
  /** `values[(node * NETWORK_METRIC_COUNT + metric) * days + day]`. */
  readonly values: Float64Array;
  /** Patients in each node at time 0. */
  readonly initial: Int32Array;
  /** Patients in each node when the horizon ends: in service, blocked, in transfer from it, or queuing there. */
  readonly stockAtEnd: Int32Array;
  externalArrivals = 0;
  initialTotal = 0;
  /** Patients who left the network (to an exit node or the implicit exit). */
  exits = 0;
  lost = 0;
  deadlocks: Deadlock[] = [];
  /** `flows[edge * days + day]`: patients who moved along each model edge (route or overflow) that day. */
  readonly flows: Float64Array;
  /** Patients admitted above capacity to resolve a deadlock (the resolveDeadlocks option). */
  forcedAdmissions = 0;
  /**
   * visits, waits and blockedUpstream, one after the other (`SupportRow` order): the rows an
   * isolated node's figures are made from beside the spec's metrics, kept in columns across
   * replications as the metrics are (componentRun.ts).
   */
  readonly support: Float64Array;
  /**
   * `visits[node * days + day]`: visit slots booked that day at a visit node (0 elsewhere).
   * Divided by the node's mean visits a patient, it is P1's `occ` as IPACS defines it.
   */
  readonly visits: Float64Array;
  /**
   * `waits[node * days + day]`: days the patients admitted that day waited for the node, from
   * their request (arrival, or end of their stay upstream) to their admission (a visit node:
   * from their request day to their first visit day). Divided by admissions, today's `wait`.
   */
  readonly waits: Float64Array;
  /**
   * What today's per-node figures need beyond the spec's metrics, `[node * days + day]`, day
   * averages: patients blocked upstream waiting for the node (with `niq`, everyone waiting for
   * it), and its external queue alone (waiting in an acute bed that is not modelled).
   */
  readonly blockedUpstream: Float64Array;
  readonly externalQueue: Float64Array;
  /** Per node: admissions that had waited. */
  readonly delayedAdmissions: Int32Array;
  /** Per node: patients waiting for it when the horizon ends (in its queues or blocked upstream). */
  readonly waitingAtEnd: Int32Array;
  /**
   * `blockedBedDaysByCause[upstream * nodeCount + target]`: bed-days over the horizon that
   * patients spent blocked at `upstream` waiting for a place at `target` (blocked bed-days by
   * cause). Summed over targets it is the upstream node's `blocked` level summed over days.
   */
  readonly blockedBedDaysByCause: Float64Array;
  /**
   * Time-weighted percentiles of each node's levels (levelMonitor.ts):
   * `[(node * MONITORED_LEVEL_COUNT + level) * TIME_SHARE_COUNT + share]`.
   */
  readonly timePercentiles: Float64Array;
  /** The patients who left the network in the horizon (patientMonitor.ts), in PATIENT_FIGURES order. */
  readonly patientFigures: Float64Array;
  /** Mean time in system of the patients who left by each exit node (index nodeCount: the implicit exit); NaN: nobody did. */
  readonly timeInSystemByExit: Float64Array;

  constructor(
    readonly nodeCount: number,
    readonly days: number,
    readonly edgeCount = 0,
  ) {
    this.flows = new Float64Array(edgeCount * days);
    this.support = new Float64Array(SUPPORT_ROW_COUNT * nodeCount * days);
    const part = (row: SupportRow) => this.support.subarray(row * nodeCount * days, (row + 1) * nodeCount * days);
    this.visits = part(SupportRow.visits);
    this.waits = part(SupportRow.waits);
    this.blockedUpstream = part(SupportRow.blockedUpstream);
    this.values = new Float64Array(nodeCount * NETWORK_METRIC_COUNT * days);
    this.initial = new Int32Array(nodeCount);
    this.externalQueue = new Float64Array(nodeCount * days);
    this.delayedAdmissions = new Int32Array(nodeCount);
    this.waitingAtEnd = new Int32Array(nodeCount);
    this.stockAtEnd = new Int32Array(nodeCount);
    this.blockedBedDaysByCause = new Float64Array(nodeCount * nodeCount);
    this.timePercentiles = new Float64Array(nodeCount * MONITORED_LEVEL_COUNT * TIME_SHARE_COUNT);
    this.patientFigures = new Float64Array(PATIENT_FIGURE_COUNT);
    this.timeInSystemByExit = new Float64Array(nodeCount + 1);
  }

  /** A node's row of blockedUpstream, externalQueue or waits. */
  nodeRow(values: Float64Array, node: number): Float64Array {
    return values.subarray(node * this.days, (node + 1) * this.days);
  }

  row(node: number, metric: number): Float64Array {
    const start = (node * NETWORK_METRIC_COUNT + metric) * this.days;
    return this.values.subarray(start, start + this.days);
  }

  /** Adds one to a count metric of `node` on `day`, without making a row view (this runs per event). */
  count(node: number, metric: number, day: number): void {
    this.values[(node * NETWORK_METRIC_COUNT + metric) * this.days + day]++;
  }

  /** Daily flows along edge `edge` (its index in the model's edges). */
  flow(edge: number): Float64Array {
    return this.flows.subarray(edge * this.days, (edge + 1) * this.days);
  }

  /** Daily visits booked at `node` (a visit node). */
  visitsRow(node: number): Float64Array {
    return this.visits.subarray(node * this.days, (node + 1) * this.days);
  }

  /** Days waited by the patients admitted to `node` each day. */
  waitsRow(node: number): Float64Array {
    return this.waits.subarray(node * this.days, (node + 1) * this.days);
  }

  /** Patients still in the network when the horizon ends. */
  get inSystemAtEnd(): number {
    let total = 0;
    for (let i = 0; i < this.nodeCount; i++) total += this.stockAtEnd[i];
    return total;
  }

  reset(): void {
    this.values.fill(0);
    this.flows.fill(0);
    this.support.fill(0);
    this.initial.fill(0);
    this.stockAtEnd.fill(0);
    this.externalQueue.fill(0);
    this.delayedAdmissions.fill(0);
    this.waitingAtEnd.fill(0);
    this.blockedBedDaysByCause.fill(0);
    this.externalArrivals = 0;
    this.initialTotal = 0;
    this.exits = 0;
    this.lost = 0;
    this.deadlocks = [];
    this.forcedAdmissions = 0;
  }
}
