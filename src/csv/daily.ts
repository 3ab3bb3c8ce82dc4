/**
 * `daily.csv`: one row per scenario x day x metric, with the mean and quantiles across
 * replications. Long format, so a pivot table or `ggplot` takes it as it is.
 */
import { METRICS } from '../engine/dailyRecord.js';
import type { RunResult } from '../engine/run.js';
import { QUANTILE_LABELS, type ScenarioSummary } from '../engine/summary.js';
import { csvField, MAX_NUMBER_BYTES, SCENARIO_COLUMNS, scenarioFields, writeAscii, writeNumber } from './format.js';

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
export function* dailyCsv(result: RunResult): Generator<string> {
  yield DAILY_HEADER;
  const decoder = new TextDecoder();
  for (const scenario of result.scenarios) yield decoder.decode(dailyCsvBytes(scenario, result.dates));
}

const COMMA = 44;
const NEWLINE = 10;
const encoder = new TextEncoder();

/**
 * One scenario's rows as UTF-8, each ending in LF. Written as bytes: the file is a row per
 * scenario, day and metric (17 MB on the IPACS sample), and as strings most of its cost was
 * in joining them and encoding the result again to write it.
 */
export function dailyCsvBytes(scenario: ScenarioSummary, dates: readonly string[]): Uint8Array {
  // Names and dates are encoded once; metric names and figures are ASCII.
  const prefix = encoder.encode(scenarioFields(scenario.key).map(csvField).join(',') + ',');
  const figures = 1 + scenario.daily.occ.quantiles.length;
  // Dates are ISO text (YYYY-MM-DD): the model schema refuses anything else, so nothing here can start like a formula.
  const dateBytes = dates.map((date) => encoder.encode(date));
  const longestDate = dateBytes.reduce((longest, date) => Math.max(longest, date.length), 0);
  const longestMetric = METRICS.reduce((longest, metric) => Math.max(longest, metric.length), 0);
  const rowBound = prefix.length + 12 + longestDate + longestMetric + figures * (MAX_NUMBER_BYTES + 1) + 1;
  const out = new Uint8Array(dates.length * METRICS.length * rowBound);
  const rows = METRICS.map((metric) => scenario.daily[metric]);
  let at = 0;
  for (let d = 0; d < dates.length; d++) {
    for (let m = 0; m < METRICS.length; m++) {
      // Byte loops: set() costs more than it saves on a few dozen bytes.
      for (let i = 0; i < prefix.length; i++) out[at + i] = prefix[i];
      at += prefix.length;
      at = writeNumber(out, at, d + 1);
      out[at++] = COMMA;
      const date = dateBytes[d];
      for (let i = 0; i < date.length; i++) out[at + i] = date[i];
      at += date.length;
      out[at++] = COMMA;
      at = writeAscii(out, at, METRICS[m]);
      out[at++] = COMMA;
      const { mean, quantiles } = rows[m];
      at = writeNumber(out, at, mean[d]);
      for (let q = 0; q < quantiles.length; q++) {
        out[at++] = COMMA;
        at = writeNumber(out, at, quantiles[q][d]);
      }
      out[at++] = NEWLINE;
    }
  }
  return out.subarray(0, at);
}
