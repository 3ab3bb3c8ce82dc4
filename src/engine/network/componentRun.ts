/**
 * Simulates a component task (every replication of one component scenario) and summarises it
 * where it ran, so a worker hands back a summary, never the traces.
 */
import { Horizon, Metric } from '../dailyRecord.js';
import { columnSortScratch, estimateOf, estimateStrided, placeOrderStatistics, QuantilePlan, type Estimate } from '../statistics.js';
import { QUANTILE_LEVELS, ScenarioAccumulator, type DailySummary } from '../summary.js';
import type { BlockedCause, ComponentSummary, EdgeFlowSummary, NodeNetworkSummary, SystemSummary } from './componentSummary.js';
import type { ComponentTask } from './componentTask.js';
import { MonitorColumns } from './monitorSummary.js';
import { compileNetwork, Kind, type CompiledNetwork } from './networkModel.js';
import { NETWORK_METRIC_COUNT, NETWORK_METRICS, NetworkMetric, type NetworkRecord } from './networkRecord.js';
import { NetworkSimulator } from './networkSimulation.js';
import { ReplicationColumns } from './replicationColumns.js';
import { systemTotals, type NodeCosts } from './systemTotals.js';

/** Network metrics that are levels (averaged over the horizon); the others are counts (summed). */
const LEVELS = new Set<number>(['occ', 'blocked', 'transfer', 'reserved', 'occ_bed', 'niq', 'capacity'].map((name) => NetworkMetric[name as keyof typeof NetworkMetric]));
const ROWS_PER_SUMMARY = 1 + QUANTILE_LEVELS.length;

export function simulateComponent(task: ComponentTask): ComponentSummary {
  const network = compileNetwork(task.network);
  const monitored = task.monitors ?? true;
  const simulator = new NetworkSimulator(network, { monitors: monitored });
  const { replications, seed } = task;
  const days = network.days;
  const n = network.ids.length;
  const accumulators = task.nodeKeys.map((key) => new ScenarioAccumulator(key, days, replications));
  const valuesPerReplication = n * NETWORK_METRIC_COUNT * days;
  const flowsPerReplication = network.edgeCount * days;
  const values = new ReplicationColumns(valuesPerReplication, replications);
  const flows = new ReplicationColumns(flowsPerReplication, replications);
  const horizon = new Float64Array(replications * n * NETWORK_METRIC_COUNT);
  const system = new SystemColumns(replications);
  const blockedByCause = new BlockedCauseColumns(n, replications);
  const monitors = new MonitorColumns(n, replications);
  const costRow = new Float64Array(days);
  for (let r = 0; r < replications; r++) {
    const record = simulator.simulate(seed, r);
    values.add(r, record.values);
    flows.add(r, record.flows);
    for (let i = 0; i < n; i++) {
      const staged = accumulators[i].stagingRecord(r);
      todaysShape(network, record, i, task.costs[network.ids[i]] ?? {}, staged.values, costRow);
      staged.finish(record.nodeRow(record.waits, i), record.delayedAdmissions[i], record.waitingAtEnd[i], 0, costRow);
      staged.horizon[Horizon.delayedBedDays] = pricedDelayDays(network, record, i);
      accumulators[i].addStaged(r, staged);
      networkHorizon(record, i, horizon, (r * n + i) * NETWORK_METRIC_COUNT);
    }
    system.add(r, network, record, task.costs);
    blockedByCause.add(r, record.blockedBedDaysByCause);
    if (monitored) monitors.add(r, record);
  }
  const plan = new QuantilePlan(replications, QUANTILE_LEVELS);
  const counts = columnSortScratch();
  const valueColumns = values.finish();
  const nodes: NodeNetworkSummary[] = accumulators.map((accumulator, i) => ({
    scenario: accumulator.finish(),
    daily: nodeDaily(valueColumns, i, days, replications, plan, counts),
    horizon: Object.fromEntries(
      NETWORK_METRICS.map((metric, m) => [metric, estimateStrided(horizon, i * NETWORK_METRIC_COUNT + m, n * NETWORK_METRIC_COUNT, replications)]),
    ) as NodeNetworkSummary['horizon'],
    ...(monitored ? { timePercentiles: monitors.timePercentiles(i) } : {}),
  }));
  const edges = edgeFlows(task, flows.finish(), days, replications, plan, counts);
  const patients = monitored ? { patients: monitors.patientSummary(network.ids) } : {};
  return { key: task.key, nodes, flows: edges, blockedByCause: blockedByCause.summary(network.ids), system: system.summary(), ...patients, warnings: task.warnings };
}

/** Each replication's blocked bed-days by cause, a column per pair of nodes where anyone was blocked (most pairs never are). */
class BlockedCauseColumns {
  private readonly columns = new Map<number, Float64Array>();

