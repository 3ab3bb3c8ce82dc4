/**
 * The two files only a run with network components writes:
 *
 * - `flows.csv`: patients moving along each edge, one row per component scenario, edge and
 *   day, with the mean and quantiles across replications (long, like daily.csv).
 * - `system.csv`: the system totals of each component scenario (spec section 5), one row per
 *   measure, with the mean and 95 % interval. Long rather than a column per exit: each
 *   component has its own exits, so wide columns would change with the model and stand blank
 *   for every other component, while in long form a pivot table takes `measure` and `exit` as
 *   row fields and any scenario name as a column field, whatever the model.
 */
import type { ComponentScenarioKey, ComponentSummary, EdgeFlowSummary, PatientSummary } from '../engine/network/componentSummary.js';
import type { Estimate } from '../engine/statistics.js';
import { QUANTILE_LABELS } from '../engine/summary.js';
import { COMMA, csvRow, encodedTexts, formatNumber, MAX_NUMBER_BYTES, NEWLINE, neutraliseFormula, scratchOf, writeBytes, writeMeanAndQuantiles, writeWhole } from './format.js';

export const FLOWS_FILE = 'flows.csv';
export const SYSTEM_FILE = 'system.csv';

/** The columns naming a component scenario, first in both files. */
export const COMPONENT_SCENARIO_COLUMNS = ['component', 'scenario', 'capacity_scenario', 'los_scenario', 'arrival_scenario', 'routing_scenario'] as const;

export const FLOWS_COLUMNS = [...COMPONENT_SCENARIO_COLUMNS, 'from', 'to', 'type', 'day', 'date', 'mean', ...QUANTILE_LABELS] as const;
const FLOWS_HEADER = FLOWS_COLUMNS.join(',') + '\n';
export const SYSTEM_COLUMNS = [...COMPONENT_SCENARIO_COLUMNS, 'measure', 'exit', 'blocked_at', 'waiting_for', 'mean', 'low95', 'high95', 'replications', 'warnings'] as const;

/** The measures of system.csv, in the order its rows give them. */
export const SYSTEM_MEASURES = [
  'total_cost',
  'delayed_discharge_bed_days',
  'blocked_bed_days',
  'throughput',
  'deadlocks',
  'forced_admissions',
  // Per patient, of those who left in the horizon (the last by exit, in the exit column).
  'patients_left',
  'time_in_system_mean',
  'time_in_system_p50',
  'time_in_system_p90',
  'time_in_system_p95',
  'nodes_visited_mean',
  'readmissions_per_100',
] as const;
export type SystemMeasure = (typeof SYSTEM_MEASURES)[number];

function componentFields(key: ComponentScenarioKey): string[] {
  return [key.component, key.id, key.capacityScenario, key.losScenario, key.arrivalScenario, key.routingScenario].map(neutraliseFormula);
}

/** What flows.csv and system.csv are made of (a ComponentSummary is one; the writer thread is sent no more). */
export type NetworkFilesComponent = Pick<ComponentSummary, 'key' | 'flows' | 'blockedByCause' | 'system' | 'patients' | 'warnings'>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What flows.csv's rows of a component scenario are made of. */
export interface FlowsRowsSource {
  key: ComponentScenarioKey;
  flows: ReadonlyArray<Pick<EdgeFlowSummary, 'from' | 'to' | 'type' | 'daily'>>;
}

/** One component scenario's rows of flows.csv, each ending in a line break. */
export function flowsRows(component: FlowsRowsSource, dates: readonly string[]): string {
  return decoder.decode(flowsRowsScratch(component, dates));
}

/**
 * flowsRows as UTF-8, written as bytes like daily.csv's rows (metricRowsBytes): an edge a day
 * (PathSimR's Stroke case: 5,840 rows, 0.86 MB), and built as strings it was the writer
 * thread's last work on a network run, with its garbage and the encoding to write it. The
 * bytes are in the shared scratch (scratchOf), valid until the next row is formatted: they
 * are written or decoded at once, since a copy is fresh memory, 1.5-16 µs a 4 kB page on
 * this VM.
 */
