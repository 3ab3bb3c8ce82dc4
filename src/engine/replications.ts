/**
 * Replications of one node-scenario: the unit of work a worker thread or Web Worker runs.
 *
 * A task names the node, the scenario and a range of replication indices; the numbers of
 * replication r depend only on (seed, node id, r), never on the range it was run in.
 */
import { ArrivalTimesCache, arrivalProfileKey } from './arrivals.js';
import { BedNodeSimulator, type BedScenario } from './bedNode.js';
import { HORIZON_FIELD_COUNT, METRIC_COUNT, type DailyRecord } from './dailyRecord.js';
import { fitLos, StayDraws, stayProfileKey, type InitialResidual, type LosDistribution } from './lengthOfStay.js';
import { DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, type NodeSpec } from './model.js';
import { hashString } from './random.js';
import type { ScenarioKey } from './scenarios.js';
import { ScenarioAccumulator, stagingLengthOf, summariseCollected, type CollectedReplications, type ReplicationChunk, type ScenarioSummary } from './summary.js';
import { VisitDraws, VisitNodeSimulator, VisitRateDistribution, wholeDayLos, type VisitScenario, type WholeDayLos } from './visitNode.js';

/** How P1 lengths of stay are drawn: as specified, or as the IPACS v1 R code really draws them. */
export type Compatibility = 'none' | 'ipacs-v1';

export interface SimulationSettings {
  seed: number;
  compat: Compatibility;
  initialResidual: InitialResidual;
}

export interface ReplicationTask {
  node: NodeSpec;
  key: ScenarioKey;
  days: number;
  settings: SimulationSettings;
  firstReplication: number;
  count: number;
}

export function bedScenario(node: NodeSpec, key: ScenarioKey, settings: SimulationSettings, keep: KeptDraws = {}): BedScenario {
  const los = node.los[key.losIndex];
  const fitted = fitLos(los);
  const rates = Float64Array.from(node.arrivals[key.arrivalIndex].daily);
  const nodeKey = hashString(node.id);
  return new BedScenarioFields({
    rates,
    arrivalProfile: keep.arrivals ? arrivalProfileKey(rates, settings.seed, nodeKey) : undefined,
    stayProfile: keep.stays ? stayProfileKey(fitted, settings.seed, nodeKey) : undefined,
    capacity: node.capacity[key.capacityIndex].capacity,
    los: fitted,
    initialOccupied: node.initial.occupied,
    initialWaiting: node.initial.waiting,
    communityCost: node.costs.community,
    acuteDelayCost: node.costs.acuteDelay,
    loseOverflow: node.loseOverflow ?? false,
    initialResidual: settings.initialResidual,
  });
}

/*
 * The scenarios are built by constructors rather than object literals. V8 makes a literal's
 * boilerplate when the literal runs a second time, and that forgets the field types learnt
 * from the first object (the rates' Float64Array, the fitted LOS, whole numbers): every
 * thread then threw away the optimised `simulate` of the first scenario and compiled it
 * again (`--trace-generalization`, `--trace-deopt`: "code dependencies"). A class's fields
 * are declared before they are set, so their types are general from the first scenario on.
 */
class BedScenarioFields implements BedScenario {
  readonly rates: Float64Array;
  readonly arrivalProfile: string | undefined;
  readonly stayProfile: string | undefined;
  readonly capacity: number;
  readonly los: LosDistribution;
  readonly initialOccupied: number;
  readonly initialWaiting: number;
  readonly communityCost: number;
  readonly acuteDelayCost: number;
  readonly loseOverflow: boolean;
  readonly initialResidual: InitialResidual;

  /** Named fields in, so that two numbers cannot be swapped unseen as positional arguments could. */
  constructor(fields: BedScenario) {
    this.rates = fields.rates;
    this.arrivalProfile = fields.arrivalProfile;
    this.stayProfile = fields.stayProfile;
    this.capacity = fields.capacity;
    this.los = fields.los;
    this.initialOccupied = fields.initialOccupied;
    this.initialWaiting = fields.initialWaiting;
    this.communityCost = fields.communityCost;
    this.acuteDelayCost = fields.acuteDelayCost;
    this.loseOverflow = fields.loseOverflow;
    this.initialResidual = fields.initialResidual;
  }
}

export function visitScenario(node: NodeSpec, key: ScenarioKey, settings: SimulationSettings, keep: KeptDraws = {}): VisitScenario {
  const los = node.los[key.losIndex];
  const distribution = fitLos(los);
  const initialVisitRate = los.initialVisitRate ?? DEFAULT_INITIAL_VISIT_RATE;
  const finalVisitRate = los.finalVisitRate ?? DEFAULT_FINAL_VISIT_RATE;
  const rates = Float64Array.from(node.arrivals[key.arrivalIndex].daily);
  const nodeKey = hashString(node.id);
  return new VisitScenarioFields({
    rates,
    arrivalProfile: keep.arrivals ? arrivalProfileKey(rates, settings.seed, nodeKey) : undefined,
    // Everything the stays (rounding, the IPACS v1 draw) and the visit-rate tables depend on.
    drawProfile: keep.stays ? `${settings.seed}:${nodeKey}:${settings.compat}:${distribution.family}:${distribution.mu}:${distribution.sigma}:${los.mean}:${los.sd}:${initialVisitRate}:${finalVisitRate}` : undefined,
    caseload: node.capacity[key.capacityIndex].capacity,
    wholeDayLos: wholeDayLos(distribution, settings.compat, los),
    initialVisitRate,
    finalVisitRate,
    initialVisitRates: new VisitRateDistribution(initialVisitRate),
    finalVisitRates: new VisitRateDistribution(finalVisitRate),
    initialOccupied: node.initial.occupied,
    initialWaiting: node.initial.waiting,
    costPerVisit: node.costs.community,
    acuteDelayCost: node.costs.acuteDelay,
    compat: settings.compat,
  });
}

