/**
 * Reads the optional network sheets (`nodes`, `routing`, `capacity calendar`, `arrival
 * profile`; docs/workbook-network.md). Each cell is checked here, at its sheet!cell; the checks
 * between cells (route probabilities summing to 1, overlapping periods, overflow rules) are the
 * model schema's, whose problems `NetworkLocator` puts back on the cells they came from, so
 * that the rules are written once.
 */
import { BOUNDS, descriptionProblem, MEDIAN_BOUND, nameProblem, SD_BOUND, type NumberBound } from '../engine/bounds.js';
import { losIssues, type ModelIssue } from '../engine/modelSchema.js';
import { localityOf, NODE_KINDS, pathwayOf, type ArrivalProfile, type CapacityCalendar, type EdgeSpec, type NodeKind, type Places } from '../engine/model.js';
import type { WorkbookFile } from './container.js';
import { quoted, type WorkbookIssue } from './issues.js';
import { DEFAULT_LOS_FAMILY, isLosFamily, LOS_FAMILIES } from './layout.js';
import { ALL_LOCALITIES, NETWORK_COLUMNS, NETWORK_REQUIRED, NETWORK_SHEETS, UNLIMITED, UNLIMITED_WORDS, type NetworkSheetRole } from './networkLayout.js';
import { locateSheet, normalise, type IssueLog, type RowReader, type Table } from './table.js';

export type NetworkTables = Partial<Record<NetworkSheetRole, Table>>;

/** The network sheets the workbook has (none is required). */
export function locateNetworkSheets(file: WorkbookFile, log: IssueLog): NetworkTables {
  const tables: NetworkTables = {};
  for (const role of Object.keys(NETWORK_SHEETS) as NetworkSheetRole[]) {
    if (!file.sheetNames.some((name) => normalise(name) === NETWORK_SHEETS[role])) continue;
    const table = locateSheet({ wanted: NETWORK_SHEETS[role], known: NETWORK_COLUMNS[role], required: NETWORK_REQUIRED[role], needsMedianOrSd: false }, file, log);
    if (table) tables[role] = table;
  }
  return tables;
}

export interface DeclaredNode {
  kind?: NodeKind;
  /** The kind cell held something that is no kind (reported there). */
  kindRefused?: boolean;
  pathway: string;
  locality: string;
  queueExternal?: Places;
  queueInternal?: Places;
  description?: string;
  row: RowReader;
}

/** The `nodes` sheet: node id -> its declaration, in sheet order. */
export function readDeclaredNodes(table: Table): Map<string, DeclaredNode> {
  const declared = new Map<string, DeclaredNode>();
  for (const row of table.rows) {
    const id = row.text('node');
    if (id !== undefined) nameCheck(row, 'node', id);
    const kindText = row.optionalText('kind');
    const kind = kindText === undefined ? undefined : NODE_KINDS.find((k) => k === normalise(kindText));
    if (kindText !== undefined && kind === undefined) row.error('kind', `kind ${quoted(kindText)} is not ${NODE_KINDS.join(', ')}`);
    const ipacs = id !== undefined && kindText === undefined ? pathwayOf(id) : undefined;
    if (id !== undefined && kindText === undefined && ipacs === undefined) row.error('kind', `kind is blank: node ${quoted(id)} is not P1/P2/P3_<locality>, so it needs a kind (${NODE_KINDS.join(', ')})`);
    const pathway = labelCell(row, 'pathway', id === undefined ? undefined : pathwayOf(id), kindText === undefined);
    const locality = labelCell(row, 'locality', id === undefined ? undefined : localityOf(id), kindText === undefined) ?? (id !== undefined && pathwayOf(id) === undefined ? ALL_LOCALITIES : undefined);
    const queueExternal = placesCell(row, 'queue_external');
    const queueInternal = placesCell(row, 'queue_internal');
    const description = row.optionalText('description');
    if (description !== undefined) {
      const problem = descriptionProblem(description, 'description');
      if (problem) row.error('description', problem);
    }
    if (id === undefined) continue;
    if (pathway === undefined && row.isBlank('pathway')) row.error('pathway', `pathway is blank: node ${quoted(id)} needs the label planners see (LTC, Acute, Home...)`);
    const first = declared.get(id);
    if (first) {
      row.error('node', `${id} is also declared in row ${first.row.excelRow}: declare each node once`);
      continue;
    }
    const node: DeclaredNode = { pathway: pathway ?? '', locality: locality ?? '', row };
    if (kind !== undefined) node.kind = kind;
    if (kindText !== undefined && kind === undefined) node.kindRefused = true;
    if (queueExternal !== undefined) node.queueExternal = queueExternal;
    if (queueInternal !== undefined) node.queueInternal = queueInternal;
    if (description !== undefined) node.description = description;
    declared.set(id, node);
  }
  return declared;
}

