/**
 * PathSimR's network template, read and checked as untrusted input. Columns by position, with
 * N names: the name; N transition probabilities; serv_dist, serv_dist_param, ext_queue,
 * int_queue; N delay distributions; N delay parameters. Service points come first, then exits,
 * whose rows are empty (NA). Every rule PathSimR's upload check applies is applied here, each
 * refusal at its row and column, plus what R itself would fail on (an unknown distribution, a
 * row of the wrong length).
 */
import { isPathsimrFamily, parseParameters, PATHSIMR_FAMILIES, type PathsimrFamily } from './distributions.js';
import { parseCsv, type CsvRecord } from '../csv/records.js';
import { ProblemList, type PathsimrProblem } from './problems.js';
import { isMissing, nodeName, rNumber } from './rValues.js';

export const FIXED_COLUMNS = ['serv_dist', 'serv_dist_param', 'ext_queue', 'int_queue'] as const;

/** PathSimR's `near(x, 1)`: dplyr's tolerance, the square root of the double epsilon. */
export const ROW_SUM_TOLERANCE = Math.sqrt(2 ** -52);

export interface TimeDistribution {
  family: PathsimrFamily;
  values: number[];
}

export interface ServicePointRow {
  name: string;
  row: number;
  /** Probability to each name, in the file's order. */
  probabilities: number[];
  service: TimeDistribution;
  extQueue: number;
  intQueue: number;
  /** Transfer delay to each name, where one is given. */
  delays: (TimeDistribution | undefined)[];
}

export interface NetworkFile {
  names: string[];
  /** The rows that are correct; every service point's name and row is in `pointNames`. */
  servicePoints: ServicePointRow[];
  pointNames: { name: string; row: number }[];
  exits: { name: string; row: number }[];
  /** Header names of the probability columns that differ from the row names (PathSimR uses the row names). */
  headerMismatches: { column: number; header: string; name: string }[];
}

/** The file, when its layout could be read (to check the calendar against), and every problem in it. */
export interface NetworkRead {
  network?: NetworkFile;
  problems: PathsimrProblem[];
}

export function readNetworkCsv(text: string, file: string): NetworkRead {
  const problems = new ProblemList(file);
  const parsed = parseCsv(text);
  if (!parsed.ok) return { problems: [{ file, row: parsed.line, message: parsed.message }] };
  const [header, ...rows] = parsed.records;
  if (!header || rows.length === 0) return { problems: [{ file, message: 'has no rows: a network template has a header and one row per service point and exit' }] };
  const names = rows.map((record) => nodeName(record.cells[0] ?? ''));
  const n = names.length;
  const layout = layoutProblem(header, n);
  if (layout) {
    problems.add(header.line, undefined, layout);
    return { problems: problems.problems };
  }
  const columnName = (c: number) => columnLabel(header, c, names);
  const seen = new Map<string, number>();
  rows.forEach((record, r) => {
    if (names[r] === '') problems.add(record.line, columnName(0), 'the name is blank');
    else if (seen.has(names[r])) problems.add(record.line, columnName(0), `${names[r]} is also the name of row ${seen.get(names[r])}`);
    else seen.set(names[r], record.line);
    if (record.cells.length !== header.cells.length) problems.add(record.line, undefined, `has ${record.cells.length} cells where the header has ${header.cells.length}`);
  });
  if (problems.problems.length > 0) return { problems: problems.problems };

  const pointNames: { name: string; row: number }[] = [];
  const servicePoints: ServicePointRow[] = [];
  const exits: { name: string; row: number }[] = [];
  rows.forEach((record, r) => {
    const isExit = record.cells.slice(1, n + 1).every(isMissing);
    if (isExit) {
      const filled = record.cells.findIndex((cell, c) => c > 0 && !isMissing(cell));
      if (filled !== -1) problems.add(record.line, columnName(filled), `${names[r]} has no transition probabilities, so it is an exit, and an exit's row is empty (NA); this cell is not`);
      exits.push({ name: names[r], row: record.line });
      return;
    }
    pointNames.push({ name: names[r], row: record.line });
    if (exits.length > 0) problems.add(record.line, columnName(0), `${names[r]} is a service point after the exit ${exits[0].name} (row ${exits[0].row}): PathSimR needs service points first, then exits`);
    const point = servicePoint(record, names, columnName, problems);
    if (point) servicePoints.push(point);
  });
  if (pointNames.length === 0) problems.add(undefined, undefined, 'has no service point: every row is an exit');
  const headerMismatches = names.flatMap((name, j) => (nodeName(header.cells[j + 1]) === name ? [] : [{ column: j + 1, header: header.cells[j + 1], name }]));
  return { network: { names, servicePoints, pointNames, exits, headerMismatches }, problems: problems.problems };
}

