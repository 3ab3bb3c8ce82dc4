/**
 * What a run reports for one component in one scenario, summarised across replications: each
 * node's figures (in today's shape, so every existing output and view shows networked nodes
 * too, and in the network's own metrics), the flows along each edge, and the system totals.
 */
import type { Estimate } from '../statistics.js';
import type { DailySummary, ScenarioSummary } from '../summary.js';
import type { MonitoredLevel } from './levelMonitor.js';
import type { NetworkMetric } from './networkRecord.js';

export interface ComponentScenarioKey {
  /** `{component}_{capacity}_{los}_{arrival}_{routing}` (see componentScenarios). */
  id: string;
  component: string;
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
  routingScenario: string;
}

export interface NodeNetworkSummary {
  /**
   * The node in today's shape: `key.id` is `{node}_{capacity}_{los}_{arrival}` (with
   * `_{routing}` added when the component has more than one routing scenario), and the daily
   * metrics mean what they mean for an isolated node (occ: beds held; niq: patients waiting for
   * this node, in its queues or blocked upstream; wait; cost; ...). The same object is in
   * RunResult.scenarios.
   */
  scenario: ScenarioSummary;
  /** Every network metric, day by day (means and quantiles across replications). */
  daily: Record<NetworkMetric, DailySummary>;
  /** Each network metric averaged over the horizon (levels) or summed over it (counts), with its 95 % interval. */
  horizon: Record<NetworkMetric, Estimate>;
  /**
   * Time-weighted percentiles of each level (levelMonitor.ts). Optional: summaries made before
   * they existed (a cached run) have none, and their outputs leave them blank.
   */
  timePercentiles?: Record<MonitoredLevel, TimePercentiles>;
}

/**
 * The level the node was at or below for 50, 90 and 95 % of the horizon's time, per
 * replication; mean and interval across replications. Not the daily quantiles, which are
 * across replications of one day.
 */
export interface TimePercentiles {
  p50: Estimate;
  p90: Estimate;
  p95: Estimate;
}

/**
 * Per-patient figures (patientMonitor.ts) of the patients who left the network within the
 * horizon (those still in it are censored), per replication, then mean and interval across
 * replications (over the replications where anyone left).
 */
export interface PatientSummary {
  /** Patients who left. */
  left: Estimate;
  /** Days from entering the network (arrival from outside, or time 0) to leaving it: the mean and percentiles over patients. */
  timeInSystem: { mean: Estimate; p50: Estimate; p90: Estimate; p95: Estimate };
  /** Stays started per patient (a node visited twice counts twice). */
  nodesVisited: Estimate;
  /** Stays at an acute node after an earlier stay in the network, per 100 patients who left. */
  readmissionsPer100: Estimate;
  /** Mean time in system of those who left by each exit (and `(implicit exit)`) that anyone took. */
  timeInSystemByExit: Record<string, Estimate>;
}

export interface EdgeFlowSummary {
  /** Index in `model.edges`. */
  edge: number;
  from: string;
  to: string;
  type: 'route' | 'overflow';
  /** Patients who moved along the edge each day. */
  daily: DailySummary;
  /** Patients who moved along it over the horizon. */
  total: Estimate;
}

/**
 * Blocked bed-days by cause: the bed-days patients spent at `at`, their stay there over,
 * holding its bed because `waitingFor` had no place (blocking after service). Exact for every
 * pair, whatever the number of onward nodes; summed over `waitingFor` it is the `blocked`
 * level of `at` summed over the horizon.
 */
export interface BlockedCause {
  at: string;
  waitingFor: string;
  bedDays: Estimate;
}

/** The system totals of spec section 5 across replications, and each replication's, for paired differences. */
export interface SystemSummary {
  replications: number;
  totalCost: Estimate;
  delayedDischargeBedDays: Estimate;
  deadlocks: Estimate;
  forcedAdmissions: Estimate;
  /** Patients who left by each exit (and `(implicit exit)`). */
  throughputByExit: Record<string, Estimate>;
  /** Replication r's totals: `totalCost[r]`, ... (common random numbers make scenario differences paired). */
  byReplication: {
    totalCost: Float64Array;
    delayedDischargeBedDays: Float64Array;
    deadlocks: Float64Array;
  };
}

/**
 * Contract of the run (run.ts), for the writers and views built on it:
 * - `RunResult.components` is present when the model has network components: every component's
 *   scenarios, components in order (networkComponents), scenarios in componentScenarios order.
 * - `RunResult.scenarios` holds the networked nodes' ScenarioSummary too (the same objects as
 *   `components[k].nodes[i].scenario`), in model node order; a networked node's scenarios in its
 *   component's scenario order. Their keys carry `component` and `routingScenario`.
 * - A networked node's ScenarioSummary reads as an isolated node's does: occ is beds held
 *   (occ_bed: in service, blocked, in transfer, reserved), niq the patients waiting for the node
 *   (its queues and those blocked upstream for it), cost its own cost on the occupied basis.
 * - daily.csv writes a networked node's rows from NodeNetworkSummary.daily (the spec's metric
 *   names, occ meaning in service) plus `wait` and `cost` from its ScenarioSummary.
 */
export interface ComponentSummary {
  key: ComponentScenarioKey;
  /** Nodes of the component in model order. */
  nodes: NodeNetworkSummary[];
  /** Edges of the component in the scenario's routing, in model order. */
  flows: EdgeFlowSummary[];
  /** Every pair of nodes where anyone was blocked in any replication, by `at` then `waitingFor` in model order. */
  blockedByCause: BlockedCause[];
  system: SystemSummary;
  /** Per-patient figures; optional for the same reason as NodeNetworkSummary.timePercentiles. */
  patients?: PatientSummary;
  /** Nodes that lacked a scenario name and ran their baseline. */
  warnings: string[];
}
