/**
 * The sitrep's observed rows as the series the charts draw: daily figures by measure,
 * monthly discharges summed over destinations by pathway, and the derived delays per
 * pathway. Rows for several organisations are added up (the ICB and its trusts are not both
 * asked for: chooseOrgs takes what the planner names).
 */
import type { ObservedRow } from '../../observed/observedSeries.js';

export interface DatedSeries {
  dates: string[];
  /** `values[name][i]` on `dates[i]`; NaN where nothing was reported. */
  values: Record<string, number[]>;
}

function collect(rows: readonly ObservedRow[], keep: (row: ObservedRow) => boolean, nameOf: (row: ObservedRow) => string, names: readonly string[]): DatedSeries {
  const sums = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (!keep(row) || !Number.isFinite(row.value)) continue;
    const byName = sums.get(row.date) ?? new Map<string, number>();
    byName.set(nameOf(row), (byName.get(nameOf(row)) ?? 0) + row.value);
    sums.set(row.date, byName);
  }
  const dates = [...sums.keys()].sort();
  const values = Object.fromEntries(names.map((name) => [name, dates.map((date) => sums.get(date)?.get(name) ?? NaN)]));
  return { dates, values };
}

export const DAILY_MEASURES = ['ctr_not_met', 'discharged', 'remaining'] as const;
export const PATHWAYS = ['P0', 'P1', 'P2', 'P3'] as const;
export const DELAY_PATHWAYS = ['P1', 'P2', 'P3'] as const;

export function dailyFigures(rows: readonly ObservedRow[]): DatedSeries {
  return collect(rows, (row) => row.grain === 'day' && row.pathway === 'all' && (DAILY_MEASURES as readonly string[]).includes(row.measure), (row) => row.measure, DAILY_MEASURES);
}

export function monthlyDischarges(rows: readonly ObservedRow[]): DatedSeries {
  return collect(rows, (row) => row.grain === 'month' && row.measure === 'discharges', (row) => row.pathway, PATHWAYS);
}

export function derivedDelays(rows: readonly ObservedRow[]): DatedSeries {
  return collect(rows, (row) => row.grain === 'day' && row.measure === 'delayed' && row.node === '', (row) => row.pathway, DELAY_PATHWAYS);
}
