/**
 * CSV text for planners' spreadsheets: RFC 4180 quoting, and numbers with enough digits
 * for analysis but not the noise of seventeen.
 */

import type { ScenarioKey } from '../engine/scenarios.js';

/** The columns that identify a scenario, first in daily.csv and summary.csv alike. */
export const SCENARIO_COLUMNS = ['scenario', 'node', 'pathway', 'locality', 'capacity_scenario', 'los_scenario', 'arrival_scenario'] as const;

/** A scenario's names as CSV text: each neutralised (see neutraliseFormula), not yet quoted. */
export function scenarioFields(key: ScenarioKey): string[] {
  // A literal, not `.map()`: an array made by map is holey while map runs in the interpreter
  // and packed once V8 has inlined it, and code compiled for one kind was thrown away at the
  // other (the writer thread's daily.csv and replications.csv rows, 3-5 compiles each).
  return [
    neutraliseFormula(key.id),
    neutraliseFormula(key.node),
    neutraliseFormula(key.pathway),
    neutraliseFormula(key.locality),
    neutraliseFormula(key.capacityScenario),
    neutraliseFormula(key.losScenario),
    neutraliseFormula(key.arrivalScenario),
  ];
}

/**
 * Text that a spreadsheet opening the CSV would run as a formula: OWASP's list of first
 * characters (`=`, `+`, `-`, `@`, tab, carriage return). Names come from workbooks, links and
 * model files that anyone may have written, and `=HYPERLINK(...)` or `+cmd|...` in a locality
 * would otherwise be live in every row of daily.csv. Apostrophes before such a character are
 * looked through, so that text which already starts `'=` is marked too and the mark can be
 * undone exactly (restoreFormula).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * The one rule for every text field Pathflow writes to a CSV: text a spreadsheet would take
 * as a formula gets a leading `'`, which spreadsheets read as "this is text". Only text goes
 * through it, never a number (a negative figure is a number, not a formula); ordinary names
 * come out unchanged. The CSV quoting (csvField, quoteR) comes after.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula, for reading Pathflow's own CSVs back: the text as the user wrote it. */
export function restoreFormula(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

const DECIMALS = 4;
const SCALE = 10 ** DECIMALS;
/**
 * `.0001` ... `.9999` with trailing zeros dropped (and '' for 0), indexed by the fraction in
 * ten-thousandths, each made when first asked for: all ten thousand built as the module
 * loaded took 17-25 ms of a cold start on every thread that imports this file (the main
 * thread, for summary.csv's hundred-odd rows, as well as the writer thread).
 */
const FRACTIONS: Array<string | undefined> = new Array<string | undefined>(SCALE);
FRACTIONS[0] = '';

function fractionText(fraction: number): string {
  return (FRACTIONS[fraction] ??= '.' + String(fraction).padStart(DECIMALS, '0').replace(/0+$/, ''));
}

/**
 * A number rounded to 4 decimal places (halves upwards, as Math.round rounds them),
 * without trailing zeros; NaN and infinities become empty cells (NA), which spreadsheets
 * read as blanks. Built from a whole number and a table of fractions: this runs for every
 * figure of daily.csv, and turning a fractional double into text is several times slower.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  const scaled = Math.round(value * SCALE);
  if (!Number.isSafeInteger(scaled)) return String(scaled / SCALE);
  const negative = scaled < 0;
  const magnitude = negative ? -scaled : scaled;
  const whole = Math.floor(magnitude / SCALE);
  const fraction = magnitude - whole * SCALE;
  if (negative && (whole !== 0 || fraction !== 0)) return '-' + whole + fractionText(fraction);
  return whole + fractionText(fraction);
}

/**
 * The number a reader of formatNumber's text gets back (null for its blank): what a typed
 * format (Parquet) stores so that its figures equal the CSV's.
 */
export function csvNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  const scaled = Math.round(value * SCALE);
  // + 0: the text of a negative zero is 0.
  return Number.isSafeInteger(scaled) ? scaled / SCALE + 0 : Number(formatNumber(value));
}

