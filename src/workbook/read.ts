/**
 * Reads an IPACS parameter workbook into a ModelSpec, or reports every problem in it at once,
 * each at its sheet!cell. The format is docs/workbook.md.
 *
 * Runs unchanged in Node and browsers: it takes bytes, container.ts opens the zip (with
 * fflate) and xlsx.ts reads the cells of the five model sheets, one scan each.
 */
import { BOUNDS, CONTROL_CHARACTERS, descriptionProblem, formatBoundNumber, MAX_NAME_LENGTH, MEDIAN_BOUND, nameProblem, SD_BOUND } from '../engine/bounds.js';
import { losIssues, validateModel } from '../engine/modelSchema.js';
import {
  DEFAULT_FINAL_VISIT_RATE,
  DEFAULT_INITIAL_VISIT_RATE,
  localityOf,
  pathwayOf,
  type InitialState,
  type LosScenario,
  type NodeKind,
  type ModelSpec,
  type NodeCosts,
  type NodeSpec,
} from '../engine/model.js';
import { nextDay } from './cells.js';
import { openWorkbookFile, type WorkbookFile } from './container.js';
import { directoryArchive, type InflateRaw } from './zipArchive.js';
import { XlsxError } from './xlsx.js';
import { readSettings, type SettingCells, type WorkbookSettings } from './settings.js';
import { locateNetworkSheets, readDeclaredNodes, type DeclaredNode, type NetworkTables } from './networkSheets.js';
import { checkScenarios, locatedIssues, locator, modelNodeIds, nodeKind, readNetworkParts, withNetwork, type NetworkParts } from './networkAssembly.js';
import { BLOCKED_MEASURE, NETWORK_SHEETS } from './networkLayout.js';
import { quoted, sortIssues, type WorkbookIssue } from './issues.js';
import { locateSheet, normalise, type IssueLog, type RowReader, type Table } from './table.js';
import {
  COLUMNS,
  DEFAULT_LOS_FAMILY,
  DESCRIPTION_COLUMNS,
  DESCRIPTIONS_SHEET,
  isLosFamily,
  LOS_FAMILIES,
  OCCUPIED_MEASURE,
  SHEETS,
  WAITING_MEASURE,
  WAITING_MEASURE_SYNONYM,
  type SheetRole,
} from './layout.js';

import { DEFAULT_MAX_WORKBOOK_BYTES } from './limits.js';

export { formatIssue, type WorkbookIssue } from './issues.js';

export { DEFAULT_MAX_WORKBOOK_BYTES };

export interface ReadWorkbookOptions {
  /** The file's name; its base name without extension names the model (IPACS output names use it). */
  fileName: string;
  /** Refuse files larger than this many bytes (default 25 MiB). */
  maxBytes?: number;
  /** A native inflater (Node's zlib), used for plain archives instead of fflate (zipArchive.ts). */
  inflateRaw?: InflateRaw;
}

export type ReadWorkbookResult = { ok: true; model: ModelSpec; warnings: WorkbookIssue[] } | { ok: false; errors: WorkbookIssue[] };

type Column<Role extends SheetRole> = (typeof COLUMNS)[Role][number];

/** Columns that must be present; the others are optional or derived (and then ignored). */
const REQUIRED_COLUMNS: { [Role in SheetRole]: readonly Column<Role>[] } = {
  arrivals: ['node', 'arrivals', 'scenario', 'date'],
  initial: ['node', 'measure', 'value'],
  capacity: ['node', 'scenario', 'capacity'],
  // And at least one of median and sd_los, checked apart.
  los: ['node', 'scenario', 'mean_los'],
  costs: ['node', 'community_cost', 'acute_dtoc'],
};

const ROLES = Object.keys(SHEETS) as SheetRole[];
/** How many missing dates a message lists before it says how many more there are. */
const DATES_LISTED = 5;