/**
 * A label (pathway, locality): blank takes the IPACS id's. A node without a kind keeps the
 * IPACS meaning of its id, so a label that contradicts it is refused here.
 */
function labelCell(row: RowReader, column: 'pathway' | 'locality', fromId: string | undefined, mustAgree: boolean): string | undefined {
  const text = row.optionalText(column);
  if (text === undefined) return fromId;
  nameCheck(row, column, text);
  if (mustAgree && fromId !== undefined && text !== fromId) row.error(column, `${column} ${quoted(text)} is not the node id's, ${fromId}: give the node a kind to label it otherwise`);
  return text;
}

/** A buffer: blank (the default), a whole number of places, or unlimited (also Inf). */
function placesCell(row: RowReader, column: 'queue_external' | 'queue_internal'): Places | undefined {
  const text = row.optionalText(column);
  if (text === undefined) return undefined;
  if (UNLIMITED_WORDS.includes(normalise(text))) return UNLIMITED;
  const places = Number(text);
  if (text.trim() === '' || !Number.isInteger(places) || places < 0 || places > BOUNDS.patients.max) {
    row.error(column, `${column} ${quoted(text)} is not a whole number of places from 0 to ${BOUNDS.patients.max.toLocaleString('en-GB')}, or ${UNLIMITED}`);
    return undefined;
  }
  return places;
}

const PROBABILITY: NumberBound = { label: 'probability', unit: '', min: 0, minInclusive: true, max: 1, whole: false, reason: 'a probability' };
const CYCLE_DAYS: NumberBound = { label: 'cycle_days', unit: 'days', min: 1, minInclusive: true, max: 7, whole: true, reason: 'a day or a week' };
const WITHIN_WEEK: NumberBound = { label: 'time in the cycle', unit: 'days', min: 0, minInclusive: true, max: 7, whole: false, reason: 'a time within a day or a week' };
const WEIGHT: NumberBound = { label: 'weight', unit: '', min: 0, minInclusive: true, whole: false, reason: 'a share of arrivals' };

/** The `routing` sheet: one edge a row, in sheet order, each with the row it came from. */
export function readRouting(table: Table, nodeIds: ReadonlySet<string>): { edges: EdgeSpec[]; rows: RowReader[] } {
  const edges: EdgeSpec[] = [];
  const rows: RowReader[] = [];
  for (const row of table.rows) {
    const before = row.errors;
    const from = knownNode(row, 'from', nodeIds);
    const to = knownNode(row, 'to', nodeIds);
    const scenario = row.optionalText('scenario');
    if (scenario !== undefined) nameCheck(row, 'scenario', scenario);
    const typeText = row.optionalText('type');
    const type = typeText === undefined ? undefined : (['route', 'overflow'] as const).find((t) => t === normalise(typeText));
    if (typeText !== undefined && type === undefined) row.error('type', `type ${quoted(typeText)} is not route or overflow`);
    // An overflow edge's probability is not read, so it may be blank.
    const probability = row.number('probability', PROBABILITY, { optional: type === 'overflow' });
    const condition = row.optionalText('condition');
    const delay = delayCells(row);
    if (row.errors > before || from === undefined || to === undefined) continue;
    const edge: EdgeSpec = { from, to, probability: probability ?? 0 };
    if (scenario !== undefined) edge.scenario = scenario;
    if (type !== undefined) edge.type = type;
    if (condition !== undefined) edge.condition = normalise(condition).replace(/\s+/g, '');
    if (delay !== undefined) edge.delay = delay;
    edges.push(edge);
    rows.push(row);
  }
  return { edges, rows };
}

function delayCells(row: RowReader): EdgeSpec['delay'] {
  const familyName = row.optionalText('delay_dist');
  const mean = row.number('delay_mean', BOUNDS.meanLos, { optional: true });
  const median = row.number('delay_median', MEDIAN_BOUND, { optional: true });
  const sd = row.number('delay_sd', SD_BOUND, { optional: true });
  if (familyName === undefined && mean === undefined && median === undefined && sd === undefined) return undefined;
  const family = familyName === undefined ? DEFAULT_LOS_FAMILY : normalise(familyName);
  if (!isLosFamily(family)) {
    row.error('delay_dist', `delay_dist ${quoted(familyName ?? '')} is not ${LOS_FAMILIES.join(', ')}`);
    return undefined;
  }
  if (mean === undefined) {
    row.error('delay_mean', 'delay_mean is blank: a transfer delay needs its mean');
    return undefined;
  }
  const delay: NonNullable<EdgeSpec['delay']> = { family, mean };
  if (median !== undefined) delay.median = median;
  if (sd !== undefined) delay.sd = sd;
  const columns = { mean: 'delay_mean', median: 'delay_median', sd: 'delay_sd' } as const;
  for (const issue of losIssues({ kind: 'delay' }, { name: '', ...delay })) row.error(columns[issue.path[0] as keyof typeof columns], `transfer delay: ${issue.message}`);
  return row.errors > 0 ? undefined : delay;
}

