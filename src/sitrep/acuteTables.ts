/**
 * Tables 2 to 5 of a discharge sitrep, per organisation, each found by its title and read by
 * its column headings (orgTable.ts). The same tables in the community sitrep are read here too:
 * only their headings differ, and the headings are what is read.
 */
import type { SheetRow } from '../workbook/xlsx.js';
import { headingAt, lastColumn, locateOrgTable, type OrgTable } from './orgTable.js';
import { dateOf, fail, figureAt, textOf, type SitrepSheet } from './sitrepGrid.js';

export interface DailyFigures {
  date: string;
  ctrNotMet: number;
  discharged: number;
  remaining: number;
}
/** Undefined for a cohort the table has no column for (the community sitrep has no 7+). */
export interface WeeklyBedDays {
  weekStart: string;
  days7?: number;
  days14?: number;
  days21?: number;
}
/** A figure under a column heading (a Table 4 destination, a Table 5 reason). */
export interface HeadedFigure {
  heading: string;
  value: number;
}

type Figures<T> = Map<string, T>;

const DAILY_MEASURES: [keyof Omit<DailyFigures, 'date'>, RegExp][] = [
  ['remaining', /remaining/i],
  ['discharged', /discharged/i],
  ['ctrNotMet', /no longer meet/i],
];

/** Table 2: for each organisation, per day, three columns under each date heading. */
export function readDailyTable(sheet: SitrepSheet): { table: OrgTable; figures: Figures<DailyFigures[]> } {
  const table = locateOrgTable(sheet, 2);
  const dateRow = table.headerRows.find((row) => headedColumns(table, row).some((column) => dateOf(row.get(column)) !== undefined));
  if (!dateRow) fail(sheet, table.rows[0].row.number, table.firstColumn, 'no row of dates above the figures');
  const measureRow = table.headerRows.find((row) => row.number > dateRow.number && headedColumns(table, row).some((column) => /discharged/i.test(textOf(row.get(column)) ?? '')));
  if (!measureRow) fail(sheet, dateRow.number, table.firstColumn, 'no row naming the three figures under each date');
  const columns = new Map<string, Partial<Record<keyof Omit<DailyFigures, 'date'>, number>>>();
  const dateColumn = new Map<string, number>();
  for (const column of headedColumns(table, measureRow)) {
    const heading = textOf(measureRow.get(column)) ?? '';
    const measure = DAILY_MEASURES.find(([, pattern]) => pattern.test(heading))?.[0];
    if (!measure) fail(sheet, measureRow.number, column, `"${heading}" is not one of the three Table 2 figures`);
    const dated = headingAt(table, dateRow, column, 3);
    const date = dated && dateOf(dateRow.get(dated.column));
    if (!date || !dated) fail(sheet, dateRow.number, column, 'no date above this column');
    const entry = columns.get(date) ?? {};
    if (entry[measure] !== undefined) fail(sheet, measureRow.number, column, `a second "${heading}" for ${date}`);
    entry[measure] = column;
    columns.set(date, entry);
    dateColumn.set(date, dated.column);
  }
  for (const [date, entry] of columns) {
    const lacking = DAILY_MEASURES.find(([measure]) => entry[measure] === undefined);
    if (lacking) fail(sheet, dateRow.number, dateColumn.get(date)!, `${date} has no column of "${lacking[1].source}" figures`);
  }
  const figures: Figures<DailyFigures[]> = new Map();
  for (const { org, row } of table.rows) {
    figures.set(
      key(org.level, org.code),
      [...columns].map(([date, entry]) => ({
        date,
        ctrNotMet: figureAt(sheet, row, entry.ctrNotMet!),
        discharged: figureAt(sheet, row, entry.discharged!),
        remaining: figureAt(sheet, row, entry.remaining!),
      })),
    );
  }
  return { table, figures };
}

