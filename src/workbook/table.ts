/**
 * A sheet of the workbook with its header understood, and the reader of its data rows: each
 * cell converted, or its problem reported at its sheet!cell. Shared by the IPACS sheets
 * (read.ts) and the network sheets (networkSheets.ts).
 */
import { boundProblem, type NumberBound } from '../engine/bounds.js';
import { pathwayOf } from '../engine/model.js';
import { toIsoDate, toNumber, toText, type CellValue, type Conversion } from './cells.js';
import type { WorkbookFile } from './container.js';
import { columnLetter, quoted, type WorkbookIssue } from './issues.js';
import type { SheetRow } from './xlsx.js';

const NODE_FORM = 'P1_<locality>, P2_<locality> or P3_<locality>';

export interface IssueLog {
  errors: WorkbookIssue[];
  warnings: WorkbookIssue[];
}

/** Names are matched as the format promises: case-insensitively, surrounding spaces trimmed. */
export function normalise(name: string): string {
  return name.trim().toLowerCase();
}

type KeyRows = Map<string, KeyRows | number>;

/** One of the model's sheets, its header understood. */
export class Table {
  rows: RowReader[] = [];
  /** Each valid node's first row, to check the sheet's nodes against arrivals. */
  readonly firstRowOfNode = new Map<string, RowReader>();
  /** The first row of each scenario the descriptions sheet describes. */
  readonly keys = new Map<string, number>();
  /**
   * The first row of each key `isDuplicate` was given, by the key's parts in turn: a map for
   * each part but the last (a sheet's keys all have the same parts). The parts are strings
   * the sheet already holds, so each look-up hashes no new string; a key spelt out as JSON
   * was a string made and hashed for every row.
   */
  readonly firstRowOfKey: KeyRows = new Map();
  /** Nodes declared in the `nodes` sheet, whose ids need not be P1/P2/P3_<locality>. */
  declaredNodes: ReadonlySet<string> = new Set();
  /** Invalid node names already reported, so that each is reported once, with its row count. */
  private readonly badNodes = new Map<string, { issue: WorkbookIssue; rows: number }>();

  constructor(
    readonly name: string,
    /** Known columns, by their name in COLUMNS, to 0-based index. */
    private readonly columns: Map<string, number>,
    /** Cells that read as empty but are not (xlsx.ts), by reference. */
    readonly unreadable: Map<string, string>,
    readonly epoch1904: boolean,
    readonly log: IssueLog,
  ) {}

  has(column: string): boolean {
    return this.columns.has(column);
  }

  columnIndex(column: string): number | undefined {
    return this.columns.get(column);
  }

  knownColumnIndexes(): Iterable<number> {
    return this.columns.values();
  }

  sheetError(message: string): void {
    this.log.errors.push({ sheet: this.name, message });
  }

  sheetWarning(message: string): void {
    this.log.warnings.push({ sheet: this.name, message });
  }

  /** Reports an invalid node name on its first row only, counting the others. */
  badNode(name: string, issue: WorkbookIssue): void {
    const seen = this.badNodes.get(name);
    if (!seen) {
      this.badNodes.set(name, { issue, rows: 1 });
      this.log.errors.push(issue);
      return;
    }
    seen.rows++;
    seen.issue.message = `${issue.message} (and ${seen.rows - 1} more row${seen.rows > 2 ? 's' : ''})`;
  }
}

/** One data row: reads its cells, reporting each problem at its cell. */
export class RowReader {
  /** Problems reported in this row so far. */
  errors = 0;

  constructor(
    readonly table: Table,
    readonly excelRow: number,
    private readonly cells: SheetRow,
  ) {}

  /** Whether the row holds anything in the sheet's known columns (blank and note rows are skipped). */
  isData(): boolean {
    for (const index of this.table.knownColumnIndexes()) {
      if (this.cells.get(index) !== null || this.unreadableReason(index) !== undefined) return true;
    }
    return false;
  }

  /** The column exists and this row's cell in it is truly empty. */
  isBlank(column: string): boolean {
    const index = this.table.columnIndex(column);
    return index !== undefined && this.cells.get(index) === null && this.unreadableReason(index) === undefined;
  }

  error(column: string, message: string): void {
    this.errors++;
    this.table.log.errors.push(this.issue(column, message));
  }

  warn(column: string, message: string): void {
    this.table.log.warnings.push(this.issue(column, message));
  }

  /** An issue at this row's cell in the column, or at the row when the sheet lacks the column. */
  issue(column: string, message: string): WorkbookIssue {
    const index = this.table.columnIndex(column);
    return { sheet: this.table.name, row: this.excelRow, ...(index === undefined ? {} : { column: columnLetter(index) }), message };
  }

  // The readers below take the cell's value as it nearly always is (text for a name, a finite
  // number) without a conversion's closure and result object: a fresh process reads the
  // sample's 3,258 arrivals rows in V8's unoptimised tiers, where each of those cost.

  text(column: string): string | undefined {
    const value = this.filled(column, true);
    return value === undefined || typeof value === 'string' ? value : this.accepted(column, toText(value, column));
  }

  optionalText(column: string): string | undefined {
    const value = this.filled(column, false);
    return value === undefined || typeof value === 'string' ? value : this.accepted(column, toText(value, column));
  }

  date(column: string): string | undefined {
    const value = this.filled(column, true);
    return value === undefined ? undefined : this.accepted(column, toIsoDate(value, column, this.table.epoch1904));
  }

