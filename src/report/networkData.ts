/**
 * A run's network components as a report needs them, read from flows.csv and system.csv
 * (the same files whether the report is made from a run directory or from a run in memory):
 * each component scenario's flows over the horizon and its system totals.
 */
import { FLOWS_COLUMNS, FLOWS_FILE, SYSTEM_COLUMNS, SYSTEM_FILE, SYSTEM_MEASURES, type SystemMeasure } from '../csv/networkFiles.js';
import { restoreFormula } from '../csv/format.js';
import { RunDataError, splitCsvLine } from './runData.js';

export interface ReportFlow {
  from: string;
  to: string;
  type: string;
  /** Mean patients moved along the edge over the horizon (the sum of flows.csv's daily means). */
  total: number;
}

export interface ReportSystemFigure {
  measure: SystemMeasure;
  /** The exit, for a throughput row. */
  exit: string;
  /** For a blocked_bed_days row: the node whose beds were held, and the node its patients waited for. */
  blockedAt: string;
  waitingFor: string;
  mean: number;
  low: number;
  high: number;
}

export interface ReportComponentScenario {
  component: string;
  /** The component scenario's id: `{component}_{capacity}_{los}_{arrival}_{routing}`. */
  id: string;
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
  routingScenario: string;
  flows: ReportFlow[];
  system: ReportSystemFigure[];
  warnings: string;
}

type Row = Record<string, string>;

function rowsOf(file: string, text: string, columns: readonly string[]): Array<{ row: Row; line: number }> {
  if (text.length === 0) throw new RunDataError(file, 'is empty');
  if (!text.endsWith('\n')) throw new RunDataError(file, 'the last line has no line break: the file was cut short (a partial or interrupted write?)');
  const lines = text.slice(0, -1).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const header = splitCsvLine(lines[0]);
  const missing = columns.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new RunDataError(file, `the header lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: is this a Pathflow ${file}?`, 1);
  return lines.slice(1).map((text, i) => {
    const fields = splitCsvLine(text);
    if (fields.length !== header.length) throw new RunDataError(file, `has ${fields.length} fields, the header ${header.length}`, i + 2);
    return { row: Object.fromEntries(header.map((name, c) => [name, restoreFormula(fields[c])])), line: i + 2 };
  });
}

function numberOf(file: string, line: number, column: string, text: string): number {
  const value = text === '' ? Number.NaN : Number(text);
  if (text !== '' && !Number.isFinite(value)) throw new RunDataError(file, `column ${column}: "${text}" is not a number`, line);
  return value;
}

/** Each component scenario of system.csv, in the file's order, with its flows from flows.csv. */
export function parseNetworkFiles(flowsText: string, systemText: string): ReportComponentScenario[] {
  const scenarios = new Map<string, ReportComponentScenario>();
  for (const { row, line } of rowsOf(SYSTEM_FILE, systemText, SYSTEM_COLUMNS)) {
    let scenario = scenarios.get(row.scenario);
    if (!scenario) {
      if (row.scenario === '') throw new RunDataError(SYSTEM_FILE, 'column scenario is blank', line);
      scenario = { component: row.component, id: row.scenario, capacityScenario: row.capacity_scenario, losScenario: row.los_scenario, arrivalScenario: row.arrival_scenario, routingScenario: row.routing_scenario, flows: [], system: [], warnings: row.warnings };
      scenarios.set(row.scenario, scenario);
    }
    const measure = SYSTEM_MEASURES.find((m) => m === row.measure);
    if (!measure) throw new RunDataError(SYSTEM_FILE, `column measure: "${row.measure}" is not one of ${SYSTEM_MEASURES.join(', ')}`, line);
    const figure = (column: string) => numberOf(SYSTEM_FILE, line, column, row[column]);
    scenario.system.push({ measure, exit: row.exit, blockedAt: row.blocked_at, waitingFor: row.waiting_for, mean: figure('mean'), low: figure('low95'), high: figure('high95') });
  }
  const edges = new Map<string, ReportFlow>();
  for (const { row, line } of rowsOf(FLOWS_FILE, flowsText, FLOWS_COLUMNS)) {
    const scenario = scenarios.get(row.scenario);
    if (!scenario) throw new RunDataError(FLOWS_FILE, `scenario ${row.scenario} is not in ${SYSTEM_FILE}: the files are from different runs`, line);
    const key = JSON.stringify([row.scenario, row.from, row.to, row.type]);
    let flow = edges.get(key);
    if (!flow) {
      flow = { from: row.from, to: row.to, type: row.type, total: 0 };
      edges.set(key, flow);
      scenario.flows.push(flow);
    }
    flow.total += numberOf(FLOWS_FILE, line, 'mean', row.mean);
  }
  return [...scenarios.values()];
}
