/**
 * What a report says, as a list of blocks (headings, paragraphs, tables, charts) that the
 * HTML and Word builders each lay out: the two documents cannot drift apart.
 */
import { isUnrestricted, type NodeSpec } from '../engine/model.js';
import { formatDate, formatOne, formatPercent, formatPounds, formatPoundsShort, formatTick, formatTimestamp, formatWhole, LOS_FAMILY_LABELS } from './format.js';
import { IPACS_DIFFERENCES, methodsSections } from './methods.js';
import { GLOSSARY } from './glossary.js';
import { CHART_METRICS, type ChartMetric, type ReportData, type SummaryRow } from './runData.js';
import { legendSvg, lineChartSvg, lineStyle, type LegendItem, type LineStyle } from './svgChart.js';
import { describeScenario, scenarioDescriptions, scenarioText, type ScenarioDescriptions, type ScenarioParts } from './scenarioText.js';
import { briefBlocks, ReportOptionsError, reportSystemView, wholeSystemBlocks } from './systemSection.js';
import { networkBlocks } from './networkSection.js';
import { runInputText } from './runInput.js';
import type { SystemView } from '../engine/systemView.js';
import type { CostBasis } from '../engine/model.js';

export { ReportOptionsError } from './systemSection.js';

export interface Cell {
  text: string;
  /** A second, smaller line (an interval). */
  sub?: string;
  /** The best value in its column. */
  best?: boolean;
}

export interface Column {
  label: string;
  numeric?: boolean;
}

export interface Chart {
  svg: string;
  width: number;
  height: number;
  title: string;
}

export type Block =
  | { kind: 'title'; title: string; subtitle: string; facts: Array<[string, string]> }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; newPage?: boolean }
  | { kind: 'paragraph'; text: string; small?: boolean }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; caption: string; columns: Column[]; rows: Cell[][]; note?: string; compact?: boolean }
  | { kind: 'charts'; charts: Chart[]; perRow: 1 | 2; keepTogether?: boolean };

export interface ReportOptions {
  /** Scenario labels (`BCap_Blos_BArr`) to show, in this order; all when absent. */
  scenarios?: readonly string[];
  /** When the report is made (shown on the title page). */
  generated?: Date;
  /** The scenario label differences are taken from; by default the first node's baseline. */
  baseline?: string;
}

export const BEST_MARK = '★';

const METRIC_CHARTS: Record<ChartMetric, { title: string; unit: string; format: (v: number, step: number) => string }> = {
  occ: { title: 'In service', unit: 'patients (daily mean)', format: formatTick },
  niq: { title: 'Delayed in acute', unit: 'patients (daily mean)', format: formatTick },
  wait: { title: 'Days delayed', unit: 'days, patients admitted that day', format: formatTick },
  cost: { title: 'Daily cost', unit: '£ a day', format: (v) => formatPoundsShort(v) },
};

const CHART_WIDTH = 340;
/** Arrival charts; the four charts of a node are taller, to fill their page. */
const CHART_HEIGHT = 235;
const NODE_CHART_HEIGHT = 275;

const PATHWAY_NAMES: Record<string, string> = { P1: 'Pathway 1 (care at home, visits)', P2: 'Pathway 2 (rehabilitation beds)', P3: 'Pathway 3 (beds, complex assessment)' };

function plain(text: string): Cell {
  return { text };
}

/** Marks the lowest finite value of each listed column as best. */
function markBest(rows: Cell[][], values: number[][], columns: number[]): void {
  for (const c of columns) {
    const finite = values.map((v) => v[c]).filter((v) => Number.isFinite(v));
    if (finite.length < 2) continue;
    const best = Math.min(...finite);
    if (finite.every((v) => v === best)) continue;
    values.forEach((v, r) => {
      if (v[c] === best) {
        rows[r][c] = { ...rows[r][c], best: true, text: `${rows[r][c].text} ${BEST_MARK}` };
      }
    });
  }
}

