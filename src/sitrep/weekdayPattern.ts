/**
 * The day-of-week pattern of discharges, from Table 2's daily `discharged`: each weekday's
 * mean over the days reported, divided by the mean of the seven. Sitreps count discharges
 * of people no longer meeting the criteria to reside, all pathways together; the pattern is
 * taken to hold for each pathway's referrals, which the sitrep does not report by day.
 */
import type { ObservedRow } from '../observed/observedSeries.js';

/** Weights for Sunday (0) to Saturday (6), mean 1; all 1 when a weekday has no figure. */
export function weekdayPattern(rows: readonly ObservedRow[], org: string, from: string, to: string): number[] {
  const sums = Array<number>(7).fill(0);
  const counts = Array<number>(7).fill(0);
  for (const row of rows) {
    if (row.org !== org || row.grain !== 'day' || row.measure !== 'discharged' || Number.isNaN(row.value)) continue;
    if (row.date < from || row.date > to) continue;
    const weekday = new Date(`${row.date}T00:00:00Z`).getUTCDay();
    sums[weekday] += row.value;
    counts[weekday]++;
  }
  if (counts.some((count) => count === 0)) return Array<number>(7).fill(1);
  const means = sums.map((sum, weekday) => sum / counts[weekday]);
  const overall = means.reduce((sum, mean) => sum + mean, 0) / 7;
  return overall > 0 ? means.map((mean) => mean / overall) : Array<number>(7).fill(1);
}
