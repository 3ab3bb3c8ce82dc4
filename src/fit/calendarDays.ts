/** Runs of dates and weekday names, on days.ts's whole-day numbers. */
import { dateOfDay, dayNumber } from './days.js';

/** In weekdayIndex's order, Monday first. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** `count` consecutive ISO dates from `first`. */
export function isoRange(first: string, count: number): string[] {
  const start = dayNumber(first);
  return Array.from({ length: count }, (_, i) => dateOfDay(start + i));
}
