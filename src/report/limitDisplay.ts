/**
 * Figures read against a target's limit (issue 17): rounded as usual, a failing 0.100016 would
 * print as the limit 0.1, and a figure just under it could print as the limit too. Here a figure
 * gets as many decimals as it needs to read on its own side of the limit: above it, equal, or
 * below. Decimal digits only, never an exponent. Shared by the CSVs, the web app and the report.
 */

/** The fewest decimals, from `minimum`, at which `value` rounded reads on the same side of `limit` as `value` itself. */
export function decimalsBesideLimit(value: number, limit: number, minimum: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(limit)) return minimum;
  const side = Math.sign(value - limit);
  for (let decimals = minimum; decimals < 20; decimals++) {
    if (Math.sign(Number(value.toFixed(decimals)) - limit) === side) return decimals;
  }
  return 20;
}

/** As a CSV writes numbers (plain decimals, no trailing zeros), with at least `minimum` decimals of resolution, more when the limit needs them. */
export function plainBesideLimit(value: number, limit: number, minimum = 4): string {
  if (!Number.isFinite(value)) return '';
  const text = value.toFixed(decimalsBesideLimit(value, limit, minimum));
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** For a reader: separators, `minimum` decimals, more when the limit needs them (`0.50003` against 0.5, not `0.5`). */
export function readableBesideLimit(value: number, limit: number, minimum = 1): string {
  if (!Number.isFinite(value)) return '–';
  const decimals = decimalsBesideLimit(value, limit, minimum);
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: minimum, maximumFractionDigits: decimals }).format(value);
}
