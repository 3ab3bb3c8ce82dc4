/**
 * The model schema's checks across fields for networks: node kinds and ids, edges and their
 * routing scenarios, overflow, capacity calendars, arrival profiles, buffers, initial blocked
 * patients and the warm-up. modelSchema.ts runs them once a model's shape is right; each
 * problem comes with its path, and all of them are reported at once (the network simulator's
 * compileNetwork stops at the first, which is fine for a model that has passed here).
 *
 * Where the simulator already has a check (cycles tiling their period, profiles with a
 * weight on every day), it is called rather than written again.
 */
import { nameProblem } from './bounds.js';
import { BASELINE_ROUTING, kindOf, type ArrivalProfile as ArrivalProfileSpec, type CapacityCalendar, type EdgeSpec, type ModelSpec, type NodeKind, type NodeSpec } from './model.js';
import { ArrivalProfile } from './network/arrivalProfile.js';
import { checkCycle } from './network/cycle.js';

export type Path = (string | number)[];
export interface Issue {
  path: Path;
  message: string;
}

/** Route probabilities out of a node in one routing scenario must sum to 1 within this. */
export const PROBABILITY_TOLERANCE = 1e-9;
const IPACS_ID = /^(P[123])_(.+)$/;
const WAIT_CONDITION = /^wait>=(\d+)$/;
const KINDS_WITH_SERVERS: readonly NodeKind[] = ['bed', 'visit', 'acute'];
const KINDS_HOLDING_BEDS: readonly NodeKind[] = ['bed', 'acute'];

/** Every network problem of a model whose shape is right. */
export function networkIssues(model: ModelSpec): Issue[] {
  const edges = model.edges ?? [];
  const ids = new Map(model.nodes.map((node, n) => [node.id, n]));
  const hasIncoming = new Set(edges.map((edge) => edge.to));
  const hasOutgoing = new Set(edges.map((edge) => edge.from));
  // An overflow edge is not a way out: only a route takes a blocked patient somewhere.
  const routesOut = new Set(edges.filter((edge) => edge.type !== 'overflow').map((edge) => edge.from));
  const issues: Issue[] = [];
  model.nodes.forEach((node, n) => {
    const at = (...path: Path) => ['nodes', n, ...path];
    const add = (path: Path, message: string) => issues.push({ path: at(...path), message });
    idIssues(node, add);
    scenarioIssues(node, { fedByEdges: hasIncoming.has(node.id), networked: edges.length > 0 }, add);
    initialIssues(node, { warmupDays: model.warmupDays ?? 0, linked: hasIncoming.has(node.id) || hasOutgoing.has(node.id), routesOut: routesOut.has(node.id) }, add);
    node.capacity.forEach((scenario, s) => {
      if (scenario.calendar) calendarIssues(scenario.calendar, model.dates).forEach((issue) => add(['capacity', s, 'calendar', ...issue.path], issue.message));
    });
    node.arrivals.forEach((scenario, a) => {
      if (scenario.profile) profileIssues(scenario.profile).forEach((issue) => add(['arrivals', a, 'profile', ...issue.path], issue.message));
    });
  });
  issues.push(...edgeIssues(model.nodes, ids, edges));
  return issues;
}

type Add = (path: Path, message: string) => void;

/** An IPACS id says its pathway and locality unless the node declares its kind; other ids need a kind. */
function idIssues(node: NodeSpec, add: Add): void {
  if (node.kind !== undefined) {
    const problem = nameProblem(node.id, 'the node id');
    if (problem) add(['id'], problem);
    return;
  }
  const match = IPACS_ID.exec(node.id);
  if (!match) {
    add(['id'], `node id ${JSON.stringify(node.id)} is not of the form P1_<locality>, P2_<locality> or P3_<locality>; any other node needs a kind (bed, visit, acute, delay or exit)`);
    return;
  }
  if (match[1] !== node.pathway) add(['pathway'], `is ${node.pathway}, but the id ${node.id} says ${match[1]}`);
  if (match[2] !== node.locality) add(['locality'], `is ${JSON.stringify(node.locality)}, but the id ${node.id} says ${JSON.stringify(match[2])}`);
}

