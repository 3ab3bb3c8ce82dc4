/**
 * From a model (ModelSpec, what workbooks, stored models and the API carry) to the networks the
 * simulator runs: which nodes are simulated together (connected components), the scenarios of
 * each component, and the NetworkModel of one component in one scenario.
 *
 * A node that no edge touches and that needs nothing the isolated kernels lack stays outside
 * every component: it is simulated by bedNode.ts or visitNode.ts exactly as IPACS would.
 */
import type { InitialResidual } from '../lengthOfStay.js';
import { BASELINE_ROUTING, isUnrestricted, kindOf, placesOf, type CapacityCalendar, type EdgeSpec, type ModelSpec, type NodeSpec } from '../model.js';
import type { NetworkEdge, NetworkModel, NetworkNode } from './networkModel.js';
import type { CapacityPeriod } from './schedule.js';
import type { NodeCosts } from './systemTotals.js';

/** Nodes simulated together, and what names their scenarios. */
export interface Component {
  /** What users see: the nodes' locality when they share one, else their localities joined with `+`; unique in the model. */
  name: string;
  /** Indices in `model.nodes`, in model order (the simulator's node order). */
  nodes: number[];
  /** Indices in `model.edges` of every edge between these nodes, in any routing scenario. */
  edges: number[];
  /** Routing scenario names in order of first appearance; `BRoute` when the component has no edges. */
  routingScenarios: string[];
}

/** Whether a node must be simulated by the network simulator even with no edge touching it. */
export function needsNetwork(node: NodeSpec): boolean {
  const kind = kindOf(node);
  return (
    (kind !== 'bed' && kind !== 'visit') ||
    node.queueInternal !== undefined ||
    (node.queueExternal !== undefined && !(node.queueExternal === 'unlimited' && !node.loseOverflow)) ||
    node.initial.blocked !== undefined ||
    node.capacity.some((capacity) => capacity.calendar !== undefined) ||
    node.arrivals.some((arrival) => arrival.profile !== undefined)
  );
}

/**
 * The components of a model: nodes joined by an edge in any routing scenario (a component's
 * nodes must be simulated together in every scenario, so that their numbers are comparable),
 * and isolated nodes that need the network simulator. Ordered by their first node.
 */
export function networkComponents(model: ModelSpec): Component[] {
  const edges = model.edges ?? [];
  const index = new Map(model.nodes.map((node, i) => [node.id, i]));
  const parent = model.nodes.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const edge of edges) {
    const a = root(index.get(edge.from)!);
    const b = root(index.get(edge.to)!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const linked = new Set(edges.flatMap((edge) => [index.get(edge.from)!, index.get(edge.to)!]));
  const byRoot = new Map<number, number[]>();
  model.nodes.forEach((node, i) => {
    if (!linked.has(i) && !needsNetwork(node)) return;
    const r = root(i);
    byRoot.set(r, [...(byRoot.get(r) ?? []), i]);
  });
  const used = new Set<string>();
  return [...byRoot.values()].map((nodes) => {
    const members = new Set(nodes);
    const own = edges.map((_, e) => e).filter((e) => members.has(index.get(edges[e].from)!));
    const routing = [...new Set(own.map((e) => edges[e].scenario ?? BASELINE_ROUTING))];
    return { name: uniqueName(componentName(model, nodes), used), nodes, edges: own, routingScenarios: routing.length > 0 ? routing : [BASELINE_ROUTING] };
  });
}

function componentName(model: ModelSpec, nodes: number[]): string {
  return [...new Set(nodes.map((i) => model.nodes[i].locality))].join('+');
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let k = 2; used.has(candidate); k++) candidate = `${name} (${k})`;
  used.add(candidate);
  return candidate;
}

/** One scenario of a component: a name of each kind, and which of its own scenarios each node runs. */
export interface ComponentScenario {
  /** `{component}_{capacity}_{los}_{arrival}_{routing}`. */
  id: string;
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
  routingScenario: string;
  /** Per node of the component (its order): the index in the node's own lists, or -1 where it has none. */
  capacityIndex: number[];
  losIndex: number[];
  arrivalIndex: number[];
  /** The model's edges this scenario routes patients along (routedEdges of its routing scenario). */
  edges: number[];
  /** Nodes that lack a scenario of this name and run their baseline (the first) instead. */
  warnings: string[];
}

/**
 * The cross product of the capacity, LOS, arrival and routing scenario names present in the
 * component (capacity outermost, as IPACS orders a node's scenarios, routing innermost). Names
 * are in order of first appearance over the nodes. A node without a name runs its first
 * scenario of that kind, with a warning; a node without routes in a routing scenario keeps its
 * baseline routes (routedEdges), with a warning.
 */
