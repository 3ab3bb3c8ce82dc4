/**
 * PathSimR's calendar template (`metric,node,start,end,value`), read and checked as untrusted
 * input with PathSimR's upload rules, each refusal at its row and column. `cap` rows give
 * servers, `ext_arr` rows the external arrival rate per time unit. One row per node and metric
 * (start 0, end blank) is a constant; several run consecutively from 0 and repeat with period
 * `max(end)`.
 */
import { parseCsv } from '../csv/records.js';
import { ProblemList, type PathsimrProblem } from './problems.js';
import { isMissing, nodeName, rNumber } from './rValues.js';

export const CALENDAR_COLUMNS = ['metric', 'node', 'start', 'end', 'value'] as const;
export const METRICS = ['cap', 'ext_arr'] as const;
export type Metric = (typeof METRICS)[number];

export interface CalendarPeriod {
  row: number;
  start: number;
  /** Absent for a constant (a single row with a blank end). */
  end?: number;
  value: number;
}

/** A node's rows of one metric, in file order. */
export interface CalendarSeries {
  node: string;
  metric: Metric;
  periods: CalendarPeriod[];
}

export interface CalendarFile {
  series: CalendarSeries[];
  /** Rows of each node in file order, for messages that point at a node's rows. */
  rowsOf: Map<string, number[]>;
}

/** The rows that could be read (to check against the network), and every problem in the file. */
export interface CalendarRead {
  calendar?: CalendarFile;
  problems: PathsimrProblem[];
}

export function readCalendarCsv(text: string, file: string): CalendarRead {
  const problems = new ProblemList(file);
  const parsed = parseCsv(text);
  if (!parsed.ok) return { problems: [{ file, row: parsed.line, message: parsed.message }] };
  const [header, ...rows] = parsed.records;
  const headerCells = header?.cells.map((cell) => cell.trim()) ?? [];
  if (headerCells.join(',') !== CALENDAR_COLUMNS.join(',')) {
    return { problems: [{ file, row: 1, message: `the header is ${JSON.stringify(headerCells.join(','))}, where PathSimR's calendar has ${CALENDAR_COLUMNS.join(',')}` }] };
  }
  if (rows.length === 0) return { problems: [{ file, message: 'has no rows: every service point needs a cap and an ext_arr row' }] };
  const byKey = new Map<string, CalendarSeries>();
  const rowsOf = new Map<string, number[]>();
  for (const record of rows) {
    const add = (column: string | undefined, message: string) => problems.add(record.line, column, message);
    if (record.cells.length !== CALENDAR_COLUMNS.length) {
      add(undefined, `has ${record.cells.length} cells where the header has ${CALENDAR_COLUMNS.length}`);
      continue;
    }
    const [metricCell, nodeCell, startCell, endCell, valueCell] = record.cells;
    const metric = metricCell.trim();
    const node = nodeName(nodeCell);
    if (!(METRICS as readonly string[]).includes(metric)) add('metric', `${JSON.stringify(metric)} is not cap (servers) or ext_arr (external arrival rate)`);
    if (node === '') add('node', 'the node is blank');
    const start = optionalNumber(startCell, 'start', add);
    const end = optionalNumber(endCell, 'end', add);
    const value = optionalNumber(valueCell, 'value', add);
    if (isMissing(valueCell)) add('value', `the ${metric} value is missing`);
    else if (value !== undefined && value < 0) add('value', `the ${metric} value ${value} is negative`);
    if (!(METRICS as readonly string[]).includes(metric) || node === '') continue;
    rowsOf.set(node, [...(rowsOf.get(node) ?? []), record.line]);
    const key = JSON.stringify([node, metric]);
    const series = byKey.get(key) ?? { node, metric: metric as Metric, periods: [] };
    byKey.set(key, series);
    series.periods.push({ row: record.line, start: start ?? NaN, end, value: value ?? NaN });
  }
  for (const series of byKey.values()) sequenceProblems(series, problems);
  return { calendar: { series: [...byKey.values()], rowsOf }, problems: problems.problems };
}

/** A number, or undefined when blank or NA; a cell that is neither is a problem. */
function optionalNumber(cell: string, column: string, add: (column: string, message: string) => void): number | undefined {
  if (isMissing(cell)) return undefined;
  const value = rNumber(cell);
  if (value === undefined || Number.isNaN(value)) add(column, `${JSON.stringify(cell.trim())} is not a number`);
  else if (column !== 'value' && !Number.isFinite(value)) add(column, `${cell.trim()} is not a finite time`);
  return value;
}

/** PathSimR's rules for a node's rows of one metric: start at 0; several rows consecutive, ascending, with every start and end. */
function sequenceProblems(series: CalendarSeries, problems: ProblemList): void {
  const { periods, metric, node } = series;
  const first = periods[0];
  if (Number.isNaN(first.start)) problems.add(first.row, 'start', `the first ${metric} row of ${node} has no start: it must start at 0`);
  else if (first.start !== 0) problems.add(first.row, 'start', `the first ${metric} row of ${node} starts at ${first.start}: it must start at 0`);
  if (metric === 'cap' && periods.every((period) => period.value === 0)) problems.add(periods[0].row, 'value', `every cap value of ${node} is 0: it would never serve anyone`);
  if (periods.length === 1) return;
  periods.forEach((period, p) => {
    if (p > 0 && Number.isNaN(period.start)) problems.add(period.row, 'start', `${node} has several ${metric} rows, so each needs a start`);
    if (period.end === undefined) problems.add(period.row, 'end', `${node} has several ${metric} rows, so each needs an end`);
    else if (!(period.end > period.start)) problems.add(period.row, 'end', `the end ${period.end} is not after the start ${period.start}`);
    const next = periods[p + 1];
    if (next && period.end !== undefined && !Number.isNaN(next.start) && next.start !== period.end) {
      problems.add(next.row, 'start', `starts at ${next.start}, but the ${metric} row of ${node} before it (row ${period.row}) ends at ${period.end}: rows run consecutively`);
    }
  });
}