  constructor(
    private readonly n: number,
    private readonly replications: number,
  ) {}

  add(r: number, byPair: Float64Array): void {
    for (let pair = 0; pair < byPair.length; pair++) {
      if (byPair[pair] === 0) continue;
      let column = this.columns.get(pair);
      if (!column) this.columns.set(pair, (column = new Float64Array(this.replications)));
      column[r] = byPair[pair];
    }
  }

  /** By `at`, then `waitingFor`, in model order. */
  summary(ids: readonly string[]): BlockedCause[] {
    return [...this.columns.keys()]
      .sort((a, b) => a - b)
      .map((pair) => ({ at: ids[Math.floor(pair / this.n)], waitingFor: ids[pair % this.n], bedDays: estimateOf(this.columns.get(pair)!) }));
  }
}

/**
 * Node `i`'s day rows as an isolated node's (dailyRecord.ts METRICS): beds held, everyone
 * waiting for it (its queues and those blocked upstream for it), arrivals into it or its
 * queues. `costRow` gets each day's cost on the occupied basis; the caller's `finish` adds it.
 */
function todaysShape(network: CompiledNetwork, record: NetworkRecord, i: number, costs: NodeCosts, out: Float64Array, costRow: Float64Array): void {
  const days = record.days;
  const row = (metric: number) => record.row(i, metric);
  const at = (metric: number) => metric * days;
  const held = row(NetworkMetric.occ_bed);
  const queued = row(NetworkMetric.niq);
  const blocked = row(NetworkMetric.blocked);
  const upstream = record.nodeRow(record.blockedUpstream, i);
  const external = row(NetworkMetric.arrivals_external);
  const internal = row(NetworkMetric.arrivals_internal);
  const perHeld = costs.perOccupiedBedDay ?? 0;
  const perBlocked = costs.perDelayedDay ?? 0;
  const perQueued = costs.perQueuedDay ?? 0;
  const perVisit = costs.perVisit ?? 0;
  const visits = record.visitsRow(i);
  const visit = network.visits[i];
  // A visit node's occupancy is P1's: visits booked over the mean visits a patient needs.
  if (visit) for (let d = 0; d < days; d++) out[at(Metric.occ) + d] = visits[d] / visit.meanVisits;
  else out.set(held, at(Metric.occ));
  out.set(row(NetworkMetric.admissions), at(Metric.admissions));
  out.set(row(NetworkMetric.departures), at(Metric.departures));
  out.set(row(NetworkMetric.lost), at(Metric.lost));
  for (let d = 0; d < days; d++) {
    out[at(Metric.niq) + d] = queued[d] + upstream[d];
    out[at(Metric.arrivals) + d] = external[d] + internal[d];
    costRow[d] = perHeld * held[d] + perBlocked * blocked[d] + perQueued * queued[d] + perVisit * visits[d];
  }
}

/**
 * The bed-days node `i` prices at its acute day rate, so that its cost splits into acute and
 * community parts as an isolated node's does (costBasis.ts): patients blocked in an acute node,
 * patients in a bed or visit node's own queues. Patients blocked upstream are in the node's
 * niq, but their days are priced on the row of the node whose bed they hold.
 */
function pricedDelayDays(network: CompiledNetwork, record: NetworkRecord, i: number): number {
  const kind = network.kinds[i];
  if (kind === Kind.Delay || kind === Kind.Exit) return 0;
  const row = record.row(i, kind === Kind.Acute ? NetworkMetric.blocked : NetworkMetric.niq);
  let sum = 0;
  for (let d = 0; d < row.length; d++) sum += row[d];
  return sum;
}

/** Node `i`'s network metrics over the horizon: levels averaged over the days, counts summed. */
function networkHorizon(record: NetworkRecord, i: number, out: Float64Array, at: number): void {
  for (let m = 0; m < NETWORK_METRIC_COUNT; m++) {
    const row = record.row(i, m);
    let sum = 0;
    for (let d = 0; d < row.length; d++) sum += row[d];
    out[at + m] = LEVELS.has(m) ? sum / row.length : sum;
  }
}

/**
 * Mean and quantiles of each day of the rows starting at `offsets` (in a replication's row),
 * from columns across replications (`columns[(offset + day) * replications + r]`, reordered in
 * place), written into one array whose views are returned.
 */
