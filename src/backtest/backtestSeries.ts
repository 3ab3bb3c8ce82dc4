/**
 * The observed series a backtest compares: observed.csv's `delayed` rows, grouped by what
 * they are compared with. A row naming a node is that node's; a row naming only a pathway is
 * the sum over the model's nodes with that pathway label (a sitrep counts an ICB's delays,
 * the model splits them by locality), one series per organisation.
 */
import type { ModelSpec } from '../engine/model.js';
import type { ObservedGrain, ObservedRow } from '../observed/observedSeries.js';
import { periodEnd, windowOf, type DayWindow } from './observedPeriod.js';

export interface ObservedPoint {
  grain: ObservedGrain;
  date: string;
  observed: number;
  window: DayWindow;
}

/** Why observed figures were left out of the comparison. */
export interface SkippedPoints {
  suppressed: number;
  outsideHorizon: number;
  missing: number;
}

export interface BacktestSeries {
  /** `P2_B` for a node; `P1 (QUY)`, or `P1` without an organisation, for a pathway. */
  name: string;
  /** Indices into the model's nodes whose delays are summed. */
  nodes: number[];
  points: ObservedPoint[];
  skipped: SkippedPoints;
}

/** The rows of the named organisations (with their lines), or the problem that there are none. */
export function rowsOfOrgs(rows: readonly ObservedRow[], source: RowSource, orgs: readonly string[]): { rows: ObservedRow[]; source: RowSource } | { problem: string } {
  const wanted = new Set(orgs);
  const kept = rows.flatMap((row, i) => (wanted.has(row.org) ? [{ row, line: source.lines[i] }] : []));
  if (kept.length === 0) {
    const present = [...new Set(rows.map((row) => row.org))].map((org) => (org === '' ? '(none)' : org)).join(', ');
    return { problem: `${source.file}: has no rows for ${orgs.join(', ')} (its organisations are ${present})` };
  }
  return { rows: kept.map((k) => k.row), source: { file: source.file, lines: kept.map((k) => k.line) } };
}

export type SeriesMatch = { ok: true; series: BacktestSeries[]; notes: string[] } | { ok: false; problems: string[] };

/** Everything needed to name a row in a message: the observed file and each row's line. */
export interface RowSource {
  file: string;
  /** `lines[i]` is the line of `rows[i]`. */
  lines: readonly number[];
}

interface Group {
  name: string;
  node: string;
  pathway: string;
  firstLine: number;
  rows: Array<{ row: ObservedRow; line: number }>;
}

function seriesName(row: ObservedRow): string {
  if (row.node !== '') return row.node;
  return row.org === '' ? row.pathway : `${row.pathway} (${row.org})`;
}

function groupDelayedRows(rows: readonly ObservedRow[], source: RowSource): Group[] {
  const groups = new Map<string, Group>();
  rows.forEach((row, i) => {
    if (row.measure !== 'delayed') return;
    const name = seriesName(row);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { name, node: row.node, pathway: row.pathway, firstLine: source.lines[i], rows: [] }));
    group.rows.push({ row, line: source.lines[i] });
  });
  return [...groups.values()];
}

/** Node indices the group is compared with, or the problem that it names nothing in the model. */
function nodesOf(group: Group, model: ModelSpec, file: string): number[] | string {
  if (group.node !== '') {
    const index = model.nodes.findIndex((node) => node.id === group.node);
    if (index >= 0) return [index];
    return `${file} line ${group.firstLine}: node "${group.node}" is not a node of the model (its nodes are ${model.nodes.map((n) => n.id).join(', ')})`;
  }
  if (group.pathway === '') return `${file} line ${group.firstLine}: a delayed row needs a node or a pathway`;
  const indices = model.nodes.flatMap((node, index) => (node.pathway === group.pathway ? [index] : []));
  if (indices.length > 0) return indices;
  const labels = [...new Set(model.nodes.map((n) => n.pathway))].join(', ');
  return `${file} line ${group.firstLine}: no node of the model has the pathway "${group.pathway}" (its pathways are ${labels})`;
}