function interval(row: SummaryRow, name: string, format: (x: number) => string): string | undefined {
  const low = row.values[`${name}_low95`];
  const high = row.values[`${name}_high95`];
  return Number.isFinite(low) && Number.isFinite(high) ? `${format(low)} to ${format(high)}` : undefined;
}

/** The scenario labels shown, in run order (or the order asked for). */
export function chosenLabels(data: ReportData, options: ReportOptions): string[] {
  const all = [...new Set(data.summary.map((r) => r.label))];
  if (!options.scenarios || options.scenarios.length === 0) return all;
  const unknown = options.scenarios.filter((s) => !all.includes(s));
  if (unknown.length > 0) throw new ReportOptionsError(`no scenario ${unknown.join(', ')} in this run; its scenarios are ${all.join(', ')}`);
  return [...new Set(options.scenarios)];
}

/** The figures of the summary table, per node-scenario: the headline measures. */
export const HEADLINE_MEASURES = [
  { column: 'delayed_bed_days', label: 'Delayed bed-days', format: formatWhole, interval: true },
  { column: 'mean_delayed', label: 'Mean delayed patients', format: formatOne, interval: true },
  { column: 'mean_wait_days', label: 'Mean days delayed', format: formatOne, interval: false },
  { column: 'total_cost', label: 'Total cost', format: formatPounds, interval: true },
  { column: 'peak_occupancy', label: 'Peak occupancy', format: formatOne, interval: false },
] as const;

function titleBlocks(data: ReportData, labels: string[], generated: Date): Block[] {
  const { manifest, model } = data;
  const input = runInputText(manifest, model.name);
  const facts: Array<[string, string]> = [
    [input.label, input.value],
    ['Horizon', `${formatDate(model.dates[0])} to ${formatDate(model.dates[model.dates.length - 1])} (${formatWhole(model.dates.length)} days)`],
    ['Nodes', `${model.nodes.length} (${model.nodes.map((n) => n.id).join(', ')})`],
    ['Scenarios shown', `${labels.length} of ${new Set(data.summary.map((r) => r.label)).size}`],
    ['Replications', formatWhole(manifest.runs)],
    ['Seed', String(manifest.seed)],
    ['Pathflow version', manifest.pathflow],
    ['Run started', manifest.started ? formatTimestamp(manifest.started) : '–'],
    ['Report made', formatTimestamp(generated.toISOString())],
  ];
  return [{ kind: 'title', title: `Discharge to Assess capacity: ${model.name}`, subtitle: 'Pathflow simulation report', facts }];
}

/** A scenario's cell: its label, and what its parts stand for as a second line. */
function scenarioCell(text: string, parts: ScenarioParts | undefined, descriptions: ScenarioDescriptions): Cell {
  const description = parts && describeScenario(parts, descriptions);
  return description === undefined ? { text } : { text, sub: description };
}

/** The basis summary.csv's costs are on: commissioned if any row is (unrestricted rows stay occupied). */
function costBasisOfSummary(data: ReportData): CostBasis {
  return data.summary.some((r) => r.costBasis === 'commissioned') ? 'commissioned' : 'occupied';
}

