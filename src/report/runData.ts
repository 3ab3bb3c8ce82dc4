/**
 * A run directory's files as plain data for a report, checked as they are read. Pure and
 * browser-safe: the caller hands over the files' text (the CLI from disk, the web app from
 * its in-memory run), and any problem names the file and the line or field, so a
 * malformed or partial directory is refused before a byte of the report is written.
 */
import { COST_BASES, DEFAULT_COST_BASIS, type CostBasis, type ModelSpec } from '../engine/model.js';
import { formatModelIssue, validateModel } from '../engine/modelSchema.js';
import { COST_BASIS_COLUMN, SUMMARY_COLUMNS_REQUIRED } from '../csv/summary.js';
import { DAILY_COLUMNS } from '../csv/daily.js';
import { REPLICATIONS_COLUMNS, REPLICATIONS_FILE } from '../csv/replications.js';
import { HORIZON_FIELD_COUNT } from '../engine/dailyRecord.js';
import { restoreFormula } from '../csv/format.js';
import { NETWORK_SUMMARY_TEXT_COLUMNS } from '../csv/networkSummary.js';
import { FLOWS_FILE, SYSTEM_FILE } from '../csv/networkFiles.js';
import { parseNetworkFiles, type ReportComponentScenario } from './networkData.js';

/** A file the run read, as the manifest names it. */
interface ManifestFile {
  file?: string;
  sha256?: string;
  bytes?: number;
}

/** The manifest fields a report relies on; the manifest section lists every field the file has. */
export interface RunManifest {
  pathflow: string;
  seed: number;
  runs: number;
  input?: ManifestFile;
  /** A run straight from PathSimR's pair: `input` is its network template, this its calendar. */
  imported?: { from?: string; calendar?: ManifestFile; unit?: string; warmup?: number };
  threads?: number;
  compat?: string;
  initialResidual?: string;
  scenarios?: number;
  days?: number;
  firstDate?: string;
  lastDate?: string;
  started?: string;
  elapsedSeconds?: number;
}

export interface SummaryRow {
  scenario: string;
  node: string;
  pathway: string;
  locality: string;
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
  /** `BCap_Blos_BArr`: the scenario without its node, as the web app names it. */
  label: string;
  capacity: number;
  /**
   * The basis the row's costs are on: the model's, or occupied for unrestricted capacity.
   * A summary.csv from before bases existed has no such column and was on the occupied basis.
   */
  costBasis: CostBasis;
  /** For a node simulated in a network: its component, and the routing scenario of the row. */
  component?: string;
  routingScenario?: string;
  /** Every numeric column of summary.csv by name; NaN where the file has a blank (NA). */
  values: Record<string, number>;
}

/** The metrics a report draws. */
export const CHART_METRICS = ['occ', 'niq', 'wait', 'cost'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];

export interface DailySeries {
  mean: Float64Array;
  /** 2.5 % and 97.5 % quantiles across replications. */
  low: Float64Array;
  high: Float64Array;
}

export interface ReportData {
  manifest: RunManifest;
  model: ModelSpec;
  summary: SummaryRow[];
  /** By scenario id. */
  daily: Map<string, Record<ChartMetric, DailySeries>>;
  /**
   * Each scenario's replications' horizon figures (`HorizonSummary.byReplication`), by
   * scenario id; absent for a run directory from before replications.csv was written.
   */
  replications?: Map<string, Float64Array>;
  /** The network components' scenarios (flows.csv and system.csv), when the run had any. */
  network?: ReportComponentScenario[];
}

export interface RunFiles {
  'manifest.json': string;
  'model.json': string;
  'summary.csv': string;
  'daily.csv': string;
  /** Optional: older run directories lack it. */
  'replications.csv'?: string;
  /** Written only by a run with network components. */
  'flows.csv'?: string;
  'system.csv'?: string;
}

export const RUN_FILES = ['manifest.json', 'model.json', 'summary.csv', 'daily.csv'] as const;
export const OPTIONAL_RUN_FILES = [REPLICATIONS_FILE, FLOWS_FILE, SYSTEM_FILE] as const;

