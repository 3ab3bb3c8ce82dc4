/**
 * Edits a planner makes to a model in the browser, as pure functions from model to model
 * (the app keeps the model immutable so React sees every change, and so these are tested
 * in Node). Every result is a model the engine accepts, or the edit is refused with a reason.
 */
import { formatBoundNumber, type NumberBound } from '../engine/bounds.js';
import type { LosFamily, ModelSpec, NodeKind, NodeSpec, Pathway } from '../engine/model.js';
import { losIssues } from '../engine/modelSchema.js';

export type ScenarioKind = 'capacity' | 'los' | 'arrivals';

export const SCENARIO_KIND_LABELS: Record<ScenarioKind, string> = {
  capacity: 'Capacity',
  los: 'Length of stay',
  arrivals: 'Arrivals',
};

export type Edit = { ok: true; model: ModelSpec } | { ok: false; reason: string };

/**
 * Structural edits drop the IPACS sheet order: it only orders the columns of the
 * IPACS-layout CSVs, and a stale one would name rows that no longer exist.
 */
function structural(model: ModelSpec, nodes: NodeSpec[]): ModelSpec {
  const { ipacsSheetRows: _dropped, ...rest } = model;
  return { ...rest, nodes };
}

export function updateNode(model: ModelSpec, nodeId: string, change: (node: NodeSpec) => NodeSpec): ModelSpec {
  return { ...model, nodes: model.nodes.map((node) => (node.id === nodeId ? change(node) : node)) };
}

/** Scenario names of one kind across all nodes, in first-seen order. */
export function scenarioNames(model: ModelSpec, kind: ScenarioKind): string[] {
  const names = new Set<string>();
  for (const node of model.nodes) for (const scenario of node[kind]) names.add(scenario.name);
  return [...names];
}

/** Scenario names join into ids with `_` (`P2_B_BCap_Blos_BArr`), so they may not hold one. */
export function scenarioNameProblem(model: ModelSpec, kind: ScenarioKind, name: string, except?: string): string | undefined {
  if (name.trim() === '') return 'Enter a name';
  if (name !== name.trim()) return 'Remove the spaces at the start or end';
  if (!/^[A-Za-z0-9-]+$/.test(name)) return 'Use only letters, digits and hyphens (no spaces or underscores)';
  if (name !== except && scenarioNames(model, kind).includes(name)) return `There is already a ${SCENARIO_KIND_LABELS[kind].toLowerCase()} scenario called ${name}`;
  return undefined;
}

/**
 * Adds a scenario to every node, a copy of each node's scenario `copyOf` (or its first). Nodes
 * with no scenario of the kind (an exit, a node fed only by other nodes) are left without.
 */
export function addScenario(model: ModelSpec, kind: ScenarioKind, name: string, copyOf?: string): Edit {
  const problem = scenarioNameProblem(model, kind, name);
  if (problem) return { ok: false, reason: problem };
  const nodes = model.nodes.map((node) => {
    const list = node[kind] as Array<{ name: string }>;
    const source = list.find((s) => s.name === copyOf) ?? list[0];
    return source ? { ...node, [kind]: [...list, { ...structuredClone(source), name }] } : node;
  });
  return { ok: true, model: structural(model, nodes) };
}

export function renameScenario(model: ModelSpec, kind: ScenarioKind, from: string, to: string): Edit {
  if (from === to) return { ok: true, model };
  const problem = scenarioNameProblem(model, kind, to, from);
  if (problem) return { ok: false, reason: problem };
  const nodes = model.nodes.map((node) => ({
    ...node,
    [kind]: (node[kind] as Array<{ name: string }>).map((s) => (s.name === from ? { ...s, name: to } : s)),
  }));
  return { ok: true, model: structural(model, nodes) };
}

export function deleteScenario(model: ModelSpec, kind: ScenarioKind, name: string): Edit {
  const starved = model.nodes.filter((node) => node[kind].length > 0 && (node[kind] as Array<{ name: string }>).every((s) => s.name === name));
  if (starved.length > 0) {
    return { ok: false, reason: `${name} is the only ${SCENARIO_KIND_LABELS[kind].toLowerCase()} scenario of ${starved.map((n) => n.id).join(', ')}: a node needs at least one` };
  }
  const nodes = model.nodes.map((node) => ({ ...node, [kind]: (node[kind] as Array<{ name: string }>).filter((s) => s.name !== name) }));
  return { ok: true, model: structural(model, nodes) };
}

export function nodeIdProblem(model: ModelSpec, pathway: Pathway, locality: string): string | undefined {
  if (!/^[A-Za-z0-9-]+$/.test(locality)) return 'Use only letters, digits and hyphens for the locality';
  if (model.nodes.some((n) => n.id === `${pathway}_${locality}`)) return `There is already a node ${pathway}_${locality}`;
  return undefined;
}

/** A new node, a copy of an existing one (same pathway family of parameters), under a new locality. */
export function addNode(model: ModelSpec, pathway: Pathway, locality: string, copyOf: string): Edit {
  const problem = nodeIdProblem(model, pathway, locality);
  if (problem) return { ok: false, reason: problem };
  const source = model.nodes.find((n) => n.id === copyOf);
  if (!source) return { ok: false, reason: `There is no node ${copyOf}` };
  const node: NodeSpec = { ...structuredClone(source), id: `${pathway}_${locality}`, pathway, locality };
  return { ok: true, model: structural(model, [...model.nodes, node]) };
}

