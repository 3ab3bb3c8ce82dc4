/**
 * Simulates a component task (every replication of one component scenario) and summarises it
 * where it ran, so a worker hands back a summary, never the traces. The replications can also
 * be simulated in blocks on several threads (simulateReplicationBlock, into shared stores) and
 * summarised once all are in (summariseComponent): the same numbers in the same places.
 */
import { Horizon, Metric } from '../dailyRecord.js';
import { columnSortScratch, estimateOf, estimateStrided, placeOrderStatistics, QuantilePlan, type Estimate } from '../statistics.js';
import { QUANTILE_LEVELS, ScenarioAccumulator, summariseCollected, type DailySummary } from '../summary.js';
import type { BlockedCause, ComponentSummary, EdgeFlowSummary, NodeNetworkSummary, SystemSummary } from './componentSummary.js';
import type { ComponentTask } from './componentTask.js';
import { componentStores, storeShapeOf, type ComponentStores } from './componentStores.js';
import { MonitorColumns } from './monitorSummary.js';
import { compileNetwork, Kind, type CompiledNetwork } from './networkModel.js';
import { NETWORK_METRIC_COUNT, NETWORK_METRICS, NetworkMetric, type NetworkRecord } from './networkRecord.js';
import { NetworkSimulator } from './networkSimulation.js';
import { ReplicationColumns, sameNumbers } from './replicationColumns.js';
import { systemTotals, type NodeCosts } from './systemTotals.js';

/** Network metrics that are levels (averaged over the horizon); the others are counts (summed). */
const LEVELS = new Set<number>(['occ', 'blocked', 'transfer', 'reserved', 'occ_bed', 'niq', 'capacity'].map((name) => NetworkMetric[name as keyof typeof NetworkMetric]));
const ROWS_PER_SUMMARY = 1 + QUANTILE_LEVELS.length;

export function simulateComponent(task: ComponentTask): ComponentSummary {
  const network = compileNetwork(task.network);
  const stores = componentStores(storeShapeOf(task, network));
  const block = simulateBlock(task, network, stores, 0, task.replications);
  return summarise(task, network, stores, [block]);
}

/**
 * What a block of replications leaves besides its stores: the figures kept only where they
 * occur, each a column of the block's replications, in the order they first occurred.
 */
export interface ReplicationBlock {
  first: number;
  count: number;
  /** Throughput by exit node id, for the exits anyone took in the block. */
  throughputByExit: [string, Float64Array][];
  /** Blocked bed-days by pair of nodes (blockedBedDaysByCause's index), for the pairs where anyone was blocked. */
  blockedByCause: [number, Float64Array][];
  /**
   * The node-metric rows of `stores.values` (index node * NETWORK_METRIC_COUNT + metric) that
   * were the same in every replication of the block, with their days' values: left out of the
   * stores (ReplicationColumns).
   */
  unchangedValues: [number, Float64Array][];
}

/** Replications `first` to `first + count - 1` of a task, simulated into `stores` (shaped by componentStoreShape). */
export function simulateReplicationBlock(task: ComponentTask, stores: ComponentStores, first: number, count: number): ReplicationBlock {
  return simulateBlock(task, compileNetwork(task.network), stores, first, count);
}

/** The summary of a task whose every replication is in `stores`, from the blocks that put them there (in any order). */
export function summariseComponent(task: ComponentTask, stores: ComponentStores, blocks: readonly ReplicationBlock[]): ComponentSummary {
  return summarise(task, compileNetwork(task.network), stores, blocks);
}