export class RunDataError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : ` line ${line}`}: ${detail}`);
  }
}

/** Splits one CSV line (RFC 4180 quoting; a line break inside quotes is not expected here). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function parseJson(file: string, text: string): unknown {
  if (text.trim() === '') throw new RunDataError(file, 'is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RunDataError(file, `is not valid JSON (${(error as Error).message})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseManifest(text: string): RunManifest {
  const file = 'manifest.json';
  const value = parseJson(file, text);
  if (!isRecord(value)) throw new RunDataError(file, 'is not a JSON object');
  if (typeof value.pathflow !== 'string') throw new RunDataError(file, 'field "pathflow" (the version) is missing or not text');
  for (const field of ['seed', 'runs'] as const) {
    if (typeof value[field] !== 'number' || !Number.isFinite(value[field])) throw new RunDataError(file, `field "${field}" is missing or not a number`);
  }
  if (value.input !== undefined && !isRecord(value.input)) throw new RunDataError(file, 'field "input" is not an object');
  return value as unknown as RunManifest;
}

/**
 * model.json is read back through the one model schema, so a file edited by hand (or by an
 * attacker) is held to the rules a workbook is: the first problem names its path.
 */
export function parseModel(text: string): ModelSpec {
  const file = 'model.json';
  const checked = validateModel(parseJson(file, text));
  if (!checked.ok) {
    const more = checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more problem${checked.issues.length > 2 ? 's' : ''})` : '';
    throw new RunDataError(file, formatModelIssue(checked.issues[0]) + more);
  }
  return checked.model;
}

/** Lines of a CSV file without the final line break; a file that does not end in one was cut short. */
function csvLines(file: string, text: string): string[] {
  if (text.length === 0) throw new RunDataError(file, 'is empty');
  if (!text.endsWith('\n')) {
    const lines = text.split('\n');
    throw new RunDataError(file, 'the last line has no line break: the file was cut short (a partial or interrupted write?)', lines.length);
  }
  return text.slice(0, -1).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function headerIndex(file: string, header: string[], required: readonly string[]): Map<string, number> {
  const index = new Map(header.map((name, i) => [name, i]));
  const missing = required.filter((name) => !index.has(name));
  if (missing.length > 0) throw new RunDataError(file, `the header lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: is this a Pathflow ${file}?`, 1);
  return index;
}

function numberField(file: string, line: number, column: string, text: string): number {
  if (text === '') return Number.NaN;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RunDataError(file, `column ${column}: "${text}" is not a number`, line);
  return value;
}

const TEXT_COLUMNS = new Set(['scenario', 'node', 'pathway', 'locality', 'capacity_scenario', 'los_scenario', 'arrival_scenario', COST_BASIS_COLUMN, ...NETWORK_SUMMARY_TEXT_COLUMNS]);

function costBasisField(file: string, line: number, text: string | undefined): CostBasis {
  if (text === undefined) return DEFAULT_COST_BASIS;
  const basis = COST_BASES.find((b) => b === text);
  if (!basis) throw new RunDataError(file, `column ${COST_BASIS_COLUMN}: "${text}" is not ${COST_BASES.join(' or ')}`, line);
  return basis;
}

export function parseSummary(text: string): SummaryRow[] {
  const file = 'summary.csv';
  const lines = csvLines(file, text);
  const header = splitCsvLine(lines[0]);
  const index = headerIndex(file, header, SUMMARY_COLUMNS_REQUIRED);
  const rows: SummaryRow[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const lineNumber = i + 1;
    if (lines[i] === '') throw new RunDataError(file, 'is a blank line', lineNumber);
    const fields = splitCsvLine(lines[i]);
    if (fields.length !== header.length) throw new RunDataError(file, `has ${fields.length} fields, the header ${header.length}`, lineNumber);
    // Names as the user wrote them: the writer marked those a spreadsheet would run.
    const get = (name: string) => restoreFormula(fields[index.get(name)!]);
    const values: Record<string, number> = {};
    for (const [c, name] of header.entries()) if (!TEXT_COLUMNS.has(name)) values[name] = numberField(file, lineNumber, name, fields[c]);
    const scenario = get('scenario');
    if (scenario === '') throw new RunDataError(file, 'column scenario is blank', lineNumber);
    if (seen.has(scenario)) throw new RunDataError(file, `scenario ${scenario} appears twice`, lineNumber);
    seen.add(scenario);
    const row: SummaryRow = {
      scenario,
      node: get('node'),
      pathway: get('pathway'),
      locality: get('locality'),
      capacityScenario: get('capacity_scenario'),
      losScenario: get('los_scenario'),
      arrivalScenario: get('arrival_scenario'),
      label: '',
      capacity: values.capacity,
      costBasis: costBasisField(file, lineNumber, index.has(COST_BASIS_COLUMN) ? fields[index.get(COST_BASIS_COLUMN)!] : undefined),
      values,
    };
    // A node with no scenarios of its own (an exit of a network) has blank names: left out.
    row.label = [row.capacityScenario, row.losScenario, row.arrivalScenario].filter((name) => name !== '').join('_');
    // A networked node in a component with several routing scenarios has one per routing
    // scenario, its id ending in the routing scenario's name (componentSummary.ts): so does its label.
    const routing = index.has('routing_scenario') ? get('routing_scenario') : '';
    if (routing !== '' && scenario.endsWith(`_${routing}`) && scenario !== `${row.node}_${row.label}`) row.label = row.label === '' ? routing : `${row.label}_${routing}`;
    if (index.has('component') && get('component') !== '') row.component = get('component');
    if (routing !== '') row.routingScenario = routing;
    rows.push(row);
  }
  if (rows.length === 0) throw new RunDataError(file, 'has a header but no scenarios');
  return rows;
}

const CHART_METRIC_SET = new Set<string>(CHART_METRICS);

/** The daily series of the scenarios in `summary`, each checked complete (every day of every charted metric). */
export function parseDaily(text: string, summary: readonly SummaryRow[], days: number): Map<string, Record<ChartMetric, DailySeries>> {
  const file = 'daily.csv';
  const lines = csvLines(file, text);
  const header = splitCsvLine(lines[0]);
  const index = headerIndex(file, header, DAILY_COLUMNS);
  const [iScenario, iDay, iMetric, iMean, iLow, iHigh] = ['scenario', 'day', 'metric', 'mean', 'q025', 'q975'].map((n) => index.get(n)!);
  const series = new Map<string, Record<ChartMetric, DailySeries>>();
  const filled = new Map<string, number>();
  for (const row of summary) {
    const make = (): DailySeries => ({ mean: new Float64Array(days).fill(Number.NaN), low: new Float64Array(days).fill(Number.NaN), high: new Float64Array(days).fill(Number.NaN) });
    series.set(row.scenario, { occ: make(), niq: make(), wait: make(), cost: make() });
    filled.set(row.scenario, 0);
  }
  for (let i = 1; i < lines.length; i++) {
    const lineNumber = i + 1;
    const line = lines[i];
    const fields = splitCsvLine(line);
    if (fields.length !== header.length) throw new RunDataError(file, `has ${fields.length} fields, the header ${header.length}${i === lines.length - 1 ? ' (the file looks cut short)' : ''}`, lineNumber);
    const metric = fields[iMetric];
    if (!CHART_METRIC_SET.has(metric)) continue;
    const id = restoreFormula(fields[iScenario]);
    const scenario = series.get(id);
    if (!scenario) {
      if (id === '') throw new RunDataError(file, 'column scenario is blank', lineNumber);
      continue; // A scenario left out of the report (or not in summary.csv: checked below through counts).
    }
    const day = Number(fields[iDay]);
    if (!Number.isInteger(day) || day < 1 || day > days) throw new RunDataError(file, `column day: "${fields[iDay]}" is not a day from 1 to ${days}`, lineNumber);
    const target = scenario[metric as ChartMetric];
    if (!Number.isNaN(target.mean[day - 1])) throw new RunDataError(file, `scenario ${id} has day ${day} of ${metric} twice`, lineNumber);
    target.mean[day - 1] = numberField(file, lineNumber, 'mean', fields[iMean]);
    if (Number.isNaN(target.mean[day - 1])) throw new RunDataError(file, 'column mean is blank', lineNumber);
    target.low[day - 1] = numberField(file, lineNumber, 'q025', fields[iLow]);
    target.high[day - 1] = numberField(file, lineNumber, 'q975', fields[iHigh]);
    filled.set(id, filled.get(id)! + 1);
  }
  const expected = days * CHART_METRICS.length;
  for (const [scenario, count] of filled) {
    if (count !== expected) {
      throw new RunDataError(file, `scenario ${scenario} has ${count} of its ${expected} rows of ${CHART_METRICS.join(', ')} (${days} days each): the file is incomplete (${lines.length} lines)`);
    }
  }
  return series;
}

/**
 * Every scenario of `summary` with each of its `runs` replications exactly once, as
 * `byReplication` arrays in HORIZON_FIELDS order. A partial file is refused: a system view
 * from some replications would be paired wrongly.
 */
export function parseReplications(text: string, summary: readonly SummaryRow[], runs: number): Map<string, Float64Array> {
  const file = REPLICATIONS_FILE;
  const lines = csvLines(file, text);
  const header = splitCsvLine(lines[0]);
  const index = headerIndex(file, header, REPLICATIONS_COLUMNS);
  const fieldIndexes = REPLICATIONS_COLUMNS.slice(2).map((name) => index.get(name)!);
  const iScenario = index.get('scenario')!;
  const iReplication = index.get('replication')!;
  const byScenario = new Map<string, Float64Array>();
  const filled = new Map<string, number>();
  for (const row of summary) {
    byScenario.set(row.scenario, new Float64Array(runs * HORIZON_FIELD_COUNT).fill(Number.NaN));
    filled.set(row.scenario, 0);
  }
  for (let i = 1; i < lines.length; i++) {
    const lineNumber = i + 1;
    const fields = splitCsvLine(lines[i]);
    if (fields.length !== header.length) throw new RunDataError(file, `has ${fields.length} fields, the header ${header.length}`, lineNumber);
    const id = restoreFormula(fields[iScenario]);
    const values = byScenario.get(id);
    if (!values) throw new RunDataError(file, `scenario ${id} is not in summary.csv: the files are from different runs`, lineNumber);
    const replication = Number(fields[iReplication]);
    if (!Number.isInteger(replication) || replication < 1 || replication > runs) throw new RunDataError(file, `column replication: "${fields[iReplication]}" is not a replication from 1 to ${runs}`, lineNumber);
    const at = (replication - 1) * HORIZON_FIELD_COUNT;
    if (!Number.isNaN(values[at])) throw new RunDataError(file, `scenario ${id} has replication ${replication} twice`, lineNumber);
    fieldIndexes.forEach((c, f) => {
      const value = numberField(file, lineNumber, header[c], fields[c]);
      if (Number.isNaN(value)) throw new RunDataError(file, `column ${header[c]} is blank`, lineNumber);
      values[at + f] = value;
    });
    filled.set(id, filled.get(id)! + 1);
  }
  for (const [scenario, count] of filled) {
    if (count !== runs) throw new RunDataError(file, `scenario ${scenario} has ${count} of its ${runs} replications: the file is incomplete`);
  }
  return byScenario;
}

/**
 * The whole directory, cross-checked: summary.csv's nodes are model.json's, daily.csv
 * covers model.json's days for every scenario, and the manifest counts agree.
 */
export function parseRunFiles(files: RunFiles): ReportData {
  const manifest = parseManifest(files['manifest.json']);
  const model = parseModel(files['model.json']);
  const summary = parseSummary(files['summary.csv']);
  const nodeIds = new Set(model.nodes.map((n) => n.id));
  for (const [i, row] of summary.entries()) {
    if (!nodeIds.has(row.node)) throw new RunDataError('summary.csv', `node ${row.node} is not in model.json`, i + 2);
  }
  if (typeof manifest.scenarios === 'number' && manifest.scenarios !== summary.length) {
    throw new RunDataError('summary.csv', `has ${summary.length} scenarios, manifest.json says ${manifest.scenarios}: the directory is incomplete or its files are from different runs`);
  }
  if (typeof manifest.days === 'number' && manifest.days !== model.dates.length) {
    throw new RunDataError('model.json', `has ${model.dates.length} days, manifest.json says ${manifest.days}`);
  }
  const daily = parseDaily(files['daily.csv'], summary, model.dates.length);
  const text = files['replications.csv'];
  const replications = text === undefined ? undefined : parseReplications(text, summary, summaryReplications(summary, manifest));
  const network = networkOf(files);
  return { manifest, model, summary, daily, ...(replications ? { replications } : {}), ...(network ? { network } : {}) };
}

/** The network components of a run directory: both files or neither. */
function networkOf(files: RunFiles): ReportComponentScenario[] | undefined {
  const flows = files[FLOWS_FILE];
  const system = files[SYSTEM_FILE];
  if (flows === undefined && system === undefined) return undefined;
  if (flows === undefined || system === undefined) {
    const [present, absent] = flows === undefined ? [SYSTEM_FILE, FLOWS_FILE] : [FLOWS_FILE, SYSTEM_FILE];
    throw new RunDataError(absent, `is missing while ${present} is there: a run with networks writes both (run pathflow run again)`);
  }
  return parseNetworkFiles(flows, system);
}

/** The replications every scenario ran: summary.csv's count, which the manifest's `runs` must match. */
function summaryReplications(summary: readonly SummaryRow[], manifest: RunManifest): number {
  const runs = summary[0].values.replications;
  if (runs !== manifest.runs) throw new RunDataError('summary.csv', `has ${runs} replications, manifest.json says ${manifest.runs}`, 2);
  return runs;
}