export function componentScenarios(model: ModelSpec, component: Component): ComponentScenario[] {
  const nodes = component.nodes.map((i) => model.nodes[i]);
  const namesOf = (kind: 'capacity' | 'los' | 'arrivals') => {
    const names = [...new Set(nodes.flatMap((node) => node[kind].map((scenario) => scenario.name)))];
    return names.length > 0 ? names : [''];
  };
  const routes = new Map(component.routingScenarios.map((routing) => [routing, routedEdges(model.edges ?? [], component.edges, routing)]));
  const scenarios: ComponentScenario[] = [];
  for (const capacity of namesOf('capacity')) {
    for (const los of namesOf('los')) {
      for (const arrival of namesOf('arrivals')) {
        for (const routing of component.routingScenarios) {
          const routed = routes.get(routing)!;
          const warnings = routed.fallbacks.map((id) => `${id} has no routes in routing scenario ${routing}: it keeps its ${BASELINE_ROUTING} routes`);
          const pick = (kind: 'capacity' | 'los' | 'arrivals', name: string) =>
            nodes.map((node) => {
              if (node[kind].length === 0) return -1;
              const found = node[kind].findIndex((scenario) => scenario.name === name);
              if (found >= 0) return found;
              warnings.push(`${node.id} has no ${kind === 'arrivals' ? 'arrival' : kind === 'los' ? 'length-of-stay' : 'capacity'} scenario ${name}: it runs ${node[kind][0].name}`);
              return 0;
            });
          scenarios.push({
            id: [component.name, capacity, los, arrival, routing].filter((part) => part !== '').join('_'),
            capacityScenario: capacity,
            losScenario: los,
            arrivalScenario: arrival,
            routingScenario: routing,
            capacityIndex: pick('capacity', capacity),
            losIndex: pick('los', los),
            arrivalIndex: pick('arrivals', arrival),
            edges: routed.edges,
            warnings,
          });
        }
      }
    }
  }
  return scenarios;
}

/**
 * The edges a component runs in one routing scenario: each node's own edges of that scenario,
 * or, for a node with none, its baseline (`BRoute`) edges. A routing scenario then only needs
 * the nodes whose routes change ("more people home from acute"), as a capacity scenario only
 * needs the nodes whose beds change; `fallbacks` names the nodes that kept their baseline.
 */
export function routedEdges(edges: readonly EdgeSpec[], candidates: readonly number[], routing: string): { edges: number[]; fallbacks: string[] } {
  const scenarioOf = (e: number) => edges[e].scenario ?? BASELINE_ROUTING;
  const routedHere = new Set(candidates.filter((e) => scenarioOf(e) === routing).map((e) => edges[e].from));
  const fallbacks = new Set<string>();
  const chosen = candidates.filter((e) => {
    const { from } = edges[e];
    if (routedHere.has(from)) return scenarioOf(e) === routing;
    if (scenarioOf(e) !== BASELINE_ROUTING) return false;
    fallbacks.add(from);
    return true;
  });
  return { edges: chosen, fallbacks: [...fallbacks] };
}

/** What a component's simulation needs beyond the model. */
export interface NetworkRunSettings {
  initialResidual: InitialResidual;
  /** Capacities that replace the scenario's (a plan's search), by node id; calendars are then ignored for that node. */
  capacityOverrides?: Readonly<Record<string, number>>;
}

/**
 * The network of one component in one scenario, and its costs on the occupied basis. Node i of
 * the network is `model.nodes[component.nodes[i]]`; edge j is `model.edges[edges[j]]`, where
 * `edges` are the component's edges of the scenario's routing (the network's `flow(j)`).
 */
export function networkOf(
  model: ModelSpec,
  component: Component,
  scenario: ComponentScenario,
  settings: NetworkRunSettings,
): { network: NetworkModel; costs: Record<string, NodeCosts>; edges: number[] } {
  const allEdges = model.edges ?? [];
  const edges = scenario.edges;
  const costs: Record<string, NodeCosts> = {};
  const nodes = component.nodes.map((modelIndex, i) => {
    const node = model.nodes[modelIndex];
    const kind = kindOf(node);
    if (kind !== 'exit') costs[node.id] = nodeCosts(node);
    return networkNode(model, node, i, scenario, settings);
  });
  return {
    network: {
      days: model.dates.length,
      nodes,
      edges: edges.map((e) => networkEdge(allEdges[e])),
      initialResidual: settings.initialResidual,
      warmupDays: model.warmupDays,
      resolveDeadlocks: model.resolveDeadlocks,
    },
    costs,
    edges,
  };
}