function simulateBlock(task: ComponentTask, network: CompiledNetwork, stores: ComponentStores, first: number, count: number): ReplicationBlock {
  const monitored = task.monitors ?? true;
  const simulator = new NetworkSimulator(network, { monitors: monitored });
  const { replications, seed } = task;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= replications)) {
    throw new RangeError(`replications ${first} to ${first + count - 1} are not among the task's ${replications}`);
  }
  const days = network.days;
  const n = network.ids.length;
  const accumulators = task.nodeKeys.map((key, i) => new ScenarioAccumulator(key, days, replications, stores.nodeColumns[i], stores.nodeHorizon[i], count));
  const values = new ReplicationColumns(n * NETWORK_METRIC_COUNT * days, replications, stores.values, count, days);
  const flows = new ReplicationColumns(network.edgeCount * days, replications, stores.flows, count);
  const system = new SystemColumns(stores, first, count);
  const blockedByCause = new SparseColumns<number>(first, count);
  const monitors = monitored ? new MonitorColumns(n, replications, stores.monitors) : undefined;
  const costRow = new Float64Array(days);
  for (let r = first; r < first + count; r++) {
    const record = simulator.simulate(seed, r);
    values.add(r, record.values);
    flows.add(r, record.flows);
    for (let i = 0; i < n; i++) {
      const staged = accumulators[i].stagingRecord(r);
      todaysShape(network, record, i, task.costs[network.ids[i]] ?? {}, staged.values, costRow);
      staged.finish(record.nodeRow(record.waits, i), record.delayedAdmissions[i], record.waitingAtEnd[i], 0, costRow);
      staged.horizon[Horizon.delayedBedDays] = pricedDelayDays(network, record, i);
      accumulators[i].addStaged(r, staged);
      networkHorizon(record, i, stores.horizon, (r * n + i) * NETWORK_METRIC_COUNT);
    }
    system.add(r, network, record, task.costs);
    const byPair = record.blockedBedDaysByCause;
    for (let pair = 0; pair < byPair.length; pair++) if (byPair[pair] !== 0) blockedByCause.set(pair, r, byPair[pair]);
    monitors?.add(r, record);
  }
  values.finish();
  flows.finish();
  for (const accumulator of accumulators) accumulator.flushStaged();
  return { first, count, throughputByExit: system.throughputColumns(), blockedByCause: blockedByCause.columns(), unchangedValues: ownCopies(values.unchangedSegments()) };
}

function summarise(task: ComponentTask, network: CompiledNetwork, stores: ComponentStores, blocks: readonly ReplicationBlock[]): ComponentSummary {
  const { replications } = task;
  const days = network.days;
  const n = network.ids.length;
  const monitored = task.monitors ?? true;
  const inOrder = [...blocks].sort((a, b) => a.first - b.first);
  let next = 0;
  for (const block of inOrder) {
    if (block.first !== next) throw new Error(`replications ${next} to ${block.first - 1} of ${replications} were never simulated`);
    next += block.count;
  }
  if (next !== replications) throw new Error(`${next} of ${replications} replications were simulated`);
  const plan = new QuantilePlan(replications, QUANTILE_LEVELS);
  const counts = columnSortScratch();
  const rows = valueRows(stores, inOrder, n * NETWORK_METRIC_COUNT, days);
  const monitors = monitored ? new MonitorColumns(n, replications, stores.monitors) : undefined;
  // The summary's own arrays, never views of the stores: a summary moves between threads
  // with its buffers transferred, and shared stores cannot be.
  const nodes: NodeNetworkSummary[] = task.nodeKeys.map((key, i) => ({
    scenario: summariseCollected({ key, days, replications, columns: stores.nodeColumns[i], horizon: stores.nodeHorizon[i].slice() }),
    daily: nodeDaily(stores.values, rows, i, days, replications, plan, counts),
    horizon: Object.fromEntries(
      NETWORK_METRICS.map((metric, m) => [metric, estimateStrided(stores.horizon, i * NETWORK_METRIC_COUNT + m, n * NETWORK_METRIC_COUNT, replications)]),
    ) as NodeNetworkSummary['horizon'],
    ...(monitors ? { timePercentiles: monitors.timePercentiles(i) } : {}),
  }));
  const edges = edgeFlows(task, stores.flows, days, replications, plan, counts);
  const patients = monitors ? { patients: monitors.patientSummary(network.ids) } : {};
  const system = systemSummary(stores, inOrder);
  const blockedByCause = blockedCauses(inOrder, replications, n, network.ids);
  return { key: task.key, nodes, flows: edges, blockedByCause, system, ...patients, warnings: task.warnings };
}

