/**
 * Small-number suppression: a count of 1 to 4 people drawn from patient-level data could
 * identify someone, so every file exported from episodes withholds such counts by default
 * (0 stays: it identifies nobody). The report shows "1–4" in their place.
 */
import type { ObservedRow } from '../observed/observedSeries.js';

export const SMALL_COUNT_TEXT = '1–4';

export function isSmallCount(count: number): boolean {
  return count >= 1 && count <= 4;
}

/** The row withheld when its value is a small count: basis `suppressed`, empty value. */
export function suppressedRow(row: ObservedRow): ObservedRow {
  return isSmallCount(row.value) ? { ...row, value: NaN, basis: 'suppressed' } : row;
}

/** A count for a table a person reads: "1–4" when suppressed. */
export function countText(count: number, suppress: boolean, format: (value: number) => string = String): string {
  return suppress && isSmallCount(count) ? SMALL_COUNT_TEXT : format(count);
}
