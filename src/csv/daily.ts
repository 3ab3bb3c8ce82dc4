/**
 * `daily.csv`: one row per scenario x day x metric, with the mean and quantiles across
 * replications. Long format, so a pivot table or `ggplot` takes it as it is.
 */
import { METRICS } from '../engine/dailyRecord.js';
import type { RunResult } from '../engine/run.js';
import { QUANTILE_LABELS, type ScenarioSummary } from '../engine/summary.js';
import { csvField, formatNumber, SCENARIO_COLUMNS, scenarioFields } from './format.js';

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
  for (const scenario of result.scenarios) yield dailyCsvRows(scenario, result.dates);
}

/** One scenario's rows, each ending in LF. */
export function dailyCsvRows(scenario: ScenarioSummary, dates: readonly string[]): string {
  const { key } = scenario;
  const prefix = scenarioFields(key).map(csvField).join(',');
  const lines: string[] = [];
  for (let d = 0; d < dates.length; d++) {
    const dayPrefix = `${prefix},${d + 1},${dates[d]}`;
    for (const metric of METRICS) {
      const summary = scenario.daily[metric];
      let line = `${dayPrefix},${metric},${formatNumber(summary.mean[d])}`;
      for (const quantile of summary.quantiles) line += ',' + formatNumber(quantile[d]);
      lines.push(line);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