function knownNode(row: RowReader, column: string, nodeIds: ReadonlySet<string>): string | undefined {
  const id = row.text(column);
  if (id !== undefined && !nodeIds.has(id)) row.error(column, `no node is called ${quoted(id)} (nodes are those of the arrivals and nodes sheets)`);
  return id !== undefined && nodeIds.has(id) ? id : undefined;
}

/** Periods of one node and scenario, with the rows they came from. */
export interface Periods<T> {
  value: T;
  rows: RowReader[];
}

/** The `capacity calendar` sheet: node -> scenario -> its calendar, rows in sheet order. */
export function readCalendars(table: Table, nodeIds: ReadonlySet<string>): Map<string, Map<string, Periods<CapacityCalendar>>> {
  const calendars = new Map<string, Map<string, Periods<CapacityCalendar>>>();
  for (const row of table.rows) {
    const before = row.errors;
    const node = nodeOfRow(row, nodeIds);
    const scenario = row.text('scenario');
    if (scenario !== undefined) nameCheck(row, 'scenario', scenario);
    const capacity = row.number('capacity', BOUNDS.capacity);
    const dated = !row.isBlank('from_date') && table.has('from_date');
    const cyclic = !row.isBlank('cycle_days') && table.has('cycle_days');
    if (dated === cyclic) {
      row.error(dated ? 'cycle_days' : 'from_date', dated ? 'a period has dates (from_date, to_date) or a place in a cycle (cycle_days, start, end), not both' : 'from_date is blank: a period has dates (from_date, to_date) or a place in a cycle (cycle_days, start, end)');
      continue;
    }
    const period = dated ? { from: row.date('from_date'), to: row.date('to_date') } : { cycleDays: row.number('cycle_days', CYCLE_DAYS), start: row.number('start', WITHIN_WEEK), end: row.number('end', WITHIN_WEEK) };
    if (row.errors > before || node === undefined || scenario === undefined) continue;
    const byScenario = calendars.get(node) ?? new Map<string, Periods<CapacityCalendar>>();
    calendars.set(node, byScenario);
    const existing = byScenario.get(scenario);
    if ('from' in period) {
      const item = { from: period.from!, to: period.to!, capacity: capacity! };
      if (!existing) byScenario.set(scenario, { value: { periods: [item] }, rows: [row] });
      else if ('cycleDays' in existing.value) row.error('from_date', `${node} ${scenario} is a cycle (row ${existing.rows[0].excelRow}): its periods cannot have dates`);
      else addPeriod(existing, item, row);
      continue;
    }
    const item = { start: period.start!, end: period.end!, capacity: capacity! };
    const cycleDays = period.cycleDays as 1 | 7;
    if (!existing) byScenario.set(scenario, { value: { cycleDays, periods: [item] }, rows: [row] });
    else if (!('cycleDays' in existing.value)) row.error('cycle_days', `${node} ${scenario} has dated periods (row ${existing.rows[0].excelRow}): it cannot also be a cycle`);
    else if (existing.value.cycleDays !== cycleDays) row.error('cycle_days', `cycle_days ${cycleDays} is not ${existing.value.cycleDays}, as in row ${existing.rows[0].excelRow}: one calendar has one cycle`);
    else addPeriod(existing, item, row);
  }
  return calendars;
}

/** The `arrival profile` sheet: node -> scenario -> its profile, rows in sheet order. */
export function readProfiles(table: Table, nodeIds: ReadonlySet<string>): Map<string, Map<string, Periods<ArrivalProfile>>> {
  const profiles = new Map<string, Map<string, Periods<ArrivalProfile>>>();
  for (const row of table.rows) {
    const before = row.errors;
    const node = nodeOfRow(row, nodeIds);
    const scenario = row.text('scenario');
    if (scenario !== undefined) nameCheck(row, 'scenario', scenario);
    const cycleDays = row.number('cycle_days', CYCLE_DAYS) as 1 | 7 | undefined;
    const start = row.number('start', WITHIN_WEEK);
    const end = row.number('end', WITHIN_WEEK);
    const weight = row.number('weight', WEIGHT);
    if (row.errors > before || node === undefined || scenario === undefined) continue;
    const byScenario = profiles.get(node) ?? new Map<string, Periods<ArrivalProfile>>();
    profiles.set(node, byScenario);
    const existing = byScenario.get(scenario);
    const item = { start: start!, end: end!, weight: weight! };
    if (!existing) byScenario.set(scenario, { value: { cycleDays: cycleDays!, periods: [item] }, rows: [row] });
    else if (existing.value.cycleDays !== cycleDays) row.error('cycle_days', `cycle_days ${cycleDays} is not ${existing.value.cycleDays}, as in row ${existing.rows[0].excelRow}: one profile has one cycle`);
    else addPeriod(existing, item, row);
  }
  return profiles;
}

