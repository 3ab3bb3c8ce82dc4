/**
 * Each replication's daily count of people delayed waiting for one node: what a band over
 * replications and a sum over a pathway's nodes are taken from. The run's summaries keep
 * only quantiles per node, and a quantile of a sum is not a sum of quantiles, so the backtest
 * simulates the replications itself with the engine's own runner: replication r of a node
 * draws exactly the numbers it draws in `pathflow run` with the same seed.
 */
import { Metric } from '../engine/dailyRecord.js';
import { isUnrestricted, type CapacityScenario, type LosScenario, type NodeSpec } from '../engine/model.js';
import { replicationRunner, type SimulationSettings } from '../engine/replications.js';
import type { ScenarioKey } from '../engine/scenarios.js';

/** What calibration changes: every capacity, or every length of stay, times a multiplier. */
export type CalibratedParameter = 'capacity' | 'los';

/** One isolated node's replications: a unit of work a worker thread can run (plain data, structured-cloneable). */
export interface DelayJob {
  kind: 'node';
  node: NodeSpec;
  key: ScenarioKey;
  days: number;
  settings: SimulationSettings;
  replications: number;
}

export interface Adjustment {
  parameter: CalibratedParameter;
  multiplier: number;
}

function scaledCapacity(scenario: CapacityScenario, multiplier: number): CapacityScenario {
  const scale = (capacity: number) => (isUnrestricted(capacity) ? capacity : capacity * multiplier);
  const calendar = scenario.calendar && { ...scenario.calendar, periods: scenario.calendar.periods.map((p) => ({ ...p, capacity: scale(p.capacity) })) };
  return { ...scenario, capacity: scale(scenario.capacity), ...(calendar ? { calendar: calendar as CapacityScenario['calendar'] } : {}) };
}

/** The same distribution stretched in time: mean, median and sd all times the multiplier. */
function scaledLos(scenario: LosScenario, multiplier: number): LosScenario {
  return {
    ...scenario,
    mean: scenario.mean * multiplier,
    ...(scenario.median !== undefined ? { median: scenario.median * multiplier } : {}),
    ...(scenario.sd !== undefined ? { sd: scenario.sd * multiplier } : {}),
  };
}

/**
 * The node with every capacity (or length-of-stay) scenario scaled: only one of them is
 * simulated, whichever the run picks. Its id is kept, so its random streams are the same.
 */
export function adjustedNode(node: NodeSpec, adjust: Adjustment): NodeSpec {
  if (adjust.parameter === 'capacity') return { ...node, capacity: node.capacity.map((c) => scaledCapacity(c, adjust.multiplier)) };
  return { ...node, los: node.los.map((l) => scaledLos(l, adjust.multiplier)) };
}

/** `paths[r * days + d]`: people delayed waiting for the node on day d (the day's mean) in replication r. */
export function simulateDelays(job: DelayJob): Float64Array {
  const { key, days, settings, replications } = job;
  const paths = new Float64Array(replications * days);
  const run = replicationRunner(job.node, key, days, settings);
  const offset = Metric.niq * days;
  for (let r = 0; r < replications; r++) {
    const record = run(r);
    paths.set(record.values.subarray(offset, offset + days), r * days);
  }
  return paths;
}