const FRACTION_STRIDE = DECIMALS + 1;
const DIGIT_ZERO = 48;
const MINUS = 45;
const POINT = 46;
const FRACTION_BYTES = new Uint8Array(SCALE * FRACTION_STRIDE);
const FRACTION_LENGTHS = new Uint8Array(SCALE);
// Digit by digit rather than from fractionText's strings: ten thousand strings made and
// dropped here cost a cold start 17-25 ms, these loops 3-4 ms.
for (let fraction = 1; fraction < SCALE; fraction++) {
  let digits = DECIMALS;
  let rest = fraction;
  while (rest % 10 === 0) {
    rest /= 10;
    digits--;
  }
  const at = fraction * FRACTION_STRIDE;
  FRACTION_BYTES[at] = POINT;
  for (let i = digits; i >= 1; i--) {
    FRACTION_BYTES[at + i] = DIGIT_ZERO + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  FRACTION_LENGTHS[fraction] = digits + 1;
}

/** Longest text writeNumberAt writes: String() of a double is at most 24 characters. */
export const MAX_NUMBER_BYTES = 24;

/**
 * Writes formatNumber(values[index]) as ASCII into `out` at `at`, returning the end. For the
 * long files (daily.csv has 1.5 million figures on the IPACS sample): building the same text
 * as strings and joining them cost more than the figures themselves. The figure is read here,
 * not passed in: a double handed to a function V8 does not inline is boxed into a fresh heap
 * number, and daily.csv's were 268 MB of them on the national workbook (the writer thread's
 * largest garbage, sampled in process).
 */
export function writeNumberAt(out: Uint8Array, at: number, values: ArrayLike<number>, index: number): number {
  const value = values[index];
  if (!Number.isFinite(value)) return at;
  const scaled = Math.round(value * SCALE);
  // Outside this range formatNumber's arithmetic or String() take over: rare, done as text.
  if (!(Math.abs(value) < 2 ** 31) || !Number.isSafeInteger(scaled)) return writeAscii(out, at, formatNumber(value));
  if (Number.isInteger(value)) return writeWhole(out, at, value);
  const negative = scaled < 0;
  const magnitude = negative ? -scaled : scaled;
  const whole = Math.floor(magnitude / SCALE);
  const fraction = magnitude - whole * SCALE;
  if (negative && (whole !== 0 || fraction !== 0)) out[at++] = MINUS;
  at = writeWhole(out, at, whole);
  return writeFraction(out, at, fraction);
}

/** `.0001` ... `.9999` for `fraction` in ten-thousandths, trailing zeros dropped (nothing for 0). */
export function writeFraction(out: Uint8Array, at: number, fraction: number): number {
  const length = FRACTION_LENGTHS[fraction];
  for (let i = 0; i < length; i++) out[at + i] = FRACTION_BYTES[fraction * FRACTION_STRIDE + i];
  return at + length;
}

/** `00` ... `99` as ASCII pairs: whole numbers are written two digits a division. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => DIGIT_ZERO + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10));

/** A whole number below 2^31 in magnitude, as String() writes it (so -0 is "0"). */
export function writeWhole(out: Uint8Array, at: number, value: number): number {
  let magnitude = value;
  if (value < 0) {
    out[at++] = MINUS;
    magnitude = -value;
  }
  const digits = magnitude < 10 ? 1 : magnitude < 100 ? 2 : magnitude < 1000 ? 3 : magnitude < 10000 ? 4 : Math.floor(Math.log10(magnitude)) + 1;
  let end = at + digits;
  while (magnitude >= 100) {
    const next = Math.floor(magnitude / 100);
    const pair = (magnitude - next * 100) * 2;
    out[--end] = DIGIT_PAIRS[pair + 1];
    out[--end] = DIGIT_PAIRS[pair];
    magnitude = next;
  }
  if (magnitude >= 10) {
    out[--end] = DIGIT_PAIRS[magnitude * 2 + 1];
    out[--end] = DIGIT_PAIRS[magnitude * 2];
  } else {
    out[--end] = DIGIT_ZERO + magnitude;
  }
  return at + digits;
}

/** Text known to be ASCII (numbers, dates, metric names), byte for character. */
export function writeAscii(out: Uint8Array, at: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
  return at + text.length;
}

export const COMMA = 44;
export const NEWLINE = 10;

/** `bytes` copied in at `at`; returns the end. A byte loop: set() costs more than it saves on a few dozen bytes. */
export function writeBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[at + i] = bytes[i];
  return at + bytes.length;
}

/**
 * Day `d`'s mean and then each quantile, comma-separated. The quantiles of a day are mostly
 * equal to the figure before them (counts of a few patients, levels that never moved), and the
 * same value is the same text: copied, not formatted again.
 */
export function writeMeanAndQuantiles(out: Uint8Array, at: number, mean: ArrayLike<number>, quantiles: readonly ArrayLike<number>[], d: number): number {
  let previous = mean[d];
  let previousStart = at;
  at = writeNumberAt(out, at, mean, d);
  let previousEnd = at;
  for (let q = 0; q < quantiles.length; q++) {
    out[at++] = COMMA;
    const row = quantiles[q];
    const value = row[d];
    if (value === previous) {
      for (let i = previousStart; i < previousEnd; i++) out[at++] = out[i];
      continue;
    }
    previous = value;
    previousStart = at;
    at = writeNumberAt(out, at, row, d);
    previousEnd = at;
  }
  return at;
}

let scratch = new Uint8Array(0);

/**
 * A buffer of at least `bytes`, reused by every caller: the long files' rows are written into
 * it at their longest bound, several times the text, and copied out; a fresh zeroed array that
 * size per scenario cost more than the copy of what was written. Valid until the next call.
 */
export function scratchOf(bytes: number): Uint8Array {
  if (scratch.length < bytes) scratch = new Uint8Array(bytes);
  return scratch;
}

const textEncoder = new TextEncoder();
let lastTexts: readonly string[] | undefined;
let lastEncoded: Uint8Array[] = [];

/**
 * `texts` as UTF-8, one array each, remembered for the last array asked about: a run's dates
 * go into every scenario's rows, and encoding 182 of them afresh for each of the national
 * workbook's scenarios cost more than half a second.
 */
export function encodedTexts(texts: readonly string[]): readonly Uint8Array[] {
  if (texts !== lastTexts) {
    lastEncoded = texts.map((text) => textEncoder.encode(text));
    lastTexts = texts;
  }
  return lastEncoded;
}
