/**
 * Simulates a component task (every replication of one component scenario) and summarises it
 * where it ran, so a worker hands back a summary, never the traces. The replications can also
 * be simulated in blocks on several threads (simulateReplicationBlock, into shared stores) and
 * summarised once all are in (summariseComponent): the same numbers in the same places.
 */
import { HORIZON_FIELD_COUNT, Horizon, METRIC_COUNT, Metric } from '../dailyRecord.js';
import type { ScenarioKey } from '../scenarios.js';
import { columnSortScratch, estimateOf, estimateStrided, placeOrderStatistics, QuantilePlan, quantileOfRange, type Estimate } from '../statistics.js';
import { horizonSummary, QUANTILE_LEVELS, ROWS_PER_METRIC, unpackSummary, type DailySummary, type ScenarioSummary } from '../summary.js';
import type { BlockedCause, ComponentSummary, EdgeFlowSummary, NodeNetworkSummary, SystemSummary } from './componentSummary.js';
import type { ComponentTask } from './componentTask.js';
import { componentStores, storeShapeOf, type ComponentStores } from './componentStores.js';
import { MonitorColumns } from './monitorSummary.js';
import { ArrivalDrawsCache } from './arrivalDraws.js';
import { compileNetwork, Kind, type CompiledNetwork } from './networkModel.js';
import { NETWORK_METRIC_COUNT, NETWORK_METRICS, NetworkMetric, SUPPORT_ROW_COUNT, SupportRow, type NetworkRecord } from './networkRecord.js';
import { NetworkSimulator } from './networkSimulation.js';
import { ReplicationColumns, sameNumber, sameNumbers } from './replicationColumns.js';
import { systemTotals, type NodeCosts } from './systemTotals.js';

/** Network metrics that are levels (averaged over the horizon); the others are counts (summed). */
const LEVELS = new Set<number>(['occ', 'blocked', 'transfer', 'reserved', 'occ_bed', 'niq', 'capacity'].map((name) => NetworkMetric[name as keyof typeof NetworkMetric]));
const ROWS_PER_SUMMARY = 1 + QUANTILE_LEVELS.length;

/** This thread's arrivals and first stays kept for the other scenarios of a component (ComponentTask.keepArrivals). */
const threadArrivalDraws = new ArrivalDrawsCache();

/**
 * The buffer of this thread's last component stores, kept for the next component scenario of
 * the same shape (a network's scenarios all have one): a fresh 12 MB buffer (the network
 * example's) costs a page fault a page first touched, some 11 µs on this VM, or a memset
 * when malloc reuses memory, where clearing a kept one is a memset of pages already there.
 * Stores are never part of a summary (its arrays are its own), so a finished scenario's can
 * be reused. Bounded: a larger buffer is made for its scenario and dropped after it.
 */
let keptStoreBuffer: ArrayBuffer | undefined;
const KEPT_STORE_BYTES = 64 * 1024 * 1024;

function storeBuffer(bytes: number): ArrayBuffer {
  if (keptStoreBuffer?.byteLength === bytes) {
    new Uint8Array(keptStoreBuffer).fill(0);
    return keptStoreBuffer;
  }
  const buffer = new ArrayBuffer(bytes);
  if (bytes <= KEPT_STORE_BYTES) keptStoreBuffer = buffer;
  return buffer;
}

