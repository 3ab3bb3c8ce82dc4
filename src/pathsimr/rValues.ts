/**
 * Cells as PathSimR's R code reads them: `NA` and empty cells are missing, numbers are R's
 * decimals with `Inf`, and names are trimmed with spaces turned into `_` (as PathSimR's upload
 * check does, so `Death ` in a header and `Death` in the calendar are one node).
 */

/** R's `is.na` after read.csv, and PathSimR's own `"" -> NA` for its text columns. */
export function isMissing(cell: string | undefined): boolean {
  if (cell === undefined) return true;
  const trimmed = cell.trim();
  return trimmed === '' || trimmed === 'NA';
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITE = /^[+]?inf(?:inity)?$/i;

/** The number in a cell, `Infinity` for `Inf`, or undefined when it is not one R would read as a plain number. */
export function rNumber(cell: string): number | undefined {
  const trimmed = cell.trim();
  if (INFINITE.test(trimmed)) return Infinity;
  if (/^-inf(?:inity)?$/i.test(trimmed)) return -Infinity;
  return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

export function nodeName(cell: string): string {
  return cell.trim().replace(/ /g, '_');
}

/** A number as the files show it: 12 significant digits, shortest form, so a round trip reads back what it wrote. */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

export function rText(value: number): string {
  if (value === Infinity) return 'Inf';
  return String(tidy(value));
}