export async function readIpacsWorkbook(data: Uint8Array, options: ReadWorkbookOptions): Promise<ReadWorkbookResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_WORKBOOK_BYTES;
  const { inflateRaw } = options;
  // The native reader where there is one and the archive is plain; fflate, loaded only
  // then, for the rest.
  let opened = inflateRaw ? openWorkbookFile(data, maxBytes, (bytes) => directoryArchive(bytes, inflateRaw)) : undefined;
  if (!opened?.ok) {
    const { fflateArchive } = await import('./fflateArchive.js');
    opened = openWorkbookFile(data, maxBytes, fflateArchive);
  }
  if (!opened.ok) return { ok: false, errors: [{ message: opened.message }] };

  const log: IssueLog = { errors: [], warnings: [] };
  const tables = new Map<SheetRole, Table>();
  let descriptionTable: Table | undefined;
  let settings: WorkbookSettings = {};
  const settingCells: SettingCells = new Map();
  let network: NetworkTables = {};
  try {
    // Each model sheet's cells are read here, and only here: XML that cannot be read is one
    // error for the whole workbook, whatever else was found.
    for (const role of ROLES) {
      const table = locateTable(role, opened.file, log);
      if (table) tables.set(role, table);
    }
    descriptionTable = locateDescriptions(opened.file, log);
    settings = readSettings(opened.file, log, settingCells);
    network = locateNetworkSheets(opened.file, log);
  } catch (error) {
    if (!(error instanceof XlsxError)) throw error;
    return { ok: false, errors: [{ message: `the workbook cannot be read: ${error.message}` }] };
  }
  const sheetOrder = [...ROLES.map((role) => tables.get(role)?.name ?? SHEETS[role]), ...Object.values(NETWORK_SHEETS)];
  // Nodes the nodes sheet declares may have any id, in every sheet.
  const declared = network.nodes ? readDeclaredNodes(network.nodes) : new Map<string, DeclaredNode>();
  for (const table of [...tables.values(), ...Object.values(network)]) table.declaredNodes = new Set(declared.keys());
  const finish = (): ReadWorkbookResult => ({ ok: false, errors: sortIssues(log.errors, sheetOrder) });

  // Every sheet there is gets read, so that its problems are reported even when another is missing.
  const readIfThere = <T>(role: SheetRole, reader: (table: Table) => T): T | undefined => {
    const table = tables.get(role);
    return table && reader(table);
  };
  const arrivals = readIfThere('arrivals', readArrivals);
  const initial = readIfThere('initial', readInitial);
  const capacity = readIfThere('capacity', readCapacity);
  const los = readIfThere('los', (table) => readLos(table, (id) => nodeKind(id, declared)));
  const costs = readIfThere('costs', readCosts);
  if (!arrivals || !initial || !capacity || !los || !costs) return finish();

  const sheets: IpacsSheets = { arrivals, initial, capacity, los, costs };
  const nodeIds = modelNodeIds(arrivals.series.keys(), declared);
  const parts = readNetworkParts(network, new Set(nodeIds));
  if (arrivals.table.rows.length === 0) arrivals.table.sheetError('the sheet has no data rows');
  checkNodeRows(sheets, nodeIds, declared, parts);
  const calendarScenarios = [...parts.calendars.values()].map((named) => [...named.keys()]);
  const scenarioNames = new Set([...[...arrivals.series.values(), ...capacity.byNode.values(), ...los.byNode.values()].flatMap((named) => [...named.keys()]), ...calendarScenarios.flat()]);
  const descriptions = descriptionTable ? readDescriptions(descriptionTable, scenarioNames) : new Map<string, string>();
  if (log.errors.length > 0) return finish();
  const described = <T extends { name: string }>(scenario: T): T => {
    const description = descriptions.get(scenario.name);
    return description === undefined ? scenario : { ...scenario, description };
  };

  const nodes = nodeIds.map((id) => withNetwork(ipacsNode(id, sheets, described), declared.get(id), parts));
  const ipacsSheetRows = { arrivals: arrivals.keys, capacity: capacity.keys, los: los.keys, initial: initial.keys };
  const edges = parts.edges ? { edges: parts.edges.edges } : {};
  const model: ModelSpec = { name: modelName(options.fileName), dates: arrivals.dates, nodes, ...edges, ipacsSheetRows, ...settings };
  // Every cell was checked above; what the schema still finds is between cells (routes not
  // summing to 1, overlapping periods), reported at the cells the model's parts came from.
  const checked = validateModel(model);
  if (!checked.ok) return { ok: false, errors: sortIssues(locatedIssues(checked.issues, locator(nodes, rowsOfNode(sheets, declared), parts, settingCells)), sheetOrder) };
  return { ok: true, model, warnings: sortIssues(log.warnings, sheetOrder) };
}

/**
 * Finds the sheet of a role and understands its header, the first non-empty row. Returns
 * nothing, having reported why, when the sheet or a required column is missing.
 */
