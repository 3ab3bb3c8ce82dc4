/**
 * `summary.csv`: one row per scenario with its whole-horizon figures and 95 % confidence
 * intervals across replications.
 *
 * Costs are on the model's basis (costBasis.ts), with the total on each basis beside them so
 * a planner can compare the two without a second run.
 *
 * A run with network components adds columns at the end (networkSummary.ts): blocking and
 * onward flow per node, blank for isolated nodes. A run without any keeps the file it had.
 */
import { costBasisOf, priceScenario, type PricedScenario } from '../engine/costBasis.js';
import type { CostBasis, ModelSpec } from '../engine/model.js';
import type { Estimate } from '../engine/statistics.js';
import type { HorizonSummary, ScenarioSummary } from '../engine/summary.js';
import { csvRow, formatNumber, SCENARIO_COLUMNS, scenarioFields } from './format.js';
import { hasNetworks, networkNodesById, type NetworkRunResult } from './networkRun.js';
import type { NodeNetworkSummary } from '../engine/network/componentSummary.js';
import { NETWORK_SUMMARY_COLUMNS, NETWORK_SUMMARY_TEXT_COLUMNS, networkSummaryFields } from './networkSummary.js';

/** What a row's figures are computed from. */
interface RowFigures {
  horizon: HorizonSummary;
  /** On the model's basis. */
  priced: PricedScenario;
  /** The total on each basis, as a planner would compare them. */
  occupied: Estimate;
  commissioned: Estimate;
}

type Column = [name: string, value: (f: RowFigures) => number | null];

function withInterval(name: string, pick: (f: RowFigures) => Estimate): Column[] {
  return [
    [name, (f) => pick(f).mean],
    [`${name}_low95`, (f) => pick(f).low],
    [`${name}_high95`, (f) => pick(f).high],
  ];
}

const BEFORE_BASIS: Column[] = [
  ['replications', (f) => f.horizon.replications],
  ...withInterval('mean_occupancy', (f) => f.horizon.meanOccupancy),
  ...withInterval('mean_delayed', (f) => f.horizon.meanQueue),
  ['p95_delayed', (f) => f.horizon.p95Queue],
  ...withInterval('peak_occupancy', (f) => f.horizon.peakOccupancy),
  ...withInterval('peak_delayed', (f) => f.horizon.peakQueue),
  ...withInterval('delayed_bed_days', (f) => f.horizon.delayedBedDays),
  ...withInterval('total_cost', (f) => f.priced.total),
  ['acute_cost', (f) => f.priced.acute.mean],
  ['community_cost', (f) => f.priced.community.mean],
];

/** The basis `total_cost`, `acute_cost` and `community_cost` are on, in its own text column. */
export const COST_BASIS_COLUMN = 'cost_basis';

const AFTER_BASIS: Column[] = [
  ['total_cost_occupied', (f) => f.occupied.mean],
  ['total_cost_commissioned', (f) => f.commissioned.mean],
  ['mean_wait_days', (f) => f.horizon.meanWait],
  ['share_delayed', (f) => f.horizon.shareDelayed],
  ['utilisation', (f) => f.horizon.utilisation],
  ['arrivals', (f) => f.horizon.arrivals],
  ['admissions', (f) => f.horizon.admissions],
  ['lost', (f) => f.horizon.lost],
  ['waiting_at_end', (f) => f.horizon.waitingAtEnd],
];

export const SUMMARY_COLUMNS = [...SCENARIO_COLUMNS, 'capacity', ...BEFORE_BASIS.map(([name]) => name), COST_BASIS_COLUMN, ...AFTER_BASIS.map(([name]) => name)];

/** Columns added when costs got a basis; a file without them (an older run) is on the occupied basis. */
export const COST_BASIS_COLUMNS: readonly string[] = ['acute_cost', 'community_cost', COST_BASIS_COLUMN, 'total_cost_occupied', 'total_cost_commissioned'];