export function deleteNode(model: ModelSpec, nodeId: string): Edit {
  if (model.nodes.length <= 1) return { ok: false, reason: 'A model needs at least one node' };
  // Routes out of a node must add up to 1, so dropping a node's routes would break its neighbours.
  const routes = (model.edges ?? []).filter((edge) => edge.from === nodeId || edge.to === nodeId).length;
  if (routes > 0) return { ok: false, reason: `${nodeId} is linked to other nodes by ${routes} route${routes === 1 ? '' : 's'}: change the routing in the workbook first` };
  return { ok: true, model: structural(model, model.nodes.filter((n) => n.id !== nodeId)) };
}

/** Parses what a planner typed into a number field; the message says what is wrong. */
export function parseNumber(
  text: string,
  rule: { min?: number; minExclusive?: number; integer?: boolean; optional?: boolean; bound?: NumberBound },
): { value: number | undefined } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return rule.optional ? { value: undefined } : { error: 'Enter a number' };
  // Numbers as planners type them; a thousands separator is refused rather than guessed at.
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return { error: `${trimmed} is not a number` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `${trimmed} is not a number` };
  if (rule.integer && !Number.isInteger(value)) return { error: 'Enter a whole number' };
  if (rule.min !== undefined && value < rule.min) return { error: `Enter ${rule.min} or more` };
  if (rule.minExclusive !== undefined && !(value > rule.minExclusive)) return { error: `Enter a number above ${rule.minExclusive}` };
  const outside = rule.bound && boundFormProblem(rule.bound, value);
  return outside ? { error: outside } : { value };
}

/**
 * The model's plausibility bound (bounds.ts) in a form's words, so the form refuses exactly
 * what `pathflow validate` and a shared link would.
 */
function boundFormProblem(bound: NumberBound, value: number): string | undefined {
  const min = formatBoundNumber(bound.min);
  if (bound.minInclusive ? value < bound.min : value <= bound.min) return bound.minInclusive ? `Enter ${min} or more` : `Enter a number above ${min}`;
  if (bound.max !== undefined && value > bound.max) return `Enter ${formatBoundNumber(bound.max)} or less (${bound.unit})`;
  if (bound.whole && !Number.isInteger(value)) return 'Enter a whole number';
  return undefined;
}

/**
 * The model schema's check of a LOS row, so the form refuses exactly what a run (or a link)
 * would. The node's kind, when it has one, decides whether it is a visit stay (whole days).
 */
export function losProblem(los: { name?: string; family: LosFamily; mean: number; median?: number; sd?: number }, pathway?: string, kind?: NodeKind): string | undefined {
  return losIssues({ pathway, kind }, { name: los.name ?? '', ...los })[0]?.message;
}

// Arrival tools. Each maps a daily series to a new one; day d is dates[d - 1].

/** Weekday of an ISO date, Monday 0 ... Sunday 6. */
export function weekdayIndex(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Spreads each week's referrals by weekday weights (Monday first). Weights are relative:
 * they are rescaled to average 1, so the total over a full week is kept.
 */
export function applyDayOfWeekPattern(daily: readonly number[], dates: readonly string[], weights: readonly number[]): number[] {
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  if (!(mean > 0)) throw new RangeError('at least one weekday weight must be positive');
  return daily.map((value, d) => (value * weights[weekdayIndex(dates[d])]) / mean);
}

export function applyPercentChange(daily: readonly number[], percent: number): number[] {
  return daily.map((value) => Math.max(0, value * (1 + percent / 100)));
}

/** A change on the days from `from` to `to` inclusive (ISO dates), e.g. a winter surge. */
export function applyDateRangeUplift(daily: readonly number[], dates: readonly string[], from: string, to: string, percent: number): number[] {
  return daily.map((value, d) => (dates[d] >= from && dates[d] <= to ? Math.max(0, value * (1 + percent / 100)) : value));
}

/**
 * `base`, or `base-2`, `base-3`, ... : the first name no node uses for a scenario of this
 * kind (names are shared by every node, so a name taken anywhere is taken).
 */
export function uniqueScenarioName(model: ModelSpec, kind: ScenarioKind, base: string): string {
  const taken = new Set(scenarioNames(model, kind));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The name a planned capacity is applied under: `Opt134Cap` for 134 places (made unique). */
export function plannedCapacityName(model: ModelSpec, capacity: number): string {
  const digits = String(capacity).replace(/[^0-9]/g, '') || '0';
  return uniqueScenarioName(model, 'capacity', `Opt${digits}Cap`);
}

/**
 * Adds a capacity scenario to one node only (the capacity planned for it), leaving the
 * other nodes as they are: a run then simulates it with each of that node's LOS and arrival
 * scenarios, and the workbook export writes it as one more row of the capacity sheet.
 */
export function addNodeCapacityScenario(model: ModelSpec, nodeId: string, name: string, capacity: number): Edit {
  const problem = scenarioNameProblem(model, 'capacity', name);
  if (problem) return { ok: false, reason: problem };
  if (!(capacity >= 0) || !Number.isFinite(capacity)) return { ok: false, reason: `A capacity must be a number of 0 or more, not ${capacity}` };
  if (!model.nodes.some((node) => node.id === nodeId)) return { ok: false, reason: `There is no node ${nodeId}` };
  const nodes = model.nodes.map((node) => (node.id === nodeId ? { ...node, capacity: [...node.capacity, { name, capacity }] } : node));
  return { ok: true, model: structural(model, nodes) };
}
