/**
 * An episode extract as rows of cells, whichever file it came in: CSV text (every cell text)
 * or a workbook's first sheet (text, numbers, date cells). Problems are placed the way the
 * analyst finds them: a CSV's row and column name, a sheet's cell (`Sheet1!D7`).
 */
import { parseCsv } from '../csv/records.js';
import type { CellValue } from '../workbook/cells.js';
import { columnLetter } from '../workbook/issues.js';

export interface EpisodeTableRow {
  /** The row as the analyst sees it: CSV line or Excel row number, the header being row 1. */
  row: number;
  cells: CellValue[];
}

export interface EpisodeTable {
  /** The header first. */
  rows: EpisodeTableRow[];
  /** Set for a workbook: its sheet's name, so that problems name cells. */
  sheet?: string;
  /** Workbooks only: serial dates count from 1904. */
  epoch1904?: boolean;
}

export type TableRead = { ok: true; table: EpisodeTable } | { ok: false; problems: string[] };

/** CSV text as a table; a quote never closed is the one problem that stops the reading. */
export function csvEpisodeTable(text: string, fileName: string): TableRead {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, problems: [`${fileName} row ${parsed.line}: ${parsed.message}`] };
  return { ok: true, table: { rows: parsed.records.map((record) => ({ row: record.line, cells: record.cells.map(blankAsEmpty) })) } };
}

/** A CSV cell of spaces is an empty cell, as a sheet's is. */
function blankAsEmpty(cell: string): CellValue {
  const trimmed = cell.trim();
  return trimmed === '' ? null : trimmed;
}

/** Where a cell is, for a message: `episodes.csv row 7, column "ended"` or `episodes.xlsx Sheet1!F7 (ended)`. */
export function cellPlace(fileName: string, table: EpisodeTable, row: number, columnIndex: number, columnName: string): string {
  if (table.sheet === undefined) return `${fileName} row ${row}, column "${columnName}"`;
  return `${fileName} ${sheetReference(table.sheet)}!${columnLetter(columnIndex)}${row} (${columnName})`;
}

/** A whole row: `episodes.csv row 7` or `episodes.xlsx Sheet1 row 7`. */
export function rowPlace(fileName: string, table: EpisodeTable, row: number): string {
  return table.sheet === undefined ? `${fileName} row ${row}` : `${fileName} ${sheetReference(table.sheet)} row ${row}`;
}

/** Excel quotes a sheet name that is not a plain word in references ('My data'!A1). */
function sheetReference(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