function locateTable(role: SheetRole, file: WorkbookFile, log: IssueLog): Table | undefined {
  return locateSheet({ wanted: SHEETS[role], known: COLUMNS[role], required: REQUIRED_COLUMNS[role], needsMedianOrSd: role === 'los' }, file, log);
}

/** The optional descriptions sheet, or nothing (and no issue) when the workbook has none. */
function locateDescriptions(file: WorkbookFile, log: IssueLog): Table | undefined {
  if (!file.sheetNames.some((name) => normalise(name) === DESCRIPTIONS_SHEET)) return undefined;
  return locateSheet({ wanted: DESCRIPTIONS_SHEET, known: DESCRIPTION_COLUMNS, required: DESCRIPTION_COLUMNS, needsMedianOrSd: false }, file, log);
}

// ---------------------------------------------------------------------------------------------
// The five sheets

interface IpacsSheets {
  arrivals: Arrivals;
  initial: Initial;
  capacity: Capacity;
  los: Los;
  costs: Costs;
}

/**
 * Every node of the model that needs a row in a sheet has one, and no sheet has another. An
 * exit has no rows; a node whose calendar names its capacity scenarios needs no capacity row;
 * a node whose kind cell was refused needs none (that problem is the one to report).
 */
function checkNodeRows(sheets: IpacsSheets, nodeIds: string[], declared: ReadonlyMap<string, DeclaredNode>, parts: NetworkParts): void {
  const { arrivals, initial, capacity, los, costs } = sheets;
  const kinds = new Map(nodeIds.map((id) => [id, nodeKind(id, declared)]));
  const notExit = (id: string) => kinds.get(id) !== undefined && kinds.get(id) !== 'exit';
  const hasCapacity = (id: string) => ['bed', 'visit', 'acute'].includes(kinds.get(id) ?? 'exit') && !parts.calendars.has(id);
  const sheetOf = (id: string) => (arrivals.series.has(id) ? SHEETS.arrivals : NETWORK_SHEETS.nodes);
  // Without a valid node there is nothing to compare the other sheets with.
  if (nodeIds.length > 0) {
    for (const [{ table }, needsRow] of [[initial, notExit], [capacity, hasCapacity], [los, notExit], [costs, notExit]] as const) checkSameNodes(table, nodeIds, needsRow, sheetOf);
  }
  checkInitialMeasures(initial, notExit);
  checkScenarios(parts, (id) => new Set(arrivals.series.get(id)?.keys()), (id) => new Set(capacity.byNode.get(id)?.keys()), arrivals.dates);
}

/** A node as the IPACS sheets give it (withNetwork adds the rest). */
function ipacsNode(id: string, { arrivals, initial, capacity, los, costs }: IpacsSheets, described: <T extends { name: string }>(scenario: T) => T): NodeSpec {
  const state = initial.byNode.get(id) ?? {};
  return {
    id,
    pathway: pathwayOf(id) ?? '',
    locality: localityOf(id) ?? '',
    // Values are present: a missing or invalid one was an error, and there are none. A node
    // without rows in a sheet (an exit, a node fed only by others) has none of that part.
    arrivals: [...(arrivals.series.get(id) ?? [])].map(([name, daily]) => described({ name, daily: arrivals.dates.map((date) => daily.get(date)!) })),
    capacity: [...(capacity.byNode.get(id) ?? [])].map(([name, value]) => described({ name, capacity: value! })),
    los: [...(los.byNode.get(id)?.values() ?? [])].map(described),
    initial: { occupied: state.occupied ?? 0, waiting: state.waiting ?? 0, ...(state.blocked === undefined ? {} : { blocked: state.blocked }) },
    costs: costs.byNode.get(id) ?? { community: 0, acuteDelay: 0 },
  };
}

/** Where each node's parts are, for problems the model schema finds. */
function rowsOfNode({ arrivals, initial, capacity, los, costs }: IpacsSheets, declared: ReadonlyMap<string, DeclaredNode>) {
  return (id: string) => ({
    declared: declared.get(id)?.row,
    arrivals: arrivals.table.firstRowOfNode.get(id),
    capacity: capacity.table.firstRowOfNode.get(id),
    los: los.table.firstRowOfNode.get(id),
    costs: costs.table.firstRowOfNode.get(id),
    initial: initial.table.firstRowOfNode.get(id),
    measures: initial.measureRows.get(id),
  });
}