/** A node's costs on the occupied basis; patients in a bed or visit node's queues are priced as IPACS prices waiting. */
function nodeCosts(node: NodeSpec): NodeCosts {
  const kind = kindOf(node);
  if (kind === 'acute') return { perOccupiedBedDay: 0, perDelayedDay: node.costs.acuteDelay };
  if (kind === 'delay') return { perOccupiedBedDay: node.costs.community };
  // A visit node is priced as IPACS prices P1: its community cost per visit.
  if (kind === 'visit') return { perVisit: node.costs.community, perQueuedDay: node.costs.acuteDelay };
  return { perOccupiedBedDay: node.costs.community, perQueuedDay: node.costs.acuteDelay };
}

function networkNode(model: ModelSpec, node: NodeSpec, i: number, scenario: ComponentScenario, settings: NetworkRunSettings): NetworkNode {
  const kind = kindOf(node);
  const capacity = scenario.capacityIndex[i] >= 0 ? node.capacity[scenario.capacityIndex[i]] : undefined;
  const los = scenario.losIndex[i] >= 0 ? node.los[scenario.losIndex[i]] : undefined;
  const arrival = scenario.arrivalIndex[i] >= 0 ? node.arrivals[scenario.arrivalIndex[i]] : undefined;
  const override = settings.capacityOverrides?.[node.id];
  const hasBeds = kind === 'bed' || kind === 'acute' || kind === 'visit';
  return {
    id: node.id,
    kind,
    pathway: node.pathway,
    capacity: !hasBeds ? undefined : override !== undefined ? finiteOrUnlimited(override) : capacity && capacityOf(capacity.capacity, capacity.calendar, model.dates),
    queueExternal: kind === 'exit' ? undefined : node.loseOverflow ? 0 : placesOf(node.queueExternal, Infinity),
    queueInternal: kind === 'exit' || kind === 'delay' ? undefined : placesOf(node.queueInternal, 0),
    arrivals: arrival?.daily,
    arrivalProfile: arrival?.profile,
    los: los && { family: los.family, mean: los.mean, median: los.median, sd: los.sd, ...(kind === 'visit' ? { initialVisitRate: los.initialVisitRate, finalVisitRate: los.finalVisitRate } : {}) },
    initialOccupied: kind === 'exit' ? undefined : node.initial.occupied,
    initialDtoc: kind === 'exit' || kind === 'delay' ? undefined : node.initial.waiting,
    initialBlocked: node.initial.blocked,
  };
}

function finiteOrUnlimited(capacity: number): number | undefined {
  return isUnrestricted(capacity) ? undefined : capacity;
}

/**
 * A scenario's capacity as the simulator's schedule: its `capacity` on days no dated period
 * covers, each period's from its first day to the end of its last (`to` is inclusive).
 */
export function capacityOf(base: number, calendar: CapacityCalendar | undefined, dates: readonly string[]): NetworkNode['capacity'] {
  if (calendar === undefined) return finiteOrUnlimited(base);
  if ('cycleDays' in calendar) return { cycleDays: calendar.cycleDays, periods: calendar.periods.map((p) => ({ ...p, capacity: isUnrestricted(p.capacity) ? Infinity : p.capacity })) };
  const dayOf = new Map(dates.map((date, d) => [date, d]));
  const daily = dates.map(() => base);
  for (const period of calendar.periods) {
    const first = dayOf.get(period.from) ?? (period.from < dates[0] ? 0 : dates.length);
    const last = dayOf.get(period.to) ?? (period.to > dates[dates.length - 1] ? dates.length - 1 : -1);
    for (let d = first; d <= last; d++) daily[d] = period.capacity;
  }
  const periods: CapacityPeriod[] = [];
  daily.forEach((level, d) => {
    const capacity = isUnrestricted(level) ? Infinity : level;
    if (periods.length === 0 || periods[periods.length - 1].capacity !== capacity) periods.push({ from: d, capacity });
  });
  return periods.length === 1 && Number.isFinite(periods[0].capacity) ? periods[0].capacity : periods.length === 1 ? undefined : periods;
}

function networkEdge(edge: EdgeSpec): NetworkEdge {
  return { from: edge.from, to: edge.to, probability: edge.probability, type: edge.type, condition: edge.condition, delay: edge.delay };
}