function pointsOf(group: Group, dayIndex: ReadonlyMap<string, number>, file: string): { points: ObservedPoint[]; skipped: SkippedPoints; problems: string[] } {
  const skipped: SkippedPoints = { suppressed: 0, outsideHorizon: 0, missing: 0 };
  const points: ObservedPoint[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const { row, line } of group.rows) {
    const key = `${row.grain} ${row.date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`${file} line ${line}: a second ${row.grain} figure for ${group.name} on ${row.date} (the first is on line ${earlier})`);
      continue;
    }
    seen.set(key, line);
    if (row.basis === 'suppressed') skipped.suppressed++;
    else if (!Number.isFinite(row.value)) skipped.missing++;
    else {
      const window = windowOf(row.grain, row.date, dayIndex);
      if (window) points.push({ grain: row.grain, date: row.date, observed: row.value, window });
      else skipped.outsideHorizon++;
    }
  }
  points.sort((a, b) => a.window.first - b.window.first || a.window.count - b.window.count);
  return { points, skipped, problems };
}

function horizonOf(model: ModelSpec): string {
  return `${model.dates[0]} to ${model.dates[model.dates.length - 1]}`;
}

/** The observed span, for the message when nothing overlaps the horizon. */
function observedSpan(groups: readonly Group[]): string {
  const starts = groups.flatMap((g) => g.rows.map((r) => r.row.date)).sort();
  const ends = groups.flatMap((g) => g.rows.map((r) => periodEnd(r.row.grain, r.row.date))).sort();
  return `${starts[0]} to ${ends[ends.length - 1]}`;
}

/**
 * Matches observed `delayed` rows with the model. Every observed series that names nothing in
 * the model is a problem; model nodes no series covers are a note (they are simply not compared).
 */
export function matchSeries(model: ModelSpec, rows: readonly ObservedRow[], source: RowSource): SeriesMatch {
  const groups = groupDelayedRows(rows, source);
  if (groups.length === 0) return { ok: false, problems: [`${source.file}: has no rows with measure "delayed", so there is nothing to compare the model with`] };
  const dayIndex = new Map(model.dates.map((date, index) => [date, index]));
  const problems: string[] = [];
  const series: BacktestSeries[] = [];
  for (const group of groups) {
    const nodes = nodesOf(group, model, source.file);
    if (typeof nodes === 'string') {
      problems.push(nodes);
      continue;
    }
    const { points, skipped, problems: pointProblems } = pointsOf(group, dayIndex, source.file);
    problems.push(...pointProblems);
    series.push({ name: group.name, nodes, points, skipped });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (series.every((s) => s.points.length === 0)) {
    return { ok: false, problems: [`${source.file}: no observed delayed figure with a value falls within the model's horizon (observed ${observedSpan(groups)}; the model simulates ${horizonOf(model)})`] };
  }
  const covered = new Set(series.flatMap((s) => s.nodes));
  const uncovered = model.nodes.filter((_, index) => !covered.has(index)).map((node) => node.id);
  const notes = uncovered.length > 0 ? [`not compared (no observed series): ${uncovered.join(', ')}`] : [];
  for (const s of series) {
    const { suppressed, outsideHorizon, missing } = s.skipped;
    const parts = [suppressed && `${suppressed} suppressed`, outsideHorizon && `${outsideHorizon} not wholly within the model's horizon (${horizonOf(model)})`, missing && `${missing} with no value`];
    const said = parts.filter(Boolean);
    if (said.length > 0) notes.push(`${s.name}: left out ${said.join(', ')}`);
  }
  const orgs = [...new Set(groups.filter((g) => g.node === '').flatMap((g) => g.rows.map((r) => r.row.org)))];
  if (orgs.length > 1) notes.push(`pathway figures of ${orgs.length} organisations (${orgs.join(', ')}) are each compared with the whole model; --org picks one`);
  const otherRows = rows.filter((row) => row.measure !== 'delayed').length;
  if (otherRows > 0) notes.push(`${otherRows} observed row${otherRows === 1 ? '' : 's'} of other measures than delayed left aside`);
  return { ok: true, series, notes };
}