/** Built by a constructor for the reason BedScenarioFields is. */
class VisitScenarioFields implements VisitScenario {
  readonly rates: Float64Array;
  readonly arrivalProfile: string | undefined;
  readonly drawProfile: string | undefined;
  readonly caseload: number;
  readonly wholeDayLos: WholeDayLos;
  readonly initialVisitRate: number;
  readonly finalVisitRate: number;
  readonly initialVisitRates: VisitRateDistribution;
  readonly finalVisitRates: VisitRateDistribution;
  readonly initialOccupied: number;
  readonly initialWaiting: number;
  readonly costPerVisit: number;
  readonly acuteDelayCost: number;
  readonly compat: Compatibility;

  constructor(fields: VisitScenario) {
    this.rates = fields.rates;
    this.arrivalProfile = fields.arrivalProfile;
    this.drawProfile = fields.drawProfile;
    this.caseload = fields.caseload;
    this.wholeDayLos = fields.wholeDayLos;
    this.initialVisitRate = fields.initialVisitRate;
    this.finalVisitRate = fields.finalVisitRate;
    this.initialVisitRates = fields.initialVisitRates;
    this.finalVisitRates = fields.finalVisitRates;
    this.initialOccupied = fields.initialOccupied;
    this.initialWaiting = fields.initialWaiting;
    this.costPerVisit = fields.costPerVisit;
    this.acuteDelayCost = fields.acuteDelayCost;
    this.compat = fields.compat;
  }
}

/**
 * Runs replication r of one scenario into `record`, or into a record of the runner's own
 * that the next call reuses.
 */
export type ReplicationRunner = (replication: number, record?: DailyRecord) => DailyRecord;

/** Referral times, stays and visit rates shared by the scenarios this thread runs (common random numbers). */
const arrivalTimes = new ArrivalTimesCache();
const stayDraws = new StayDraws();
const visitDraws = new VisitDraws();

export function replicationRunner(node: NodeSpec, key: ScenarioKey, days: number, settings: SimulationSettings, keep: KeptDraws = {}): ReplicationRunner {
  return runnerOn(node, key, settings, keep, {
    visit: () => new VisitNodeSimulator(days, arrivalTimes, visitDraws),
    bed: () => new BedNodeSimulator(days, arrivalTimes, stayDraws),
  });
}

/** Where a runner gets its simulator: a fresh one, or one this thread keeps between scenarios. */
interface SimulatorSource {
  visit(): VisitNodeSimulator;
  bed(): BedNodeSimulator;
}

function runnerOn(node: NodeSpec, key: ScenarioKey, settings: SimulationSettings, keep: KeptDraws, simulators: SimulatorSource): ReplicationRunner {
  const nodeKey = hashString(node.id);
  if (node.pathway === 'P1') {
    const scenario = visitScenario(node, key, settings, keep);
    const simulator = simulators.visit();
    return (replication, record) => simulator.simulate(scenario, settings.seed, nodeKey, replication, record);
  }
  const scenario = bedScenario(node, key, settings, keep);
  const simulator = simulators.bed();
  return (replication, record) => simulator.simulate(scenario, settings.seed, nodeKey, replication, record);
}

/**
 * Simulators kept by this thread for simulateScenario, for one horizon. A simulator sets up
 * all its state again for each replication (replications already share one), so scenarios
 * can share it too: a fresh one a scenario cost its buffers' allocation and first touch again
 * (page faults, about 6 µs a 4 kB page here), and a visit node's plans made again. A run has
 * one horizon; a thread that sees another keeps only the latest.
 */
let keptSimulators: { days: number; visit?: VisitNodeSimulator; bed?: BedNodeSimulator } = { days: -1 };

function keptSimulatorsFor(days: number): SimulatorSource {
  if (keptSimulators.days !== days) keptSimulators = { days };
  const kept = keptSimulators;
  return {
    visit: () => (kept.visit ??= new VisitNodeSimulator(days, arrivalTimes, visitDraws)),
    bed: () => (kept.bed ??= new BedNodeSimulator(days, arrivalTimes, stayDraws)),
  };
}

