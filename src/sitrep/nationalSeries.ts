/**
 * The acute sitrep's national time series (latest_time_series.xlsx): England only, per day
 * (criteria to reside, discharged, remaining, discharges by destination) and per week
 * (additional bed days, people staying 14+ days by reason). Read by its headings, as the
 * monthly files are.
 */
import type { XlsxWorkbook } from '../workbook/xlsx.js';
import { ENGLAND } from './orgTable.js';
import { dateOf, fail, figureAt, findText, openSheet, textOf, type SitrepSheet } from './sitrepGrid.js';
import type { OrgFigures, PeriodFigure } from './sitrepFile.js';

interface Columns {
  sheet: SitrepSheet;
  headerRow: number;
  dateColumn: number;
  headings: { column: number; text: string }[];
}

function columnsUnder(sheet: SitrepSheet, dateHeading: RegExp): Columns {
  const found = findText(sheet.rows, (text) => dateHeading.test(text));
  if (!found) fail(sheet, 1, 1, `no "${dateHeading.source.replace(/[\^$]/g, '')}" header row`);
  const headings = found.row.columns.filter((column) => column > found.column).map((column) => ({ column, text: textOf(found.row.get(column)) ?? '' }));
  return { sheet, headerRow: found.row.number, dateColumn: found.column, headings };
}

function* datedRows({ sheet, headerRow, dateColumn }: Columns) {
  for (const row of sheet.rows) {
    if (row.number <= headerRow) continue;
    const value = row.get(dateColumn);
    if (value === null) continue;
    const date = dateOf(value);
    if (!date) fail(sheet, row.number, dateColumn, `${JSON.stringify(value)} where a date was expected`);
    yield { row, date };
  }
}

function headingColumn(columns: Columns, pattern: RegExp, what: string): number {
  const found = columns.headings.find(({ text }) => pattern.test(text));
  return found ? found.column : fail(columns.sheet, columns.headerRow, columns.dateColumn, `no column of ${what}`);
}

export function readNationalSeries(workbook: XlsxWorkbook, fileName: string): OrgFigures {
  const daily = columnsUnder(openSheet(workbook, fileName, 'Daily Series', 'national daily figures'), /^Date$/i);
  const ctr = headingColumn(daily, /no longer meet/i, 'people not meeting the criteria to reside');
  const discharged = headingColumn(daily, /^Number of patients discharged$/i, 'people discharged');
  const remaining = headingColumn(daily, /remaining/i, 'people remaining');
  const destinations = daily.headings.filter(({ text }) => /^P[0-3]b?\s*-/i.test(text));
  const figures: OrgFigures = { org: { code: ENGLAND, name: 'ENGLAND (Type 1 Trusts)', level: 'england', region: '' }, daily: [], bedDays: [], discharges: [], longStay: [] };
  for (const { row, date } of datedRows(daily)) {
    const at = (column: number) => figureAt(daily.sheet, row, column);
    figures.daily.push({ date, ctrNotMet: at(ctr), discharged: at(discharged), remaining: at(remaining) });
    for (const { column, text } of destinations) figures.discharges.push({ grain: 'day', date, heading: text, value: at(column) });
  }
  const weekly = columnsUnder(openSheet(workbook, fileName, 'Weekly Series', 'national weekly figures'), /^Week commencing$/i);
  const cohort = (days: number) => headingColumn(weekly, new RegExp(`\\b${days}\\s*\\+\\s*days`, 'i'), `additional bed days of the ${days}+ day cohort`);
  const [days7, days14, days21] = [cohort(7), cohort(14), cohort(21)];
  const reasons = weekly.headings.filter(({ column }) => ![days7, days14, days21].includes(column));
  for (const { row, date } of datedRows(weekly)) {
    const at = (column: number) => figureAt(weekly.sheet, row, column);
    figures.bedDays.push({ weekStart: date, days7: at(days7), days14: at(days14), days21: at(days21) });
    for (const { column, text } of reasons) figures.longStay.push({ grain: 'week', date, heading: text, value: at(column) } satisfies PeriodFigure);
  }
  return figures;
}
