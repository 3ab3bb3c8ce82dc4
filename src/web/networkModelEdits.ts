/**
 * Edits of a network model in the browser (nodes, routes, capacity calendars, arrival
 * profiles), as pure functions from model to model, tested in Node.
 *
 * Unlike modelEdits.ts, these may give a model the schema refuses for a moment: a new node
 * has no route to it yet, a new route makes its node's routes add up to more than 1. The
 * network editor keeps such a model as a draft, shows each of the one validator's problems
 * at its field (`draftProblems`), and hands the model to the app only once it passes.
 */
import { BASELINE_ROUTING, kindOf, type ArrivalProfile, type DatedCapacityPeriod, type EdgeSpec, type ModelSpec, type NodeKind, type NodeSpec, type Places } from '../engine/model.js';
import { validateModel } from '../engine/modelSchema.js';
import type { Edit } from './modelEdits.js';

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  acute: 'Acute beds',
  bed: 'Beds',
  visit: 'Visits at home',
  delay: 'Time away (no bed)',
  exit: 'Exit',
};

/** The validator's problems keyed by where they are (`edges[3].probability`), for the fields that show them. */
export interface DraftProblems {
  ok: boolean;
  /** Every problem, in the validator's words, with its path. */
  all: { path: string; message: string }[];
  byPath: Map<string, string[]>;
}

export function draftProblems(model: ModelSpec): DraftProblems {
  const result = validateModel(model);
  const byPath = new Map<string, string[]>();
  if (result.ok) return { ok: true, all: [], byPath };
  const all = result.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  for (const issue of all) {
    // The validator appends the node's id, ` (P2_RV)`, to a path inside a node; a path has no space.
    const key = issue.path.split(' ')[0];
    byPath.set(key, [...(byPath.get(key) ?? []), issue.message]);
  }
  return { ok: false, all, byPath };
}

/** The validator's message when a node's routes in one routing scenario do not add up to 1. */
export function isRouteSumProblem(message: string): boolean {
  return /^the routes out of .* sum to /.test(message);
}

/** Whatever a planner types for a buffer: a whole number, `unlimited`, or blank for the default. */
export function parsePlaces(text: string): { value: Places | undefined } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return { value: undefined };
  if (trimmed === 'unlimited') return { value: 'unlimited' };
  if (!/^\d+$/.test(trimmed)) return { error: 'Enter a whole number of places, or unlimited' };
  return { value: Number(trimmed) };
}