/** The rows in one array of their own (one buffer to move to another thread). */
function ownCopies(rows: [number, Float64Array][]): [number, Float64Array][] {
  const length = rows.reduce((sum, [, values]) => sum + values.length, 0);
  const all = new Float64Array(length);
  let at = 0;
  return rows.map(([k, values]) => {
    all.set(values, at);
    at += values.length;
    return [k, all.subarray(at - values.length, at)];
  });
}

/**
 * Each node-metric row of the network metrics, for the daily summaries: one that every block
 * kept aside with the same values is summarised from those values; one that only some blocks
 * kept aside is written into the stores for their replications, and read from there.
 */
function valueRows(stores: ComponentStores, blocks: readonly ReplicationBlock[], segments: number, days: number): DailyRow[] {
  const rows: DailyRow[] = Array.from({ length: segments }, (_, k) => k * days);
  const keptBy = new Map<number, { block: ReplicationBlock; values: Float64Array }[]>();
  for (const block of blocks) {
    for (const [k, values] of block.unchangedValues) {
      let list = keptBy.get(k);
      if (!list) keptBy.set(k, (list = []));
      list.push({ block, values });
    }
  }
  const { values: columns, replications } = stores;
  for (const [k, list] of keptBy) {
    if (list.length === blocks.length && list.every(({ values }) => sameNumbers(values, list[0].values, 0, values.length))) {
      rows[k] = list[0].values;
      continue;
    }
    for (const { block, values } of list) {
      for (let d = 0; d < days; d++) {
        const base = (k * days + d) * replications;
        for (let r = block.first; r < block.first + block.count; r++) columns[base + r] = values[d];
      }
    }
  }
  return rows;
}

/**
 * Columns of `replications` from each block's columns of its own replications, keyed as the
 * blocks key them, in the order the keys first occur over the replications (blocks in order).
 */
function joinBlockColumns<K>(blocks: readonly ReplicationBlock[], columnsOf: (block: ReplicationBlock) => [K, Float64Array][], replications: number): Map<K, Float64Array> {
  const joined = new Map<K, Float64Array>();
  for (const block of blocks) {
    for (const [key, column] of columnsOf(block)) {
      let whole = joined.get(key);
      // Replications in which nobody took that exit or was blocked on that pair had 0 there.
      if (!whole) joined.set(key, (whole = new Float64Array(replications)));
      whole.set(column, block.first);
    }
  }
  return joined;
}

/**
 * A block's figures kept only where they occur (an exit somebody took, a pair of nodes where
 * somebody was blocked: most pairs never are), a column of the block's replications per key,
 * in the order the keys first occurred.
 */
class SparseColumns<K> {
  private readonly byKey = new Map<K, Float64Array>();

  constructor(
    private readonly first: number,
    private readonly count: number,
  ) {}

  set(key: K, r: number, value: number): void {
    let column = this.byKey.get(key);
    if (!column) this.byKey.set(key, (column = new Float64Array(this.count)));
    column[r - this.first] = value;
  }

  columns(): [K, Float64Array][] {
    return [...this.byKey];
  }
}

/** By `at`, then `waitingFor`, in model order. */
function blockedCauses(blocks: readonly ReplicationBlock[], replications: number, n: number, ids: readonly string[]): BlockedCause[] {
  const byPair = joinBlockColumns(blocks, (block) => block.blockedByCause, replications);
  return [...byPair.keys()]
    .sort((a, b) => a - b)
    .map((pair) => ({ at: ids[Math.floor(pair / n)], waitingFor: ids[pair % n], bedDays: estimateOf(byPair.get(pair)!) }));
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
 * A row of daily values across replications: where it starts in a replication's row (its
 * columns are `columns[(offset + day) * replications + r]`), or each day's value when it is
 * the same in every replication (ReplicationColumns kept it aside).
 */
