/**
 * A PathSimR model (its network and calendar templates) as a Pathflow model: pure functions
 * over the files' text, so the command line and the web app import alike. Every problem is
 * reported at once at its file, row and column; a model that converts is then held to the
 * one model schema, whose problems are pointed back at the cells they came from.
 */
import { BASELINE_ROUTING, type EdgeSpec, type ModelSpec, type NodeSpec } from '../engine/model.js';
import { MODEL_SCHEMA_VERSION, validateModel, type ModelIssue } from '../engine/modelSchema.js';
import { PROBABILITY_TOLERANCE } from '../engine/networkSchema.js';
import { readCalendarCsv, type CalendarFile, type CalendarSeries, type Metric } from './calendarFile.js';
import { arrivalScenario, capacityScenario } from './calendarConversion.js';
import { durationOf } from './distributions.js';
import { readNetworkCsv, type NetworkFile, type ServicePointRow } from './networkFile.js';
import { formatProblem, type PathsimrProblem } from './problems.js';

export type PathsimrUnit = 'hours' | 'days';
export const PATHSIMR_UNITS: readonly PathsimrUnit[] = ['hours', 'days'];

export interface PathsimrImportOptions {
  /** PathSimR's time unit for the pair: its rates, parameters, calendar times and warm-up. */
  unit: PathsimrUnit;
  /** Warm-up in the same unit; Pathflow's is whole days, so it is rounded up to one. */
  warmup?: number;
  /** Days of the horizon (PathSimR's simulation time is not in the files); default 365. */
  days?: number;
  /** First day of the horizon, YYYY-MM-DD; default 2026-04-01. */
  startDate?: string;
  /** The names the files are reported under (default network.csv and calendar.csv); the model is named after the network's. */
  fileNames?: { network?: string; calendar?: string };
}

export type PathsimrImport = { ok: true; model: ModelSpec; notes: string[] } | { ok: false; errors: string[] };

export const DEFAULT_HORIZON_DAYS = 365;
export const DEFAULT_START_DATE = '2026-04-01';
/** Queue sizes typed to mean "never fills": PathSimR's wizard suggests 9999. */
const NEVER_FILLS = /^9{3,}$/;

export function importPathsimr(networkCsv: string, calendarCsv: string, options: PathsimrImportOptions): PathsimrImport {
  const networkName = options.fileNames?.network ?? 'network.csv';
  const calendarName = options.fileNames?.calendar ?? 'calendar.csv';
  const network = readNetworkCsv(networkCsv, networkName);
  const calendar = readCalendarCsv(calendarCsv, calendarName);
  const crossProblems = network.network && calendar.calendar ? matchProblems(network.network, calendar.calendar, networkName, calendarName) : [];
  const problems = [...network.problems, ...calendar.problems, ...crossProblems];
  if (problems.length > 0 || !network.network || !calendar.calendar) return failed(problems);
  const built = buildModel(network.network, calendar.calendar, { ...options, networkName, calendarName });
  if (!built.ok) return failed(built.problems);
  const checked = validateModel(built.model);
  if (!checked.ok) return failed(checked.issues.map((issue) => locate(issue, built.where)));
  return { ok: true, model: checked.model, notes: built.notes };
}

function failed(problems: PathsimrProblem[]): PathsimrImport {
  return { ok: false, errors: problems.map(formatProblem) };
}

/** PathSimR's checks across the two files: the same service points in both, each with cap and ext_arr rows, arrivals somewhere. */
function matchProblems(network: NetworkFile, calendar: CalendarFile, networkName: string, calendarName: string): PathsimrProblem[] {
  const problems: PathsimrProblem[] = [];
  const points = new Map(network.pointNames.map((point) => [point.name, point.row]));
  const exits = new Map(network.exits.map((exit) => [exit.name, exit.row]));
  for (const series of calendar.series) {
    if (points.has(series.node)) continue;
    const exitRow = exits.get(series.node);
    const message =
      exitRow !== undefined
        ? `${series.node} is an exit in ${networkName} (row ${exitRow}), and only service points have calendar rows`
        : `no service point of ${networkName} is called ${series.node}`;
    problems.push({ file: calendarName, row: series.periods[0].row, column: 'node', message });
  }
  for (const point of network.pointNames) {
    for (const metric of ['cap', 'ext_arr'] as const) {
      if (!calendar.series.some((series) => series.node === point.name && series.metric === metric)) {
        problems.push({ file: calendarName, message: `the service point ${point.name} (${networkName} row ${point.row}) has no ${metric} rows; every service point needs cap and ext_arr rows` });
      }
    }
  }
  const arrivals = calendar.series.filter((series) => series.metric === 'ext_arr' && points.has(series.node));
  if (arrivals.length > 0 && arrivals.every((series) => series.periods.every((p) => p.value === 0 || Number.isNaN(p.value)))) {
    problems.push({ file: calendarName, message: 'every ext_arr rate is 0: no patient would ever arrive at any service point' });
  }
  return problems;
}

