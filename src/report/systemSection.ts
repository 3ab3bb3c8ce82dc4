/**
 * The report's plain-English summary and its whole-system section, from the system view of
 * the run directory's replications (replications.csv). Node totals of a label that exists at
 * one node only would put one node beside nine; the system view compares like with like.
 */
import { describeScenario, scenarioDescriptions } from './scenarioText.js';
import type { DifferenceUnit } from './difference.js';
import { costBasisOf } from '../engine/costBasis.js';
import type { Estimate } from '../engine/statistics.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { systemView, type SystemMeasure, type SystemScenario, type SystemView } from '../engine/systemView.js';
import { allScenarios } from '../engine/scenarios.js';
import { formatPounds, formatWhole } from './format.js';
import { BASIS_WORDS, changeWords, plainSummary } from './plainSummary.js';
import type { ReportData } from './runData.js';
import type { Block, Cell } from './content.js';

/** A bad choice of report option, e.g. an unknown scenario or baseline; `option` names the flag. */
export class ReportOptionsError extends Error {
  constructor(
    message: string,
    readonly option = '--scenarios',
  ) {
    super(message);
  }
}

/** Every scenario label of the run, in run order. */
export function runLabels(data: ReportData): string[] {
  return [...new Set(data.summary.map((r) => r.label))];
}

/**
 * The system view of the run, or undefined for a run directory without replications.csv.
 * `baseline` is a label of the run (by default the first node's baseline scenario's).
 */
export function reportSystemView(data: ReportData, baseline?: string): SystemView | undefined {
  if (baseline !== undefined && !runLabels(data).includes(baseline)) {
    throw new ReportOptionsError(`no scenario ${baseline} in this run to compare with; its scenarios are ${runLabels(data).join(', ')}`, '--baseline');
  }
  if (!data.replications) return undefined;
  const keys = new Map(allScenarios(data.model).map((key) => [key.id, key]));
  const runs = data.manifest.runs;
  // The system view reads a scenario's key and its replications' horizon figures only: those
  // are what a run directory holds, so the summaries are built of them alone.
  // A networked node's scenario of a component with several routing scenarios (its id ends in
  // the routing scenario's name), or an exit's, is not a scenario of the node alone: the
  // network section compares those, in its system totals.
  const rows = data.summary.filter((row) => keys.has(row.scenario) || row.component === undefined);
  const scenarios = rows.map((row) => {
    const key = keys.get(row.scenario);
    if (!key) throw new RangeError(`summary.csv's scenario ${row.scenario} is not one of model.json's`);
    return { key, horizon: { replications: runs, byReplication: data.replications!.get(row.scenario)! } } as unknown as ScenarioSummary;
  });
  return systemView(data.model, scenarios, { baseline, basis: costBasisOf(data.model) });
}

/** "costs on the occupied basis: community care priced per occupied bed-day or visit" */
export function basisNote(view: Pick<SystemView, 'basis'>): string {
  return `Costs on the ${view.basis} basis: ${BASIS_WORDS[view.basis]}`;
}

export function briefBlocks(data: ReportData, view: SystemView | undefined): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: 'In brief', newPage: true }];
  if (!view) {
    blocks.push({ kind: 'paragraph', text: 'The plain-English summary of the whole system is made from replications.csv, which this run directory lacks (see 1. Summary).' });
    return blocks;
  }
  if (view.scenarios.length === 0) {
    blocks.push({ kind: 'paragraph', text: ONLY_NETWORKS });
    return blocks;
  }
  const summary = plainSummary(view, data.model.dates);
  blocks.push({ kind: 'paragraph', text: summary.baseline });
  if (summary.changes.length > 0) blocks.push({ kind: 'bullets', items: summary.changes.map((c) => c.text) });
  return blocks;
}

const ONLY_NETWORKS =
  'Every node of this run is in a network whose scenarios include more than one routing scenario, so a scenario is a whole network, not a node alone: ' +
  'the section on pathway networks compares them, with their system totals (total cost, delayed-discharge bed-days, patients leaving by each exit) and 95 % intervals.';

