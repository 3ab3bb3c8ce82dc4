/**
 * daily.parquet and summary.parquet: the figures of daily.csv and summary.csv, same columns
 * and rows, as Apache Parquet, which analysts' tools (pandas, R's arrow, DuckDB, Power BI)
 * read directly, typed and compressed. Numbers are the CSV's numbers (rounded to its 4
 * decimals, a blank as null), text is the CSV's text: a figure read from either file is the
 * same figure.
 *
 * daily.parquet is written a row group at a time as scenarios complete, so it never holds
 * more than one row group's columns however large the run.
 */
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { ScenarioKey } from '../engine/scenarios.js';
import { DAILY_COLUMNS, type MetricRow } from './daily.js';
import { csvNumber, SCENARIO_COLUMNS, scenarioFields } from './format.js';

export const DAILY_PARQUET_FILE = 'daily.parquet';
export const SUMMARY_PARQUET_FILE = 'summary.parquet';

/** Rows a row group holds: large enough to compress well, small enough to hold in memory. */
const ROW_GROUP_ROWS = 100_000;
const CREATED_BY = 'Pathflow';

type ColumnKind = 'text' | 'whole' | 'number';
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];
type ColumnSource = Parameters<ParquetWriter['write']>[0]['columnData'][number];

function schemaOf(columns: readonly (readonly [string, ColumnKind])[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map(([name, kind]): SchemaElement => {
      if (kind === 'text') return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };
      if (kind === 'whole') return { name, type: 'INT32', repetition_type: 'REQUIRED' };
      return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
    }),
  ];
}

function parquetWriter(path: string, columns: readonly (readonly [string, ColumnKind])[]): ParquetWriter {
  return new ParquetWriter({ writer: fileWriter(path), schema: schemaOf(columns), createdBy: CREATED_BY });
}

const DAILY_KINDS: readonly (readonly [string, ColumnKind])[] = DAILY_COLUMNS.map((name) => [
  name,
  (SCENARIO_COLUMNS as readonly string[]).includes(name) || name === 'date' || name === 'metric' ? 'text' : name === 'day' ? 'whole' : 'number',
]);

/**
 * How daily.parquet's columns are encoded. The library's default tries a dictionary for every
 * column, with a Map lookup a value, and for the figures it was most of the writer thread's
 * time (national workbook: 8 of 51 s) for a file 4 % smaller than PLAIN pages compressed by
 * Snappy, as rounded figures compress well. The text and the day repeat a few names, dates
 * and metrics over thousands of rows, so a dictionary always pays there: asked for, the
 * library skips its sampling and size checks.
 */
function dailyEncoding(kind: ColumnKind): Pick<ColumnSource, 'encoding'> {
  return { encoding: kind === 'number' ? 'PLAIN' : 'RLE_DICTIONARY' };
}

/**
 * Which of daily.parquet's column chunks carry min/max statistics: the scenario's columns only.
 * A row group holds whole scenarios in daily.csv's order, so a reader looking for a node or a
 * scenario skips the groups whose range misses it; every group holds every day, date and
 * metric, and figures of every metric mixed (counts, costs in pounds), so their ranges rule
 * out no group. Working them out was the writer thread's largest item on the national
 * workbook (3.1 of its 21 busy seconds, mostly comparing dates and metric names as text).
 */
function dailyStatistics(name: string): Pick<ColumnSource, 'statistics'> {
  return { statistics: (SCENARIO_COLUMNS as readonly string[]).includes(name) };
}

/**
 * A null figure (a blank in the CSV) while it is buffered: csvNumber never gives NaN, so NaN
 * can stand for it in a Float64Array.
 */
const NULL_FIGURE = NaN;

/** The CSV's number as a double, -0 as 0 (its text is 0), a blank as NULL_FIGURE. */
function bufferedFigure(value: number): number {
  const figure = csvNumber(value);
  return figure === null ? NULL_FIGURE : figure + 0;
}

/**
 * daily.parquet, streamed: a scenario's rows are added in daily.csv's order, column by column
 * into buffers kept from one row group to the next. The figures go to the library as
 * Float64Arrays and the day as an Int32Array: as arrays of boxed numbers pushed a row at a
 * time they were 15 of the writer thread's 51 s on the national workbook, and its collector's
 * work most of 7 s more.
 */
export class DailyParquet {
  private readonly writer: ParquetWriter;
  /** Rows the buffers hold, grown as scenarios come, to at most a row group and a scenario. */
  private capacity = 0;
  private rows = 0;
  /** The scenario's fields, then the date and the metric. */
  private readonly texts: string[][] = Array.from({ length: SCENARIO_COLUMNS.length + 2 }, () => []);
  private days = new Int32Array(0);
  private readonly figureCount = DAILY_COLUMNS.length - SCENARIO_COLUMNS.length - 3;
  private figures = Array.from({ length: this.figureCount }, () => new Float64Array(0));
  /** Whether a figure column of the row group being buffered holds a null. */
  private readonly hasNull = new Array<boolean>(this.figureCount).fill(false);

  constructor(
    path: string,
    private readonly dates: readonly string[],
  ) {
    this.writer = parquetWriter(path, DAILY_KINDS);
  }

