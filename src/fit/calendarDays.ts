/**
 * Whole days between ISO dates, counted in UTC so that a clock change never makes a day of
 * 23 or 25 hours: referrals, stays and snapshots are all whole calendar days.
 */
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date `yyyy-mm-dd`. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday 0 to Sunday 6, the order planners read a week in. */
export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday (3 in this numbering).
  return (((day + 3) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** `count` consecutive ISO dates from `first`. */
export function isoRange(first: string, count: number): string[] {
  const start = dayNumber(first);
  return Array.from({ length: count }, (_, i) => isoOfDay(start + i));
}