/** Which scenarios a node needs or may not have, by its kind and its links. */
function scenarioIssues(node: NodeSpec, { fedByEdges, networked }: { fedByEdges: boolean; networked: boolean }, add: Add): void {
  const kind = kindOf(node);
  if (kind === 'exit') {
    if (node.costs.community !== 0 || node.costs.acuteDelay !== 0) add(['costs'], 'an exit is a sink: it costs nothing, so its costs are 0');
    for (const field of ['arrivals', 'capacity', 'los'] as const) {
      if (node[field].length > 0) add([field], `an exit is a sink: it has no ${field === 'los' ? 'length of stay' : field}`);
    }
    return;
  }
  if (node.arrivals.length === 0 && !fedByEdges) add(['arrivals'], `has no arrival scenario: a node needs one${networked ? ', unless an edge leads to it' : ''}`);
  if (kind === 'delay') {
    if (node.capacity.length > 0) add(['capacity'], 'a delay node has unlimited places: it has no capacity');
  } else if (node.capacity.length === 0) add(['capacity'], 'has no capacity scenario: a node needs one');
  if (node.los.length === 0) add(['los'], 'has no length-of-stay scenario: a node needs one');
  if (kind === 'delay' && node.queueExternal !== undefined) add(['queueExternal'], 'a delay node has unlimited places, so no queue');
  if (kind === 'delay' && node.queueInternal !== undefined) add(['queueInternal'], 'a delay node has unlimited places, so no queue');
  if (node.loseOverflow === true && node.queueExternal !== undefined && node.queueExternal !== 0) {
    add(['queueExternal'], `is ${node.queueExternal}, but loseOverflow says arrivals finding the node full are lost (a queue of 0): give one of them`);
  }
}

/**
 * The warm-up applies to nodes in a network (model.ts), so only their initial state clashes
 * with it; an isolated IPACS node keeps its initial state beside a warmed-up network.
 */
function initialIssues(node: NodeSpec, { warmupDays, linked, routesOut }: { warmupDays: number; linked: boolean; routesOut: boolean }, add: Add): void {
  const kind = kindOf(node);
  const { occupied, waiting, blocked = 0 } = node.initial;
  if (kind === 'exit' && occupied + waiting + blocked > 0) add(['initial'], 'an exit holds nobody: its initial patients must be 0');
  if (blocked > 0 && !KINDS_HOLDING_BEDS.includes(kind)) add(['initial', 'blocked'], `a ${kind} node holds no beds, so nobody is blocked in it`);
  else if (blocked > 0 && !routesOut) add(['initial', 'blocked'], `${node.id} has no outgoing route, so nobody in it waits for a next node`);
  if (node.initial.waiting > 0 && kind === 'delay') add(['initial', 'waiting'], 'a delay node has unlimited places, so nobody waits for it');
  if (warmupDays > 0 && linked) {
    for (const field of ['occupied', 'waiting', 'blocked'] as const) {
      if ((node.initial[field] ?? 0) > 0) add(['initial', field], `is ${node.initial[field]}, but the model has a warm-up, which starts from empty: give an initial state or a warm-up, not both`);
    }
  }
}

/** Dated periods inside the horizon and apart; a cycle tiling its day or week (the simulator's own check). */
export function calendarIssues(calendar: CapacityCalendar, dates: readonly string[]): Issue[] {
  if ('cycleDays' in calendar) return cycleProblem(() => checkCycle(calendar.cycleDays, calendar.periods, ROOT));
  const issues: Issue[] = [];
  const first = dates[0];
  const last = dates[dates.length - 1];
  calendar.periods.forEach((period, p) => {
    if (period.to < period.from) issues.push({ path: ['periods', p, 'to'], message: `${period.to} is before the period's start, ${period.from}` });
    if (period.from < first || period.from > last) issues.push({ path: ['periods', p, 'from'], message: `${period.from} is outside the horizon, ${first} to ${last}` });
    if (period.to > last || period.to < first) issues.push({ path: ['periods', p, 'to'], message: `${period.to} is outside the horizon, ${first} to ${last}` });
  });
  const byStart = calendar.periods.map((period, p) => ({ period, p })).sort((a, b) => (a.period.from < b.period.from ? -1 : a.period.from > b.period.from ? 1 : a.p - b.p));
  for (let i = 1; i < byStart.length; i++) {
    const before = byStart[i - 1];
    const { period, p } = byStart[i];
    if (period.from <= before.period.to) issues.push({ path: ['periods', p, 'from'], message: `${period.from} falls in periods[${before.p}] (${before.period.from} to ${before.period.to}): periods may not overlap` });
  }
  return issues;
}

