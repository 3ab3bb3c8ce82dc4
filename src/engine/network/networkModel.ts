/**
 * A pathway network as plain JSON data (like ModelSpec): nodes, the edges between them, and
 * what each node receives from outside. `compileNetwork` checks it once and turns it into
 * the arrays the simulator reads.
 */
import { fitLos, LosFitError, type LosDistribution } from '../lengthOfStay.js';
import type { InitialResidual } from '../lengthOfStay.js';
import { DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, type LosScenario } from '../model.js';
import { hashString } from '../random.js';
import { VisitRateDistribution, visitSlotsPerDay, wholeDayLos, type WholeDayLos } from '../visitNode.js';
import { ArrivalProfile, type ArrivalProfileSpec } from './arrivalProfile.js';
import { checkCycle, unrollCycle, type CyclicCapacity } from './cycle.js';
import { CapacitySchedule, type CapacityPeriod } from './schedule.js';
import { MAX_TRACKED_SLOTS } from './visitBook.js';

/**
 * How a node is simulated (not what users call it: that is `pathway`).
 * - `bed`: c servers in continuous time;
 * - `acute`: simulated as `bed`; its blocked patients are the delayed discharges;
 * - `delay`: infinite servers, no queue (time at home before a readmission);
 * - `exit`: a sink;
 * - `visit`: daily visit slots (caseload times mean visits a day) booked by visit plans, as P1.
 */
export type NetworkNodeKind = 'bed' | 'acute' | 'delay' | 'exit' | 'visit';
export const NETWORK_NODE_KINDS: readonly NetworkNodeKind[] = ['bed', 'acute', 'delay', 'exit', 'visit'];

export interface NetworkNode {
  id: string;
  kind: NetworkNodeKind;
  /** The label users see (P1, P2, P3, LTC, ...); never read by the simulator. */
  pathway?: string;
  /**
   * bed and acute: servers; visit: the caseload (patients served at once, fractions kept);
   * constant, dated periods or a cycle of a day or a week; omitted means unlimited.
   */
  capacity?: number | CapacityPeriod[] | CyclicCapacity;
  /** Places for external arrivals waiting for a server; omitted means unlimited, 0 means an arrival finding no free server is lost. */
  queueExternal?: number;
  /** Places for patients who finished upstream, shared by every upstream node; omitted means 0 (they stay upstream, blocked). */
  queueInternal?: number;
  /** Mean external arrivals on each day of the horizon; `arrivals[d - 1]` is day d. */
  arrivals?: number[];
  /**
   * Fixed external arrival times (days, increasing, within the horizon), instead of
   * `arrivals`: a recorded trace to replay, or an exact timeline in a test.
   */
  arrivalTimes?: number[];
  /** Shape of `arrivals` within the day or the week; each day keeps its mean. */
  arrivalProfile?: ArrivalProfileSpec;
  /**
   * Length of stay (not for exits). A visit node's stays are whole days (as P1's), and its
   * patients' visit plans fall from about `initialVisitRate` to `finalVisitRate` visits a day
   * (defaults 4 and 1).
   */
  los?: Pick<LosScenario, 'family' | 'mean' | 'median' | 'sd' | 'initialVisitRate' | 'finalVisitRate'>;
  /** Patients in service at time 0. */
  initialOccupied?: number;
  /**
   * bed and acute: patients at time 0 whose stay here has ended, holding their bed while they
   * wait for the next node (drawn by their route).
   */
  initialBlocked?: number;
  /**
   * bed, acute and visit: patients waiting for this node at time 0 (delayed transfers of care):
   * blocked in the first acute node (in node order) with a route edge to it, else at the head
   * of this node's external queue.
   */
  initialDtoc?: number;
}

/**
 * `route` (the default): a patient leaving `from` goes to `to` with `probability`.
 * `overflow`: patients sent to `from` (the primary) by a routing draw go to `to` instead when
 * `condition` holds (`probability` is not read):
 * - `full`: the primary has no free server when they ask for it, and `to` has one;
 * - `wait>=N`: at a day boundary they have waited N days or more for the primary, and `to`
 *   has a free server.
 */
