/**
 * The report's section on pathway networks, for a run with components: per component, a flow
 * diagram of each scenario, the flows along each edge, the bed-days patients spent blocked
 * and where they were held, and the system totals with their 95 % intervals.
 */
import { kindOf } from '../engine/model.js';
import { IMPLICIT_EXIT } from '../engine/network/systemTotals.js';
import type { Block, Cell, Chart } from './content.js';
import { flowDiagramSvg, type DiagramNode } from './flowDiagram.js';
import { formatOne, formatPounds, formatWhole } from './format.js';
import type { ReportComponentScenario, ReportSystemFigure } from './networkData.js';
import type { ReportData, SummaryRow } from './runData.js';

const plain = (text: string): Cell => ({ text });

function estimateCell(figure: ReportSystemFigure | undefined, format: (x: number) => string): Cell {
  if (!figure) return plain('–');
  return Number.isFinite(figure.low) && Number.isFinite(figure.high) ? { text: format(figure.mean), sub: `${format(figure.low)} to ${format(figure.high)}` } : plain(format(figure.mean));
}

/** `BCap_Blos_BArr_BRoute`: a component scenario without its component, as node labels read. */
export function componentScenarioLabel(s: Pick<ReportComponentScenario, 'capacityScenario' | 'losScenario' | 'arrivalScenario' | 'routingScenario'>): string {
  return [s.capacityScenario, s.losScenario, s.arrivalScenario, s.routingScenario].filter((part) => part !== '').join('_');
}

/** The component's nodes in model order, with their kinds: those its rows or flows name. */
function componentNodes(data: ReportData, scenarios: readonly ReportComponentScenario[], rows: readonly SummaryRow[]): DiagramNode[] {
  const named = new Set([...rows.map((r) => r.node), ...scenarios.flatMap((s) => s.flows.flatMap((f) => [f.from, f.to]))]);
  return data.model.nodes.filter((n) => named.has(n.id)).map((n) => ({ id: n.id, kind: kindOf(n) }));
}

function diagramBlocks(name: string, nodes: readonly DiagramNode[], scenarios: readonly ReportComponentScenario[], firstKey: number): Block {
  const charts: Chart[] = scenarios.map((s, i) => {
    const title = `${name}: ${componentScenarioLabel(s)}`;
    return { ...flowDiagramSvg(title, nodes, s.flows, firstKey + i), title };
  });
  return { kind: 'charts', charts, perRow: 1 };
}

function flowsTable(name: string, scenarios: readonly ReportComponentScenario[]): Block {
  return {
    kind: 'table',
    caption: `${name}: patients moved along each edge over the horizon (mean of the replications)`,
    columns: [{ label: 'Scenario' }, { label: 'From' }, { label: 'To' }, { label: 'Edge' }, { label: 'Patients', numeric: true }],
    rows: scenarios.flatMap((s) => s.flows.map((f) => [plain(componentScenarioLabel(s)), plain(f.from), plain(f.to), plain(f.type), plain(formatWhole(f.total))])),
    compact: true,
  };
}

/** Where blocked patients were held and what they waited for: blocked bed-days by cause, from system.csv. */
function blockedTable(name: string, scenarios: readonly ReportComponentScenario[]): Block {
  const rows = scenarios.flatMap((s) => s.system.filter((f) => f.measure === 'blocked_bed_days').map((f) => ({ scenario: s, figure: f })));
  return {
    kind: 'table',
    caption: `${name}: bed-days blocked, by the node that held them and the node they waited for, with 95 % confidence intervals`,
    columns: [{ label: 'Scenario' }, { label: 'Held at' }, { label: 'Waiting for' }, { label: 'Blocked bed-days', numeric: true }],
    rows: rows.map(({ scenario, figure }) => [plain(componentScenarioLabel(scenario)), plain(figure.blockedAt), plain(figure.waitingFor), estimateCell(figure, formatWhole)]),
    note:
      rows.length === 0
        ? 'Nobody was blocked in this network in any replication.'
        : 'A patient is blocked when their stay has ended and the next node has no free place: they keep their bed and wait. In an acute node these are the delayed discharges. Each row is one cause: the bed-days held at one node by patients waiting for one onward node.',
    compact: true,
  };
}

function systemTable(name: string, scenarios: readonly ReportComponentScenario[]): Block {
  const figure = (s: ReportComponentScenario, measure: ReportSystemFigure['measure']) => s.system.find((f) => f.measure === measure);
  return {
    kind: 'table',
    caption: `${name}: system totals over the horizon, with 95 % confidence intervals`,
    columns: [{ label: 'Scenario' }, { label: 'Total cost', numeric: true }, { label: 'Delayed-discharge bed-days', numeric: true }, { label: 'Deadlocks', numeric: true }, { label: 'Forced admissions', numeric: true }],
    rows: scenarios.map((s) => [
      plain(componentScenarioLabel(s)),
      estimateCell(figure(s, 'total_cost'), formatPounds),
      estimateCell(figure(s, 'delayed_discharge_bed_days'), formatWhole),
      estimateCell(figure(s, 'deadlocks'), formatOne),
      estimateCell(figure(s, 'forced_admissions'), formatOne),
    ]),
    compact: true,
  };
}