/** What the whole-system table replaces, for a run directory without replications.csv: node totals of each label. */
function nodeTotalsBlocks(data: ReportData, labels: string[]): Block[] {
  const descriptions = scenarioDescriptions(data.model);
  const nodeCount = data.model.nodes.length;
  const rows: Cell[][] = [];
  const values: number[][] = [];
  for (const label of labels) {
    const of = data.summary.filter((r) => r.label === label);
    const sum = (column: string) => of.reduce((t, r) => t + r.values[column], 0);
    const admissions = sum('admissions');
    const waited = of.reduce((t, r) => t + (Number.isFinite(r.values.mean_wait_days) ? r.values.mean_wait_days * r.values.admissions : 0), 0);
    const v = [Number.NaN, sum('delayed_bed_days'), sum('mean_delayed'), admissions > 0 ? waited / admissions : Number.NaN, sum('total_cost')];
    values.push(v);
    rows.push([scenarioCell(label + (of.length < nodeCount ? ` (${of.length} of ${nodeCount} nodes)` : ''), of[0], descriptions), plain(formatWhole(v[1])), plain(formatOne(v[2])), plain(formatOne(v[3])), plain(formatPounds(v[4]))]);
  }
  markBest(rows, values, [1, 2, 3, 4]);
  return [
    {
      kind: 'paragraph',
      text: `Totals over the horizon of the nodes that have each scenario, means of ${formatWhole(data.manifest.runs)} replications. Mean days delayed is per patient admitted, over all nodes. ${BEST_MARK} marks the lowest (best) figure in each column.`,
    },
    {
      kind: 'table',
      caption: 'All nodes: headline figures per scenario',
      columns: [{ label: 'Scenario (capacity_LOS_arrivals)' }, { label: 'Delayed bed-days', numeric: true }, { label: 'Mean delayed patients', numeric: true }, { label: 'Mean days delayed', numeric: true }, { label: `Total cost (${costBasisOfSummary(data)} basis)`, numeric: true }],
      rows,
    },
  ];
}

function summaryBlocks(data: ReportData, labels: string[], view: SystemView | undefined): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: '1. Summary', newPage: true }];
  const descriptions = scenarioDescriptions(data.model);
  blocks.push(...wholeSystemBlocks(data, view, labels));
  if (!view) blocks.push(...nodeTotalsBlocks(data, labels));
  const basis = costBasisOfSummary(data);
  const unrestrictedNote = data.summary.some((r) => r.costBasis !== basis) ? ' Rows of unrestricted capacity are priced per occupied day, as unlimited places have no commissioned price.' : '';
  blocks.push({ kind: 'heading', level: 2, text: 'Per node' });
  blocks.push({
    kind: 'paragraph',
    text: `Per node, with 95 % confidence intervals under the figures. Peak occupancy is the highest daily occupancy in a replication, averaged over replications; peaks do not add across nodes, so it is shown per node only. ${BEST_MARK} marks the lowest delays and cost in each column; peak occupancy is not marked, as fewer beds in use is no merit in itself. Total cost is on the ${basis} basis.${unrestrictedNote}`,
  });
  for (const node of data.model.nodes) {
    const of = labels.map((l) => data.summary.find((r) => r.node === node.id && r.label === l)).filter((r): r is SummaryRow => r !== undefined);
    if (of.length === 0) continue;
    const nodeRows: Cell[][] = of.map((r) => [scenarioCell(r.label, r, descriptions), ...HEADLINE_MEASURES.map((m) => ({ text: m.format(r.values[m.column]), sub: m.interval ? interval(r, m.column, m.format) : undefined }))]);
    // Delays and cost only: a low peak occupancy is no merit (a node starved of beds has the
    // lowest peak and the longest delays), so that column wears no star.
    const starred = HEADLINE_MEASURES.flatMap((m, i) => (m.column === 'peak_occupancy' ? [] : [i + 1]));
    markBest(nodeRows, of.map((r) => [Number.NaN, ...HEADLINE_MEASURES.map((m) => r.values[m.column])]), starred);
    blocks.push({
      kind: 'table',
      caption: `${node.id}: ${PATHWAY_NAMES[node.pathway] ?? node.pathway}, ${node.locality}`,
      columns: [{ label: 'Scenario' }, ...HEADLINE_MEASURES.map((m) => ({ label: m.column === 'total_cost' ? `${m.label} (${basis} basis)` : m.label, numeric: true }))],
      rows: nodeRows,
    });
  }
  return blocks;
}

const capacityText = (c: number) => (isUnrestricted(c) ? 'unrestricted' : Number.isInteger(c) ? formatWhole(c) : formatOne(c));

function arrivalsChart(node: NodeSpec, dates: readonly string[]): Chart {
  const series = node.arrivals.map((a, i) => ({ label: a.description ? `${a.name}: ${a.description}` : a.name, values: a.daily, style: lineStyle(i) }));
  const svg = lineChartSvg({ width: CHART_WIDTH, height: CHART_HEIGHT + 24, title: `${node.id}: referrals`, yLabel: 'mean referrals a day', dates, series, legend: true });
  return { svg, width: CHART_WIDTH, height: CHART_HEIGHT + 24, title: `${node.id}: referrals a day` };
}