export interface NetworkEdge {
  from: string;
  to: string;
  probability: number;
  type?: 'route' | 'overflow';
  condition?: string;
  /**
   * Transfer delay: once a bed at `to` is free it is reserved, and the patient keeps their
   * bed at `from` for this long before moving. To an exit, the bed is held this long
   * (awaiting a package of care). Same families as a length of stay.
   */
  delay?: Pick<LosScenario, 'family' | 'mean' | 'median' | 'sd'>;
}

export interface NetworkModel {
  /** Horizon in days. */
  days: number;
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  /** Residual stays of the patients in service at time 0 (as for isolated nodes); default `ipacs`. */
  initialResidual?: InitialResidual;
  /**
   * Days simulated from empty before day 1 (default 0), at day 1's arrival rate, calendars
   * running on so that day 1 starts their cycle. Outputs start on day 1.
   */
  warmupDays?: number;
  /**
   * When a deadlock forms, admit its longest-blocked patient to their next node above that
   * node's capacity (counted in NetworkRecord.forcedAdmissions). Default false: a deadlock is
   * recorded and left as it is.
   */
  resolveDeadlocks?: boolean;
}

/** A problem with a network, naming the field it is in. */
export class NetworkModelError extends Error {}

/** Node kinds as the simulator numbers them: the index in NETWORK_NODE_KINDS. */
export const Kind = { Bed: 0, Acute: 1, Delay: 2, Exit: 3, Visit: 4 } as const;

/** What a visit node's patients draw and book (see visitNode.ts for the P1 model). */
export interface CompiledVisit {
  /** Whole-day stays (default rules: the fitted distribution stretched to keep its mean). */
  los: WholeDayLos;
  initialRates: VisitRateDistribution;
  finalRates: VisitRateDistribution;
  /** Mean visits a patient needs a day, (IVR + FVR) / 2: a caseload place is worth this many slots. */
  meanVisits: number;
  /** Whole slots of each day from the warm-up's first (`slots[d + warmupDays]` is day index d). */
  slots: Int32Array;
  /** Slots of every day past the horizon: the calendar's last level holds. */
  tailSlots: number;
  /** The caseload, averaged over each day of the horizon (the capacity row). */
  caseload: Float64Array;
}

/** The checked network the simulator reads; node i is `model.nodes[i]`. */
export interface CompiledNetwork {
  days: number;
  warmupDays: number;
  resolveDeadlocks: boolean;
  ids: string[];
  kinds: Int32Array;
  /** Stream key of each node: the hash of its id, as for isolated nodes. */
  keys: Int32Array;
  schedules: CapacitySchedule[];
  queueExternal: Float64Array;
  queueInternal: Float64Array;
  arrivals: (Float64Array | undefined)[];
  arrivalTimes: (Float64Array | undefined)[];
  arrivalProfiles: (ArrivalProfile | undefined)[];
  los: (LosDistribution | undefined)[];
  /** Visit nodes' plans and slots; undefined for other kinds. */
  visits: (CompiledVisit | undefined)[];
  initialOccupied: Int32Array;
  initialBlocked: Int32Array;
  initialDtoc: Int32Array;
  /**
   * The node each pass-through acute node feeds (-1: not a pass-through): see
   * findPassThroughs. Its patients' arrival times and their stays there are drawn as that
   * node's own referrals would be.
   */
  passThrough: Int32Array;
  /** Where node i's initial dtoc wait: the acute node feeding it, or -1 for its own external queue. */
  dtocHost: Int32Array;
  /**
   * Patients of each origin present at time 0, who take its first ordinals: in service, then
   * blocked, then dtoc it hosts (by target in node order), then dtoc in its external queue.
   */
  initialPatients: Int32Array;
  /** Outgoing edges of node i: targets[edgeStart[i] .. edgeStart[i + 1]) with cumulative probabilities. */
  edgeStart: Int32Array;
  edgeTarget: Int32Array;
  edgeCumulative: Float64Array;
  /** Index in `model.edges` of each route edge (same positions as edgeTarget), naming its flows. */
  edgeIndex: Int32Array;
  /** Transfer delay of each edge (same positions as edgeTarget); undefined: none. */
  edgeDelay: (LosDistribution | undefined)[];
  /** Overflow edge of each primary node: its target (-1: none), and the condition. */
  overflowTarget: Int32Array;
  /** Days of waiting that trigger the overflow; -1 for `full`. */
  overflowWait: Float64Array;
  /** Index in `model.edges` of each primary's overflow edge (-1: none). */
  overflowEdge: Int32Array;
  /** Edges of the model (route and overflow), for the per-edge flows. */
  edgeCount: number;
  initialResidual: InitialResidual;
}