interface SheetData {
  table: Table;
  /**
   * `[node, scenario or measure]` of each row read, in sheet order: R's output column order
   * depends on it (see `ModelSpec.ipacsSheetRows`).
   */
  keys: [string, string][];
}

interface Arrivals extends SheetData {
  /** node -> scenario -> date -> mean referrals, in order of first appearance. */
  series: Map<string, Map<string, Map<string, number | undefined>>>;
  /** The horizon: sorted distinct dates. */
  dates: string[];
}

function readArrivals(table: Table): Arrivals {
  const series: Arrivals['series'] = new Map();
  const keys: SheetData['keys'] = [];
  for (const row of table.rows) {
    const node = row.node();
    const scenario = row.text('scenario');
    const date = row.date('date');
    const arrivals = row.number('arrivals', BOUNDS.arrivals);
    if (scenario !== undefined) checkName(row, 'scenario', scenario);
    if (node === undefined) continue;
    // A declared node's id was checked in the nodes sheet.
    if (!series.has(node) && localityOf(node) !== undefined) checkName(row, 'node', localityOf(node)!);
    // Not getOrInsert: its closures would be made again for each of thousands of rows.
    let scenarios = series.get(node);
    if (scenarios === undefined) series.set(node, (scenarios = new Map()));
    if (scenario !== undefined) keys.push([node, scenario]);
    if (scenario === undefined || date === undefined || row.isDuplicate([node, scenario, date])) continue;
    let daily = scenarios.get(scenario);
    if (daily === undefined) scenarios.set(scenario, (daily = new Map()));
    daily.set(date, arrivals);
  }

  const dates = [...new Set([...series.values()].flatMap((scenarios) => [...scenarios.values()].flatMap((daily) => [...daily.keys()])))].sort();
  if (dates.length > BOUNDS.horizonDays.max) {
    table.sheetError(`the horizon, ${dates[0]} to ${dates[dates.length - 1]}, is ${formatBoundNumber(dates.length)} days, over the most allowed, ${formatBoundNumber(BOUNDS.horizonDays.max)} days`);
  }
  for (let day = 1; day < dates.length; day++) {
    if (nextDay(dates[day - 1]) !== dates[day]) {
      table.sheetError(`no row has a date between ${dates[day - 1]} and ${dates[day]}: the days of the horizon must be consecutive`);
    }
  }
  for (const [node, scenarios] of series) {
    for (const [scenario, daily] of scenarios) {
      // Its dates are some of the horizon's; the scan for the first few missing stops there, so
      // that the check costs the rows there are, not nodes times dates.
      const missing = dates.length - daily.size;
      if (missing === 0) continue;
      const first: string[] = [];
      for (const date of dates) if (!daily.has(date) && first.push(date) === DATES_LISTED) break;
      const listed = first.join(', ') + (missing > DATES_LISTED ? ', ...' : '');
      table.sheetError(`${node} ${scenario} has no row for ${missing} of the ${dates.length} dates: ${listed}`);
    }
  }
  return { table, keys, series, dates };
}

interface Initial extends SheetData {
  byNode: Map<string, Partial<InitialState>>;
  /** The row of each node's measures, for problems found later. */
  measureRows: Map<string, Map<keyof InitialState, RowReader>>;
}

function readInitial(table: Table): Initial {
  const byNode: Initial['byNode'] = new Map();
  const measureRows: Initial['measureRows'] = new Map();
  const keys: SheetData['keys'] = [];
  for (const row of table.rows) {
    const node = row.node();
    const measure = row.text('measure');
    if (node !== undefined && measure !== undefined) keys.push([node, measure]);
    const value = row.number('value', BOUNDS.patients);
    const state = measure === undefined ? undefined : measureState(measure);
    if (measure !== undefined && state === undefined) {
      row.error('measure', `measure ${quoted(measure)} is not ${OCCUPIED_MEASURE}, ${WAITING_MEASURE}, ${WAITING_MEASURE_SYNONYM} or ${BLOCKED_MEASURE}`);
    }
    if (node === undefined) continue;
    const shown = state === 'waiting' ? `${WAITING_MEASURE}/${WAITING_MEASURE_SYNONYM}` : state === 'blocked' ? BLOCKED_MEASURE : OCCUPIED_MEASURE;
    if (state === undefined || row.isDuplicate([node, shown])) continue;
    getOrInsert(byNode, node, (): Partial<InitialState> => ({}))[state] = value;
    getOrInsert(measureRows, node, () => new Map()).set(state, row);
  }
  return { table, keys, byNode, measureRows };
}