function flowsRowsScratch(component: FlowsRowsSource, dates: readonly string[]): Uint8Array {
  const prefix = csvRow(componentFields(component.key));
  const edges = component.flows.map((flow) => encoder.encode(`${prefix},${csvRow([flow.from, flow.to, flow.type].map(neutraliseFormula))},`));
  const longestEdge = edges.reduce((longest, edge) => Math.max(longest, edge.length), 0);
  const figures = 1 + component.flows.reduce((most, flow) => Math.max(most, flow.daily.quantiles.length), 0);
  // ISO dates (the model schema refuses anything else), so nothing here can start like a formula.
  const dateBytes = encodedTexts(dates);
  const longestDate = dateBytes.reduce((longest, date) => Math.max(longest, date.length), 0);
  const rowBound = longestEdge + 12 + longestDate + figures * (MAX_NUMBER_BYTES + 1) + 1;
  const out = scratchOf(component.flows.length * dates.length * rowBound);
  let at = 0;
  component.flows.forEach((flow, f) => {
    const edge = edges[f];
    const { mean, quantiles } = flow.daily;
    for (let d = 0; d < dates.length; d++) {
      at = writeBytes(out, at, edge);
      at = writeWhole(out, at, d + 1);
      out[at++] = COMMA;
      at = writeBytes(out, at, dateBytes[d]);
      out[at++] = COMMA;
      at = writeMeanAndQuantiles(out, at, mean, quantiles, d);
      out[at++] = NEWLINE;
    }
  });
  return out.subarray(0, at);
}

export function flowsCsv(components: readonly NetworkFilesComponent[], dates: readonly string[]): string {
  return FLOWS_HEADER + components.map((component) => flowsRows(component, dates)).join('');
}

/** One component scenario's rows of system.csv, each ending in a line break. */
export function systemRows(component: NetworkFilesComponent): string {
  const { system } = component;
  const prefix = componentFields(component.key);
  const warnings = component.warnings.join('; ');
  const row = (measure: SystemMeasure, exit: string, e: Estimate, blockedAt = '', waitingFor = '') =>
    csvRow([...prefix, measure, ...[exit, blockedAt, waitingFor].map(neutraliseFormula), formatNumber(e.mean), formatNumber(e.low), formatNumber(e.high), String(system.replications), neutraliseFormula(warnings)]) + '\n';
  return (
    row('total_cost', '', system.totalCost) +
    row('delayed_discharge_bed_days', '', system.delayedDischargeBedDays) +
    component.blockedByCause.map((cause) => row('blocked_bed_days', '', cause.bedDays, cause.at, cause.waitingFor)).join('') +
    Object.entries(system.throughputByExit)
      .map(([exit, e]) => row('throughput', exit, e))
      .join('') +
    row('deadlocks', '', system.deadlocks) +
    row('forced_admissions', '', system.forcedAdmissions) +
    patientRows(component.patients, row)
  );
}

/** The per-patient rows; none for a summary made before they existed. */
function patientRows(patients: PatientSummary | undefined, row: (measure: SystemMeasure, exit: string, e: Estimate) => string): string {
  if (!patients) return '';
  const { timeInSystem } = patients;
  return (
    row('patients_left', '', patients.left) +
    row('time_in_system_mean', '', timeInSystem.mean) +
    row('time_in_system_p50', '', timeInSystem.p50) +
    row('time_in_system_p90', '', timeInSystem.p90) +
    row('time_in_system_p95', '', timeInSystem.p95) +
    row('nodes_visited_mean', '', patients.nodesVisited) +
    row('readmissions_per_100', '', patients.readmissionsPer100) +
    Object.entries(patients.timeInSystemByExit)
      .map(([exit, e]) => row('time_in_system_mean', exit, e))
      .join('')
  );
}

export function systemCsv(components: readonly NetworkFilesComponent[]): string {
  return SYSTEM_COLUMNS.join(',') + '\n' + components.map(systemRows).join('');
}

/** Both files, as `[name, content]`, or none for a run without networks. */
export function networkOutputFiles(components: readonly NetworkFilesComponent[] | undefined, dates: readonly string[]): Array<[name: string, content: string]> {
  if (!components || components.length === 0) return [];
  return [
    [FLOWS_FILE, flowsCsv(components, dates)],
    [SYSTEM_FILE, systemCsv(components)],
  ];
}

/**
 * flows.csv as pieces to write one after another, each valid only until the next is asked for
 * (the rows are in the shared scratch): no copy of the file is made.
 */
export function* flowsCsvPieces(components: readonly NetworkFilesComponent[], dates: readonly string[]): Generator<Uint8Array> {
  yield encoder.encode(FLOWS_HEADER);
  for (const component of components) yield flowsRowsScratch(component, dates);
}