export function simulateComponent(task: ComponentTask): ComponentSummary {
  const network = compileNetwork(task.network);
  const stores = componentStores(storeShapeOf(task, network), storeBuffer);
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
  /** The same for the rows of `stores.support` (index row * nodeCount + node). */
  unchangedSupport: [number, Float64Array][];
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
  const simulator = new NetworkSimulator(network, { monitors: monitored, keptArrivals: task.keepArrivals ? threadArrivalDraws : undefined });
  const { replications, seed } = task;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= replications)) {
    throw new RangeError(`replications ${first} to ${first + count - 1} are not among the task's ${replications}`);
  }
  const days = network.days;
  const n = network.ids.length;
  const values = new ReplicationColumns(n * NETWORK_METRIC_COUNT * days, replications, stores.values, count, days);
  const support = new ReplicationColumns(SUPPORT_ROW_COUNT * n * days, replications, stores.support, count, days);
  // Today's shape of a node is kept for its horizon figures alone (todaysHorizon): its days
  // are summarised from the network metrics and the support rows (todaysShapeSummary).
  const prices = nodePrices(task, network);
  const flows = new ReplicationColumns(network.edgeCount * days, replications, stores.flows, count);
  const system = new SystemColumns(stores, first, count);
  const blockedByCause = new SparseColumns<number>(first, count);
  const monitors = monitored ? new MonitorColumns(n, replications, stores.monitors) : undefined;
  for (let r = first; r < first + count; r++) {
    const record = simulator.simulate(seed, r);
    values.add(r, record.values);
    flows.add(r, record.flows);
    support.add(r, record.support);
    for (let i = 0; i < n; i++) {
      todaysHorizon(network, record, i, prices[i], stores.nodeHorizon[i], r * HORIZON_FIELD_COUNT);
      networkHorizon(record, i, stores.horizon, (r * n + i) * NETWORK_METRIC_COUNT);
    }
    system.add(r, network, record, task.costs);
    const byPair = record.blockedBedDaysByCause;
    for (let pair = 0; pair < byPair.length; pair++) if (byPair[pair] !== 0) blockedByCause.set(pair, r, byPair[pair]);
    monitors?.add(r, record);
  }
  values.finish();
  flows.finish();
  support.finish();
  const [unchangedValues, unchangedSupport] = ownCopies([values.unchangedSegments(), support.unchangedSegments()]);
  return { first, count, throughputByExit: system.throughputColumns(), blockedByCause: blockedByCause.columns(), unchangedValues, unchangedSupport };
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
  const rows = storedRows(stores.values, replications, inOrder, (block) => block.unchangedValues, n * NETWORK_METRIC_COUNT, days);
  const supportRows = storedRows(stores.support, replications, inOrder, (block) => block.unchangedSupport, SUPPORT_ROW_COUNT * n, days);
  const monitors = monitored ? new MonitorColumns(n, replications, stores.monitors) : undefined;
  const shapeScratch = new TodaysShapeScratch(days, replications);
  const prices = nodePrices(task, network);
  const keptSummaries = new KeptColumnSummaries(plan, counts);
  // The summary's own arrays, never views of the stores: a summary moves between threads
  // with its buffers transferred, and shared stores cannot be.
  const nodes: NodeNetworkSummary[] = task.nodeKeys.map((key, i) => {
    // Before nodeDaily, which reorders node i's columns in place: today's shape pairs them replication by replication.
    const shape = todaysShapeSummary(network, prices[i], stores, rows, supportRows, i, plan, counts, shapeScratch);
    const daily = nodeDaily(stores.values, rows, i, days, replications, plan, counts, keptSummaries);
    return {
      scenario: withCopiedRows(key, shape, daily, network.visits[i] !== undefined, stores.nodeHorizon[i].slice(), replications, days),
      daily,
      horizon: Object.fromEntries(
        NETWORK_METRICS.map((metric, m) => [metric, estimateStrided(stores.horizon, i * NETWORK_METRIC_COUNT + m, n * NETWORK_METRIC_COUNT, replications)]),
      ) as NodeNetworkSummary['horizon'],
      ...(monitors ? { timePercentiles: monitors.timePercentiles(i) } : {}),
    };
  });
  const edges = edgeFlows(task, stores.flows, days, replications, plan, counts);
  const patients = monitors ? { patients: monitors.patientSummary(network.ids) } : {};
  const system = systemSummary(stores, inOrder);
  const blockedByCause = blockedCauses(inOrder, replications, n, network.ids);
  return { key: task.key, nodes, flows: edges, blockedByCause, system, ...patients, warnings: task.warnings };
}