/** Most nodes the event ranks can order (see networkSimulation.ts). */
export const MAX_NODES = 4096;

const PROBABILITY_TOLERANCE = 1e-9;

export function compileNetwork(model: NetworkModel): CompiledNetwork {
  const days = model.days;
  if (!Number.isInteger(days) || days < 1) throw new NetworkModelError(`days: ${days} is not a whole number of days of at least 1`);
  const count = model.nodes.length;
  if (count === 0) throw new NetworkModelError('nodes: a network needs at least one node');
  if (count > MAX_NODES) throw new NetworkModelError(`nodes: ${count} nodes, more than the ${MAX_NODES} the simulator handles`);
  const index = new Map<string, number>();
  model.nodes.forEach((node, i) => {
    if (typeof node.id !== 'string' || node.id === '') throw new NetworkModelError(`nodes[${i}].id: a node needs a name`);
    if (index.has(node.id)) throw new NetworkModelError(`nodes[${i}].id: ${node.id} is already the name of nodes[${index.get(node.id)}]`);
    index.set(node.id, i);
  });

  const warmupDays = model.warmupDays ?? 0;
  if (!Number.isInteger(warmupDays) || warmupDays < 0) throw new NetworkModelError(`warmupDays: ${warmupDays} is not a whole number of days`);
  const compiled: CompiledNetwork = {
    days,
    warmupDays,
    resolveDeadlocks: model.resolveDeadlocks === true,
    ids: model.nodes.map((n) => n.id),
    kinds: new Int32Array(count),
    keys: Int32Array.from(model.nodes, (n) => hashString(n.id)),
    schedules: [],
    queueExternal: new Float64Array(count),
    queueInternal: new Float64Array(count),
    arrivals: [],
    arrivalTimes: [],
    arrivalProfiles: [],
    los: [],
    visits: [],
    initialOccupied: new Int32Array(count),
    initialBlocked: new Int32Array(count),
    initialDtoc: new Int32Array(count),
    dtocHost: new Int32Array(count).fill(-1),
    passThrough: new Int32Array(count).fill(-1),
    initialPatients: new Int32Array(count),
    edgeStart: new Int32Array(count + 1),
    edgeTarget: new Int32Array(0),
    edgeCumulative: new Float64Array(0),
    edgeIndex: new Int32Array(0),
    edgeDelay: [],
    overflowEdge: new Int32Array(count).fill(-1),
    edgeCount: model.edges.length,
    overflowTarget: new Int32Array(count).fill(-1),
    overflowWait: new Float64Array(count),
    initialResidual: model.initialResidual ?? 'ipacs',
  };
  model.nodes.forEach((node, i) => compileNode(node, i, days, compiled));
  compileEdges(model, index, compiled);
  placeInitialDtoc(compiled);
  findPassThroughs(compiled);
  return compiled;
}