/** Table 3: additional bed days of the 7+, 14+ and 21+ day cohorts, under each `w/c dd/mm/yyyy` heading. */
export function readBedDaysTable(sheet: SitrepSheet): Figures<WeeklyBedDays[]> {
  const table = locateOrgTable(sheet, 3);
  const weekRow = table.headerRows.find((row) => headedColumns(table, row).some((column) => /w\/c/i.test(textOf(row.get(column)) ?? '')));
  if (!weekRow) fail(sheet, table.rows[0].row.number, table.firstColumn, 'no row of "w/c dd/mm/yyyy" week headings above the figures');
  const cohortRow = table.headerRows.find((row) => row.number > weekRow.number && headedColumns(table, row).some((column) => cohortOf(row.get(column)) !== undefined));
  if (!cohortRow) fail(sheet, weekRow.number, table.firstColumn, 'no row naming the 7+, 14+ and 21+ day cohorts under each week');
  const weeks = new Map<string, Partial<Record<'days7' | 'days14' | 'days21', number>>>();
  for (const column of headedColumns(table, cohortRow)) {
    const cohort = cohortOf(cohortRow.get(column));
    if (!cohort) fail(sheet, cohortRow.number, column, `"${textOf(cohortRow.get(column))}" is not a 7+, 14+ or 21+ days cohort`);
    const week = headingAt(table, weekRow, column, 3);
    const weekStart = week && dateOf(week.text);
    if (!weekStart) fail(sheet, weekRow.number, column, 'no "w/c dd/mm/yyyy" week heading above this column');
    const entry = weeks.get(weekStart) ?? {};
    entry[cohort] = column;
    weeks.set(weekStart, entry);
  }
  const figures: Figures<WeeklyBedDays[]> = new Map();
  for (const { org, row } of table.rows) {
    const read = (column: number | undefined) => (column === undefined ? undefined : figureAt(sheet, row, column));
    figures.set(
      key(org.level, org.code),
      [...weeks].map(([weekStart, entry]) => ({ weekStart, days7: read(entry.days7), days14: read(entry.days14), days21: read(entry.days21) })),
    );
  }
  return figures;
}

function cohortOf(value: unknown): 'days7' | 'days14' | 'days21' | undefined {
  const match = /\b(7|14|21)\s*\+\s*days?/i.exec(typeof value === 'string' ? value : '');
  return match ? (`days${match[1]}` as 'days7' | 'days14' | 'days21') : undefined;
}

/**
 * Table 4 (destinations) and Table 5 (reasons): one figure per column heading for the month.
 * The heading row is the header row with the most headed columns; a heading above it that
 * names a group (`Pathway 3` over several destinations) is kept in front of the heading.
 */
export function readHeadedTable(sheet: SitrepSheet, tableNumber: number): { table: OrgTable; headings: string[]; figures: Figures<HeadedFigure[]>; month?: string } {
  const table = locateOrgTable(sheet, tableNumber);
  const ranked = [...table.headerRows].sort((a, b) => headedColumns(table, b).length - headedColumns(table, a).length);
  const headingRow = ranked[0];
  if (!headingRow || headedColumns(table, headingRow).length < 2) fail(sheet, table.rows[0].row.number, table.firstColumn, 'no row of column headings above the figures');
  const columns = headedColumns(table, headingRow);
  const groupRow = table.headerRows.find((row) => row.number < headingRow.number && headedColumns(table, row).some((column) => /^Pathway \d/i.test(textOf(row.get(column)) ?? '')));
  const headings = columns.map((column) => {
    const heading = textOf(headingRow.get(column)) ?? String(headingRow.get(column));
    const group = groupRow && headingAt(table, groupRow, column, column - table.firstColumn + 1)?.text;
    return group && !/^P[0-3]/i.test(heading) ? `${group}: ${heading}` : heading;
  });
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (seen.has(headings[index])) fail(sheet, headingRow.number, column, `the heading "${headings[index]}" appears twice`);
    seen.add(headings[index]);
  });
  const figures: Figures<HeadedFigure[]> = new Map();
  for (const { org, row } of table.rows) {
    figures.set(
      key(org.level, org.code),
      columns.map((column, index) => ({ heading: headings[index], value: figureAt(sheet, row, column) })),
    );
  }
  return { table, headings, figures, month: monthHeading(table) };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `January 2024 - Total number of ...` as 2024-01-01. */
function monthHeading(table: OrgTable): string | undefined {
  for (const row of table.headerRows) {
    for (const value of row.values) {
      const match = /^([A-Za-z]+)\s+(\d{4})\s*-/.exec(textOf(value) ?? '');
      const month = match ? MONTHS.indexOf(match[1].toLowerCase()) : -1;
      if (match && month >= 0) return `${match[2]}-${String(month + 1).padStart(2, '0')}-01`;
    }
  }
  return undefined;
}

/** The columns of figures a header row has a heading over. */
function headedColumns(table: OrgTable, row: SheetRow): number[] {
  const last = lastColumn(table);
  return row.columns.filter((column) => column >= table.firstColumn && column <= last);
}

export function key(level: string, code: string): string {
  return `${level} ${code}`;
}
