/**
 * `daily.csv`: one row per scenario x day x metric, with the mean and quantiles across
 * replications. Long format, so a pivot table or `ggplot` takes it as it is.
 */
import { METRICS } from '../engine/dailyRecord.js';
import type { RunResult } from '../engine/run.js';
import { QUANTILE_LABELS } from '../engine/summary.js';
import { csvField, formatNumber } from './format.js';

export const DAILY_COLUMNS = [
  'scenario',
  'node',
  'pathway',
  'locality',
  'capacity_scenario',
  'los_scenario',
  'arrival_scenario',
  'day',
  'date',
  'metric',
  'mean',
  ...QUANTILE_LABELS,
] as const;

/** The file as chunks of text, a scenario at a time, so a caller can stream it to disk. */
export function* dailyCsv(result: RunResult): Generator<string> {
  yield DAILY_COLUMNS.join(',') + '\n';
  for (const scenario of result.scenarios) {
    const { key } = scenario;
    const prefix = [key.id, key.node, key.pathway, key.locality, key.capacityScenario, key.losScenario, key.arrivalScenario].map(csvField).join(',');
    const lines: string[] = [];
    for (let d = 0; d < result.dates.length; d++) {
      const dayPrefix = `${prefix},${d + 1},${result.dates[d]}`;
      for (const metric of METRICS) {
        const summary = scenario.daily[metric];
        let line = `${dayPrefix},${metric},${formatNumber(summary.mean[d])}`;
        for (const quantile of summary.quantiles) line += ',' + formatNumber(quantile[d]);
        lines.push(line);
      }
    }
    yield lines.join('\n') + '\n';
  }
}
