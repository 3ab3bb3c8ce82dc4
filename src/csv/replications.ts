/**
 * `replications.csv`: each replication's whole-horizon figures, one row per scenario and
 * replication. summary.csv holds means and intervals, which cannot be paired; differences
 * between scenarios and totals over nodes need the figures replication by replication
 * (common random numbers pair replication r of every scenario), so the report computes the
 * system view from this file.
 *
 * Size is rows × columns: 1,000 replications of 100 scenarios are 100,000 rows, so numbers
 * are written as formatNumber writes them (whole numbers bare, at most four decimals).
 */
import { HORIZON_FIELDS, HORIZON_FIELD_COUNT, type HorizonField } from '../engine/dailyRecord.js';
import type { RunResult } from '../engine/run.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { COMMA, csvField, formatNumber, MAX_NUMBER_BYTES, NEWLINE, neutraliseFormula, scenarioFields, writeBytes, writeNumberAt, writeWhole } from './format.js';

export const REPLICATIONS_FILE = 'replications.csv';

/** Column names of the horizon fields, as summary.csv names the same figures. */
export const HORIZON_COLUMNS: Record<HorizonField, string> = {
  meanOccupancy: 'mean_occupancy',
  meanQueue: 'mean_delayed',
  peakOccupancy: 'peak_occupancy',
  peakQueue: 'peak_delayed',
  delayedBedDays: 'delayed_bed_days',
  // The simulation's own cost, per occupied day; other bases are priced from these figures.
  totalCost: 'total_cost_occupied',
  arrivals: 'arrivals',
  admissions: 'admissions',
  delayedAdmissions: 'delayed_admissions',
  totalWait: 'total_wait_days',
  lost: 'lost',
  departures: 'departures',
  waitingAtEnd: 'waiting_at_end',
};

export const REPLICATIONS_COLUMNS = ['scenario', 'replication', ...HORIZON_FIELDS.map((field) => HORIZON_COLUMNS[field])];
export const REPLICATIONS_HEADER = REPLICATIONS_COLUMNS.join(',') + '\n';

/** One scenario's rows (replications numbered from 1), each ending in a line break. */
export function replicationRows(summary: ScenarioSummary): string {
  const scenario = csvField(scenarioFields(summary.key)[0]);
  const { replications, byReplication } = summary.horizon;
  const lines: string[] = [];
  for (let r = 0; r < replications; r++) {
    const fields = [scenario, String(r + 1)];
    for (let f = 0; f < HORIZON_FIELD_COUNT; f++) fields.push(formatNumber(byReplication[r * HORIZON_FIELD_COUNT + f]));
    lines.push(fields.join(','));
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

const encoder = new TextEncoder();

/** What a scenario's rows are made of (a ScenarioSummary is one; the writer thread is sent no more for a networked node). */
export interface ReplicationRowsSource {
  key: ScenarioSummary['key'];
  horizon: Pick<ScenarioSummary['horizon'], 'replications' | 'byReplication'>;
}

/**
 * replicationRows as UTF-8, for the writer thread: the national workbook's 144,000 rows as
 * strings cost it 0.4 s and their garbage, and were encoded again to be written.
 */
export function replicationRowsBytes(summary: ReplicationRowsSource): Uint8Array {
  const scenario = encoder.encode(csvField(neutraliseFormula(summary.key.id)));
  const { replications, byReplication } = summary.horizon;
  const out = new Uint8Array(replications * (scenario.length + 1 + MAX_NUMBER_BYTES + HORIZON_FIELD_COUNT * (MAX_NUMBER_BYTES + 1) + 1));
  let at = 0;
  for (let r = 0; r < replications; r++) {
    at = writeBytes(out, at, scenario);
    out[at++] = COMMA;
    at = writeWhole(out, at, r + 1);
    for (let f = 0; f < HORIZON_FIELD_COUNT; f++) {
      out[at++] = COMMA;
      at = writeNumberAt(out, at, byReplication, r * HORIZON_FIELD_COUNT + f);
    }
    out[at++] = NEWLINE;
  }
  return out.subarray(0, at);
}

export function replicationsCsv(result: RunResult): string {
  return REPLICATIONS_HEADER + result.scenarios.map(replicationRows).join('');
}
