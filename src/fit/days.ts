/** Whole-day arithmetic on ISO dates (yyyy-mm-dd), at UTC so that clock changes move nothing. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 for Monday ... 6 for Sunday, the order day-of-week patterns are written in. */
export function weekdayIndex(day: number): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}