/** Where each part of the model came from, to point the schema's problems at a cell. */
interface Provenance {
  networkName: string;
  calendarName: string;
  nodeRows: number[];
  calendarRows: Map<string, number>;
  edges: { row: number; to: string }[];
  nodeIds: string[];
}

type Built = { ok: true; model: ModelSpec; notes: string[]; where: Provenance } | { ok: false; problems: PathsimrProblem[] };

function buildModel(network: NetworkFile, calendar: CalendarFile, options: PathsimrImportOptions & { networkName: string; calendarName: string }): Built {
  const daysPerUnit = options.unit === 'hours' ? 1 / 24 : 1;
  const days = options.days ?? DEFAULT_HORIZON_DAYS;
  const name = options.networkName.replace(/\.csv$/i, '') || 'pathsimr';
  const notes: string[] = network.headerMismatches.map(
    (mismatch) => `${options.networkName}: the header of column ${mismatch.column + 1} is ${JSON.stringify(mismatch.header)}, but PathSimR names the column after row ${mismatch.column + 1}, ${mismatch.name}`,
  );
  const problems: PathsimrProblem[] = [];
  const seriesOf = (node: string, metric: Metric) => calendar.series.find((series) => series.node === node && series.metric === metric) as CalendarSeries;
  const { edges, edgeRows } = edgesOf(network, daysPerUnit, notes);
  const fed = new Set(edges.map((edge) => edge.to));
  const calendarRows = new Map<string, number>();
  const nodes: NodeSpec[] = network.servicePoints.map((point) => {
    const capSeries = seriesOf(point.name, 'cap');
    const arrSeries = seriesOf(point.name, 'ext_arr');
    calendarRows.set(JSON.stringify([point.name, 'capacity']), capSeries.periods[0].row);
    calendarRows.set(JSON.stringify([point.name, 'arrivals']), arrSeries.periods[0].row);
    const capacity = capacityScenario(capSeries, 1 / daysPerUnit, options.unit);
    const arrivals = arrivalScenario(arrSeries, 1 / daysPerUnit, options.unit, days);
    for (const converted of [capacity, arrivals]) {
      if (!converted.ok) problems.push({ file: options.calendarName, row: converted.row, column: converted.column, message: converted.message });
      else notes.push(...converted.notes);
    }
    const arrival = arrivals.ok ? arrivals.value : undefined;
    return {
      id: point.name,
      pathway: point.name,
      kind: 'bed',
      locality: name,
      // A node nobody reaches from outside or inside still needs an arrival scenario: none arrive.
      arrivals: arrival ? [arrival] : fed.has(point.name) ? [] : [{ name: 'BArr', daily: new Array<number>(days).fill(0) }],
      capacity: capacity.ok ? [capacity.value] : [],
      los: [{ name: 'Blos', ...durationOf(point.service.family, point.service.values, daysPerUnit) }],
      initial: { occupied: 0, waiting: 0 },
      costs: { community: 0, acuteDelay: 0 },
      queueExternal: places(point.extQueue, point, 'external', notes),
      queueInternal: places(point.intQueue, point, 'internal', notes),
    };
  });
  for (const exit of network.exits) {
    nodes.push({ id: exit.name, pathway: exit.name, kind: 'exit', locality: name, arrivals: [], capacity: [], los: [], initial: { occupied: 0, waiting: 0 }, costs: { community: 0, acuteDelay: 0 } });
  }
  if (problems.length > 0) return { ok: false, problems };
  const model: ModelSpec = { schemaVersion: MODEL_SCHEMA_VERSION, name, dates: horizon(options.startDate ?? DEFAULT_START_DATE, days), nodes, edges };
  if (options.warmup !== undefined && options.warmup > 0) {
    const warmupDays = Math.ceil(options.warmup * daysPerUnit - 1e-9);
    if (warmupDays !== options.warmup * daysPerUnit) notes.push(`the warm-up of ${options.warmup} ${options.unit} is rounded up to ${warmupDays} whole days, as Pathflow's warm-up is whole days`);
    model.warmupDays = warmupDays;
  }
  const where: Provenance = {
    networkName: options.networkName,
    calendarName: options.calendarName,
    nodeRows: [...network.servicePoints.map((p) => p.row), ...network.exits.map((e) => e.row)],
    calendarRows,
    edges: edgeRows,
    nodeIds: nodes.map((node) => node.id),
  };
  return { ok: true, model, notes, where };
}

