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

/** A Parquet file written in row groups from columns filled a row at a time. */
class ParquetTable {
  private readonly writer: ParquetWriter;
  private readonly output: ReturnType<typeof fileWriter>;
  private buffered: unknown[][];

  constructor(
    path: string,
    private readonly columns: readonly (readonly [string, ColumnKind])[],
  ) {
    this.output = fileWriter(path);
    this.writer = new ParquetWriter({ writer: this.output, schema: schemaOf(columns), createdBy: CREATED_BY });
    this.buffered = columns.map(() => []);
  }

  /** Column `c`'s buffered values, to push a row's value onto. */
  column(c: number): unknown[] {
    return this.buffered[c];
  }

  /** Writes a row group once enough rows are buffered. */
  rowsAdded(): void {
    if (this.buffered[0].length >= ROW_GROUP_ROWS) this.flush();
  }

  finish(): void {
    this.flush();
    this.writer.finish();
  }

  private flush(): void {
    if (this.buffered[0].length === 0) return;
    const columnData = this.columns.map(([name], c) => ({ name, data: this.buffered[c] }));
    void this.writer.write({ columnData, rowGroupSize: this.buffered[0].length });
    this.buffered = this.columns.map(() => []);
  }
}

const DAILY_KINDS: readonly (readonly [string, ColumnKind])[] = DAILY_COLUMNS.map((name) => [
  name,
  (SCENARIO_COLUMNS as readonly string[]).includes(name) || name === 'date' || name === 'metric' ? 'text' : name === 'day' ? 'whole' : 'number',
]);

/** daily.parquet, streamed: a scenario's rows are added in daily.csv's order. */
export class DailyParquet {
  private readonly table: ParquetTable;

  constructor(
    path: string,
    private readonly dates: readonly string[],
  ) {
    this.table = new ParquetTable(path, DAILY_KINDS);
  }

  finish(): void {
    this.table.finish();
  }

  /** The scenario's rows, when its turn in the file comes. */
  add(key: ScenarioKey, rows: readonly MetricRow[]): void {
    const fields = scenarioFields(key);
    const figures = DAILY_COLUMNS.length - SCENARIO_COLUMNS.length - 3;
    const columns = DAILY_COLUMNS.map((_, c) => this.table.column(c));
    for (let d = 0; d < this.dates.length; d++) {
      for (const [metric, summary] of rows) {
        fields.forEach((field, c) => columns[c].push(field));
        let c = fields.length;
        columns[c++].push(d + 1);
        columns[c++].push(this.dates[d]);
        columns[c++].push(metric);
        columns[c++].push(csvNumber(summary.mean[d]));
        for (let q = 0; q < figures - 1; q++) columns[c++].push(csvNumber(summary.quantiles[q][d]));
      }
    }
    this.table.rowsAdded();
  }
}

/**
 * summary.parquet from summary.csv's fields (before quoting): `textColumns` as text, every
 * other column a number or null.
 */
export function writeSummaryParquet(path: string, columns: readonly string[], rows: readonly string[][], textColumns: ReadonlySet<string>): void {
  const kinds = columns.map((name) => [name, textColumns.has(name) ? 'text' : 'number'] as const);
  const table = new ParquetTable(path, kinds);
  for (const row of rows) {
    row.forEach((field, c) => table.column(c).push(kinds[c][1] === 'text' ? field : field === '' ? null : Number(field)));
  }
  table.finish();
}
