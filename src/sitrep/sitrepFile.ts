/**
 * One NHS England discharge sitrep webfile, from its bytes: the acute monthly file (Tables 1
 * to 5), the community monthly file (the same tables, read by the same headings), or the
 * acute national time series (latest_time_series.xlsx, nationalSeries.ts). Any file Pathflow
 * cannot read completely is refused with the file, sheet and cell.
 */
import { openWorkbookFile } from '../workbook/container.js';
import { fflateArchive } from '../workbook/fflateArchive.js';
import { XlsxError, type XlsxWorkbook } from '../workbook/xlsx.js';
import { readBedDaysTable, readDailyTable, readHeadedTable, key, type DailyFigures, type WeeklyBedDays } from './acuteTables.js';
import { readCover, readNonSubmitters, type Cover, type NonSubmitters } from './coverSheet.js';
import { readNationalSeries } from './nationalSeries.js';
import type { SitrepOrg } from './orgTable.js';
import { openSheet, SitrepError } from './sitrepGrid.js';

export type SitrepKind = 'acute' | 'community' | 'acute national series';

/** A figure for a period: a Table 4 destination or a Table 5 reason. */
export interface PeriodFigure {
  grain: 'day' | 'week' | 'month';
  date: string;
  heading: string;
  value: number;
}

export interface OrgFigures {
  org: SitrepOrg;
  daily: DailyFigures[];
  bedDays: WeeklyBedDays[];
  /** Discharges by destination (Table 4 heading). */
  discharges: PeriodFigure[];
  /** People in hospital 14+ days not discharged, by reason (Table 5 heading): the period's daily average. */
  longStay: PeriodFigure[];
}

export interface SitrepFile {
  fileName: string;
  kind: SitrepKind;
  cover: Cover;
  nonSubmitters: NonSubmitters[];
  /** England first, then regions, ICBs and trusts, in the file's order. */
  orgs: OrgFigures[];
}

/** Far larger than any sitrep webfile (the largest is about 1 MB). */
export const MAX_SITREP_BYTES = 50 * 1024 * 1024;

export function readSitrepFile(data: Uint8Array, fileName: string): SitrepFile {
  const opened = openWorkbookFile(data, MAX_SITREP_BYTES, fflateArchive);
  if (!opened.ok) throw new SitrepError(`${fileName}: ${opened.message.replace('the parameters must be an .xlsx workbook with the IPACS sheets', 'a sitrep must be an .xlsx workbook')}`);
  try {
    return readOpened(opened.file, fileName);
  } catch (error) {
    if (error instanceof XlsxError) throw new SitrepError(`${fileName}: the workbook cannot be read: ${error.message}`);
    throw error;
  }
}

function readOpened(workbook: XlsxWorkbook, fileName: string): SitrepFile {
  const cover = readCover(openSheet(workbook, fileName, 'Cover Sheet', 'the title, period and publication date'));
  // Some monthly files carry a national series as well: their tables come first.
  const has = (name: RegExp) => workbook.sheetNames.some((sheet) => name.test(sheet.trim()));
  if (has(/^Daily Series$/i) && !has(/^Table 2$/i)) {
    return { fileName, kind: 'acute national series', cover, nonSubmitters: [], orgs: [readNationalSeries(workbook, fileName)] };
  }
  const kind: SitrepKind = /community/i.test(cover.title) ? 'community' : 'acute';
  const sheet = (number: number, what: string) => openSheet(workbook, fileName, `Table ${number}`, what);
  const nonSubmitters = readNonSubmitters(sheet(1, 'organisations that did not submit'));
  const daily = readDailyTable(sheet(2, 'patients not meeting the criteria to reside, per day'));
  const bedDays = readBedDaysTable(sheet(3, 'additional bed days, per week'));
  const destinations = readHeadedTable(sheet(4, "the month's discharges by destination"), 4);
  const reasons = readHeadedTable(sheet(5, 'people staying 14+ days by reason'), 5);
  const monthOf = (found: string | undefined) => found ?? `${cover.from.slice(0, 7)}-01`;
  // June 2022's 19th reads 0 everywhere while Table 1 says no data was submitted: no data it is.
  const noData = new Set(nonSubmitters.filter((day) => day.note !== undefined).map((day) => day.date));
  const orgs = daily.table.rows.map(({ org }): OrgFigures => {
    const at = key(org.level, org.code);
    return {
      org,
      daily: (daily.figures.get(at) ?? []).map((day) => (noData.has(day.date) ? { date: day.date, ctrNotMet: NaN, discharged: NaN, remaining: NaN } : day)),
      bedDays: bedDays.get(at) ?? [],
      discharges: (destinations.figures.get(at) ?? []).map(({ heading, value }) => ({ grain: 'month', date: monthOf(destinations.month), heading, value })),
      longStay: (reasons.figures.get(at) ?? []).map(({ heading, value }) => ({ grain: 'month', date: monthOf(reasons.month), heading, value })),
    };
  });
  return { fileName, kind, cover, nonSubmitters, orgs };
}
