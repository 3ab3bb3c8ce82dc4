/**
 * Pathflow against PathSimR's published Use Case Library, node by node, and the measured size
 * of each PathSimR behaviour that explains a difference.
 *
 * Per case: Pathflow runs the imported model (100 replications, the case's window, the warm-up
 * of pathsimrCases.ts) and each node's five levels are compared with PathSimR's published
 * means. PathSimR publishes no spread, so Pathflow's across-replication standard deviation
 * stands in for it: the standard error of the difference is sd * sqrt(1/100 + 1/100).
 *
 * The same replications are then measured as PathSimR would have measured them: over its
 * averaging window (pathsimrWindow.ts), and, where a capacity rise meets a queue, with its
 * admissions at each capacity event, one per copy of the event its code schedules
 * (pathsimrAdmissionRule.ts, pathsimrCapacityEvents.ts). A difference beyond
 * NOISE_MULTIPLE standard errors counts as explained when the figure so adjusted is within
 * NOISE_MULTIPLE standard errors of PathSimR's.
 *
 * Shared by scripts/pathsimr-differences.ts and test/compare/pathsimr*.test.ts.
 */
import type { ModelSpec } from '../../src/engine/model.js';
import { compileNetwork, type CompiledNetwork } from '../../src/engine/network/networkModel.js';
import { NetworkMetric, type NetworkRecord } from '../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../src/engine/network/networkSimulation.js';
import { componentTask, plannedComponentScenarios } from '../../src/engine/network/componentTask.js';
import { runModel } from '../../src/engine/run.js';
import type { NetworkObserver } from '../../src/engine/network/networkSimulation.js';
import { journeyObserver, notReplayable, replay } from './pathsimrAdmissionRule.js';
import { PATHSIMR_LEVELS, readCaseCalendar, type PathsimrCase, type PathsimrLevel, type PublishedLevels } from './pathsimrCases.js';
import { capacityRows, pathsimrCapacityEvents, type CapacityEvent, type CapacityRow } from './pathsimrCapacityEvents.js';
import { intervalObserver, pathsimrWindowMean, wholeWindowMean, type ReplicationIntervals } from './pathsimrWindow.js';

export const REPLICATIONS = 100;
/** PathSimR's published figures are means of 100 replications too. */
export const PATHSIMR_REPLICATIONS = 100;
export const SEED = 1;
export const NOISE_MULTIPLE = 4;
/**
 * Days simulated beyond the window when observing patients, so that every stay and queue wait
 * the window sees has ended (a week: the clinics' queues clear daily; a stroke patient still
 * blocked then is rightly counted to the end).
 */
const OBSERVED_MARGIN_DAYS = 7;

export interface Figure {
  mean: number;
  sd: number;
}

export interface NodeLevelComparison {
  node: string;
  level: PathsimrLevel;
  published: number;
  pathflow: Figure;
  /** (Pathflow - PathSimR) / standard error of the difference. */
  z: number;
  /** Pathflow measured over PathSimR's averaging window (occupancy, beds held, queue). */
  window?: Figure;
  /** ... and with PathSimR's admissions at its capacity events (where they can matter). */
  windowAndRule?: Figure;
  /** z of the most adjusted figure against PathSimR's. */
  adjustedZ?: number;
  /** Pathflow with twice the warm-up: how much the figure still depends on the warm-up PathSimR did not record. */
  longerWarmup: Figure;
}

export interface CaseComparison {
  case: PathsimrCase;
  rows: NodeLevelComparison[];
  /** Why the admission rule was not replayed (undefined: it was, or no capacity rise meets a queue). */
  ruleNotReplayed?: string;
  /** Whether a capacity rise can meet a waiting patient in this case. */
  riseMeetsQueue: boolean;
  /**
   * Patients arriving in the window who visit some node twice (A&E's loop), over all
   * replications: PathSimR joins per-visit records by patient, so its per-patient waits and
   * stays are wrong for them (its node time averages are not affected).
   */
  revisits: { patients: number; revisiting: number };
}