function inputBlocks(data: ReportData): Block[] {
  const { model } = data;
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: '2. Inputs', newPage: true }];
  const capacityNames = [...new Set(model.nodes.flatMap((n) => n.capacity.map((c) => c.name)))];
  blocks.push({
    kind: 'table',
    caption: 'Capacity per scenario (beds for P2 and P3, caseload for P1)',
    columns: [{ label: 'Node' }, ...capacityNames.map((name) => ({ label: name, numeric: true }))],
    rows: model.nodes.map((n) => [plain(n.id), ...capacityNames.map((name) => {
      const c = n.capacity.find((s) => s.name === name);
      return plain(c ? capacityText(c.capacity) : '–');
    })]),
  });
  blocks.push({
    kind: 'table',
    caption: 'Length of stay per scenario (days)',
    columns: [{ label: 'Node' }, { label: 'Scenario' }, { label: 'Distribution' }, { label: 'Mean', numeric: true }, { label: 'Median', numeric: true }, { label: 'SD', numeric: true }, { label: 'Visits a day, start to end (P1)', numeric: true }],
    rows: model.nodes.flatMap((n) =>
      n.los.map((l) => [
        plain(n.id),
        plain(l.name),
        plain(LOS_FAMILY_LABELS[l.family]),
        plain(formatOne(l.mean)),
        plain(l.median === undefined ? '–' : formatOne(l.median)),
        plain(l.sd === undefined ? '–' : formatOne(l.sd)),
        plain(n.pathway === 'P1' ? `${formatOne(l.initialVisitRate ?? 4)} to ${formatOne(l.finalVisitRate ?? 1)}` : '–'),
      ]),
    ),
    compact: true,
  });
  blocks.push({
    kind: 'table',
    caption: 'Initial state and unit costs per node',
    columns: [{ label: 'Node' }, { label: 'In service at start', numeric: true }, { label: 'Waiting in acute at start', numeric: true }, { label: 'Community cost (£ a bed-day; P1 £ a visit)', numeric: true }, { label: 'Acute delay cost (£ a day)', numeric: true }],
    rows: model.nodes.map((n) => [plain(n.id), plain(formatWhole(n.initial.occupied)), plain(formatWhole(n.initial.waiting)), plain(formatPounds(n.costs.community)), plain(formatPounds(n.costs.acuteDelay))]),
  });
  blocks.push({
    kind: 'table',
    caption: 'Referrals per arrival scenario',
    columns: [{ label: 'Node' }, { label: 'Scenario' }, { label: 'Total over the horizon', numeric: true }, { label: 'Mean a day', numeric: true }, { label: 'Busiest day', numeric: true }],
    rows: model.nodes.flatMap((n) =>
      n.arrivals.map((a) => {
        const total = a.daily.reduce((t, x) => t + x, 0);
        return [plain(n.id), plain(a.name), plain(formatWhole(total)), plain(formatOne(total / Math.max(1, a.daily.length))), plain(formatOne(Math.max(...a.daily)))];
      }),
    ),
    compact: true,
  });
  blocks.push({ kind: 'heading', level: 2, text: 'Referrals a day per node', newPage: true });
  blocks.push({ kind: 'charts', charts: model.nodes.map((n) => arrivalsChart(n, model.dates)), perRow: 2 });
  return blocks;
}