  /** A number within its plausibility bound (bounds.ts), refused at its cell with the bound and its unit. */
  number(column: string, bound: NumberBound, rule?: { optional?: boolean }): number | undefined {
    const value = this.filled(column, !rule?.optional);
    if (value === undefined) return undefined;
    const number = typeof value === 'number' && Number.isFinite(value) ? value : this.accepted(column, toNumber(value, column));
    if (number === undefined) return undefined;
    const problem = boundProblem(bound, number, column);
    if (problem === undefined) return number;
    this.error(column, problem);
    return undefined;
  }

  /** A node id of the P1/P2/P3 form or declared in the nodes sheet; an invalid one is reported once per sheet. */
  node(): string | undefined {
    const id = this.text('node');
    if (id === undefined) return undefined;
    // A node with a first row was valid there, and the declared nodes do not change.
    if (this.table.firstRowOfNode.has(id)) return id;
    if (pathwayOf(id) === undefined && !this.table.declaredNodes.has(id)) {
      this.errors++;
      this.table.badNode(id, this.issue('node', `node ${quoted(id)} is not of the form ${NODE_FORM}, nor declared in the nodes sheet`));
      return undefined;
    }
    this.table.firstRowOfNode.set(id, this);
    return id;
  }

  /** Reports a row whose key (node, scenario, ...) an earlier row of the sheet already had. */
  isDuplicate(keyParts: string[]): boolean {
    let rows = this.table.firstRowOfKey;
    const last = keyParts.length - 1;
    for (let part = 0; part < last; part++) {
      let next = rows.get(keyParts[part]) as KeyRows | undefined;
      if (next === undefined) rows.set(keyParts[part], (next = new Map()));
      rows = next;
    }
    const first = rows.get(keyParts[last]) as number | undefined;
    if (first === undefined) {
      rows.set(keyParts[last], this.excelRow);
      return false;
    }
    this.error('node', `duplicate of row ${first}: ${keyParts.join(' ')}`);
    return true;
  }

  /** The cell's value in the column, or undefined: no such column, or empty or unreadable (reported). */
  private filled(column: string, required: boolean): Exclude<CellValue, null> | undefined {
    const index = this.table.columnIndex(column);
    if (index === undefined) return undefined;
    const reason = this.unreadableReason(index);
    if (reason !== undefined) {
      this.error(column, reason);
      return undefined;
    }
    const value = this.cells.get(index);
    if (value === null) {
      if (required) this.error(column, `${column} is blank`);
      return undefined;
    }
    return value;
  }

  /** The converted value, or undefined with its problem reported at the cell. */
  private accepted<T>(column: string, converted: Conversion<T>): T | undefined {
    if ('problem' in converted) {
      this.error(column, converted.problem);
      return undefined;
    }
    return converted.value;
  }

  /**
   * Why the cell only looks empty, if it does. Most sheets have no such cell: then no
   * reference is spelt out, which was a string made and hashed for every cell read.
   */
  private unreadableReason(index: number): string | undefined {
    const { unreadable } = this.table;
    return unreadable.size === 0 ? undefined : unreadable.get(`${columnLetter(index)}${this.excelRow}`);
  }
}

export interface SheetLayout {
  wanted: string;
  known: readonly string[];
  required: readonly string[];
  needsMedianOrSd: boolean;
}

export function locateSheet({ wanted, known: knownColumns, required, needsMedianOrSd }: SheetLayout, file: WorkbookFile, log: IssueLog): Table | undefined {
  const matches = file.sheetNames.filter((name) => normalise(name) === wanted);
  if (matches.length === 0) {
    log.errors.push({ sheet: wanted, message: `sheet not found (the workbook has ${file.sheetNames.map((name) => quoted(name)).join(', ')})` });
    return undefined;
  }
  const name = matches[0];
  if (matches.length > 1) {
    log.errors.push({ sheet: name, message: `${matches.length} sheets are named ${quoted(wanted)}: ${matches.map((match) => quoted(match)).join(', ')}; keep one` });
  }
  const { rows, unreadable } = file.sheet(name);
  const headerIndex = rows.findIndex((row) => row.values.length > 0);
  if (headerIndex === -1) {
    log.errors.push({ sheet: name, message: `the sheet is empty: it needs a header row with the columns ${required.join(', ')}` });
    return undefined;
  }

  const known = new Map(knownColumns.map((column): [string, string] => [normalise(column), column]));
  const header = rows[headerIndex];
  const columns = new Map<string, number>();
  header.values.forEach((cell, at) => {
    const column = typeof cell === 'string' ? known.get(normalise(cell)) : undefined;
    if (column === undefined) return;
    const index = header.columns[at];
    const first = columns.get(column);
    if (first === undefined) columns.set(column, index);
    else {
      log.errors.push({
        sheet: name,
        row: header.number,
        column: columnLetter(index),
        message: `column ${column} appears twice (also in ${columnLetter(first)}${header.number})`,
      });
    }
  });
  const missing = required.filter((column) => !columns.has(column));
  if (needsMedianOrSd && !columns.has('median') && !columns.has('sd_los')) missing.push('median (or sd_los)');
  if (missing.length > 0) {
    const headers = header.values.map(String);
    log.errors.push({
      sheet: name,
      message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header, row ${header.number}, has ${headers.join(', ')})`,
    });
    return undefined;
  }

  const table = new Table(name, columns, unreadable, file.epoch1904, log);
  table.rows = rows
    .slice(headerIndex + 1)
    .map((cells) => new RowReader(table, cells.number, cells))
    .filter((row) => row.isData());
  return table;
}
