/**
 * Finds a sitrep table's organisations by its title and header rows, never by fixed cell
 * positions: the title row (`Table 4: ...`), the national and regional rows that follow it,
 * the `ICB Code` header row and the ICB block under it, the `Org Code` header row and the
 * trust block under that. The rows between the title and the national row are the column
 * headings, which each table reads for itself.
 */
import type { SheetRow } from '../workbook/xlsx.js';
import { cellName, fail, findText, textOf, type SitrepSheet } from './sitrepGrid.js';

export type OrgLevel = 'england' | 'region' | 'icb' | 'trust';

export interface SitrepOrg {
  /** `QUY`, `RVJ`; `ENGLAND` for the national row, the region's name for a region. */
  code: string;
  name: string;
  level: OrgLevel;
  /** The region an ICB or trust is in ('' for England and regions). */
  region: string;
}

export interface OrgTable {
  sheet: SitrepSheet;
  /** The rows between the title and the first figures: the column headings. */
  headerRows: SheetRow[];
  /** The first column of figures. */
  firstColumn: number;
  rows: { org: SitrepOrg; row: SheetRow }[];
}

export const ENGLAND = 'ENGLAND';

export function locateOrgTable(sheet: SitrepSheet, tableNumber: number): OrgTable {
  const titlePattern = new RegExp(`^Table ${tableNumber}\\s*:`, 'i');
  const title = findText(sheet.rows, (text) => titlePattern.test(text));
  if (!title) fail(sheet, 1, 1, `no title "Table ${tableNumber}: ..." anywhere in the sheet: it is not laid out as a discharge sitrep table`);
  const icbHeader = findText(sheet.rows, (text) => /^ICB Code$/i.test(text));
  if (!icbHeader) fail(sheet, title.row.number, title.column, 'no header row with "ICB Code" under this title: the table is not laid out as Pathflow knows it');
  const codeColumn = icbHeader.column;
  const nameColumn = columnOf(icbHeader.row, /^ICB Name$/i) ?? fail(sheet, icbHeader.row.number, codeColumn, 'the "ICB Code" header row has no "ICB Name" column');
  const regionColumn = columnOf(icbHeader.row, /^Region$/i);
  const trustIndex = sheet.rows.findIndex((row) => row.number > icbHeader.row.number && /^Org Code$/i.test(textOf(row.get(codeColumn)) ?? ''));
  if (trustIndex < 0) {
    const elsewhere = findText(sheet.rows, (text) => /^Org Code$/i.test(text));
    if (elsewhere) fail(sheet, elsewhere.row.number, elsewhere.column, `"Org Code" is not in the column of "ICB Code" (${cellName(sheet, icbHeader.row.number, codeColumn)}): the trust block is shifted`);
    fail(sheet, icbHeader.row.number, codeColumn, 'no "Org Code" header row for the trust block below the ICB block');
  }
  const trustHeader = sheet.rows[trustIndex];

  const national = sheet.rows.filter((row) => row.number > title.row.number && row.number < icbHeader.row.number && isNationalRow(row, codeColumn, nameColumn));
  if (national.length === 0) fail(sheet, icbHeader.row.number, nameColumn, 'no national row (ENGLAND) above the "ICB Code" header row');
  const englandName = textOf(national[0].get(nameColumn))!;
  if (!englandName.toUpperCase().startsWith(ENGLAND)) fail(sheet, national[0].number, nameColumn, `the first row of figures is "${englandName}", not ENGLAND's`);

  const rows: OrgTable['rows'] = national.map((row, index) => {
    const name = textOf(row.get(nameColumn))!;
    return { org: { code: index === 0 ? ENGLAND : name, name, level: index === 0 ? 'england' : 'region', region: '' }, row };
  });
  const block = (from: number, to: number, level: OrgLevel) => {
    for (const row of sheet.rows) {
      if (row.number <= from || row.number >= to) continue;
      const code = textOf(row.get(codeColumn));
      if (code === undefined) continue;
      if (!/^[A-Z0-9]{2,6}$/i.test(code)) fail(sheet, row.number, codeColumn, `"${code}" is not an organisation code`);
      const region = regionColumn === undefined ? '' : (textOf(row.get(regionColumn)) ?? '');
      rows.push({ org: { code: code.toUpperCase(), name: textOf(row.get(nameColumn)) ?? '', level, region }, row });
    }
  };
  block(icbHeader.row.number, trustHeader.number, 'icb');
  block(trustHeader.number, Infinity, 'trust');
  const seen = new Map<string, number>();
  for (const { org, row } of rows) {
    const earlier = seen.get(`${org.level} ${org.code}`);
    if (earlier !== undefined) fail(sheet, row.number, codeColumn, `${org.code} appears twice (also in row ${earlier})`);
    seen.set(`${org.level} ${org.code}`, row.number);
  }
  const headerRows = sheet.rows.filter((row) => row.number > title.row.number && row.number < national[0].number);
  return { sheet, headerRows, firstColumn: nameColumn + 1, rows };
}

function columnOf(row: SheetRow, pattern: RegExp): number | undefined {
  const index = row.values.findIndex((value) => pattern.test(textOf(value) ?? ''));
  return index < 0 ? undefined : row.columns[index];
}

/** A name in the name column, nothing in the code column or before, and something after. */
function isNationalRow(row: SheetRow, codeColumn: number, nameColumn: number): boolean {
  if (textOf(row.get(nameColumn)) === undefined) return false;
  if (row.columns.some((column) => column < nameColumn)) return false;
  return row.columns.some((column) => column > nameColumn) && row.get(codeColumn) === null;
}

/** The header text in any header row at the column, or at the nearest column left of it within `span`. */
export function headingAt(table: OrgTable, row: SheetRow, column: number, span = 1): { text: string; column: number } | undefined {
  for (let at = column; at > column - span && at >= table.firstColumn; at--) {
    const value = row.get(at);
    if (value !== null) return { text: value instanceof Date ? value.toISOString() : (textOf(value) ?? String(value)), column: at };
  }
  return undefined;
}

/** The last column holding anything in the table's rows. */
export function lastColumn(table: OrgTable): number {
  let last = table.firstColumn - 1;
  for (const row of [...table.headerRows, ...table.rows.map((entry) => entry.row)]) last = Math.max(last, row.columns.at(-1) ?? last);
  return last;
}
