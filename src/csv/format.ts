/**
 * CSV text for planners' spreadsheets: RFC 4180 quoting, and numbers with enough digits
 * for analysis but not the noise of seventeen.
 */

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

/**
 * A number rounded to `decimals` places, without trailing zeros; NaN and infinities
 * become empty cells (NA), which spreadsheets read as blanks.
 */
export function formatNumber(value: number, decimals = 4): string {
  if (!Number.isFinite(value)) return '';
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
