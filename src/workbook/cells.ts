/**
 * Cell values as the cell reader (xlsx.ts) returns them, converted to what the model needs,
 * with a planner-readable reason when they cannot be.
 */
import { quoted } from './issues.js';

/**
 * A cell as the cell reader returns it, as read-excel-file did: text trimmed (never empty),
 * a number, a boolean, a Date at UTC for a number formatted as a date, or null when empty.
 */
export type CellValue = string | number | boolean | Date | null;

export type Conversion<T> = { value: T } | { problem: string };

const DAY_MS = 24 * 60 * 60 * 1000;
/** Serial day 0: 1899-12-30 in the 1900 date system (which counts a fictitious 1900-02-29), 1904-01-01 in the 1904 one. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Serials before 61 straddle Excel's fictitious 1900-02-29; no planning horizon is that old. */
const FIRST_SERIAL = 61;
/** 9999-12-31, Excel's last date. */
const LAST_SERIAL = 2958465;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const DATE_FORMS = 'use a date cell, an Excel serial number, YYYY-MM-DD or dd/mm/yyyy';

/** How a value is shown in a message: text quoted, dates as ISO, booleans as Excel shows them. */
function describeValue(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : isoDate(value.getTime());
  return String(value);
}

/**
 * A number, or digits typed as text (Excel's "number stored as text"). Only a finite one:
 * decimal text can overflow a double ("1e999" is Infinity), and an infinite value refused
 * here is refused at its own cell, not at a later cell whose check it would upset.
 */
export function toNumber(value: Exclude<CellValue, null>, column: string): Conversion<number> {
  const number = typeof value === 'number' ? value : typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : undefined;
  if (number !== undefined && Number.isFinite(number)) return { value: number };
  if (number !== undefined && !Number.isNaN(number)) return { problem: `${column} ${describeValue(value)} is not a finite number` };
  if (value instanceof Date) return { problem: `${column} holds a date (${describeValue(value)}), not a number` };
  return { problem: `${column} ${describeValue(value)} is not a number` };
}

/** Names (nodes, scenarios, measures): text, or a number typed where a name goes. */
export function toText(value: Exclude<CellValue, null>, column: string): Conversion<string> {
  if (typeof value === 'string') return { value };
  if (typeof value === 'number') return { value: String(value) };
  return { problem: `${column} ${describeValue(value)} is not text` };
}

/** An ISO date from a date cell, an Excel serial number, or ISO or dd/mm/yyyy text. */
export function toIsoDate(value: Exclude<CellValue, null>, column: string, epoch1904: boolean): Conversion<string> {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return { problem: `${column} is not a valid date` };
    if (time % DAY_MS !== 0) return { problem: `${column} ${new Date(time).toISOString()} is not a whole day` };
    return { value: isoDate(time) };
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { problem: `${column} ${value} is not a whole day` };
    if (value < FIRST_SERIAL || value > LAST_SERIAL) return { problem: `${column} ${value} is not a date: ${DATE_FORMS}` };
    return { value: isoDate((epoch1904 ? EPOCH_1904 : EPOCH_1900) + value * DAY_MS) };
  }
  if (typeof value === 'string') {
    const iso = ISO_DATE.exec(value);
    const uk = UK_DATE.exec(value);
    const date = iso ? calendarDate(+iso[1], +iso[2], +iso[3]) : uk ? calendarDate(+uk[3], +uk[2], +uk[1]) : undefined;
    if (date !== undefined) return { value: date };
  }
  return { problem: `${column} ${describeValue(value)} is not a date: ${DATE_FORMS}` };
}

/** The day after an ISO date. */
export function nextDay(date: string): string {
  return isoDate(Date.parse(`${date}T00:00:00Z`) + DAY_MS);
}

/**
 * The last time converted and its ISO date: a sheet's date column comes in runs of the same
 * day (the arrivals sheet has a row per node and scenario for each), and each conversion made
 * a Date and two strings.
 */
let lastTime = NaN;
let lastIsoDate = '';

function isoDate(time: number): string {
  if (time !== lastTime) {
    lastIsoDate = new Date(time).toISOString().slice(0, 10);
    lastTime = time;
  }
  return lastIsoDate;
}

/** The ISO date of year-month-day, or undefined when there is no such day (31/02/2023). */
function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? isoDate(date.getTime()) : undefined;
}