function dailySummaries(columns: Float64Array, offsets: number[], days: number, replications: number, plan: QuantilePlan, counts: Int32Array): DailySummary[] {
  const packed = new Float64Array(offsets.length * ROWS_PER_SUMMARY * days);
  return offsets.map((offset, k) => {
    const base = k * ROWS_PER_SUMMARY * days;
    for (let d = 0; d < days; d++) {
      const start = (offset + d) * replications;
      packed[base + d] = placeOrderStatistics(columns, start, replications, plan.positions, counts) / replications;
      for (let q = 0; q < QUANTILE_LEVELS.length; q++) packed[base + (1 + q) * days + d] = plan.value(columns, start, q);
    }
    const row = (index: number) => packed.subarray(base + index * days, base + (index + 1) * days);
    return { mean: row(0), quantiles: QUANTILE_LEVELS.map((_, q) => row(1 + q)) };
  });
}

function nodeDaily(columns: Float64Array, i: number, days: number, replications: number, plan: QuantilePlan, counts: Int32Array): NodeNetworkSummary['daily'] {
  const offsets = NETWORK_METRICS.map((_, m) => (i * NETWORK_METRIC_COUNT + m) * days);
  const summaries = dailySummaries(columns, offsets, days, replications, plan, counts);
  return Object.fromEntries(NETWORK_METRICS.map((metric, m) => [metric, summaries[m]])) as NodeNetworkSummary['daily'];
}

function edgeFlows(task: ComponentTask, columns: Float64Array, days: number, replications: number, plan: QuantilePlan, counts: Int32Array): EdgeFlowSummary[] {
  const edges = task.network.edges;
  // Totals first: the quantiles reorder each column.
  const totals = edges.map((_, j) => {
    const sums = new Float64Array(replications);
    for (let d = 0; d < days; d++) {
      const start = (j * days + d) * replications;
      for (let r = 0; r < replications; r++) sums[r] += columns[start + r];
    }
    return sums;
  });
  const daily = dailySummaries(columns, edges.map((_, j) => j * days), days, replications, plan, counts);
  return edges.map((edge, j) => {
    return { edge: task.edges[j], from: edge.from, to: edge.to, type: edge.type ?? 'route', daily: daily[j], total: estimateOf(totals[j]) };
  });
}

/** The system totals of each replication, column by column. */
class SystemColumns {
  private readonly totalCost: Float64Array;
  private readonly delayedDischargeBedDays: Float64Array;
  private readonly deadlocks: Float64Array;
  private readonly forcedAdmissions: Float64Array;
  private readonly throughput = new Map<string, Float64Array>();

  constructor(private readonly replications: number) {
    this.totalCost = new Float64Array(replications);
    this.delayedDischargeBedDays = new Float64Array(replications);
    this.deadlocks = new Float64Array(replications);
    this.forcedAdmissions = new Float64Array(replications);
  }

  add(r: number, network: CompiledNetwork, record: NetworkRecord, costs: Readonly<Record<string, NodeCosts>>): void {
    const totals = systemTotals(network, record, costs);
    this.totalCost[r] = totals.totalCost;
    this.delayedDischargeBedDays[r] = totals.delayedDischargeBedDays;
    this.deadlocks[r] = totals.deadlocks;
    this.forcedAdmissions[r] = totals.forcedAdmissions;
    for (const [exit, count] of Object.entries(totals.throughputByExit)) {
      let column = this.throughput.get(exit);
      // An exit nobody took in earlier replications had 0 there.
      if (!column) this.throughput.set(exit, (column = new Float64Array(this.replications)));
      column[r] = count;
    }
  }

  summary(): SystemSummary {
    const throughputByExit: Record<string, Estimate> = {};
    for (const [exit, column] of this.throughput) throughputByExit[exit] = estimateOf(column);
    return {
      replications: this.replications,
      totalCost: estimateOf(this.totalCost),
      delayedDischargeBedDays: estimateOf(this.delayedDischargeBedDays),
      deadlocks: estimateOf(this.deadlocks),
      forcedAdmissions: estimateOf(this.forcedAdmissions),
      throughputByExit,
      byReplication: { totalCost: this.totalCost, delayedDischargeBedDays: this.delayedDischargeBedDays, deadlocks: this.deadlocks },
    };
  }
}

/**
 * The buffers behind a component summary's arrays, each once, to move it to another thread
 * without a copy (structured clone keeps the views onto each buffer).
 */
export function transferablesOf(summary: ComponentSummary): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: Float64Array | undefined) => {
    if (array) buffers.add(array.buffer as ArrayBuffer);
  };
  for (const node of summary.nodes) {
    add(node.scenario.packed ?? node.scenario.daily.occ.mean);
    add(node.scenario.horizon.byReplication);
    for (const daily of Object.values(node.daily)) add(daily.mean);
  }
  for (const flow of summary.flows) add(flow.daily.mean);
  for (const column of Object.values(summary.system.byReplication)) add(column);
  return [...buffers];
}