/** The columns every summary.csv Pathflow has written holds, older runs' included. */
export const SUMMARY_COLUMNS_REQUIRED = SUMMARY_COLUMNS.filter((name) => !COST_BASIS_COLUMNS.includes(name));

function figuresOf(model: Pick<ModelSpec, 'nodes' | 'dates' | 'costBasis'>, scenario: ScenarioSummary): RowFigures {
  const { key, horizon } = scenario;
  const node = model.nodes[key.nodeIndex];
  if (!node || node.id !== key.node) throw new RangeError(`${key.id} is not a scenario of this model`);
  const days = model.dates.length;
  const on = (basis: CostBasis) => priceScenario(node, key, horizon, basis, days);
  const occupiedPriced = on('occupied');
  // The occupied total is the simulation's own cost figure: taken as it is, so a model on
  // the default basis writes the same bytes as before bases existed.
  const occupied = horizon.totalCost;
  const commissionedPriced = on('commissioned');
  const priced = costBasisOf(model) === 'commissioned' ? commissionedPriced : { ...occupiedPriced, total: occupied };
  return { horizon, priced, occupied, commissioned: commissionedPriced.total };
}

export function summaryCsv(result: NetworkRunResult, model: Pick<ModelSpec, 'nodes' | 'dates' | 'costBasis'>): string {
  const { columns, rows } = summaryTable(result, model);
  return summaryCsvOfRows(columns, rows.map(csvRow));
}

/** summary.csv from its columns and its rows, each already a CSV line (summaryCsvLine). */
export function summaryCsvOfRows(columns: readonly string[], lines: readonly string[]): string {
  return [columns.join(','), ...lines].join('\n') + '\n';
}

/**
 * A scenario's line of summary.csv in a run without networks, made as the scenario arrives:
 * the command line's writer thread assembles the file so, rather than the main thread once
 * the simulation is done.
 */
export function summaryCsvLine(scenario: ScenarioSummary, model: Pick<ModelSpec, 'nodes' | 'dates' | 'costBasis'>): string {
  return csvRow(summaryFields(scenario, model, undefined));
}

/** summary.csv's columns and its rows' fields, formatted but not yet quoted (for the CSV and summary.parquet alike). */
export function summaryTable(result: NetworkRunResult, model: Pick<ModelSpec, 'nodes' | 'dates' | 'costBasis'>): { columns: string[]; rows: string[][] } {
  const networked = hasNetworks(result) ? networkNodesById(result) : undefined;
  const columns = [...SUMMARY_COLUMNS, ...(networked ? NETWORK_SUMMARY_COLUMNS : [])];
  const rows = result.scenarios.map((scenario) => summaryFields(scenario, model, networked));
  return { columns, rows };
}

function showFigures(columns: Column[], f: RowFigures): string[] {
  return columns.map(([, value]) => {
    const v = value(f);
    return v === null ? '' : formatNumber(v);
  });
}

/** A scenario's row of summary.csv; `networked`: the run's networked node-scenarios, when it has networks. */
function summaryFields(scenario: ScenarioSummary, model: Pick<ModelSpec, 'nodes' | 'dates' | 'costBasis'>, networked: Map<string, NodeNetworkSummary> | undefined): string[] {
  const f = figuresOf(model, scenario);
  const network = networked ? networkSummaryFields(networked.get(scenario.key.id), model.dates.length) : [];
  return [...scenarioFields(scenario.key), formatNumber(scenario.key.capacity), ...showFigures(BEFORE_BASIS, f), f.priced.basis, ...showFigures(AFTER_BASIS, f), ...network];
}

/** summary.csv's text columns; every other column holds numbers (or blanks). */
export const SUMMARY_TEXT_COLUMNS: ReadonlySet<string> = new Set([...SCENARIO_COLUMNS, COST_BASIS_COLUMN, ...NETWORK_SUMMARY_TEXT_COLUMNS]);