function figureOf(values: ArrayLike<number>): Figure {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

export function zOf(figure: Figure, published: number): number {
  const se = figure.sd * Math.sqrt(1 / REPLICATIONS + 1 / PATHSIMR_REPLICATIONS);
  const difference = figure.mean - published;
  if (se === 0) return Math.abs(difference) < 1e-12 ? 0 : Math.sign(difference) * Infinity;
  return difference / se;
}

function horizonMean(record: NetworkRecord, node: number, metric: number): number {
  const row = record.row(node, metric);
  let sum = 0;
  for (let d = 0; d < row.length; d++) sum += row[d];
  return sum / row.length;
}

/** Pathflow's value of a PathSimR level from one replication's record. */
function levelOf(record: NetworkRecord, node: number, level: PathsimrLevel): number {
  const m = (metric: number) => horizonMean(record, node, metric);
  switch (level) {
    case 'occupancy':
      // PathSimR's patient occupancy runs from service start to departure: in service, blocked or in a transfer out.
      return m(NetworkMetric.occ) + m(NetworkMetric.blocked) + m(NetworkMetric.transfer);
    case 'occ_bed':
      return m(NetworkMetric.occ_bed);
    case 'queue':
      return m(NetworkMetric.niq);
    case 'delayed':
      return m(NetworkMetric.blocked);
    case 'transition':
      return m(NetworkMetric.transfer);
  }
}

/** The levels the interval rebuild measures, and which intervals stand for each (no reservations in these cases: checked). */
const INTERVAL_LEVELS: Partial<Record<PathsimrLevel, keyof ReplicationIntervals>> = { occupancy: 'occupancy', occ_bed: 'occupancy', queue: 'queue' };

/** The one component of an imported PathSimR model, compiled as a run compiles it. */
function compiled(model: ModelSpec): CompiledNetwork {
  const planned = plannedComponentScenarios(model);
  if (planned.length !== 1) throw new Error(`expected one component scenario, found ${planned.length}`);
  return compileNetwork(componentTask(model, planned[0], { seed: SEED, initialResidual: 'ipacs' }, REPLICATIONS).network);
}

function withDays(model: ModelSpec, days: number): ModelSpec {
  const start = Date.UTC(2025, 0, 1);
  const dates = Array.from({ length: days }, (_, d) => new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  // PathSimR's arrival rates repeat with its calendar's cycle; the imported days are laid out again over the window.
  const nodes = model.nodes.map((node) => ({ ...node, arrivals: node.arrivals.map((a) => ({ ...a, daily: dates.map((_, d) => a.daily[d % a.daily.length]) })) }));
  return { ...model, dates, nodes };
}

/** True when some node's capacity rises while patients can be waiting for it (an unlimited or non-zero queue). */
function riseMeetsQueue(network: CompiledNetwork): boolean {
  const fed = new Set(network.edgeTarget);
  return network.schedules.some((schedule, node) => {
    const canWait = network.queueExternal[node] > 0 && network.arrivals[node]?.some((rate) => rate > 0);
    const canWaitInside = fed.has(node) && network.queueInternal[node] > 0;
    const rises = Array.from(schedule.levels).some((level, i) => i > 0 && level > schedule.levels[i - 1]);
    return rises && (canWait || canWaitInside);
  });
}

/** Per-replication values by name (`node/level/variant`), each a column of REPLICATIONS. */
class Columns {
  private readonly values = new Map<string, Float64Array>();

  column(name: string): Float64Array {
    let column = this.values.get(name);
    if (!column) this.values.set(name, (column = new Float64Array(REPLICATIONS)));
    return column;
  }

  figure(name: string): Figure | undefined {
    const column = this.values.get(name);
    return column ? figureOf(column) : undefined;
  }
}

/** What one case's measurement needs: the window's network, the same over a longer horizon to observe, and whether to replay the admission rule. */
interface CaseSetting {
  c: PathsimrCase;
  days: number;
  network: CompiledNetwork;
  longer: CompiledNetwork;
  replayRule: boolean;
  /** PathSimR's capacity events over the replay (where the rule is replayed). */
  pathsimrEvents?: CapacityEvent[];
}

/** PathSimR's capacity events for the case, over the observed network's warm-up and window. */
function capacityEventsOf(c: PathsimrCase, network: CompiledNetwork, days: number, perDay: number): CapacityEvent[] {
  const rowsByNode = new Map<number, CapacityRow[]>();
  for (const series of readCaseCalendar(c).series) {
    if (series.metric !== 'cap') continue;
    const node = network.ids.indexOf(series.node);
    if (node < 0) throw new Error(`${c.title}: calendar node ${series.node} is not in the network`);
    rowsByNode.set(node, capacityRows(series.periods));
  }
  return pathsimrCapacityEvents(rowsByNode, c.warmupRemainder ?? c.warmup, -network.warmupDays, days, perDay);
}

/**
 * Compares one case. `imported` is the imported model (its window and warm-up are set here
 * from the case). Throws if the interval rebuild or the replay does not reproduce Pathflow's
 * own figures, since then its measurements would mean nothing.
 */
export async function compareCase(c: PathsimrCase, imported: ModelSpec, published: PublishedLevels, perDay: number): Promise<CaseComparison> {
  const days = Math.round(c.window / perDay);
  const model: ModelSpec = { ...withDays(imported, days), warmupDays: Math.round(c.warmup / perDay) };
  const network = compiled(model);
  // The same replications over a longer horizon, observed: the first `days` are the same
  // draws, and the margin lets each stay and wait that the window sees finish.
  const longer = compiled(withDays(model, days + OBSERVED_MARGIN_DAYS));
  const rises = riseMeetsQueue(network);
  const ruleNotReplayed = rises ? notReplayable(network) : undefined;
  const replayRule = rises && !ruleNotReplayed;
  const setting: CaseSetting = { c, days, network, longer, replayRule, ...(replayRule ? { pathsimrEvents: capacityEventsOf(c, longer, days, perDay) } : {}) };
  const columns = new Columns();
  const revisits = { patients: 0, revisiting: 0 };
  const simulator = new NetworkSimulator(network);
  const observed = new NetworkSimulator(longer);
  for (let r = 0; r < REPLICATIONS; r++) measureReplication(setting, r, simulator.simulate(SEED, r), observed, columns, revisits);
  await checkAgainstRun(model, network, columns);
  const doubled = new NetworkSimulator(compiled({ ...model, warmupDays: 2 * (model.warmupDays ?? 0) }));
  for (let r = 0; r < REPLICATIONS; r++) {
    const record = doubled.simulate(SEED, r);
    for (let i = 0; i < network.ids.length; i++) for (const level of PATHSIMR_LEVELS) columns.column(`${i}/${level}/warmup`)[r] = levelOf(record, i, level);
  }
  return { case: c, rows: rowsOf(network, published, columns), riseMeetsQueue: rises, revisits, ...(ruleNotReplayed ? { ruleNotReplayed } : {}) };
}

/** Replication r: Pathflow's levels from its record, then the same patients observed, measured PathSimR's way and (where it matters) replayed under its rule. */
function measureReplication(setting: CaseSetting, r: number, record: NetworkRecord, observed: NetworkSimulator, columns: Columns, revisits: CaseComparison['revisits']): void {
  const { c, days, network, longer } = setting;
  const collector = intervalObserver(Array.from(network.queueInternal), Array.from(network.queueExternal));
  const recorder = journeyObserver();
  observed.simulate(SEED, r, both(collector.observer, recorder.observer));
  const intervals = collector.finish();
  const journeys = recorder.journeys();
  for (const journey of journeys) {
    if (journey.arrival < 0 || journey.arrival >= days) continue;
    revisits.patients++;
    if (new Set(journey.nodes).size < journey.nodes.length) revisits.revisiting++;
  }
  const replays = setting.replayRule ? { pathflow: replay(longer, journeys, 'pathflow', -longer.warmupDays, days), pathsimr: replay(longer, journeys, 'pathsimr', -longer.warmupDays, days, setting.pathsimrEvents) } : undefined;
  for (let i = 0; i < network.ids.length; i++) {
    if (horizonMean(record, i, NetworkMetric.reserved) !== 0) throw new Error(`${network.ids[i]}: beds reserved for transfers, which the interval rebuild does not count`);
    for (const level of PATHSIMR_LEVELS) {
      const value = levelOf(record, i, level);
      columns.column(`${i}/${level}/pathflow`)[r] = value;
      const source = INTERVAL_LEVELS[level];
      if (!source) continue;
      const where = `${c.id} ${network.ids[i]} ${level} replication ${r}`;
      expectSame(wholeWindowMean(intervals[source][i], days), value, `${where}: rebuilt from the observed stays`);
      const window = pathsimrWindowMean(intervals[source][i], days);
      columns.column(`${i}/${level}/window`)[r] = window;
      if (!replays) continue;
      expectSame(pathsimrWindowMean(replays.pathflow[source][i], days), window, `${where}: replayed under Pathflow's rule`);
      columns.column(`${i}/${level}/rule`)[r] = pathsimrWindowMean(replays.pathsimr[source][i], days);
    }
  }
}

function rowsOf(network: CompiledNetwork, published: PublishedLevels, columns: Columns): NodeLevelComparison[] {
  const rows: NodeLevelComparison[] = [];
  network.ids.forEach((node, i) => {
    const publishedNode = published.get(node);
    if (!publishedNode) return;
    for (const level of PATHSIMR_LEVELS) {
      const pathflow = columns.figure(`${i}/${level}/pathflow`)!;
      const row: NodeLevelComparison = { node, level, published: publishedNode[level], pathflow, z: zOf(pathflow, publishedNode[level]), longerWarmup: columns.figure(`${i}/${level}/warmup`)! };
      const window = columns.figure(`${i}/${level}/window`);
      const windowAndRule = columns.figure(`${i}/${level}/rule`);
      if (window) Object.assign(row, { window, adjustedZ: zOf(window, row.published) });
      if (windowAndRule) Object.assign(row, { windowAndRule, adjustedZ: zOf(windowAndRule, row.published) });
      rows.push(row);
    }
  });
  return rows;
}

/** The loop above must be what `pathflow run` reports: same means from the application's own run. */
async function checkAgainstRun(model: ModelSpec, network: CompiledNetwork, columns: Columns): Promise<void> {
  const result = await runModel(model, { replications: REPLICATIONS, seed: SEED });
  const component = result.components?.[0];
  if (!component) throw new Error('the run reported no network component');
  component.nodes.forEach((summary, i) => {
    const ours = columns.figure(`${i}/occ_bed/pathflow`)!.mean;
    const theirs = summary.horizon.occ_bed.mean;
    if (Math.abs(ours - theirs) > 1e-9 * Math.max(1, theirs)) throw new Error(`${network.ids[i]}: occ_bed ${ours} here, ${theirs} from runModel`);
  });
}

function both(a: NetworkObserver, b: NetworkObserver): NetworkObserver {
  return {
    arrived: (...args) => (a.arrived?.(...args), b.arrived?.(...args)),
    admitted: (...args) => (a.admitted?.(...args), b.admitted?.(...args)),
    exited: (...args) => (a.exited?.(...args), b.exited?.(...args)),
  };
}

/** The measurements mean something only if they reproduce Pathflow's own figures. */
function expectSame(actual: number, expected: number, what: string): void {
  if (Number.isNaN(actual) && Number.isNaN(expected)) return;
  if (!(Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)))) throw new Error(`${what}: ${actual}, Pathflow ${expected}`);
}