const NO_REPLICATIONS =
  'This run directory has no replications.csv: it was written by an earlier version of Pathflow. ' +
  'Whole-system totals and each scenario\'s difference from the baseline, with their 95 % intervals, are taken replication by replication, ' +
  'so they need the run made again (pathflow run) with this version. The tables below are per node.';

const MEASURES: Array<{ measure: SystemMeasure; label: string; show: (x: number) => string; unit: DifferenceUnit; more: string; fewer: string }> = [
  { measure: 'patientsDelayed', label: 'People delayed', show: formatWhole, unit: 'number', more: 'more', fewer: 'fewer' },
  { measure: 'delayedBedDays', label: 'Delayed bed-days', show: formatWhole, unit: 'number', more: 'more', fewer: 'fewer' },
  { measure: 'totalCost', label: 'Total cost', show: formatPounds, unit: 'pounds', more: 'more', fewer: 'less' },
];

function intervalText(e: Estimate, show: (x: number) => string): string {
  return `95 % CI ${show(e.low)} to ${show(e.high)}`;
}

/** The nodes a scenario changes: named when few, counted when many (a list of nine fills the cell). */
function changedText(changed: readonly string[], of: number): string {
  if (changed.length === 0) return 'none';
  if (changed.length <= 3) return changed.join(', ');
  return changed.length === of ? `all ${of}` : `${changed.length} of ${of}`;
}

function systemRow(scenario: SystemScenario, isBaseline: boolean, nodeCount: number, describe: (label: string) => string | undefined): Cell[] {
  const changed = isBaseline ? 'baseline' : changedText(scenario.changedNodes, nodeCount);
  const totals = MEASURES.map(({ measure, show }): Cell => ({ text: show(scenario.totals[measure].mean), sub: intervalText(scenario.totals[measure], show) }));
  const differences = MEASURES.map(({ measure, label, unit, more, fewer }): Cell => {
    const d = scenario.difference?.[measure];
    if (!d) return { text: '–' };
    return { text: changeWords(d, { more, fewer, unclear: label.toLowerCase() }, unit) };
  });
  const description = describe(scenario.label);
  return [description === undefined ? { text: scenario.label } : { text: scenario.label, sub: description }, { text: changed }, ...totals, ...differences];
}

export function wholeSystemBlocks(data: ReportData, view: SystemView | undefined, labels: readonly string[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Whole system' }];
  if (!view) {
    blocks.push({ kind: 'paragraph', text: NO_REPLICATIONS });
    return blocks;
  }
  if (view.scenarios.length === 0) {
    blocks.push({ kind: 'paragraph', text: ONLY_NETWORKS });
    return blocks;
  }
  const shown = view.scenarios.filter((s) => s.label === view.baseline || labels.includes(s.label));
  const descriptions = scenarioDescriptions(data.model);
  const describe = (label: string) => {
    const parts = data.summary.find((r) => r.label === label);
    return parts && describeScenario(parts, descriptions);
  };
  blocks.push({
    kind: 'paragraph',
    text:
      `Each scenario as a whole system: every one of the ${view.nodes.length} nodes, each with the scenario where it has it and its baseline scenario where it does not, ` +
      `so every row totals the same nodes. Differences are from the baseline, ${view.baseline}, taken replication by replication (common random numbers), ` +
      `with 95 % intervals; where an interval includes zero the difference is not clear and is said so. Means of ${formatWhole(view.replications)} replications. ` +
      `${basisNote(view)}; nodes with unrestricted capacity are priced per occupied day on either basis.`,
  });
  blocks.push({
    kind: 'table',
    caption: `Whole system: totals and difference from ${view.baseline} (${view.basis} cost basis)`,
    columns: [
      { label: 'Scenario (capacity_LOS_arrivals)' },
      { label: 'Nodes changed' },
      ...MEASURES.map((m) => ({ label: m.measure === 'totalCost' ? `Total cost (${view.basis} basis)` : m.label, numeric: true })),
      ...MEASURES.map((m) => ({ label: m.measure === 'totalCost' ? `Difference in total cost (${view.basis} basis)` : `Difference in ${m.label.toLowerCase()}`, numeric: true })),
    ],
    rows: shown.map((s) => systemRow(s, s.label === view.baseline, view.nodes.length, describe)),
    compact: true,
  });
  return blocks;
}
