/**
 * summary.csv's columns for a run with network components: where a node's beds go (in
 * service, blocked, in transfer, reserved), how long patients were blocked in it, and what
 * came in from and went on to other nodes. An isolated node's cells are blank.
 */
import type { NodeNetworkSummary } from '../engine/network/componentSummary.js';
import { MONITORED_LEVELS } from '../engine/network/levelMonitor.js';
import type { NetworkMetric } from '../engine/network/networkRecord.js';
import type { Estimate } from '../engine/statistics.js';
import { formatNumber, neutraliseFormula } from './format.js';

type Figure = (node: NodeNetworkSummary, days: number) => Estimate;

const level = (metric: NetworkMetric): Figure => (node) => node.horizon[metric];
/** A level's time average times the days: patient-days (bed-days) over the horizon, interval scaled alike. */
const days = (metric: NetworkMetric): Figure => (node, count) => {
  const e = node.horizon[metric];
  return { mean: e.mean * count, low: e.low * count, high: e.high * count, se: e.se * count };
};

/** `[column, figure, with its interval]`, in the file's order. */
const FIGURES: Array<[name: string, figure: Figure, interval: boolean]> = [
  ['mean_in_service', level('occ'), true],
  ['mean_blocked', level('blocked'), true],
  ['blocked_bed_days', days('blocked'), true],
  ['mean_transfer', level('transfer'), false],
  ['mean_reserved', level('reserved'), false],
  ['mean_occ_bed', level('occ_bed'), true],
  ['mean_queue', level('niq'), false],
  ['arrivals_external', level('arrivals_external'), false],
  ['arrivals_internal', level('arrivals_internal'), false],
  ['departures', level('departures'), false],
  ['overflowed', level('overflowed'), true],
];

/**
 * Time-weighted percentiles: `occ_bed_time_p90` is the level the node was at or below for 90 %
 * of the horizon's time (mean over replications). Named apart from summary.csv's `p95_delayed`,
 * a percentile of daily figures.
 */
const TIME_PERCENTILES = ['p50', 'p90', 'p95'] as const;
const TIME_PERCENTILE_COLUMNS = MONITORED_LEVELS.flatMap((level) => TIME_PERCENTILES.map((p) => `${level}_time_${p}`));

export const NETWORK_SUMMARY_COLUMNS: readonly string[] = [
  'component',
  'routing_scenario',
  ...FIGURES.flatMap(([name, , interval]) => (interval ? [name, `${name}_low95`, `${name}_high95`] : [name])),
  ...TIME_PERCENTILE_COLUMNS,
];

/** Text columns among them, for readers that parse the rest as numbers. */
export const NETWORK_SUMMARY_TEXT_COLUMNS: readonly string[] = ['component', 'routing_scenario'];

/** A row's network cells, not yet quoted: blank when the node is isolated (`node` undefined). */
export function networkSummaryFields(node: NodeNetworkSummary | undefined, dayCount: number): string[] {
  if (!node) return NETWORK_SUMMARY_COLUMNS.map(() => '');
  const { component, routingScenario } = node.scenario.key;
  const fields = [neutraliseFormula(component ?? ''), neutraliseFormula(routingScenario ?? '')];
  for (const [, figure, interval] of FIGURES) {
    const e = figure(node, dayCount);
    fields.push(formatNumber(e.mean));
    if (interval) fields.push(formatNumber(e.low), formatNumber(e.high));
  }
  const levels = node.timePercentiles;
  for (const level of MONITORED_LEVELS) for (const p of TIME_PERCENTILES) fields.push(levels ? formatNumber(levels[level][p].mean) : '');
  return fields;
}
