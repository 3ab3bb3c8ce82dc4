/**
 * The terms a daily referral count may depend on, as columns of a design matrix: day of the
 * week (Monday the reference), a linear trend, and annual harmonics for the season. Built
 * from absolute day numbers, so a forecast day's row continues the observed days' pattern.
 */
import { weekdayIndex } from './days.js';

export interface ReferralTerms {
  weekday: boolean;
  trend: boolean;
  /** Pairs of annual sine and cosine terms: 0, 1 (one peak a year) or 2. */
  harmonics: number;
}

export const YEAR_DAYS = 365.25;

export function termsLabel(terms: ReferralTerms): string {
  const parts = ['level'];
  if (terms.weekday) parts.push('day of week');
  if (terms.trend) parts.push('trend');
  if (terms.harmonics > 0) parts.push(`${terms.harmonics} annual harmonic${terms.harmonics === 1 ? '' : 's'}`);
  return parts.join(' + ');
}

/** Column names, in the design's order. */
export function termColumns(terms: ReferralTerms): string[] {
  const columns = ['level'];
  if (terms.weekday) columns.push('Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday');
  if (terms.trend) columns.push('trend_per_year');
  for (let k = 1; k <= terms.harmonics; k++) columns.push(`sin_${k}`, `cos_${k}`);
  return columns;
}

/** One design row for `day`; `centre` is the day the trend is measured from (the middle of the observed days). */
export function designRow(terms: ReferralTerms, day: number, centre: number): number[] {
  const row = [1];
  if (terms.weekday) {
    const weekday = weekdayIndex(day);
    for (let w = 1; w < 7; w++) row.push(weekday === w ? 1 : 0);
  }
  if (terms.trend) row.push((day - centre) / YEAR_DAYS);
  for (let k = 1; k <= terms.harmonics; k++) {
    const angle = (2 * Math.PI * k * day) / YEAR_DAYS;
    row.push(Math.sin(angle), Math.cos(angle));
  }
  return row;
}