/** A range of replications as raw daily records: for splitting one scenario across machines, and for tests. */
export function runReplications(task: ReplicationTask): ReplicationChunk {
  const { node, key, days, settings, firstReplication, count } = task;
  const block = METRIC_COUNT * days;
  const daily = new Float64Array(count * block);
  const horizon = new Float64Array(count * HORIZON_FIELD_COUNT);
  const run = replicationRunner(node, key, days, settings);
  for (let i = 0; i < count; i++) {
    const record = run(firstReplication + i);
    daily.set(record.values, i * block);
    horizon.set(record.horizon, i * HORIZON_FIELD_COUNT);
  }
  return { firstReplication, count, daily, horizon };
}

/** Every replication of one scenario, summarised: the unit of work a worker runs. */
export interface ScenarioTask {
  node: NodeSpec;
  key: ScenarioKey;
  days: number;
  settings: SimulationSettings;
  replications: number;
  /** Draws other scenarios of the run share, to keep for them (see KeptDraws). */
  keep?: KeptDraws;
}

/**
 * Which of a scenario's random draws other scenarios of the run share, and so are worth
 * keeping per thread: referral times (shared with the node's other capacity and LOS
 * scenarios; ArrivalTimesCache) and what depends on the LOS scenario alone, stays and, for
 * P1, visit rates (shared with its other capacity and arrival scenarios; StayDraws,
 * VisitDraws). Keeping costs a scenario run alone more than it saves, so nothing is kept
 * unless asked.
 */
export interface KeptDraws {
  arrivals?: boolean;
  stays?: boolean;
}

/**
 * Every replication of one scenario, gathered into columns for summarising; into `columns`
 * when given (see ScenarioAccumulator).
 */
export function collectScenario(task: ScenarioTask, columns?: Float64Array): CollectedReplications {
  const accumulator = new ScenarioAccumulator(task.key, task.days, task.replications, columns);
  return collectWith(accumulator, replicationRunner(task.node, task.key, task.days, task.settings, task.keep), task.replications);
}

/**
 * collectScenario on this thread's kept memory: the columns, the staging rows and the
 * simulator. Nothing of them outlives the summary, so the next scenario reuses them.
 */
function collectScenarioOnKeptMemory(task: ScenarioTask, columns: Float64Array): CollectedReplications {
  const accumulator = accumulatorOnKeptStaging(task, columns, undefined, task.replications);
  return collectWith(accumulator, runnerOn(task.node, task.key, task.settings, task.keep ?? {}, keptSimulatorsFor(task.days)), task.replications);
}

/**
 * Replications `first` to `first + count - 1` of the task, simulated into the scenario's
 * `columns` and `horizon` (CollectedReplications' layout, every replication's) on this
 * thread's kept staging and simulator: a block of a scenario that threads share
 * (scenarioBlocks.ts), summarised once every block is in.
 */
export function simulateReplicationsInto(task: ScenarioTask, columns: Float64Array, horizon: Float64Array, first: number, count: number): void {
  const accumulator = accumulatorOnKeptStaging(task, columns, horizon, count);
  const run = runnerOn(task.node, task.key, task.settings, task.keep ?? {}, keptSimulatorsFor(task.days));
  for (let r = first; r < first + count; r++) accumulator.addStaged(r, run(r, accumulator.stagingRecord(r)));
  accumulator.flushStaged();
}

function accumulatorOnKeptStaging(task: ScenarioTask, columns: Float64Array, horizon: Float64Array | undefined, replicationsAdded: number): ScenarioAccumulator {
  const stagingLength = stagingLengthOf(task.days, replicationsAdded);
  if (reusedStaging.length < stagingLength) reusedStaging = new Float64Array(stagingLength);
  return new ScenarioAccumulator(task.key, task.days, task.replications, columns, horizon, replicationsAdded, reusedStaging.subarray(0, stagingLength));
}

function collectWith(accumulator: ScenarioAccumulator, run: ReplicationRunner, replications: number): CollectedReplications {
  // Each replication is simulated straight into the summary's staging rows.
  for (let r = 0; r < replications; r++) accumulator.addStaged(r, run(r, accumulator.stagingRecord(r)));
  return accumulator.collected();
}

/**
 * Simulates and summarises a whole scenario in one place, so a worker hands back a
 * summary of a few kilobytes instead of every trace, and the main thread has nothing to do
 * but collect: on a 2-core machine a busy main thread would take a core from the workers.
 */
export function simulateScenario(task: ScenarioTask): ScenarioSummary {
  const length = task.replications * METRIC_COUNT * task.days;
  if (reusedColumns.length < length) reusedColumns = new Float64Array(length);
  // The summary keeps nothing of the columns (it copies what it needs), so the next scenario
  // on this thread gathers into the same memory.
  return summariseCollected(collectScenarioOnKeptMemory(task, reusedColumns.subarray(0, length)));
}

/**
 * simulateScenario's columns, kept between scenarios on this thread: 1,000 replications of
 * 181 days are 11.6 MB, and a fresh array each time cost as much again as the transposition
 * into it (zeroing, and the kernel mapping its pages on first touch: system time).
 */
let reusedColumns = new Float64Array(0);
/** The staging rows of simulateScenario's accumulator, kept likewise (370 kB at 181 days). */
let reusedStaging = new Float64Array(0);