function measureState(measure: string): keyof InitialState | undefined {
  switch (normalise(measure)) {
    case OCCUPIED_MEASURE:
      return 'occupied';
    case WAITING_MEASURE:
    case WAITING_MEASURE_SYNONYM:
      return 'waiting';
    case BLOCKED_MEASURE:
      return 'blocked';
    default:
      return undefined;
  }
}

/**
 * A node may give only one measure: the other starts at zero, which is said. (A measure whose
 * value was invalid has its key, holding undefined: that row was an error, not a gap.)
 */
function checkInitialMeasures(initial: Initial, needsRows: (id: string) => boolean): void {
  for (const [node, state] of initial.byNode) {
    if (!needsRows(node)) continue;
    if (!('occupied' in state)) initial.table.sheetWarning(`${node} has no ${OCCUPIED_MEASURE} row: it starts with nobody in service`);
    if (!('waiting' in state)) initial.table.sheetWarning(`${node} has no ${WAITING_MEASURE} row: it starts with nobody waiting`);
  }
}

interface Capacity extends SheetData {
  byNode: Map<string, Map<string, number | undefined>>;
}

function readCapacity(table: Table): Capacity {
  const byNode: Capacity['byNode'] = new Map();
  const keys: SheetData['keys'] = [];
  for (const row of table.rows) {
    const node = row.node();
    const scenario = row.text('scenario');
    const capacity = row.number('capacity', BOUNDS.capacity);
    if (scenario !== undefined) checkName(row, 'scenario', scenario);
    if (node === undefined) continue;
    if (scenario !== undefined) keys.push([node, scenario]);
    if (scenario === undefined || row.isDuplicate([node, scenario])) continue;
    getOrInsert(byNode, node, () => new Map()).set(scenario, capacity);
  }
  return { table, keys, byNode };
}

interface Los extends SheetData {
  byNode: Map<string, Map<string, LosScenario>>;
}

/** `kindOf` a row's node: a visit node's rows carry visit rates, and its stays are whole days. */
function readLos(table: Table, kindOf: (id: string) => NodeKind | undefined): Los {
  const byNode: Los['byNode'] = new Map();
  const keys: SheetData['keys'] = [];
  let hasP1 = false;
  for (const row of table.rows) {
    const node = row.node();
    const scenario = row.text('scenario');
    if (node !== undefined && scenario !== undefined) keys.push([node, scenario]);
    const errorsBefore = row.errors;
    const familyName = row.optionalText('los_dist');
    const family = familyName === undefined ? DEFAULT_LOS_FAMILY : normalise(familyName);
    if (!isLosFamily(family)) row.error('los_dist', `los_dist ${quoted(familyName ?? "")} is not ${LOS_FAMILIES.join(', ')}`);
    if (scenario !== undefined) checkName(row, 'scenario', scenario);
    const mean = row.number('mean_los', BOUNDS.meanLos);
    const median = row.number('median', MEDIAN_BOUND, { optional: true });
    const sd = row.number('sd_los', SD_BOUND, { optional: true });
    const los: LosScenario = { name: scenario ?? '', family: isLosFamily(family) ? family : DEFAULT_LOS_FAMILY, mean: mean ?? NaN };
    if (median !== undefined) los.median = median;
    if (sd !== undefined) los.sd = sd;
    // The LOS cells can be judged together only when each was readable on its own.
    if (row.errors === errorsBefore) {
      // A cross-field message names the row's node and scenario: the cell alone does not say which they are.
      const where = [node && `node ${node}`, scenario && `scenario ${scenario}`].filter(Boolean).join(', ');
      for (const issue of losIssues({ kind: node === undefined ? undefined : kindOf(node), pathway: node === undefined ? undefined : pathwayOf(node) }, los)) {
        row.error(LOS_COLUMN[issue.path[0] as keyof typeof LOS_COLUMN], where ? `${issue.message} (${where})` : issue.message);
      }
    }
    if (node === undefined) continue;
    if (kindOf(node) === 'visit') {
      hasP1 = true;
      const initialRate = readVisitRate(row, 'IVR');
      const finalRate = readVisitRate(row, 'FVR');
      if (initialRate !== undefined) los.initialVisitRate = initialRate;
      if (finalRate !== undefined) los.finalVisitRate = finalRate;
    }
    if (scenario === undefined || row.isDuplicate([node, scenario])) continue;
    getOrInsert(byNode, node, () => new Map()).set(scenario, los);
  }
  for (const column of ['IVR', 'FVR'] as const) {
    if (hasP1 && !table.has(column)) table.sheetWarning(`no ${column} column: P1 nodes use the default ${column} of ${defaultVisitRate(column)}`);
  }
  return { table, keys, byNode };
}