/** Lists of rows, all in one array of their own (one buffer to move to another thread). */
function ownCopies(lists: [number, Float64Array][][]): [number, Float64Array][][] {
  const length = lists.reduce((sum, rows) => rows.reduce((total, [, values]) => total + values.length, sum), 0);
  const all = new Float64Array(length);
  let at = 0;
  return lists.map((rows) =>
    rows.map(([k, values]) => {
      all.set(values, at);
      at += values.length;
      return [k, all.subarray(at - values.length, at)];
    }),
  );
}

/**
 * Each row of `days` values of a store (`columns`, rows of `segments`), for the daily
 * summaries: one that every block kept aside with the same values is summarised from those
 * values; one that only some blocks kept aside is written into the store for their
 * replications, and read from there.
 */
function storedRows(
  columns: Float64Array,
  replications: number,
  blocks: readonly ReplicationBlock[],
  keptOf: (block: ReplicationBlock) => [number, Float64Array][],
  segments: number,
  days: number,
): DailyRow[] {
  const rows: DailyRow[] = Array.from({ length: segments }, (_, k) => k * days);
  const keptBy = new Map<number, { block: ReplicationBlock; values: Float64Array }[]>();
  for (const block of blocks) {
    for (const [k, values] of keptOf(block)) {
      let list = keptBy.get(k);
      if (!list) keptBy.set(k, (list = []));
      list.push({ block, values });
    }
  }
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
 * Each node's cost per bed-day held, per day blocked, per day queued and per visit, then its
 * mean visits a patient (1 if not a visit node): what its days in today's shape are priced with.
 */
function nodePrices(task: ComponentTask, network: CompiledNetwork): Float64Array[] {
  return network.ids.map((id, i) => {
    const costs = task.costs[id] ?? {};
    return Float64Array.of(costs.perOccupiedBedDay ?? 0, costs.perDelayedDay ?? 0, costs.perQueuedDay ?? 0, costs.perVisit ?? 0, network.visits[i]?.meanVisits ?? 1);
  });
}

/**
 * Node `i`'s horizon figures as an isolated node's (DailyRecord.finish's, from the rows of
 * dailyRecord.ts METRICS), into `out` from `at`. Its days in that shape are: `occ` beds held (a
 * visit node: visits booked over the mean visits a patient needs, P1's occupancy), `niq`
 * everyone waiting for it (its queues and those blocked upstream for it), `arrivals` into it
 * or its queues, and `cost` on the occupied basis. Worked out day by day in one pass, with
 * finish's arithmetic in finish's order, and never stored: the days are summarised from the
 * network metrics (todaysShapeSummary).
 */
function todaysHorizon(network: CompiledNetwork, record: NetworkRecord, i: number, prices: Float64Array, out: Float64Array, at: number): void {
  const days = record.days;
  const held = record.row(i, NetworkMetric.occ_bed);
  const queued = record.row(i, NetworkMetric.niq);
  const blocked = record.row(i, NetworkMetric.blocked);
  const external = record.row(i, NetworkMetric.arrivals_external);
  const internal = record.row(i, NetworkMetric.arrivals_internal);
  const admissions = record.row(i, NetworkMetric.admissions);
  const departures = record.row(i, NetworkMetric.departures);
  const lost = record.row(i, NetworkMetric.lost);
  const upstream = record.nodeRow(record.blockedUpstream, i);
  const visits = record.visitsRow(i);
  const waits = record.nodeRow(record.waits, i);
  const isVisitNode = network.visits[i] !== undefined;
  const perHeld = prices[0];
  const perBlocked = prices[1];
  const perQueued = prices[2];
  const perVisit = prices[3];
  const meanVisits = prices[4];
  let occSum = 0;
  let niqSum = 0;
  let peakOcc = 0;
  let peakNiq = 0;
  let costSum = 0;
  let arrivalSum = 0;
  let admissionSum = 0;
  let waitTotal = 0;
  let lostSum = 0;
  let departureSum = 0;
  for (let d = 0; d < days; d++) {
    const occ = isVisitNode ? visits[d] / meanVisits : held[d];
    const niq = queued[d] + upstream[d];
    // finish's cost: the acute delay cost on everyone waiting (0 here: a network node's delays are priced where they are held), plus the node's own.
    const cost = niq * 0 + (perHeld * held[d] + perBlocked * blocked[d] + perQueued * queued[d] + perVisit * visits[d]);
    occSum += occ;
    niqSum += niq;
    if (occ > peakOcc) peakOcc = occ;
    if (niq > peakNiq) peakNiq = niq;
    costSum += cost;
    arrivalSum += external[d] + internal[d];
    admissionSum += admissions[d];
    waitTotal += waits[d];
    lostSum += lost[d];
    departureSum += departures[d];
  }
  out[at + Horizon.meanOccupancy] = occSum / days;
  out[at + Horizon.meanQueue] = niqSum / days;
  out[at + Horizon.peakOccupancy] = peakOcc;
  out[at + Horizon.peakQueue] = peakNiq;
  out[at + Horizon.delayedBedDays] = pricedDelayDays(network, record, i);
  out[at + Horizon.totalCost] = costSum;
  out[at + Horizon.arrivals] = arrivalSum;
  out[at + Horizon.admissions] = admissionSum;
  out[at + Horizon.delayedAdmissions] = record.delayedAdmissions[i];
  out[at + Horizon.totalWait] = waitTotal;
  out[at + Horizon.lost] = lostSum;
  out[at + Horizon.departures] = departureSum;
  out[at + Horizon.waitingAtEnd] = record.waitingAtEnd[i];
}

/** The day columns todaysShapeSummary reads: each an offset, in columns, into its scratch. */
const Source = { held: 0, blocked: 1, queued: 2, external: 3, internal: 4, admissions: 5, visits: 6, waits: 7, upstream: 8 } as const;
const SOURCE_COUNT = 9;
/** The metrics todaysShapeSummary derives, in the order of its scratch's derived columns; occ last (a visit node's only). */
const DERIVED = [Metric.niq, Metric.cost, Metric.arrivals, Metric.wait, Metric.occ] as const;

/** Scratch for todaysShapeSummary, reused node after node. */
class TodaysShapeScratch {
  /** Everyone waiting for the node, every day's column: `[day * replications + r]`. */
  readonly waitingAll: Float64Array;
  /** A day's column of each DERIVED metric, `[k * replications + r]`. */
  readonly derived: Float64Array;
  /** A day's column of each source, `[source * replications + r]`. */
  readonly day: Float64Array;

  constructor(days: number, replications: number) {
    this.waitingAll = new Float64Array(days * replications);
    this.derived = new Float64Array(DERIVED.length * replications);
    this.day = new Float64Array(SOURCE_COUNT * replications);
  }
}

/**
 * The days of node `i` in today's shape (those todaysHorizon works through, with finish's wait)
 * that are not simply one of its network metrics, summarised across replications from the columns
 * of the network metrics and the support rows: a packed summary (summary.ts's layout) with
 * those metrics' rows filled, and the 95th percentile of everyone waiting for the node over
 * every day and replication. The same arithmetic, value for value, as todaysHorizon and
 * DailyRecord.finish on each replication, so the figures are those a ScenarioAccumulator
 * of the replications' rows would give; the columns read are left in replication order.
 *
 * Plain loops over copied columns rather than a reader per source: this runs once per node,
 * mostly before V8 has optimised it, and a closure per source made its optimised compile
 * take several tenths of a second of a cold run (Stroke).
 */
function todaysShapeSummary(
  network: CompiledNetwork,
  prices: Float64Array,
  stores: ComponentStores,
  rows: readonly DailyRow[],
  supportRows: readonly DailyRow[],
  i: number,
  plan: QuantilePlan,
  counts: Int32Array,
  scratch: TodaysShapeScratch,
): { values: Float64Array; p95Waiting: number } {
  const { replications: R } = stores;
  const days = network.days;
  const n = network.ids.length;
  const values = new Float64Array(METRIC_COUNT * ROWS_PER_METRIC * days);
  const metricRow = (m: number) => rows[i * NETWORK_METRIC_COUNT + m];
  const supportRow = (row: number) => supportRows[row * n + i];
  const sources: DailyRow[] = [];
  sources[Source.held] = metricRow(NetworkMetric.occ_bed);
  sources[Source.blocked] = metricRow(NetworkMetric.blocked);
  sources[Source.queued] = metricRow(NetworkMetric.niq);
  sources[Source.external] = metricRow(NetworkMetric.arrivals_external);
  sources[Source.internal] = metricRow(NetworkMetric.arrivals_internal);
  sources[Source.admissions] = metricRow(NetworkMetric.admissions);
  sources[Source.visits] = supportRow(SupportRow.visits);
  sources[Source.waits] = supportRow(SupportRow.waits);
  sources[Source.upstream] = supportRow(SupportRow.blockedUpstream);
  const sourceStores = sources.map((_, source) => (source >= Source.visits ? stores.support : stores.values));
  // A visit node's occ is its caseload, derived; a bed node's is occ_bed, copied (withCopiedRows).
  const derivedCount = network.visits[i] ? DERIVED.length : DERIVED.length - 1;
  const waitingAll = everyoneWaiting(sources[Source.queued], sources[Source.upstream], stores, days, scratch);
  // Before the days' selections reorder waitingAll.
  const p95Waiting = quantileOfRange(waitingAll, 0, days * R, 0.95);
  for (let d = 0; d < days; d++) summariseDerivedDay(sources, sourceStores, d, days, prices, derivedCount, plan, counts, scratch, values);
  return { values, p95Waiting };
}

/**
 * Everyone waiting for a node (its queues and those blocked upstream for it), each day's column
 * across replications, into the scratch's waitingAll. The loops of todaysShapeSummary are
 * functions of their own: V8 optimised the one function on stack replacement from its first
 * loop, without feedback for the rest, and deoptimised it again for every node.
 */
function everyoneWaiting(queued: DailyRow, upstream: DailyRow, stores: ComponentStores, days: number, scratch: TodaysShapeScratch): Float64Array {
  const { replications: R } = stores;
  const { waitingAll, day } = scratch;
  const Q = Source.queued * R;
  const U = Source.upstream * R;
  for (let d = 0; d < days; d++) {
    copyDay(queued, stores.values, d, R, day, Q);
    copyDay(upstream, stores.support, d, R, day, U);
    for (let r = 0; r < R; r++) waitingAll[d * R + r] = day[Q + r] + day[U + r];
  }
  return waitingAll;
}

/** Day `d`'s DERIVED metrics (the first `derivedCount`), their means and quantiles into the packed summary `values`. */
function summariseDerivedDay(
  sources: readonly DailyRow[],
  sourceStores: readonly Float64Array[],
  d: number,
  days: number,
  prices: Float64Array,
  derivedCount: number,
  plan: QuantilePlan,
  counts: Int32Array,
  scratch: TodaysShapeScratch,
  values: Float64Array,
): void {
  const { waitingAll, derived, day } = scratch;
  const R = plan.length;
  for (let source = 0; source < SOURCE_COUNT; source++) copyDay(sources[source], sourceStores[source], d, R, day, source * R);
  deriveDay(day, waitingAll, d * R, R, prices, derived);
  // One call site: each inlined copy of the selection made V8's optimising compile longer.
  for (let k = 0; k < derivedCount; k++) placeDay(derived, k * R, R, plan, counts, values, DERIVED[k] * ROWS_PER_METRIC * days, days, d);
}

/**
 * A day's DERIVED columns from its sources' columns (`day`, by Source) and everyone waiting
 * (`waitingAll` from `at`), with the node's `prices` (nodePrices): the arithmetic of
 * todaysHorizon, replication by replication.
 */
function deriveDay(day: Float64Array, waitingAll: Float64Array, at: number, R: number, prices: Float64Array, derived: Float64Array): void {
  const perHeld = prices[0];
  const perBlocked = prices[1];
  const perQueued = prices[2];
  const perVisit = prices[3];
  const meanVisits = prices[4];
  const H = Source.held * R;
  const B = Source.blocked * R;
  const Q = Source.queued * R;
  const E = Source.external * R;
  const I = Source.internal * R;
  const A = Source.admissions * R;
  const V = Source.visits * R;
  const W = Source.waits * R;
  for (let r = 0; r < R; r++) {
    const waiting = waitingAll[at + r];
    derived[r] = waiting;
    // todaysHorizon's cost, written out here too: a call per value cost a cold run time.
    derived[R + r] = waiting * 0 + (perHeld * day[H + r] + perBlocked * day[B + r] + perQueued * day[Q + r] + perVisit * day[V + r]);
    derived[2 * R + r] = day[E + r] + day[I + r];
    derived[3 * R + r] = day[A + r] > 0 ? day[W + r] / day[A + r] : 0;
    derived[4 * R + r] = day[V + r] / meanVisits;
  }
}

/** Day `d`'s column of `row` across replications into `out` from `at`: from the store, or the day's one value of a row kept aside. */
function copyDay(row: DailyRow, store: Float64Array, d: number, replications: number, out: Float64Array, at: number): void {
  if (typeof row === 'number') {
    const start = (row + d) * replications;
    for (let r = 0; r < replications; r++) out[at + r] = store[start + r];
  } else out.fill(row[d], at, at + replications);
}

/**
 * Node `i`'s summary in today's shape: `shape`'s derived rows, and the rows that are one of
 * its network metrics copied from that metric's summary (the same column of numbers, so the
 * same mean and quantiles).
 */
function withCopiedRows(
  key: ScenarioKey,
  shape: { values: Float64Array; p95Waiting: number },
  daily: NodeNetworkSummary['daily'],
  isVisitNode: boolean,
  horizon: Float64Array,
  replications: number,
  days: number,
): ScenarioSummary {
  const { values } = shape;
  const copy = (m: number, summary: DailySummary) => {
    const base = m * ROWS_PER_METRIC * days;
    values.set(summary.mean, base);
    summary.quantiles.forEach((row, q) => values.set(row, base + (1 + q) * days));
  };
  if (!isVisitNode) copy(Metric.occ, daily.occ_bed);
  copy(Metric.admissions, daily.admissions);
  copy(Metric.departures, daily.departures);
  copy(Metric.lost, daily.lost);
  return unpackSummary({ key, horizon: horizonSummary({ key, replications, horizon }, shape.p95Waiting), days, values });
}

/** Day `d`'s mean and quantiles of the column at `column[start ...]` (reordered in place) into a packed summary row at `base`. */
function placeDay(column: Float64Array, start: number, replications: number, plan: QuantilePlan, counts: Int32Array, out: Float64Array, base: number, days: number, d: number): void {
  out[base + d] = placeOrderStatistics(column, start, replications, plan.positions, counts) / replications;
  for (let q = 0; q < QUANTILE_LEVELS.length; q++) out[base + (1 + q) * days + d] = plan.value(column, start, q);
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
function dailySummaries(
  columns: Float64Array,
  rows: readonly DailyRow[],
  days: number,
  replications: number,
  plan: QuantilePlan,
  counts: Int32Array,
  keptSummaries = new KeptColumnSummaries(plan, counts),
): DailySummary[] {
  // Rows kept aside with one value every day share one summary and leave their part of this
  // untouched: pages touched for the first time cost 1.5-16 µs each on this VM, and most of a
  // network's rows are zero throughout (Stroke: 3.2 MB of them).
  const packed = new Float64Array(rows.length * ROWS_PER_SUMMARY * days);
  return rows.map((offsetOrValues, k) => {
    if (typeof offsetOrValues !== 'number' && isConstant(offsetOrValues)) return keptSummaries.constantRows(offsetOrValues[0], days);
    const base = k * ROWS_PER_SUMMARY * days;
    if (typeof offsetOrValues === 'number') {
      for (let d = 0; d < days; d++) placeDay(columns, (offsetOrValues + d) * replications, replications, plan, counts, packed, base, days, d);
    } else {
      for (let d = 0; d < days; d++) {
        const summary = keptSummaries.of(offsetOrValues[d]);
        for (let row = 0; row < ROWS_PER_SUMMARY; row++) packed[base + row * days + d] = summary[row];
      }
    }
    const row = (index: number) => packed.subarray(base + index * days, base + (index + 1) * days);
    return { mean: row(0), quantiles: QUANTILE_LEVELS.map((_, q) => row(1 + q)) };
  });
}

/**
 * The mean and quantiles of a column whose every replication has one value (a row kept aside),
 * worked out once a value: such rows are most of a network's (Stroke: 111 of 169, zeros and
 * capacities), and their days a few distinct values. Each is summarised as the column itself
 * would be, so the figures are the same to the bit (the mean is a sum of the replications'
 * values, not the value).
 */
class KeptColumnSummaries {
  private readonly byValue = new Map<number, Float64Array>();
  private readonly constantByValue = new Map<number, DailySummary>();
  private readonly column: Float64Array;

  constructor(
    private readonly plan: QuantilePlan,
    private readonly counts: Int32Array,
  ) {
    this.column = new Float64Array(plan.length);
  }

  /**
   * The daily summary of a row whose every replication and day has `value`: one per value, its
   * arrays shared by every such row of the component summary (read-only, like all of them).
   */
  constantRows(value: number, days: number): DailySummary {
    const negativeZero = Object.is(value, -0);
    let rows = negativeZero ? undefined : this.constantByValue.get(value);
    if (!rows) {
      const summary = this.of(value);
      const all = new Float64Array(ROWS_PER_SUMMARY * days);
      for (let row = 0; row < ROWS_PER_SUMMARY; row++) all.fill(summary[row], row * days, (row + 1) * days);
      const row = (index: number) => all.subarray(index * days, (index + 1) * days);
      rows = { mean: row(0), quantiles: QUANTILE_LEVELS.map((_, q) => row(1 + q)) };
      if (!negativeZero) this.constantByValue.set(value, rows);
    }
    return rows;
  }

  of(value: number): Float64Array {
    // A Map does not tell -0 from 0.
    const negativeZero = Object.is(value, -0);
    let summary = negativeZero ? undefined : this.byValue.get(value);
    if (!summary) {
      summary = new Float64Array(ROWS_PER_SUMMARY);
      placeDay(this.column.fill(value), 0, this.plan.length, this.plan, this.counts, summary, 0, 1, 0);
      if (!negativeZero) this.byValue.set(value, summary);
    }
    return summary;
  }
}

/** Whether every value of `values` is the same number (sameNumber: -0 is not 0, NaN is never the same). */
function isConstant(values: Float64Array): boolean {
  for (let d = 1; d < values.length; d++) if (!sameNumber(values[d], values[0])) return false;
  return values.length > 0;
}

function nodeDaily(
  columns: Float64Array,
  rows: readonly DailyRow[],
  i: number,
  days: number,
  replications: number,
  plan: QuantilePlan,
  counts: Int32Array,
  keptSummaries: KeptColumnSummaries,
): NodeNetworkSummary['daily'] {
  const nodeRows = NETWORK_METRICS.map((_, m) => rows[i * NETWORK_METRIC_COUNT + m]);
  const summaries = dailySummaries(columns, nodeRows, days, replications, plan, counts, keptSummaries);
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