/** An exit as a reader names it: the implicit exit is not a node of the model. */
export const exitName = (exit: string): string => (exit === IMPLICIT_EXIT ? 'from a node with no onward route' : exit);

/**
 * Patients' journeys through the network, from system.csv's per-patient rows: only those who
 * left within the horizon (the rest are still on their way). None for a run made before these rows existed.
 */
function patientsTable(name: string, scenarios: readonly ReportComponentScenario[]): Block | undefined {
  const figure = (s: ReportComponentScenario, measure: ReportSystemFigure['measure']) => s.system.find((f) => f.measure === measure && f.exit === '');
  const shown = scenarios.filter((s) => figure(s, 'patients_left'));
  if (shown.length === 0) return undefined;
  return {
    kind: 'table',
    caption: `${name}: journeys of the patients who left the network over the horizon, with 95 % confidence intervals`,
    columns: [
      { label: 'Scenario' },
      { label: 'Patients who left', numeric: true },
      { label: 'Days in the network, mean', numeric: true },
      { label: 'Median', numeric: true },
      { label: '90th percentile', numeric: true },
      { label: '95th percentile', numeric: true },
      { label: 'Stays per patient', numeric: true },
      { label: 'Readmissions per 100', numeric: true },
    ],
    rows: shown.map((s) => [
      plain(componentScenarioLabel(s)),
      estimateCell(figure(s, 'patients_left'), formatWhole),
      estimateCell(figure(s, 'time_in_system_mean'), formatOne),
      estimateCell(figure(s, 'time_in_system_p50'), formatOne),
      estimateCell(figure(s, 'time_in_system_p90'), formatOne),
      estimateCell(figure(s, 'time_in_system_p95'), formatOne),
      estimateCell(figure(s, 'nodes_visited_mean'), formatOne),
      estimateCell(figure(s, 'readmissions_per_100'), formatOne),
    ]),
    note: 'Days in the network run from arriving (or the first day, for patients already there) to leaving by an exit; the percentiles are over patients, per replication, then averaged. A stay is a start at any node, counted again at a node visited twice. A readmission is a stay at an acute node after an earlier stay in the network. Patients still in the network when the horizon ends are not counted.',
    compact: true,
  };
}

/** A row per scenario and exit: each component has its own exits, and a column each would not fit the page. */
function throughputTable(name: string, scenarios: readonly ReportComponentScenario[]): Block {
  return {
    kind: 'table',
    caption: `${name}: patients who left the network over the horizon, by exit, with 95 % confidence intervals`,
    columns: [{ label: 'Scenario' }, { label: 'Exit' }, { label: 'Patients', numeric: true }],
    rows: scenarios.flatMap((s) => s.system.filter((f) => f.measure === 'throughput').map((f) => [plain(componentScenarioLabel(s)), plain(exitName(f.exit)), estimateCell(f, formatWhole)])),
    compact: true,
  };
}

export function networkBlocks(data: ReportData, number: number): Block[] {
  const network = data.network ?? [];
  if (network.length === 0) return [];
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `${number}. Pathway networks`, newPage: true },
    {
      kind: 'paragraph',
      text: 'Nodes linked by onward routes are simulated together: a patient moves on when their stay ends, and if the next node is full they stay where they are, blocked, holding their bed. For each network (component) below: a diagram of each scenario, arrows as thick as the patients they carried; the patients moved along each edge; the bed-days patients spent blocked and the node that held them; and the totals for the whole component. Figures are means of the replications, with 95 % confidence intervals under them.',
    },
  ];
  const names = [...new Set(network.map((s) => s.component))];
  let diagrams = 0;
  for (const name of names) {
    const scenarios = network.filter((s) => s.component === name);
    const rows = data.summary.filter((r) => r.component === name);
    const nodes = componentNodes(data, scenarios, rows);
    blocks.push({ kind: 'heading', level: 2, text: `Network ${name}: ${nodes.map((n) => n.id).join(', ')}`, newPage: name !== names[0] });
    blocks.push(diagramBlocks(name, nodes, scenarios, diagrams));
    diagrams += scenarios.length;
    blocks.push(systemTable(name, scenarios));
    blocks.push(throughputTable(name, scenarios));
    const patients = patientsTable(name, scenarios);
    if (patients) blocks.push(patients);
    blocks.push(blockedTable(name, scenarios));
    blocks.push(flowsTable(name, scenarios));
    const warnings = [...new Set(scenarios.flatMap((s) => (s.warnings === '' ? [] : s.warnings.split('; '))))];
    if (warnings.length > 0) blocks.push({ kind: 'paragraph', text: `Scenario names missing at some nodes, which ran their baseline instead: ${warnings.join('; ')}.`, small: true });
  }
  return blocks;
}
