/**
 * A component scenario's flows shaped for a Sankey diagram: patients from outside as a source,
 * each edge as a band as wide as the mean patients it carried over the horizon, exits as sinks.
 *
 * A Sankey diagram cannot draw a cycle, and networks have them (readmissions: home, then back
 * to acute). An edge that closes a cycle is drawn to a sink of its own, "back to <node>", so
 * every patient who moved is still drawn once, and the table beside the diagram lists the edge
 * as it is.
 */
import type { NodeKind } from '../../../engine/model.js';
import type { ComponentSummary } from '../../../engine/network/componentSummary.js';
import type { Estimate } from '../../../engine/statistics.js';

export const FROM_OUTSIDE = 'From outside';
export const NO_ONWARD_ROUTE = 'Left (no onward route)';
export const backTo = (node: string): string => `Back to ${node}`;

export type SankeyNodeKind = NodeKind | 'outside' | 'return';

export interface SankeyNode {
  name: string;
  kind: SankeyNodeKind;
}

export interface SankeyLink {
  /** The Sankey's ends (a returning edge ends at its "back to" sink). */
  source: string;
  target: string;
  /** The model's ends, for the table. */
  from: string;
  to: string;
  type: 'arrivals' | 'route' | 'overflow' | 'return' | 'no onward route';
  patients: Estimate;
}

export interface FlowSankey {
  nodes: SankeyNode[];
  /** Every flow, zero ones included (the table lists them); the chart draws those above zero. */
  links: SankeyLink[];
}

/** Edges that close a cycle, found by a depth-first walk from where patients enter, in model order. */
function returningEdges(order: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>, entries: readonly string[]): Set<number> {
  const onward = new Map(order.map((id) => [id, [] as number[]]));
  edges.forEach((e, i) => onward.get(e.from)?.push(i));
  const state = new Map<string, 'open' | 'done'>();
  const returning = new Set<number>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const i of onward.get(id) ?? []) {
      const next = state.get(edges[i].to);
      if (next === 'open') returning.add(i);
      else if (next === undefined) visit(edges[i].to);
    }
    state.set(id, 'done');
  };
  for (const id of [...entries, ...order]) if (!state.has(id)) visit(id);
  return returning;
}

export function flowSankey(summary: ComponentSummary, kinds: ReadonlyMap<string, NodeKind>): FlowSankey {
  const ids = summary.nodes.map((n) => n.scenario.key.node);
  const kindOfId = (id: string): NodeKind => kinds.get(id) ?? 'bed';
  const arriving = summary.nodes.filter((n) => n.horizon.arrivals_external.mean > 0);
  const entries = arriving.length > 0 ? arriving.map((n) => n.scenario.key.node) : ids.filter((id) => !summary.flows.some((f) => f.to === id)).slice(0, 1);
  const returning = returningEdges(ids, summary.flows, entries);

  const links: SankeyLink[] = arriving.map((n) => ({ source: FROM_OUTSIDE, target: n.scenario.key.node, from: FROM_OUTSIDE, to: n.scenario.key.node, type: 'arrivals', patients: n.horizon.arrivals_external }));
  summary.flows.forEach((f, i) => {
    const back = returning.has(i);
    links.push({ source: f.from, target: back ? backTo(f.to) : f.to, from: f.from, to: f.to, type: back ? 'return' : f.type, patients: f.total });
  });
  // Patients leaving a node with no route out leave the network there (the implicit exit).
  for (const n of summary.nodes) {
    const id = n.scenario.key.node;
    if (kindOfId(id) === 'exit' || summary.flows.some((f) => f.from === id && f.type === 'route')) continue;
    if (n.horizon.departures.mean > 0) links.push({ source: id, target: NO_ONWARD_ROUTE, from: id, to: NO_ONWARD_ROUTE, type: 'no onward route', patients: n.horizon.departures });
  }

  const nodes: SankeyNode[] = [];
  if (arriving.length > 0) nodes.push({ name: FROM_OUTSIDE, kind: 'outside' });
  nodes.push(...ids.map((id) => ({ name: id, kind: kindOfId(id) })));
  for (const target of new Set(links.filter((l) => l.type === 'return').map((l) => l.target))) nodes.push({ name: target, kind: 'return' });
  if (links.some((l) => l.type === 'no onward route')) nodes.push({ name: NO_ONWARD_ROUTE, kind: 'exit' });
  return { nodes, links };
}
