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
import type { ComponentScenarioKey, ComponentSummary, PatientSummary } from '../engine/network/componentSummary.js';
import type { Estimate } from '../engine/statistics.js';
import { QUANTILE_LABELS } from '../engine/summary.js';
import { csvRow, formatNumber, neutraliseFormula } from './format.js';

export const FLOWS_FILE = 'flows.csv';
export const SYSTEM_FILE = 'system.csv';

/** The columns naming a component scenario, first in both files. */
export const COMPONENT_SCENARIO_COLUMNS = ['component', 'scenario', 'capacity_scenario', 'los_scenario', 'arrival_scenario', 'routing_scenario'] as const;

export const FLOWS_COLUMNS = [...COMPONENT_SCENARIO_COLUMNS, 'from', 'to', 'type', 'day', 'date', 'mean', ...QUANTILE_LABELS] as const;
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

/** One component scenario's rows of flows.csv, each ending in a line break. */
export function flowsRows(component: ComponentSummary, dates: readonly string[]): string {
  const prefix = csvRow(componentFields(component.key));
  let text = '';
  for (const flow of component.flows) {
    const edge = `${prefix},${csvRow([flow.from, flow.to, flow.type].map(neutraliseFormula))}`;
    const { mean, quantiles } = flow.daily;
    for (let d = 0; d < dates.length; d++) {
      let line = `${edge},${d + 1},${dates[d]},${formatNumber(mean[d])}`;
      for (const row of quantiles) line += ',' + formatNumber(row[d]);
      text += line + '\n';
    }
  }
  return text;
}

export function flowsCsv(components: readonly ComponentSummary[], dates: readonly string[]): string {
  return FLOWS_COLUMNS.join(',') + '\n' + components.map((component) => flowsRows(component, dates)).join('');
}

/** One component scenario's rows of system.csv, each ending in a line break. */
export function systemRows(component: ComponentSummary): string {
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

export function systemCsv(components: readonly ComponentSummary[]): string {
  return SYSTEM_COLUMNS.join(',') + '\n' + components.map(systemRows).join('');
}

/** Both files, as `[name, content]`, or none for a run without networks. */
export function networkOutputFiles(components: readonly ComponentSummary[] | undefined, dates: readonly string[]): Array<[name: string, content: string]> {
  if (!components || components.length === 0) return [];
  return [
    [FLOWS_FILE, flowsCsv(components, dates)],
    [SYSTEM_FILE, systemCsv(components)],
  ];
}