export interface NewNode {
  id: string;
  kind: NodeKind;
  /** The label planners see (P2, LTC, Home). */
  pathway: string;
  locality: string;
  queueExternal?: Places;
  queueInternal?: Places;
  /** Beds or caseload, for bed, visit and acute nodes. */
  capacity?: number;
  /** Mean stay in days (exponential until edited in the Edit tab), for every kind but exit. */
  meanStay?: number;
  /** Arrivals from outside a day; absent: fed only by routes. */
  arrivalsPerDay?: number;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export function newNodeIdProblem(model: ModelSpec, id: string): string | undefined {
  if (id.trim() === '') return 'Enter a node id';
  if (!ID_PATTERN.test(id)) return 'Use only letters, digits, hyphens and underscores (no spaces)';
  if (model.nodes.some((node) => node.id === id)) return `There is already a node ${id}`;
  return undefined;
}

/**
 * A node with what its kind needs, named after the model's baseline scenarios (so it joins
 * them rather than adding scenarios of its own), and no costs until the Edit tab gives some.
 */
export function addNetworkNode(model: ModelSpec, spec: NewNode): Edit {
  const problem = newNodeIdProblem(model, spec.id);
  if (problem) return { ok: false, reason: problem };
  const baseline = (kind: 'capacity' | 'los' | 'arrivals', fallback: string) => model.nodes.find((node) => node[kind].length > 0)?.[kind][0].name ?? fallback;
  const hasServers = spec.kind === 'bed' || spec.kind === 'visit' || spec.kind === 'acute';
  const node: NodeSpec = {
    id: spec.id,
    pathway: spec.pathway.trim() === '' ? spec.id : spec.pathway.trim(),
    kind: spec.kind,
    locality: spec.locality,
    arrivals: spec.arrivalsPerDay !== undefined && spec.kind !== 'exit' ? [{ name: baseline('arrivals', 'BArr'), daily: model.dates.map(() => spec.arrivalsPerDay!) }] : [],
    capacity: hasServers ? [{ name: baseline('capacity', 'BCap'), capacity: spec.capacity ?? 0 }] : [],
    los: spec.kind === 'exit' ? [] : [{ name: baseline('los', 'Blos'), family: 'exp', mean: spec.meanStay ?? 1 }],
    initial: { occupied: 0, waiting: 0 },
    costs: { community: 0, acuteDelay: 0 },
  };
  if (hasServers && spec.queueExternal !== undefined) node.queueExternal = spec.queueExternal;
  if (hasServers && spec.queueInternal !== undefined) node.queueInternal = spec.queueInternal;
  return { ok: true, model: withStructure(model, { nodes: [...model.nodes, node] }) };
}

/**
 * A node's waiting places; undefined is the default (unlimited for arrivals from outside, 0 for
 * patients of other nodes). Giving the outside queue replaces `loseOverflow`, which is only
 * another way of saying a queue of 0.
 */
export function setNodeBuffers(model: ModelSpec, nodeId: string, buffers: { queueExternal?: Places; queueInternal?: Places }): ModelSpec {
  return withStructure(model, {
    nodes: model.nodes.map((node) => {
      if (node.id !== nodeId) return node;
      const { queueExternal: _e, queueInternal: _i, loseOverflow, ...rest } = node;
      const next: NodeSpec = { ...rest };
      if (loseOverflow !== undefined && !('queueExternal' in buffers)) next.loseOverflow = loseOverflow;
      const external = 'queueExternal' in buffers ? buffers.queueExternal : node.queueExternal;
      const internal = 'queueInternal' in buffers ? buffers.queueInternal : node.queueInternal;
      if (external !== undefined) next.queueExternal = external;
      if (internal !== undefined) next.queueInternal = internal;
      return next;
    }),
  });
}

/** The edges that touch a node, in or out: those removing it removes too. */
export function edgesTouching(model: ModelSpec, nodeId: string): EdgeSpec[] {
  return (model.edges ?? []).filter((edge) => edge.from === nodeId || edge.to === nodeId);
}

/** Removes a node and every edge in or out of it (the nodes that routed to it must then be given routes adding up to 1). */
export function removeNetworkNode(model: ModelSpec, nodeId: string): Edit {
  if (!model.nodes.some((node) => node.id === nodeId)) return { ok: false, reason: `There is no node ${nodeId}` };
  if (model.nodes.length <= 1) return { ok: false, reason: 'A model needs at least one node' };
  const edges = (model.edges ?? []).filter((edge) => edge.from !== nodeId && edge.to !== nodeId);
  return { ok: true, model: withStructure(model, { nodes: model.nodes.filter((node) => node.id !== nodeId), edges }) };
}

/** Nodes upstream of `nodeId`: their routes lose a share when it is removed. */
export function nodesRoutingTo(model: ModelSpec, nodeId: string): string[] {
  return [...new Set((model.edges ?? []).filter((edge) => edge.to === nodeId && edge.from !== nodeId).map((edge) => edge.from))];
}

export function addEdge(model: ModelSpec, edge: EdgeSpec): ModelSpec {
  return withStructure(model, { edges: [...(model.edges ?? []), normalisedEdge(edge)] });
}

export function updateEdge(model: ModelSpec, index: number, change: (edge: EdgeSpec) => EdgeSpec): ModelSpec {
  return withStructure(model, { edges: (model.edges ?? []).map((edge, e) => (e === index ? normalisedEdge(change(edge)) : edge)) });
}

export function removeEdge(model: ModelSpec, index: number): ModelSpec {
  return withStructure(model, { edges: (model.edges ?? []).filter((_, e) => e !== index) });
}

/** The baseline scenario is written as no scenario, as the workbook reads a blank one; route is written as no type. */
function normalisedEdge(edge: EdgeSpec): EdgeSpec {
  const { scenario, type, condition, delay, ...rest } = edge;
  const out: EdgeSpec = { ...rest };
  if (scenario !== undefined && scenario !== BASELINE_ROUTING) out.scenario = scenario;
  if (type === 'overflow') {
    out.type = 'overflow';
    if (condition !== undefined) out.condition = condition;
  }
  if (delay !== undefined) out.delay = delay;
  return out;
}

/** Edges keyed by the node they leave, in one routing scenario, with their index in `model.edges`. */
export function routesFrom(model: ModelSpec, from: string, scenario: string): { edge: EdgeSpec; index: number }[] {
  return (model.edges ?? []).map((edge, index) => ({ edge, index })).filter(({ edge }) => edge.from === from && (edge.scenario ?? BASELINE_ROUTING) === scenario);
}

/** Nodes patients can leave by a route: every node but an exit. */
export function routableNodes(model: ModelSpec): NodeSpec[] {
  return model.nodes.filter((node) => kindOf(node) !== 'exit');
}

/**
 * Structural edits drop the IPACS sheet order (see modelEdits.ts), and an empty edge list
 * is no edge list, so that removing the last route gives back a model of isolated nodes.
 */
function withStructure(model: ModelSpec, change: { nodes?: NodeSpec[]; edges?: EdgeSpec[] }): ModelSpec {
  const { ipacsSheetRows: _dropped, edges: oldEdges, ...rest } = model;
  const edges = change.edges ?? oldEdges;
  const next: ModelSpec = { ...rest, nodes: change.nodes ?? model.nodes };
  if (edges && edges.length > 0) next.edges = edges;
  return next;
}

// Capacity calendars: dated periods on a capacity scenario.

/** Capacity on each day of the horizon: the period covering the day, else the scenario's own figure. */
export function dailyCapacity(scenario: NodeSpec['capacity'][number], dates: readonly string[]): number[] {
  const calendar = scenario.calendar;
  if (!calendar || 'cycleDays' in calendar) return dates.map(() => scenario.capacity);
  return dates.map((date) => calendar.periods.find((period) => period.from <= date && date <= period.to)?.capacity ?? scenario.capacity);
}

function updateCapacityScenario(model: ModelSpec, nodeId: string, scenarioName: string, change: (scenario: NodeSpec['capacity'][number]) => NodeSpec['capacity'][number]): ModelSpec {
  return withStructure(model, {
    nodes: model.nodes.map((node) => (node.id === nodeId ? { ...node, capacity: node.capacity.map((s) => (s.name === scenarioName ? change(s) : s)) } : node)),
  });
}

function scenarioOf(model: ModelSpec, nodeId: string, scenarioName: string) {
  return model.nodes.find((node) => node.id === nodeId)?.capacity.find((s) => s.name === scenarioName);
}

/**
 * "Add 10 beds from 1 Dec to 31 Mar": a dated period whose capacity is the scenario's own
 * figure plus `change` (negative for beds closed). Overlaps are left to the validator, which
 * names the period overlapped.
 */
export function addCapacityChange(model: ModelSpec, nodeId: string, scenarioName: string, period: { from: string; to: string; change: number }): Edit {
  const scenario = scenarioOf(model, nodeId, scenarioName);
  if (!scenario) return { ok: false, reason: `${nodeId} has no capacity scenario ${scenarioName}` };
  if (scenario.calendar && 'cycleDays' in scenario.calendar) return { ok: false, reason: `${nodeId} ${scenarioName} has a daily or weekly cycle: change it in the workbook` };
  const capacity = scenario.capacity + period.change;
  if (capacity < 0) return { ok: false, reason: `${scenario.capacity} ${period.change < 0 ? 'less' : 'plus'} ${Math.abs(period.change)} is ${capacity}: capacity cannot be negative` };
  const periods = [...(scenario.calendar?.periods ?? []), { from: period.from, to: period.to, capacity }] as DatedCapacityPeriod[];
  return { ok: true, model: updateCapacityScenario(model, nodeId, scenarioName, (s) => ({ ...s, calendar: { periods } })) };
}

export function updateCapacityPeriod(model: ModelSpec, nodeId: string, scenarioName: string, index: number, period: DatedCapacityPeriod): ModelSpec {
  return updateCapacityScenario(model, nodeId, scenarioName, (s) => {
    const calendar = s.calendar;
    if (!calendar || 'cycleDays' in calendar) return s;
    return { ...s, calendar: { periods: calendar.periods.map((p, i) => (i === index ? period : p)) } };
  });
}

/** Removes a period; the last one gone, the scenario has no calendar. */
export function removeCapacityPeriod(model: ModelSpec, nodeId: string, scenarioName: string, index: number): ModelSpec {
  return updateCapacityScenario(model, nodeId, scenarioName, (s) => {
    const calendar = s.calendar;
    if (!calendar || 'cycleDays' in calendar) return s;
    const periods = calendar.periods.filter((_, i) => i !== index);
    const { calendar: _gone, ...rest } = s;
    return periods.length > 0 ? { ...rest, calendar: { periods } } : rest;
  });
}

// Arrival profiles.

/** Sets (or, with undefined, removes) the profile of one arrival scenario of one node. */
export function setArrivalProfile(model: ModelSpec, nodeId: string, scenarioName: string, profile: ArrivalProfile | undefined): ModelSpec {
  return withStructure(model, {
    nodes: model.nodes.map((node) =>
      node.id !== nodeId
        ? node
        : {
            ...node,
            arrivals: node.arrivals.map((s) => {
              if (s.name !== scenarioName) return s;
              const { profile: _old, ...rest } = s;
              return profile ? { ...rest, profile } : rest;
            }),
          },
    ),
  });
}

/**
 * A profile of equal periods (hours of the day, days of the week) from one weight each, so a
 * planner types a shape ("busier 8 am to 8 pm") rather than period boundaries. Weights are
 * relative: each day keeps its mean.
 */
export function profileFromWeights(cycleDays: 1 | 7, weights: readonly number[]): ArrivalProfile {
  const at = (i: number) => (i * cycleDays) / weights.length;
  return { cycleDays, periods: weights.map((weight, i) => ({ start: at(i), end: at(i + 1), weight })) };
}

/**
 * The weight of each of `slots` equal periods of a profile (the weight of the period covering
 * each slot's middle), so an existing profile opens in the same form; absent: all equal.
 */
export function weightsOfProfile(profile: ArrivalProfile | undefined, cycleDays: 1 | 7, slots: number): number[] {
  if (!profile || profile.cycleDays !== cycleDays) return new Array<number>(slots).fill(1);
  return Array.from({ length: slots }, (_, i) => {
    const middle = ((i + 0.5) * cycleDays) / slots;
    return profile.periods.find((p) => p.start <= middle && middle < p.end)?.weight ?? 0;
  });
}