function resultBlocks(data: ReportData, labels: string[]): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: '3. Results per node', newPage: true }];
  blocks.push({
    kind: 'paragraph',
    text: 'For each node, four measures day by day: patients in service, patients delayed in acute, days delayed (the mean wait of patients admitted that day) and the daily cost. Every scenario shown is overlaid, each with its own colour, dash pattern and marker; the shaded band is the 95 % range across replications (2.5th to 97.5th percentile) of the node\'s baseline, its first scenario.',
  });
  const styleOf = new Map(labels.map((l, i) => [l, lineStyle(i)]));
  const descriptions = scenarioDescriptions(data.model);
  data.model.nodes.forEach((node, k) => {
    const rows = labels.map((l) => data.summary.find((r) => r.node === node.id && r.label === l)).filter((r): r is SummaryRow => r !== undefined);
    if (rows.length === 0) return;
    const baseline = rows[0];
    const baselineStyle: LineStyle = styleOf.get(baseline.label)!;
    const bandLabel = `95 % band of ${baseline.label}`;
    blocks.push({ kind: 'heading', level: 2, text: `${node.id}: ${PATHWAY_NAMES[node.pathway] ?? node.pathway}, ${node.locality}`, newPage: k > 0 });
    const places = node.pathway === 'P1' ? 'caseload places' : 'beds';
    const capacities = new Map<number, string[]>();
    for (const r of rows) if (!isUnrestricted(r.capacity) && !capacities.get(r.capacity)?.includes(r.capacityScenario)) capacities.set(r.capacity, [...(capacities.get(r.capacity) ?? []), r.capacityScenario]);
    const rules = [...capacities].map(([value, names]) => ({ value, label: `${names.join(', ')}: ${capacityText(value)} ${places}` }));
    const items: LegendItem[] = [
      ...rows.map((r) => ({ label: scenarioText(r, descriptions), style: styleOf.get(r.label)! })),
      { label: bandLabel, swatch: baselineStyle.colour },
      ...rules.map((rule) => ({ label: `Capacity (on In service) of ${rule.label}`, rule: true })),
    ];
    const legend = legendSvg(items, CHART_WIDTH * 2, `${node.id}: legend`);
    const charts: Chart[] = [{ svg: legend.svg, width: legend.width, height: legend.height, title: `${node.id}: legend` }];
    blocks.push({ kind: 'charts', charts, perRow: 1 });
    const metricCharts = CHART_METRICS.map((metric) => {
      const spec = METRIC_CHARTS[metric];
      const band = data.daily.get(baseline.scenario)![metric];
      const title = `${spec.title}, ${node.id}`;
      const svg = lineChartSvg({
        width: CHART_WIDTH,
        height: NODE_CHART_HEIGHT,
        title,
        yLabel: spec.unit,
        dates: data.model.dates,
        series: rows.map((r) => ({ label: r.label, values: data.daily.get(r.scenario)![metric].mean, style: styleOf.get(r.label)! })),
        band: { low: band.low, high: band.high, colour: baselineStyle.colour, label: bandLabel },
        ...(metric === 'occ' ? { rules } : {}),
        formatValue: spec.format,
        description: `${spec.title} at ${node.id}, daily mean of ${rows.length} scenario${rows.length === 1 ? '' : 's'}, with the 95 % band of ${baseline.label}`,
      });
      return { svg, width: CHART_WIDTH, height: NODE_CHART_HEIGHT, title };
    });
    blocks.push({ kind: 'charts', charts: metricCharts, perRow: 2, keepTogether: true });
  });
  return blocks;
}

function comparisonBlocks(data: ReportData, labels: string[]): Block[] {
  const rows: Cell[][] = [];
  const descriptions = scenarioDescriptions(data.model);
  const order = new Map(data.model.nodes.map((n, i) => [n.id, i]));
  const byPathway = [...data.summary]
    .filter((r) => labels.includes(r.label))
    .sort((a, b) => a.pathway.localeCompare(b.pathway) || order.get(a.node)! - order.get(b.node)! || labels.indexOf(a.label) - labels.indexOf(b.label));
  for (const r of byPathway) {
    const v = r.values;
    const figures = [capacityText(r.capacity), formatOne(v.mean_occupancy), formatOne(v.mean_delayed), formatWhole(v.delayed_bed_days), formatOne(v.mean_wait_days), formatPercent(v.utilisation), formatPounds(v.total_cost)];
    rows.push([plain(r.pathway), plain(r.locality), scenarioCell(r.label, r, descriptions), ...figures.map(plain)]);
  }
  return [
    { kind: 'heading', level: 1, text: '4. Comparison of scenarios', newPage: true },
    { kind: 'paragraph', text: 'Every pathway and locality under each scenario shown, as IPACS tabulates them: horizon means over replications. Utilisation is mean occupancy over capacity (– where capacity is unrestricted).' },
    {
      kind: 'table',
      caption: 'Pathway × locality × scenario',
      columns: [
        { label: 'Pathway' },
        { label: 'Locality' },
        { label: 'Scenario' },
        { label: 'Capacity', numeric: true },
        { label: 'Mean in service', numeric: true },
        { label: 'Mean delayed', numeric: true },
        { label: 'Delayed bed-days', numeric: true },
        { label: 'Mean days delayed', numeric: true },
        { label: 'Utilisation', numeric: true },
        { label: `Total cost (${costBasisOfSummary(data)} basis)`, numeric: true },
      ],
      rows,
      compact: true,
    },
  ];
}

