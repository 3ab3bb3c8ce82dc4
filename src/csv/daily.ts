/**
 * `daily.csv`: one row per scenario x day x metric, with the mean and quantiles across
 * replications. Long format, so a pivot table or `ggplot` takes it as it is.
 *
 * A node simulated in a network has its own metrics (spec section 5: in service, blocked, in
 * transfer, reserved, beds held...) in place of an isolated node's; an isolated node's rows
 * are exactly what they were before networks existed.
 */
import { METRICS } from '../engine/dailyRecord.js';
import type { NodeNetworkSummary } from '../engine/network/componentSummary.js';
import { NETWORK_METRICS } from '../engine/network/networkRecord.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import { QUANTILE_LABELS, type DailySummary, type ScenarioSummary } from '../engine/summary.js';
import { networkNodesById, type NetworkRunResult } from './networkRun.js';
import { COMMA, csvField, encodedTexts, MAX_NUMBER_BYTES, NEWLINE, SCENARIO_COLUMNS, scenarioFields, scratchOf, writeBytes, writeMeanAndQuantiles, writeWhole } from './format.js';

export const DAILY_COLUMNS = [
  ...SCENARIO_COLUMNS,
  'day',
  'date',
  'metric',
  'mean',
  ...QUANTILE_LABELS,
] as const;

export const DAILY_HEADER = DAILY_COLUMNS.join(',') + '\n';

/** The file as chunks of text, a scenario at a time, so a caller can stream it to disk. */
export function* dailyCsv(result: NetworkRunResult): Generator<string> {
  yield DAILY_HEADER;
  const decoder = new TextDecoder();
  const networked = networkNodesById(result);
  for (const scenario of result.scenarios) {
    const node = scenario.key.component === undefined ? undefined : networked.get(scenario.key.id);
    yield decoder.decode(node ? networkDailyCsvScratch(node, result.dates) : dailyCsvScratch(scenario, result.dates));
  }
}

const encoder = new TextEncoder();

/** A row group of daily.csv: the metric's name and its daily means and quantiles. */
export type MetricRow = readonly [metric: string, summary: DailySummary];

/** An isolated scenario's metrics, in daily.csv's order. */
export function dailyRows(scenario: ScenarioSummary): MetricRow[] {
  // Pushed, not mapped: see metricRowsBytes.
  const rows: MetricRow[] = [];
  for (const metric of METRICS) rows.push([metric, scenario.daily[metric]]);
  return rows;
}

/**
 * One scenario's rows as UTF-8, each ending in LF. Written as bytes: the file is a row per
 * scenario, day and metric (17 MB on the IPACS sample), and as strings most of its cost was
 * in joining them and encoding the result again to write it.
 */
export function dailyCsvBytes(scenario: ScenarioSummary, dates: readonly string[]): Uint8Array {
  return dailyCsvScratch(scenario, dates).slice();
}

/**
 * dailyCsvBytes in the shared scratch (scratchOf), valid until the next row is formatted: for
 * a writer that writes it at once. On this VM a page touched for the first time costs
 * 1.5-16 µs, and a copy of each scenario's rows was 8.6 MB of fresh pages on PathSimR's Stroke case.
 */
export function dailyCsvScratch(scenario: ScenarioSummary, dates: readonly string[]): Uint8Array {
  return metricRowsBytes(scenario.key, dailyRows(scenario), dates);
}

/** Metrics of a networked node's rows, in the spec's order (section 5), then the two only its ScenarioSummary has. */
export const NETWORK_DAILY_METRICS = [...NETWORK_METRICS, 'wait', 'cost'] as const;

/** What a networked node's rows are made of (a NodeNetworkSummary is one; the writer thread is sent no more). */
export interface NetworkNodeRows {
  scenario: { key: ScenarioKey; daily: Pick<ScenarioSummary['daily'], 'wait' | 'cost'> };
  daily: NodeNetworkSummary['daily'];
}

/**
 * A networked node's rows: the network's own metrics (occ meaning in service, blocked, beds
 * held...) from its NodeNetworkSummary, and wait and cost from its ScenarioSummary, which the
 * network metrics do not carry.
 */
export function networkDailyCsvBytes(node: NetworkNodeRows, dates: readonly string[]): Uint8Array {
  return networkDailyCsvScratch(node, dates).slice();
}

/** networkDailyCsvBytes in the shared scratch, valid until the next row is formatted (as dailyCsvScratch). */
export function networkDailyCsvScratch(node: NetworkNodeRows, dates: readonly string[]): Uint8Array {
  return metricRowsBytes(node.scenario.key, networkDailyRows(node), dates);
}

/** A networked node's metrics, in daily.csv's order. */
export function networkDailyRows(node: NetworkNodeRows): MetricRow[] {
  return [...NETWORK_METRICS.map((metric) => [metric, node.daily[metric]] as const), ['wait', node.scenario.daily.wait], ['cost', node.scenario.daily.cost]];
}

/** The rows in the shared scratch (a view of it: copy to keep). */
function metricRowsBytes(key: ScenarioKey, rows: readonly MetricRow[], dates: readonly string[]): Uint8Array {
  // Names and dates are encoded once; metric names and figures are ASCII. The arrays here are
  // built by loops, not `.map()`: a mapped array is holey while map runs in the interpreter and
  // packed once V8 inlines it, and this function's compiled code was thrown away at each kind
  // it had not met (5 compiles a run of the IPACS sample, TurboFan's largest job on the
  // compiler threads the main thread shares).
  const fields = scenarioFields(key);
  let prefixText = '';
  for (let i = 0; i < fields.length; i++) prefixText += csvField(fields[i]) + ',';
  const prefix = encoder.encode(prefixText);
  const figures = 1 + rows.reduce((most, [, row]) => Math.max(most, row.quantiles.length), 0);
  // Dates are ISO text (YYYY-MM-DD): the model schema refuses anything else, so nothing here can start like a formula.
  const dateBytes = encodedTexts(dates);
  const longestDate = dateBytes.reduce((longest, date) => Math.max(longest, date.length), 0);
  const metricBytes: Uint8Array[] = [];
  for (let m = 0; m < rows.length; m++) metricBytes.push(encoder.encode(rows[m][0]));
  const longestMetric = metricBytes.reduce((longest, metric) => Math.max(longest, metric.length), 0);
  const rowBound = prefix.length + 12 + longestDate + longestMetric + figures * (MAX_NUMBER_BYTES + 1) + 1;
  const out = scratchOf(dates.length * rows.length * rowBound);
  let at = 0;
  for (let d = 0; d < dates.length; d++) {
    for (let m = 0; m < rows.length; m++) {
      out.set(prefix, at);
      at += prefix.length;
      at = writeWhole(out, at, d + 1);
      out[at++] = COMMA;
      at = writeBytes(out, at, dateBytes[d]);
      out[at++] = COMMA;
      at = writeBytes(out, at, metricBytes[m]);
      out[at++] = COMMA;
      const { mean, quantiles } = rows[m][1];
      at = writeMeanAndQuantiles(out, at, mean, quantiles, d);
      out[at++] = NEWLINE;
    }
  }
  return out.subarray(0, at);
}