function readVisitRate(row: RowReader, column: 'IVR' | 'FVR'): number | undefined {
  const rate = row.number(column, BOUNDS.visitRate, { optional: true });
  if (row.isBlank(column)) {
    row.warn(column, `${column} is blank: the default of ${defaultVisitRate(column)} is used`);
  }
  return rate;
}

function defaultVisitRate(column: 'IVR' | 'FVR'): number {
  return column === 'IVR' ? DEFAULT_INITIAL_VISIT_RATE : DEFAULT_FINAL_VISIT_RATE;
}

/** The column of each LOS field, to put a problem the model check finds on its cell. */
const LOS_COLUMN = { mean: 'mean_los', median: 'median', sd: 'sd_los' } as const satisfies Record<string, Column<'los'>>;

interface Costs extends SheetData {
  byNode: Map<string, NodeCosts>;
}

function readCosts(table: Table): Costs {
  const byNode: Costs['byNode'] = new Map();
  for (const row of table.rows) {
    const node = row.node();
    const community = row.number('community_cost', BOUNDS.cost);
    const acuteDelay = row.number('acute_dtoc', BOUNDS.cost);
    if (node === undefined) continue;
    if (row.isDuplicate([node])) continue;
    byNode.set(node, { community: community!, acuteDelay: acuteDelay! });
  }
  return { table, keys: [], byNode };
}

/**
 * Scenario name -> description. A name must be one the model uses: a description of a name
 * nobody uses is most likely a typing slip in the name.
 */
function readDescriptions(table: Table, scenarioNames: ReadonlySet<string>): Map<string, string> {
  const descriptions = new Map<string, string>();
  for (const row of table.rows) {
    const scenario = row.text('scenario');
    const description = row.text('description');
    if (description !== undefined) {
      const problem = descriptionProblem(description, 'description');
      if (problem) row.error('description', problem);
    }
    if (scenario === undefined) continue;
    if (!scenarioNames.has(scenario)) {
      row.error('scenario', `scenario ${quoted(scenario)} is in no node's capacity, los or arrivals sheet`);
      continue;
    }
    const first = table.keys.get(scenario);
    if (first !== undefined) row.error('scenario', `${scenario} is also described in row ${first}: describe each scenario once`);
    else table.keys.set(scenario, row.excelRow);
    if (row.errors === 0 && description !== undefined) descriptions.set(scenario, description);
  }
  return descriptions;
}

/** Every node of the model that needs a row must be in the sheet, and the sheet may have no other. */
function checkSameNodes(table: Table, nodeIds: string[], needsRow: (id: string) => boolean, sheetOf: (id: string) => string): void {
  const inModel = new Set(nodeIds);
  for (const [node, row] of table.firstRowOfNode) {
    if (!inModel.has(node)) row.error('node', `node ${node} is not in the ${SHEETS.arrivals} sheet`);
  }
  for (const node of nodeIds) {
    if (needsRow(node) && !table.firstRowOfNode.has(node)) table.sheetError(`node ${node} has no row (it is in the ${sheetOf(node)} sheet)`);
  }
}

function getOrInsert<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** `C:\plans\IPACS_params.xlsx` -> `IPACS_params`. */
function baseName(fileName: string): string {
  const file = fileName.split(/[\\/]/).pop() ?? '';
  const stem = file.replace(/\.[^.]*$/, '');
  return stem || file;
}

/**
 * The model's name from the file's: its base name, cleared of control characters and cut to
 * the longest name a model may have. The file name is not the planner's typing in a cell,
 * so it is made valid rather than refused.
 */
function modelName(fileName: string): string {
  const name = baseName(fileName).replace(CONTROL_CHARACTERS, '').slice(0, MAX_NAME_LENGTH).trim();
  return name === '' ? 'model' : name;
}

/** A scenario name (or other name) in a cell that would not survive as a column header or file name. */
function checkName(row: RowReader, column: string, name: string): void {
  const problem = nameProblem(name, column);
  if (problem) row.error(column, problem);
}