function compileNode(node: NetworkNode, i: number, days: number, out: CompiledNetwork): void {
  const where = `nodes[${i}] (${node.id})`;
  const kind = NETWORK_NODE_KINDS.indexOf(node.kind);
  if (kind < 0) throw new NetworkModelError(`${where}.kind: ${String(node.kind)} is not one of ${NETWORK_NODE_KINDS.join(', ')}`);
  out.kinds[i] = kind;
  const hasServers = kind === Kind.Bed || kind === Kind.Acute || kind === Kind.Visit;
  if (node.capacity !== undefined && !hasServers) throw new NetworkModelError(`${where}.capacity: a ${node.kind} node has no capacity`);
  out.schedules.push(scheduleOf(node.capacity, days, out.warmupDays, `${where}.capacity`, kind !== Kind.Visit));
  out.queueExternal[i] = buffer(node.queueExternal, Infinity, `${where}.queueExternal`);
  out.queueInternal[i] = buffer(node.queueInternal, 0, `${where}.queueInternal`);

  if (node.arrivals !== undefined) {
    if (kind === Kind.Exit) throw new NetworkModelError(`${where}.arrivals: an exit receives no external arrivals`);
    if (node.arrivals.length !== days) throw new NetworkModelError(`${where}.arrivals: ${node.arrivals.length} days of arrivals for a ${days}-day horizon`);
    node.arrivals.forEach((rate, d) => {
      if (!(rate >= 0) || !Number.isFinite(rate)) throw new NetworkModelError(`${where}.arrivals[${d}]: ${rate} is not a non-negative number`);
    });
  }
  out.arrivals.push(node.arrivals ? Float64Array.from(node.arrivals) : undefined);
  out.arrivalTimes.push(node.arrivalTimes ? scriptedArrivals(node, kind, days, where) : undefined);
  out.arrivalProfiles.push(node.arrivalProfile ? profileOf(node, where) : undefined);

  if (kind === Kind.Exit) {
    if (node.los !== undefined) throw new NetworkModelError(`${where}.los: an exit has no length of stay`);
    out.los.push(undefined);
  } else {
    if (node.los === undefined) throw new NetworkModelError(`${where}.los: a ${node.kind} node needs a length of stay`);
    out.los.push(isZeroStay(node.los) && kind !== Kind.Visit ? ZERO_STAY : fitted(node.los, `${where}.los`));
  }
  out.visits.push(kind === Kind.Visit ? compileVisit(node, out.los[i]!, out.schedules[i], days, out.warmupDays, where) : undefined);

  const initial = node.initialOccupied ?? 0;
  if (!Number.isInteger(initial) || initial < 0) throw new NetworkModelError(`${where}.initialOccupied: ${initial} is not a whole number of patients`);
  if (initial > 0 && kind === Kind.Exit) throw new NetworkModelError(`${where}.initialOccupied: an exit holds nobody`);
  if (initial > 0 && out.warmupDays > 0) throw new NetworkModelError(`${where}.initialOccupied: a warm-up starts from empty; give an initial state or a warm-up, not both`);
  out.initialOccupied[i] = initial;
  out.initialBlocked[i] = waiting(node.initialBlocked, 'initialBlocked', kind, where, out);
  out.initialDtoc[i] = waiting(node.initialDtoc, 'initialDtoc', kind, where, out);
}

/**
 * A visit node's draws and its slots a day: caseload(d) x (IVR + FVR) / 2 rounded down, the
 * caseload averaged over day d (a cycle within the day counts by its hours).
 */