/** A profile's periods tile its cycle, with non-negative weights and some weight on every day. */
export function profileIssues(profile: ArrivalProfileSpec): Issue[] {
  return cycleProblem(() => new ArrivalProfile(profile, ROOT));
}

/** The simulator's checks throw a RangeError worded `<where>.periods[1].start: message`; this turns it into an issue. */
const ROOT = '@';
function cycleProblem(check: () => unknown): Issue[] {
  try {
    check();
    return [];
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const match = /^@((?:\.[A-Za-z]+|\[\d+\])*): (.*)$/s.exec(error.message);
    if (!match) return [{ path: [], message: error.message }];
    const path = [...match[1].matchAll(/\.([A-Za-z]+)|\[(\d+)\]/g)].map((part) => (part[1] !== undefined ? part[1] : Number(part[2])));
    return [{ path, message: match[2] }];
  }
}

/** Edges between existing nodes; route probabilities summing to 1 per node and routing scenario; overflow rules. */
function edgeIssues(nodes: readonly NodeSpec[], ids: ReadonlyMap<string, number>, edges: readonly EdgeSpec[]): Issue[] {
  const issues: Issue[] = [];
  const sums = new Map<string, { from: string; scenario: string; total: number; edges: number[] }>();
  const overflowOf = new Map<string, number>();
  edges.forEach((edge, e) => {
    const add = (field: string, message: string) => issues.push({ path: ['edges', e, field], message });
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    const fromKind = from === undefined ? undefined : kindOf(nodes[from]);
    const toKind = to === undefined ? undefined : kindOf(nodes[to]);
    if (from === undefined) add('from', `no node is called ${JSON.stringify(edge.from)}`);
    if (fromKind === 'exit') add('from', `${edge.from} is an exit, and nobody leaves an exit`);
    if (to === undefined) add('to', `no node is called ${JSON.stringify(edge.to)}`);
    const scenario = edge.scenario ?? BASELINE_ROUTING;
    if (edge.type === 'overflow') {
      overflowIssues(edge, fromKind, toKind, add);
      const key = JSON.stringify([edge.from, scenario]);
      const earlier = overflowOf.get(key);
      if (earlier !== undefined) add('from', `${edge.from} already has an overflow edge in routing scenario ${scenario} (edges[${earlier}]): a node has at most one`);
      else overflowOf.set(key, e);
      return;
    }
    if (edge.condition !== undefined) add('condition', 'only overflow edges have a condition');
    if (!(edge.probability > 0)) add('probability', 'is 0: a route nobody takes is left out, not given probability 0');
    const key = JSON.stringify([edge.from, scenario]);
    const sum = sums.get(key) ?? { from: edge.from, scenario, total: 0, edges: [] };
    sum.total += edge.probability;
    sum.edges.push(e);
    sums.set(key, sum);
  });
  for (const { from, scenario, total, edges: group } of sums.values()) {
    if (Math.abs(total - 1) > PROBABILITY_TOLERANCE) {
      const listed = group.map((e) => `edges[${e}]`).join(', ');
      issues.push({ path: ['edges', group[0], 'probability'], message: `the routes out of ${from} in routing scenario ${scenario} (${listed}) sum to ${Number(total.toPrecision(12))}, not 1` });
    }
  }
  return issues;
}

function overflowIssues(edge: EdgeSpec, fromKind: NodeKind | undefined, toKind: NodeKind | undefined, add: (field: string, message: string) => void): void {
  // A visit node is full when a plan does not fit its slots (spec 2.7), so it may overflow too.
  if (fromKind !== undefined && fromKind !== 'exit' && !KINDS_WITH_SERVERS.includes(fromKind)) add('from', `${edge.from} is a ${fromKind} node, with no capacity to be full, so nothing overflows from it`);
  if (toKind === 'exit') add('to', `${edge.to} is an exit: an overflow goes to a node that cares for the patient`);
  if (edge.to === edge.from) add('to', 'is the node the patient overflows from');
  const condition = edge.condition;
  if (condition === undefined) add('condition', 'is missing: an overflow edge needs full or wait>=N (N whole days)');
  else if (condition !== 'full' && !WAIT_CONDITION.test(condition)) add('condition', `${JSON.stringify(condition)} is not full or wait>=N (N whole days)`);
  if (edge.delay !== undefined) add('delay', 'an overflow uses the transfer delay of the route edge that sent the patient, so it has none of its own');
}