type DailyRow = number | Float64Array;

/**
 * Mean and quantiles of each day of `rows`, from columns across replications (reordered in
 * place), written into one array whose views are returned.
 */
function dailySummaries(columns: Float64Array, rows: readonly DailyRow[], days: number, replications: number, plan: QuantilePlan, counts: Int32Array): DailySummary[] {
  const packed = new Float64Array(rows.length * ROWS_PER_SUMMARY * days);
  const sameEverywhere = new Float64Array(replications);
  return rows.map((offsetOrValues, k) => {
    const base = k * ROWS_PER_SUMMARY * days;
    for (let d = 0; d < days; d++) {
      let source = columns;
      let start = 0;
      if (typeof offsetOrValues === 'number') start = (offsetOrValues + d) * replications;
      else {
        // The column that every replication's same value would have made, summarised as one.
        source = sameEverywhere.fill(offsetOrValues[d]);
      }
      packed[base + d] = placeOrderStatistics(source, start, replications, plan.positions, counts) / replications;
      for (let q = 0; q < QUANTILE_LEVELS.length; q++) packed[base + (1 + q) * days + d] = plan.value(source, start, q);
    }
    const row = (index: number) => packed.subarray(base + index * days, base + (index + 1) * days);
    return { mean: row(0), quantiles: QUANTILE_LEVELS.map((_, q) => row(1 + q)) };
  });
}

function nodeDaily(columns: Float64Array, rows: readonly DailyRow[], i: number, days: number, replications: number, plan: QuantilePlan, counts: Int32Array): NodeNetworkSummary['daily'] {
  const nodeRows = NETWORK_METRICS.map((_, m) => rows[i * NETWORK_METRIC_COUNT + m]);
  const summaries = dailySummaries(columns, nodeRows, days, replications, plan, counts);
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

/** The system totals of a block's replications: the fixed ones into the stores, throughput by exit kept by the block. */
class SystemColumns {
  private readonly throughput: SparseColumns<string>;

  constructor(
    private readonly stores: ComponentStores,
    first: number,
    count: number,
  ) {
    this.throughput = new SparseColumns(first, count);
  }

  add(r: number, network: CompiledNetwork, record: NetworkRecord, costs: Readonly<Record<string, NodeCosts>>): void {
    const totals = systemTotals(network, record, costs);
    const system = this.stores.system;
    system.totalCost[r] = totals.totalCost;
    system.delayedDischargeBedDays[r] = totals.delayedDischargeBedDays;
    system.deadlocks[r] = totals.deadlocks;
    system.forcedAdmissions[r] = totals.forcedAdmissions;
    for (const [exit, count] of Object.entries(totals.throughputByExit)) this.throughput.set(exit, r, count);
  }

  throughputColumns(): [string, Float64Array][] {
    return this.throughput.columns();
  }
}

function systemSummary(stores: ComponentStores, blocks: readonly ReplicationBlock[]): SystemSummary {
  const { system, replications } = stores;
  const throughputByExit: Record<string, Estimate> = {};
  for (const [exit, column] of joinBlockColumns(blocks, (block) => block.throughputByExit, replications)) throughputByExit[exit] = estimateOf(column);
  return {
    replications,
    totalCost: estimateOf(system.totalCost),
    delayedDischargeBedDays: estimateOf(system.delayedDischargeBedDays),
    deadlocks: estimateOf(system.deadlocks),
    forcedAdmissions: estimateOf(system.forcedAdmissions),
    throughputByExit,
    byReplication: { totalCost: system.totalCost.slice(), delayedDischargeBedDays: system.delayedDischargeBedDays.slice(), deadlocks: system.deadlocks.slice() },
  };
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
