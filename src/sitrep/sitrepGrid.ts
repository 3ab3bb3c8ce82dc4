/**
 * A sitrep sheet as rows of cells, and how a problem in it is named: `Table 2!E15`, the way
 * a planner finds the cell in Excel. Sitrep files are untrusted input: every figure is read
 * through `figureAt`, which refuses anything that is neither a number nor the `-` NHS England
 * writes for a missing figure.
 */
import type { CellValue } from '../workbook/cells.js';
import { columnLetter, quoted } from '../workbook/issues.js';
import type { SheetRow, XlsxWorkbook } from '../workbook/xlsx.js';

/** A sitrep file Pathflow refuses; the message names the file, sheet and cell. */
export class SitrepError extends Error {
  override name = 'SitrepError';
}

export interface SitrepSheet {
  fileName: string;
  name: string;
  rows: readonly SheetRow[];
}

export function openSheet(workbook: XlsxWorkbook, fileName: string, name: string, expected: string): SitrepSheet {
  const found = workbook.sheetNames.find((sheet) => sheet.trim().toLowerCase() === name.toLowerCase());
  if (found === undefined) {
    throw new SitrepError(`${fileName}: has no sheet "${name}" (${expected}); its sheets are ${workbook.sheetNames.map((sheet) => `"${sheet}"`).join(', ')}`);
  }
  return { fileName, name: found, rows: workbook.sheet(found).rows };
}

/** `Table 2!E15` */
export function cellName(sheet: SitrepSheet, row: number, column: number): string {
  return `${sheet.name}!${columnLetter(column)}${row}`;
}

export function fail(sheet: SitrepSheet, row: number, column: number, message: string): never {
  throw new SitrepError(`${sheet.fileName}: ${cellName(sheet, row, column)}: ${message}`);
}

/** Text with Excel's line breaks and runs of spaces made single spaces. */
export function textOf(value: CellValue): string | undefined {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : undefined;
}

/** NHS England's "-" (not submitted, or withheld) as NaN; an empty cell too. */
export function figureAt(sheet: SitrepSheet, row: SheetRow, column: number): number {
  const value = row.get(column);
  if (value === null) return NaN;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^[-–—]$/.test(value.trim())) return NaN;
  const shown = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? quoted(value) : String(value);
  return fail(sheet, row.number, column, `${shown} where a number (or "-" for missing) was expected`);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date cell, or text written dd/mm/yyyy or yyyy-mm-dd, as ISO; undefined otherwise. */
export function dateOf(value: CellValue): string | undefined {
  if (value instanceof Date) return isoDate(value);
  const text = textOf(value);
  if (text === undefined) return undefined;
  const uk = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (uk) return validIso(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return iso ? validIso(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
}

function validIso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? isoDate(date) : undefined;
}

/** The first row (in the first `within` rows) with a text cell that `test` accepts, and that cell's column. */
export function findText(rows: readonly SheetRow[], test: (text: string) => boolean, within = rows.length): { row: SheetRow; column: number } | undefined {
  for (const row of rows.slice(0, within)) {
    for (let index = 0; index < row.columns.length; index++) {
      const text = textOf(row.values[index]);
      if (text !== undefined && test(text)) return { row, column: row.columns[index] };
    }
  }
  return undefined;
}