/** Why a node's figure differs from PathSimR's beyond noise, as far as the measurements tell. */
export type Explanation =
  /** Within NOISE_MULTIPLE standard errors: nothing to explain. */
  | { kind: 'noise' }
  /** PathSimR's averaging window (and its admission rule, where replayed) bring Pathflow's figure within noise of PathSimR's. */
  | { kind: 'pathsimr'; window: number; rule?: number }
  /** Not explained by PathSimR's measured behaviours; the figure still moves with the warm-up by `warmup` (significant or not). */
  | { kind: 'unexplained'; window?: number; rule?: number; warmup: number; warmupMatters: boolean };

export function explain(row: NodeLevelComparison): Explanation {
  if (Math.abs(row.z) <= NOISE_MULTIPLE) return { kind: 'noise' };
  const window = row.window ? row.window.mean - row.pathflow.mean : undefined;
  const rule = row.window && row.windowAndRule ? row.windowAndRule.mean - row.window.mean : undefined;
  if (window !== undefined && row.adjustedZ !== undefined && Math.abs(row.adjustedZ) <= NOISE_MULTIPLE) return { kind: 'pathsimr', window, ...(rule !== undefined ? { rule } : {}) };
  const warmup = row.longerWarmup.mean - row.pathflow.mean;
  const warmupSe = Math.sqrt((row.longerWarmup.sd ** 2 + row.pathflow.sd ** 2) / REPLICATIONS);
  return { kind: 'unexplained', ...(window !== undefined ? { window } : {}), ...(rule !== undefined ? { rule } : {}), warmup, warmupMatters: Math.abs(warmup) > NOISE_MULTIPLE * warmupSe };
}