function methodsBlocks(data: ReportData, number: number): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: `${number}. Methods and assumptions`, newPage: true }];
  blocks.push({ kind: 'paragraph', text: 'The model as implemented, under the STRESS-DES reporting headings the IPACS report used.' });
  for (const section of methodsSections(data)) {
    blocks.push({ kind: 'heading', level: 2, text: section.heading });
    for (const p of section.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    if (section.bullets) blocks.push({ kind: 'bullets', items: section.bullets });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Known differences from the IPACS v1 R model' });
  blocks.push({ kind: 'paragraph', text: 'Where the IPACS R model has a defect, Pathflow does what the model means to do. Each difference, measured on the public IPACS sample workbook, is in docs/ipacs-differences.md.' });
  blocks.push({ kind: 'bullets', items: IPACS_DIFFERENCES });
  return blocks;
}

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(value)) return [[prefix, value.map(String).join(', ')]];
  return [[prefix, String(value)]];
}

/** The glossary the app's Help shows, so a reader of the paper meets the same definitions. */
function glossaryBlocks(number: number): Block[] {
  return [
    { kind: 'heading', level: 1, text: `${number}. Words and measures`, newPage: true },
    {
      kind: 'table',
      caption: 'What each term in this report means',
      columns: [{ label: 'Term' }, { label: 'Meaning' }],
      rows: GLOSSARY.map((entry) => [plain(entry.term), entry.formula ? { text: entry.text, sub: entry.formula } : plain(entry.text)]),
      compact: true,
    },
  ];
}

function manifestBlocks(data: ReportData, number: number): Block[] {
  return [
    { kind: 'heading', level: 1, text: `${number}. Run manifest`, newPage: true },
    { kind: 'paragraph', text: 'The run\'s manifest.json as written by Pathflow: with the input file\'s SHA-256, the seed and the replications, the same version reproduces every figure in this report.' },
    { kind: 'table', caption: 'manifest.json', columns: [{ label: 'Field' }, { label: 'Value' }], rows: flatten(data.manifest).map(([k, v]) => [plain(k), plain(v)]), compact: true },
  ];
}

export function reportBlocks(data: ReportData, options: ReportOptions = {}): Block[] {
  const labels = chosenLabels(data, options);
  const generated = options.generated ?? new Date();
  const view = reportSystemView(data, options.baseline);
  // Sections 1 to 4 are in every report; a run with networks has its section as 5, and the
  // rest follow on.
  const network = networkBlocks(data, 5);
  const next = network.length > 0 ? 6 : 5;
  return [
    ...titleBlocks(data, labels, generated),
    ...briefBlocks(data, view),
    ...summaryBlocks(data, labels, view),
    ...inputBlocks(data),
    ...resultBlocks(data, labels),
    ...comparisonBlocks(data, labels),
    ...network,
    ...methodsBlocks(data, next),
    ...manifestBlocks(data, next + 1),
    ...glossaryBlocks(next + 2),
  ];
}

export function reportTitle(data: ReportData): string {
  return `Pathflow report: ${data.model.name}`;
}
