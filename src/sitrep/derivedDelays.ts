/**
 * An estimate of how many people wait for each pathway on each day, which the sitrep does not
 * report: the day's `remaining` (people no longer meeting the criteria to reside still in
 * hospital, Table 2) times the pathway's share of the long-stay reasons (Table 5) for the
 * period holding the day (the week in the national series, else the month). Table 5 counts
 * only people in hospital 14 days or more, so the estimate assumes that shorter stays wait
 * for each pathway in the same proportions; docs/sitrep.md says what that misses.
 */
import type { ObservedRow } from '../observed/observedSeries.js';

const PATHWAYS = ['P1', 'P2', 'P3'] as const;

/** Rows of one organisation's reported acute figures in; derived daily `delayed` rows out. */
export function derivedDelays(rows: readonly ObservedRow[]): ObservedRow[] {
  const shares = new Map<string, Map<string, number>>();
  const totals = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.measure !== 'long_stay_14plus' || Number.isNaN(row.value)) continue;
    const period = `${row.grain} ${row.date}`;
    const byPathway = totals.get(period) ?? new Map<string, number>();
    byPathway.set(row.pathway, (byPathway.get(row.pathway) ?? 0) + row.value);
    totals.set(period, byPathway);
  }
  for (const [period, byPathway] of totals) {
    const all = [...byPathway.values()].reduce((sum, value) => sum + value, 0);
    if (all > 0) shares.set(period, new Map(PATHWAYS.map((pathway) => [pathway, (byPathway.get(pathway) ?? 0) / all])));
  }
  const derived: ObservedRow[] = [];
  for (const row of rows) {
    if (row.grain !== 'day' || row.measure !== 'remaining' || Number.isNaN(row.value)) continue;
    const share = shares.get(`week ${weekContaining(row.date, shares)}`) ?? shares.get(`month ${row.date.slice(0, 7)}-01`);
    if (!share) continue;
    for (const pathway of PATHWAYS) {
      derived.push({ ...row, pathway, measure: 'delayed', detail: '', value: Math.round(row.value * share.get(pathway)! * 100) / 100, basis: 'derived' });
    }
  }
  return derived;
}

/** The start of a week (of those with shares) that holds the day, or ''. */
function weekContaining(date: string, shares: Map<string, unknown>): string {
  const day = Date.parse(`${date}T00:00:00Z`);
  for (let back = 0; back < 7; back++) {
    const start = new Date(day - back * 86_400_000).toISOString().slice(0, 10);
    if (shares.has(`week ${start}`)) return start;
  }
  return '';
}