function compileVisit(node: NetworkNode, los: LosDistribution, schedule: CapacitySchedule, days: number, warmupDays: number, where: string): CompiledVisit {
  const spec = node.los!;
  const initialVisitRate = spec.initialVisitRate ?? DEFAULT_INITIAL_VISIT_RATE;
  const finalVisitRate = spec.finalVisitRate ?? DEFAULT_FINAL_VISIT_RATE;
  const slotsOf = (caseload: number) => Math.min(Math.floor(visitSlotsPerDay({ caseload, initialVisitRate, finalVisitRate })), MAX_TRACKED_SLOTS);
  try {
    const averages = schedule.dailyAverages(days, -warmupDays);
    return {
      los: wholeDayLos(los, 'none', spec),
      initialRates: new VisitRateDistribution(initialVisitRate),
      finalRates: new VisitRateDistribution(finalVisitRate),
      meanVisits: (initialVisitRate + finalVisitRate) / 2,
      slots: Int32Array.from(averages, slotsOf),
      tailSlots: slotsOf(schedule.lastLevel),
      caseload: averages.subarray(warmupDays),
    };
  } catch (error) {
    if (error instanceof RangeError) throw new NetworkModelError(`${where}.los: ${error.message}`);
    throw error;
  }
}

function waiting(value: number | undefined, field: string, kind: number, where: string, out: CompiledNetwork): number {
  const count = value ?? 0;
  if (!Number.isInteger(count) || count < 0) throw new NetworkModelError(`${where}.${field}: ${count} is not a whole number of patients`);
  const canWait = kind === Kind.Bed || kind === Kind.Acute || (kind === Kind.Visit && field === 'initialDtoc');
  if (count > 0 && !canWait) throw new NetworkModelError(`${where}.${field}: only ${field === 'initialDtoc' ? 'bed, acute and visit' : 'bed and acute'} nodes have patients waiting at time 0`);
  if (count > 0 && out.warmupDays > 0) throw new NetworkModelError(`${where}.${field}: a warm-up starts from empty; give an initial state or a warm-up, not both`);
  return count;
}

/** Finds where each node's initial dtoc wait, and numbers every origin's initial patients. */
function placeInitialDtoc(out: CompiledNetwork): void {
  const n = out.ids.length;
  for (let target = 0; target < n; target++) {
    if (out.initialDtoc[target] === 0) continue;
    for (let host = 0; host < n && out.dtocHost[target] < 0; host++) {
      if (out.kinds[host] !== Kind.Acute) continue;
      for (let e = out.edgeStart[host]; e < out.edgeStart[host + 1]; e++) if (out.edgeTarget[e] === target) out.dtocHost[target] = host;
    }
  }
  for (let node = 0; node < n; node++) out.initialPatients[node] = out.initialOccupied[node] + out.initialBlocked[node];
  for (let target = 0; target < n; target++) {
    const host = out.dtocHost[target];
    out.initialPatients[host >= 0 ? host : target] += out.initialDtoc[target];
  }
}

const WAIT_CONDITION = /^wait>=(\d+)$/;

function compileOverflow(edge: NetworkEdge, primary: number, target: number, where: string, out: CompiledNetwork): void {
  const kind = out.kinds[primary];
  if (kind !== Kind.Bed && kind !== Kind.Acute && kind !== Kind.Visit) throw new NetworkModelError(`${where}.from: ${edge.from} has no beds to be full, so nothing overflows from it`);
  if (out.kinds[target] === Kind.Exit || target === primary) throw new NetworkModelError(`${where}.to: ${edge.to} cannot take patients overflowing from ${edge.from}`);
  // Whether a visit node "has a free server" depends on the plan of the patient asking, drawn
  // only once they ask for it.
  if (out.kinds[target] === Kind.Visit) throw new NetworkModelError(`${where}.to: ${edge.to} is a visit node, which cannot take overflow yet`);
  if (out.overflowTarget[primary] >= 0) throw new NetworkModelError(`${where}.from: ${edge.from} already has an overflow edge`);
  if (edge.delay !== undefined) throw new NetworkModelError(`${where}.delay: an overflow uses the transfer delay of the route edge the patient was sent by`);
  const wait = edge.condition === 'full' ? -1 : WAIT_CONDITION.exec(edge.condition ?? '')?.[1];
  if (wait === undefined) throw new NetworkModelError(`${where}.condition: ${String(edge.condition)} is not full or wait>=N (N whole days)`);
  out.overflowTarget[primary] = target;
  out.overflowWait[primary] = Number(wait);
}