/** Routes with a probability above 0, each with its transfer delay; a row within PathSimR's tolerance of 1 but not Pathflow's is rescaled. */
function edgesOf(network: NetworkFile, daysPerUnit: number, notes: string[]): { edges: EdgeSpec[]; edgeRows: { row: number; to: string }[] } {
  const edges: EdgeSpec[] = [];
  const edgeRows: { row: number; to: string }[] = [];
  for (const point of network.servicePoints) {
    const sum = point.probabilities.reduce((total, p) => total + p, 0);
    const rescale = Math.abs(sum - 1) > PROBABILITY_TOLERANCE;
    if (rescale) notes.push(`the transition probabilities of ${point.name} sum to ${sum}; they are divided by that sum to make exactly 1`);
    const unused = network.names.filter((_, j) => point.probabilities[j] === 0 && point.delays[j] !== undefined);
    if (unused.length > 0) notes.push(`the delays from ${point.name} to ${unused.join(', ')} are left out: nobody goes that way (probability 0)`);
    point.probabilities.forEach((probability, j) => {
      const to = network.names[j];
      const delay = point.delays[j];
      if (probability === 0) return;
      const edge: EdgeSpec = { from: point.name, to, scenario: BASELINE_ROUTING, probability: rescale ? probability / sum : probability };
      if (delay) edge.delay = durationOf(delay.family, delay.values, daysPerUnit);
      edges.push(edge);
      edgeRows.push({ row: point.row, to });
    });
  }
  return { edges, edgeRows };
}

/** A queue size as places: Inf and sizes such as 999 or 9999 (typed to mean "never fills") are unlimited. */
function places(size: number, point: ServicePointRow, which: string, notes: string[]): number | 'unlimited' {
  if (size === Infinity) return 'unlimited';
  if (NEVER_FILLS.test(String(size))) {
    notes.push(`the ${which} queue of ${point.name}, ${size}, is read as unlimited`);
    return 'unlimited';
  }
  return size;
}

function horizon(start: string, days: number): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(first + d * 86_400_000).toISOString().slice(0, 10));
}

/** A schema problem at the cell its value came from, when that is known. */
function locate(issue: ModelIssue, where: Provenance): PathsimrProblem {
  const detail = `${issue.path}: ${issue.message}`;
  const node = /^nodes\[(\d+)\]\.?(\w*)/.exec(issue.path);
  if (node) {
    const n = Number(node[1]);
    const id = where.nodeIds[n];
    const field = node[2];
    if (field === 'capacity' || field === 'arrivals') {
      return { file: where.calendarName, row: where.calendarRows.get(JSON.stringify([id, field])), column: 'value', message: detail };
    }
    const column = field === 'los' ? 'serv_dist_param' : field === 'queueExternal' ? 'ext_queue' : field === 'queueInternal' ? 'int_queue' : undefined;
    return { file: where.networkName, row: where.nodeRows[n], column, message: detail };
  }
  const edge = /^edges\[(\d+)\]\.?(\w*)/.exec(issue.path);
  if (edge) {
    const { row, to } = where.edges[Number(edge[1])];
    return { file: where.networkName, row, column: edge[2] === 'delay' ? `${to}_delay_params` : to, message: detail };
  }
  return { file: where.networkName, message: detail };
}