  finish(): void {
    this.flush();
    this.writer.finish();
  }

  /** The scenario's rows, when its turn in the file comes. */
  add(key: ScenarioKey, rows: readonly MetricRow[]): void {
    const metrics = rows.length;
    const days = this.dates.length;
    const start = this.rows;
    const end = start + days * metrics;
    this.reserve(end, end - start);
    const fields = scenarioFields(key);
    for (let c = 0; c < fields.length; c++) this.texts[c].fill(fields[c], start, end);
    const dateColumn = this.texts[fields.length];
    const metricColumn = this.texts[fields.length + 1];
    for (let d = 0; d < days; d++) {
      const dayStart = start + d * metrics;
      this.days.fill(d + 1, dayStart, dayStart + metrics);
      dateColumn.fill(this.dates[d], dayStart, dayStart + metrics);
      for (let m = 0; m < metrics; m++) metricColumn[dayStart + m] = rows[m][0];
    }
    for (let m = 0; m < metrics; m++) {
      const { mean, quantiles } = rows[m][1];
      this.addFigures(0, mean, start + m, metrics, days);
      for (let q = 0; q < this.figureCount - 1; q++) this.addFigures(q + 1, quantiles[q], start + m, metrics, days);
    }
    this.rows = end;
    // Whole scenarios to a row group, as before the buffers: the group closes once it is full.
    if (this.rows >= ROW_GROUP_ROWS) this.flush();
  }

  /** A metric's daily figures into column `f`, a row every `stride` from `first`. */
  private addFigures(f: number, daily: Float64Array, first: number, stride: number, days: number): void {
    const column = this.figures[f];
    let nulls = false;
    for (let d = 0, at = first; d < days; d++, at += stride) {
      const figure = bufferedFigure(daily[d]);
      column[at] = figure;
      nulls ||= figure !== figure;
    }
    if (nulls) this.hasNull[f] = true;
  }

  /**
   * Room for `rows` rows, grown by doubling up to what a row group can reach: a group closes
   * once it has ROW_GROUP_ROWS, so it holds at most one scenario more than that.
   */
  private reserve(rows: number, scenarioRows: number): void {
    if (rows > this.capacity) {
      this.capacity = Math.max(rows, Math.min(2 * this.capacity, ROW_GROUP_ROWS - 1 + scenarioRows));
      const days = new Int32Array(this.capacity);
      days.set(this.days);
      this.days = days;
      this.figures = this.figures.map((old) => {
        const grown = new Float64Array(this.capacity);
        grown.set(old);
        return grown;
      });
    }
    // The text buffers are also cut to a group's length when it is written (flush). Pushed, so
    // that V8 keeps the elements packed (no holes to check on every read).
    if (this.texts[0].length < rows) for (const column of this.texts) while (column.length < this.capacity) column.push('');
  }

  private flush(): void {
    const rows = this.rows;
    if (rows === 0) return;
    // The text buffers go to the library cut to the group's length, not copied: a slice of
    // nine columns of 100,000 strings a group was the writer thread's largest item of our own
    // on the national workbook (2.8 of its 24.5 busy seconds, and garbage for the collector),
    // where cutting and growing back (reserve, when the next group needs the room) costs about
    // a thousandth of that. Cutting a little off keeps the array's memory, so growing back
    // copies nothing.
    for (const column of this.texts) column.length = rows;
    const data: ColumnSource['data'][] = [
      ...this.texts.slice(0, SCENARIO_COLUMNS.length),
      this.days.subarray(0, rows),
      ...this.texts.slice(SCENARIO_COLUMNS.length),
      ...this.figures.map((column, f) => (this.hasNull[f] ? nullsRestored(column.subarray(0, rows)) : column.subarray(0, rows))),
    ];
    const columnData = DAILY_KINDS.map(([name, kind], c): ColumnSource => ({ name, data: data[c], ...dailyEncoding(kind), ...dailyStatistics(name) }));
    // fileWriter writes synchronously, so the buffers are free again once write returns.
    void this.writer.write({ columnData, rowGroupSize: rows });
    this.rows = 0;
    this.hasNull.fill(false);
  }
}

/** A figure column with a null as the library takes it: an array, null where NULL_FIGURE stands. */
function nullsRestored(column: Float64Array): (number | null)[] {
  return Array.from(column, (figure) => (figure === figure ? figure : null));
}

/**
 * summary.parquet from summary.csv's fields (before quoting): `textColumns` as text, every
 * other column a number or null. One row group; a row per scenario, so small.
 */
export function writeSummaryParquet(path: string, columns: readonly string[], rows: readonly string[][], textColumns: ReadonlySet<string>): void {
  const kinds = columns.map((name) => [name, textColumns.has(name) ? 'text' : 'number'] as const);
  const writer = parquetWriter(path, kinds);
  if (rows.length > 0) {
    const columnData = kinds.map(([name, kind], c) => ({
      name,
      data: rows.map((row) => (kind === 'text' ? row[c] : row[c] === '' ? null : Number(row[c]))),
    }));
    void writer.write({ columnData, rowGroupSize: rows.length });
  }
  writer.finish();
}
