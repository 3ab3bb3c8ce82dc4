/**
 * `summary.csv`: one row per scenario with its whole-horizon figures and 95 % confidence
 * intervals across replications.
 */
import type { RunResult } from '../engine/run.js';
import type { Estimate } from '../engine/statistics.js';
import type { HorizonSummary } from '../engine/summary.js';
import { csvRow, formatNumber, SCENARIO_COLUMNS, scenarioFields } from './format.js';

type Column = [name: string, value: (h: HorizonSummary) => number | null];

function withInterval(name: string, pick: (h: HorizonSummary) => Estimate): Column[] {
  return [
    [name, (h) => pick(h).mean],
    [`${name}_low95`, (h) => pick(h).low],
    [`${name}_high95`, (h) => pick(h).high],
  ];
}

const HORIZON_COLUMNS: Column[] = [
  ['replications', (h) => h.replications],
  ...withInterval('mean_occupancy', (h) => h.meanOccupancy),
  ...withInterval('mean_delayed', (h) => h.meanQueue),
  ['p95_delayed', (h) => h.p95Queue],
  ...withInterval('peak_occupancy', (h) => h.peakOccupancy),
  ...withInterval('peak_delayed', (h) => h.peakQueue),
  ...withInterval('delayed_bed_days', (h) => h.delayedBedDays),
  ...withInterval('total_cost', (h) => h.totalCost),
  ['mean_wait_days', (h) => h.meanWait],
  ['share_delayed', (h) => h.shareDelayed],
  ['utilisation', (h) => h.utilisation],
  ['arrivals', (h) => h.arrivals],
  ['admissions', (h) => h.admissions],
  ['lost', (h) => h.lost],
  ['waiting_at_end', (h) => h.waitingAtEnd],
];

export const SUMMARY_COLUMNS = [
  ...SCENARIO_COLUMNS,
  'capacity',
  ...HORIZON_COLUMNS.map(([name]) => name),
];

export function summaryCsv(result: RunResult): string {
  const lines = [SUMMARY_COLUMNS.join(',')];
  for (const { key, horizon } of result.scenarios) {
    const figures = HORIZON_COLUMNS.map(([, value]) => {
      const v = value(horizon);
      return v === null ? '' : formatNumber(v);
    });
    lines.push(csvRow([...scenarioFields(key), formatNumber(key.capacity), ...figures]));
  }
  return lines.join('\n') + '\n';
}
