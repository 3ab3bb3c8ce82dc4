/**
 * Replications of one node-scenario: the unit of work a worker thread or Web Worker runs.
 *
 * A task names the node, the scenario and a range of replication indices; the numbers of
 * replication r depend only on (seed, node id, r), never on the range it was run in.
 */
import { ArrivalTimesCache, arrivalProfileKey } from './arrivals.js';
import { BedNodeSimulator, type BedScenario } from './bedNode.js';
import { HORIZON_FIELD_COUNT, METRIC_COUNT, type DailyRecord } from './dailyRecord.js';
import { fitLos, StayDraws, stayProfileKey, type InitialResidual } from './lengthOfStay.js';
import { DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, type NodeSpec } from './model.js';
import { hashString } from './random.js';
import type { ScenarioKey } from './scenarios.js';
import { ScenarioAccumulator, summariseCollected, type CollectedReplications, type ReplicationChunk, type ScenarioSummary } from './summary.js';
import { VisitDraws, VisitNodeSimulator, VisitRateDistribution, wholeDayLos, type VisitScenario } from './visitNode.js';

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
  return {
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
  };
}

export function visitScenario(node: NodeSpec, key: ScenarioKey, settings: SimulationSettings, keep: KeptDraws = {}): VisitScenario {
  const los = node.los[key.losIndex];
  const distribution = fitLos(los);
  const initialVisitRate = los.initialVisitRate ?? DEFAULT_INITIAL_VISIT_RATE;
  const finalVisitRate = los.finalVisitRate ?? DEFAULT_FINAL_VISIT_RATE;
  const rates = Float64Array.from(node.arrivals[key.arrivalIndex].daily);
  const nodeKey = hashString(node.id);
  return {
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
  };
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
  const nodeKey = hashString(node.id);
  if (node.pathway === 'P1') {
    const scenario = visitScenario(node, key, settings, keep);
    const simulator = new VisitNodeSimulator(days, arrivalTimes, visitDraws);
    return (replication, record) => simulator.simulate(scenario, settings.seed, nodeKey, replication, record);
  }
  const scenario = bedScenario(node, key, settings, keep);
  const simulator = new BedNodeSimulator(days, arrivalTimes, stayDraws);
  return (replication, record) => simulator.simulate(scenario, settings.seed, nodeKey, replication, record);
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
  const run = replicationRunner(task.node, task.key, task.days, task.settings, task.keep);
  // Each replication is simulated straight into the summary's staging rows.
  for (let r = 0; r < task.replications; r++) accumulator.addStaged(r, run(r, accumulator.stagingRecord(r)));
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
  return summariseCollected(collectScenario(task, reusedColumns.subarray(0, length)));
}

/**
 * simulateScenario's columns, kept between scenarios on this thread: 1,000 replications of
 * 181 days are 11.6 MB, and a fresh array each time cost as much again as the transposition
 * into it (zeroing, and the kernel mapping its pages on first touch: system time).
 */
let reusedColumns = new Float64Array(0);