/** The caller has checked that the item is of the calendar's form. */
function addPeriod(periods: { value: { periods: unknown[] }; rows: RowReader[] }, item: unknown, row: RowReader): void {
  periods.value.periods.push(item);
  periods.rows.push(row);
}

/** The row's node, which must be one of the model's (a P1/P2/P3 id or one the nodes sheet declares). */
function nodeOfRow(row: RowReader, nodeIds: ReadonlySet<string>): string | undefined {
  const id = row.node();
  if (id !== undefined && !nodeIds.has(id)) {
    row.error('node', `node ${id} is in neither the arrivals nor the nodes sheet`);
    return undefined;
  }
  return id;
}

function nameCheck(row: RowReader, column: string, name: string): void {
  const problem = nameProblem(name, column);
  if (problem) row.error(column, problem);
}

/**
 * Days of the horizon no dated period covers, for a calendar whose scenario has no row in the
 * capacity sheet (so nothing else says the capacity on those days): the first few, and how many.
 */
export function uncoveredDays(calendar: CapacityCalendar, dates: readonly string[]): string[] {
  if ('cycleDays' in calendar) return [];
  return dates.filter((date) => !calendar.periods.some((period) => period.from <= date && date <= period.to));
}

type At = (message: string) => WorkbookIssue;

/**
 * Where each part of the model came from in the workbook, so that a problem the model schema
 * finds (at `edges[3].probability`) is reported at its cell (`routing!D5`), and the list
 * positions its message names (`edges[4]`, `periods[1]`) as the rows a planner sees.
 */
export class NetworkLocator {
  private readonly places = new Map<string, At>();
  private readonly edgeRows: number[] = [];
  private readonly periodRows = new Map<string, number[]>();

  /** `path` as the schema formats it (`nodes[2].capacity[0].calendar`). */
  set(path: string, at: At): void {
    this.places.set(path, at);
  }

  setRow(path: string, row: RowReader, columns: Record<string, string>, first: string): void {
    this.set(path, (message) => row.issue(first, message));
    for (const [field, column] of Object.entries(columns)) this.set(`${path}.${field}`, (message) => row.issue(column, message));
  }

  edges(rows: readonly RowReader[]): void {
    rows.forEach((row, e) => {
      this.edgeRows.push(row.excelRow);
      this.setRow(`edges[${e}]`, row, { from: 'from', to: 'to', scenario: 'scenario', probability: 'probability', type: 'type', condition: 'condition', delay: 'delay_mean' }, 'from');
    });
  }

  periods(path: string, rows: readonly RowReader[], columns: Record<string, string>): void {
    this.periodRows.set(path, rows.map((row) => row.excelRow));
    this.set(path, (message) => rows[0].issue('node', message));
    this.set(`${path}.periods`, (message) => rows[0].issue('node', message));
    rows.forEach((row, p) => this.setRow(`${path}.periods[${p}]`, row, columns, 'node'));
  }

  /** The issue at its cell, or undefined when nothing in the workbook made that part of the model. */
  locate(issue: ModelIssue): WorkbookIssue | undefined {
    // The schema adds ` (node id)` after a path; paths hold no spaces.
    const path = issue.path.split(' ')[0];
    const message = this.inRows(path, issue.message);
    for (let prefix = path; prefix !== ''; prefix = prefix.replace(/(\.[^.[]+|\[\d+\])$/, '')) {
      const at = this.places.get(prefix);
      if (at) return at(message);
      if (!/(\.[^.[]+|\[\d+\])$/.test(prefix)) break;
    }
    return undefined;
  }

  private inRows(path: string, message: string): string {
    const calendar = /^(.*\.(?:calendar|profile))/.exec(path)?.[1];
    const periodRows = calendar === undefined ? undefined : this.periodRows.get(calendar);
    return message
      .replace(/edges\[(\d+)\]/g, (text, e: string) => (this.edgeRows[Number(e)] === undefined ? text : `row ${this.edgeRows[Number(e)]}`))
      .replace(/periods\[(\d+)\]/g, (text, p: string) => (periodRows?.[Number(p)] === undefined ? text : `row ${periodRows[Number(p)]}`));
  }
}