/**
 * A fixed stay of 0 (a normal with mean 0 and sd 0): patients pass straight through the node,
 * as when acute is modelled only for the wait for the next node. No distribution fits a mean
 * of 0, so it is this point mass (every draw is 0).
 */
const ZERO_STAY: LosDistribution = { family: 'norm', mu: 0, sigma: 0, mean: 0, lowerTail: 0 };

function isZeroStay(los: Pick<LosScenario, 'family' | 'mean' | 'sd'>): boolean {
  return los.family === 'norm' && los.mean === 0 && los.sd === 0;
}

/**
 * Pass-through acute nodes (spec 3: acute with unlimited beds and zero stay feeding P2_X gives
 * today's P2_X): an acute node with unlimited beds at all times, a zero stay, and one route
 * edge, without a transfer delay, to a bed node that has no external arrivals and no overflow
 * edge, and that no earlier pass-through feeds. Its patients are then that node's referrals
 * waiting in acute, and draw as they would: arrival times from the fed node's arrivals
 * stream, the k-th arrival's stay there from its LOS stream, and the stays of the dtoc
 * patients it hosts from the fed node's initial-state stream after its patients in service.
 */
function findPassThroughs(out: CompiledNetwork): void {
  const fed = new Set<number>();
  out.ids.forEach((_, node) => {
    const los = out.los[node];
    if (out.kinds[node] !== Kind.Acute || !los || los.mean !== 0 || los.sigma !== 0) return;
    if (!out.schedules[node].levels.every((level) => level === Infinity)) return;
    const edge = out.edgeStart[node];
    if (out.edgeStart[node + 1] - edge !== 1 || out.edgeDelay[edge] !== undefined) return;
    const target = out.edgeTarget[edge];
    if (out.kinds[target] !== Kind.Bed || out.arrivals[target] || out.arrivalTimes[target] || out.overflowTarget[target] >= 0 || fed.has(target)) return;
    fed.add(target);
    out.passThrough[node] = target;
  });
}

function fitted(los: Pick<LosScenario, 'family' | 'mean' | 'median' | 'sd'>, where: string): LosDistribution {
  try {
    return fitLos(los);
  } catch (error) {
    if (error instanceof LosFitError) throw new NetworkModelError(`${where}: ${error.message}`);
    throw error;
  }
}

function scriptedArrivals(node: NetworkNode, kind: number, days: number, where: string): Float64Array {
  const times = node.arrivalTimes!;
  if (node.arrivals !== undefined) throw new NetworkModelError(`${where}.arrivalTimes: give arrivals or arrivalTimes, not both`);
  if (kind === Kind.Exit) throw new NetworkModelError(`${where}.arrivalTimes: an exit receives no external arrivals`);
  times.forEach((t, i) => {
    if (!(t >= 0 && t < days) || (i > 0 && t < times[i - 1])) throw new NetworkModelError(`${where}.arrivalTimes[${i}]: ${t} is not a time in [0, ${days}) at or after the one before`);
  });
  return Float64Array.from(times);
}

function profileOf(node: NetworkNode, where: string): ArrivalProfile {
  if (node.arrivals === undefined) throw new NetworkModelError(`${where}.arrivalProfile: shapes arrivals, which this node does not have`);
  try {
    return new ArrivalProfile(node.arrivalProfile!, `${where}.arrivalProfile`);
  } catch (error) {
    if (error instanceof RangeError) throw new NetworkModelError(error.message);
    throw error;
  }
}

function scheduleOf(capacity: NetworkNode['capacity'], days: number, warmupDays: number, where: string, wholeServers: boolean): CapacitySchedule {
  try {
    return new CapacitySchedule(periodsOf(capacity, days, warmupDays, where, wholeServers), wholeServers);
  } catch (error) {
    if (error instanceof RangeError) throw new NetworkModelError(`${where}: ${error.message}`);
    throw error;
  }
}