/** The header's shape for N names: the four fixed columns where PathSimR reads them, 3N + 5 columns in all. */
function layoutProblem(header: CsvRecord, n: number): string | undefined {
  const cells = header.cells.map((cell) => cell.trim());
  const servDist = cells.indexOf('serv_dist');
  if (servDist === -1) return 'has no serv_dist column: a PathSimR network template has the names, then serv_dist, serv_dist_param, ext_queue and int_queue';
  if (servDist !== n + 1) return `has ${servDist - 1} transition columns before serv_dist for ${n} rows: the transition matrix is square, one column per row`;
  for (const [i, name] of FIXED_COLUMNS.entries()) {
    if (cells[n + 1 + i] !== name) return `column ${n + 2 + i} is ${JSON.stringify(header.cells[n + 1 + i] ?? '')}, where PathSimR expects ${name}`;
  }
  if (cells.length !== 3 * n + 5) return `has ${cells.length} columns where ${n} rows need ${3 * n + 5}: the name, ${n} transition probabilities, the four service columns, ${n} delay distributions and ${n} delay parameters`;
  return undefined;
}

/** The header of column c, or for unnamed and delay columns a name the analyst recognises. */
function columnLabel(header: CsvRecord, c: number, names: readonly string[]): string {
  const n = names.length;
  if (c === 0) return 'name';
  if (c <= n) return names[c - 1];
  if (c <= n + 4) return FIXED_COLUMNS[c - n - 1];
  if (c <= 2 * n + 4) return `${names[c - n - 5]}_delay_dist`;
  return `${names[c - 2 * n - 5]}_delay_params`;
}

function servicePoint(record: CsvRecord, names: readonly string[], columnName: (c: number) => string, problems: ProblemList): ServicePointRow | undefined {
  const n = names.length;
  const name = nodeName(record.cells[0]);
  const before = problems.problems.length;
  const add = (c: number, message: string) => problems.add(record.line, columnName(c), message);
  const probabilities = names.map((_, j) => {
    const cell = record.cells[j + 1];
    if (isMissing(cell)) {
      add(j + 1, 'the transition probability is missing (NA): give 0 or a value from 0 to 1');
      return 0;
    }
    const value = rNumber(cell);
    if (value === undefined || !(value >= 0 && value <= 1)) add(j + 1, `the transition probability ${JSON.stringify(cell.trim())} is not a number from 0 to 1`);
    return value ?? 0;
  });
  if (problems.problems.length === before) {
    const sum = probabilities.reduce((total, p) => total + p, 0);
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) problems.add(record.line, undefined, `the transition probabilities of ${name} sum to ${Number(sum.toPrecision(12))}, not 1`);
  }
  const service = distribution(record.cells[n + 1], record.cells[n + 2], { dist: n + 1, params: n + 2 }, 'service distribution', add);
  const extQueue = queue(record.cells[n + 3], n + 3, 'external', add);
  const intQueue = queue(record.cells[n + 4], n + 4, 'internal', add);
  const delays = names.map((_, j) => {
    const distColumn = n + 5 + j;
    const paramsColumn = 2 * n + 5 + j;
    const dist = record.cells[distColumn];
    const params = record.cells[paramsColumn];
    if (isMissing(dist) && isMissing(params)) return undefined;
    if (isMissing(dist)) {
      add(distColumn, `the delay to ${names[j]} has parameters (${JSON.stringify(params.trim())}) but no distribution`);
      return undefined;
    }
    return distribution(dist, params, { dist: distColumn, params: paramsColumn }, `delay distribution to ${names[j]}`, add);
  });
  if (problems.problems.length > before || !service) return undefined;
  return { name, row: record.line, probabilities, service, extQueue, intQueue, delays };
}

function distribution(distCell: string, paramsCell: string, columns: { dist: number; params: number }, what: string, add: (c: number, message: string) => void): TimeDistribution | undefined {
  if (isMissing(distCell)) {
    add(columns.dist, `the ${what} is missing`);
    return undefined;
  }
  const family = distCell.trim();
  if (!isPathsimrFamily(family)) {
    add(columns.dist, `${JSON.stringify(family)} is not a distribution PathSimR has (${PATHSIMR_FAMILIES.join(', ')})`);
    return undefined;
  }
  if (isMissing(paramsCell)) {
    add(columns.params, `the parameters of the ${what} (${family}) are missing`);
    return undefined;
  }
  const parsed = parseParameters(family, paramsCell);
  if (!parsed.ok) {
    add(columns.params, parsed.message);
    return undefined;
  }
  return { family, values: parsed.values };
}

/** A queue size: a whole number from 0, or Inf. */
function queue(cell: string, column: number, which: string, add: (c: number, message: string) => void): number {
  if (isMissing(cell)) {
    add(column, `the ${which} queue size is missing: give a whole number from 0, or Inf`);
    return 0;
  }
  const value = rNumber(cell);
  if (value === undefined || !(value >= 0) || (Number.isFinite(value) && !Number.isInteger(value))) {
    add(column, `the ${which} queue size ${JSON.stringify(cell.trim())} is not a whole number from 0, or Inf`);
    return 0;
  }
  return value;
}
