/**
 * Which days of the model's horizon an observed figure covers. A daily figure is one day; a
 * weekly or monthly figure is the daily mean over its whole period, so it is compared only
 * when the model simulates every day of that period: a week cut by the horizon's end would
 * be compared with an average over fewer days than were observed.
 */
import type { ObservedGrain } from '../observed/observedSeries.js';

export interface DayWindow {
  /** Index of the period's first day in the model's dates. */
  first: number;
  count: number;
}

function addDays(iso: string, days: number): string {
  const date = new Date(iso + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Days in the period that starts on `date`. */
export function periodLength(grain: ObservedGrain, date: string): number {
  if (grain === 'day') return 1;
  if (grain === 'week') return 7;
  const [year, month] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).getUTCDate() - Number(date.slice(8, 10)) + 1;
}

/** The period's days in the horizon, or undefined when any of them lies outside it. */
export function windowOf(grain: ObservedGrain, date: string, dayIndex: ReadonlyMap<string, number>): DayWindow | undefined {
  const first = dayIndex.get(date);
  if (first === undefined) return undefined;
  const count = periodLength(grain, date);
  return dayIndex.get(addDays(date, count - 1)) === first + count - 1 ? { first, count } : undefined;
}

/** The last day a period covers, for messages. */
export function periodEnd(grain: ObservedGrain, date: string): string {
  return addDays(date, periodLength(grain, date) - 1);
}