function periodsOf(capacity: NetworkNode['capacity'], days: number, warmupDays: number, where: string, wholeServers: boolean): CapacityPeriod[] {
  if (capacity === undefined) return [{ from: 0, capacity: Infinity }];
  if (typeof capacity === 'number') return [{ from: 0, capacity }];
  if (Array.isArray(capacity)) return capacity;
  try {
    checkCycle(capacity.cycleDays, capacity.periods, where);
  } catch (error) {
    if (error instanceof RangeError) throw new NetworkModelError(error.message);
    throw error;
  }
  capacity.periods.forEach((p, i) => {
    if (!(p.capacity >= 0)) throw new NetworkModelError(`${where}.periods[${i}].capacity: ${p.capacity} is not a non-negative number`);
  });
  return unrollCycle(capacity, days, warmupDays, wholeServers);
}

function buffer(value: number | undefined, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 0) || !(Number.isInteger(value) || value === Infinity)) throw new NetworkModelError(`${where}: ${value} is not a whole number of places`);
  return value;
}

function compileEdges(model: NetworkModel, index: Map<string, number>, out: CompiledNetwork): void {
  const count = model.nodes.length;
  const from = model.edges.map((edge, e) => {
    const where = `edges[${e}]`;
    const type = edge.type ?? 'route';
    if (type !== 'route' && type !== 'overflow') throw new NetworkModelError(`${where}.type: ${String(edge.type)} is not route or overflow`);
    const source = index.get(edge.from);
    if (source === undefined) throw new NetworkModelError(`${where}.from: no node is called ${edge.from}`);
    if (!index.has(edge.to)) throw new NetworkModelError(`${where}.to: no node is called ${edge.to}`);
    if (out.kinds[source] === Kind.Exit) throw new NetworkModelError(`${where}.from: ${edge.from} is an exit, and nobody leaves an exit`);
    if (type === 'overflow') {
      compileOverflow(edge, source, index.get(edge.to)!, where, out);
      out.overflowEdge[source] = e;
      return -1;
    }
    if (edge.condition !== undefined) throw new NetworkModelError(`${where}.condition: only overflow edges have a condition`);
    // A visit starts on a booked day; a delay before it would need the booking to wait for it.
    if (edge.delay !== undefined && out.kinds[index.get(edge.to)!] === Kind.Visit) throw new NetworkModelError(`${where}.delay: a transfer delay into a visit node (${edge.to}) is not supported yet`);
    if (!(edge.probability > 0 && edge.probability <= 1)) throw new NetworkModelError(`${where}.probability: ${edge.probability} is not a probability above 0`);
    return source;
  });
  const routes = from.filter((source) => source >= 0).length;
  out.edgeTarget = new Int32Array(routes);
  out.edgeCumulative = new Float64Array(routes);
  out.edgeIndex = new Int32Array(routes);
  const delays = model.edges.map((edge, e) => (edge.delay === undefined ? undefined : fitted(edge.delay, `edges[${e}].delay`)));
  // Edges grouped by source in node order, keeping each node's edges in the order given.
  const order = from
    .map((_, e) => e)
    .filter((e) => from[e] >= 0)
    .sort((a, b) => from[a] - from[b] || a - b);
  let position = 0;
  for (let node = 0; node < count; node++) {
    out.edgeStart[node] = position;
    let total = 0;
    while (position < order.length && from[order[position]] === node) {
      const edge = model.edges[order[position]];
      total += edge.probability;
      out.edgeTarget[position] = index.get(edge.to)!;
      out.edgeCumulative[position] = total;
      out.edgeDelay[position] = delays[order[position]];
      out.edgeIndex[position] = order[position];
      position++;
    }
    if (position > out.edgeStart[node] && Math.abs(total - 1) > PROBABILITY_TOLERANCE) {
      throw new NetworkModelError(`edges from ${model.nodes[node].id}: probabilities sum to ${total}, not 1`);
    }
  }
  out.edgeStart[count] = position;
}
