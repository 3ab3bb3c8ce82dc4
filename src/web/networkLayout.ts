/**
 * Where each node of a model goes in the network diagram: a layered layout that reads as a
 * discharge pathway does, left to right. Columns are stages (arrivals and acute first, then
 * the D2A pathways they feed, then onward placements, exits last); rows are grouped in one
 * band per locality, so three localities of nine nodes read as three copies of one picture.
 *
 * Stages come from the routes, not from names, so a model imported from elsewhere (any ids,
 * any labels) lays out the same way: a node's stage is its distance from the nodes patients
 * enter by, a route back (a readmission) does not pull a node forward, and every exit sits in
 * the last column.
 */
import { BASELINE_ROUTING, kindOf, type EdgeSpec, type ModelSpec } from '../engine/model.js';
import { routedEdges } from '../engine/network/fromModel.js';

export interface PlacedNode {
  id: string;
  /** Stage, from 0 (where patients enter) to `columns - 1` (exits). */
  column: number;
  /** Row over the whole diagram, counting every band's rows from the top. */
  row: number;
  band: number;
}

export interface Band {
  locality: string;
  /** The band's first row and how many it has. */
  top: number;
  rows: number;
}

export interface NetworkLayout {
  nodes: PlacedNode[];
  bands: Band[];
  columns: number;
  rows: number;
}

/**
 * The routes a run uses in one routing scenario (absent: the baseline), overflow edges
 * included: a node with no routes of its own in that scenario keeps its baseline ones.
 */
export function edgesOfScenario(model: ModelSpec, scenario: string = BASELINE_ROUTING): EdgeSpec[] {
  const edges = model.edges ?? [];
  return routedEdges(edges, edges.map((_, e) => e), scenario).edges.map((e) => edges[e]);
}

/** Every routing scenario of a model, the baseline first. */
export function routingScenarioNames(model: ModelSpec): string[] {
  const names = new Set([BASELINE_ROUTING]);
  for (const edge of model.edges ?? []) names.add(edge.scenario ?? BASELINE_ROUTING);
  return [...names];
}

/**
 * Distance from the entry nodes along the edges of every routing scenario (so the layout does
 * not jump when the planner switches scenario). Entry nodes are those with arrivals of their
 * own, or no route in; a node reached by no path from one starts a stage of its own (0).
 */
function stages(model: ModelSpec): number[] {
  const index = new Map(model.nodes.map((node, n) => [node.id, n]));
  const next: number[][] = model.nodes.map(() => []);
  const fed = new Set<number>();
  for (const edge of model.edges ?? []) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    next[from].push(to);
    fed.add(to);
  }
  const stage = model.nodes.map(() => -1);
  const queue: number[] = [];
  model.nodes.forEach((node, n) => {
    if (node.arrivals.length > 0 || !fed.has(n)) {
      stage[n] = 0;
      queue.push(n);
    }
  });
  // Breadth first: each node's stage is its shortest distance, so a readmission route back to
  // acute never moves acute to the right.
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head];
    for (const m of next[n]) {
      if (stage[m] >= 0) continue;
      stage[m] = stage[n] + 1;
      queue.push(m);
    }
  }
  return stage.map((s) => Math.max(0, s));
}

/** The layout of every node of the model (exits last, bands in order of first appearance). */
export function layoutNetwork(model: ModelSpec): NetworkLayout {
  const stage = stages(model);
  const isExit = model.nodes.map((node) => kindOf(node) === 'exit');
  const lastWorking = Math.max(0, ...stage.filter((_, n) => !isExit[n]));
  const anyExit = isExit.some(Boolean);
  const columns = lastWorking + 1 + (anyExit ? 1 : 0);
  const column = stage.map((s, n) => (isExit[n] ? columns - 1 : s));

  const localities = [...new Set(model.nodes.map((node) => node.locality))];
  const bands: Band[] = [];
  const placed: PlacedNode[] = new Array(model.nodes.length);
  const rowOf = new Map<string, number>();
  let top = 0;
  localities.forEach((locality, b) => {
    const members = model.nodes.map((node, n) => n).filter((n) => model.nodes[n].locality === locality);
    let rows = 0;
    for (let c = 0; c < columns; c++) {
      const inColumn = members.filter((n) => column[n] === c);
      ordered(model, inColumn, rowOf).forEach((n, r) => {
        placed[n] = { id: model.nodes[n].id, column: c, row: top + r, band: b };
        rowOf.set(model.nodes[n].id, top + r);
      });
      rows = Math.max(rows, inColumn.length);
    }
    bands.push({ locality, top, rows });
    top += rows;
  });
  return { nodes: placed, bands, columns, rows: top };
}

/**
 * A column's nodes in the order of the mean row of the nodes that feed them (one barycentre
 * sweep: fewer crossings), model order breaking ties and placing nodes nothing feeds yet.
 */
function ordered(model: ModelSpec, inColumn: number[], rowOf: ReadonlyMap<string, number>): number[] {
  const edges = model.edges ?? [];
  const centre = (n: number): number => {
    const rows = edges.filter((edge) => edge.to === model.nodes[n].id && rowOf.has(edge.from)).map((edge) => rowOf.get(edge.from)!);
    return rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : Infinity;
  };
  const keyed = inColumn.map((n) => ({ n, centre: centre(n) }));
  return keyed.sort((a, b) => (a.centre === b.centre ? a.n - b.n : a.centre - b.centre)).map((k) => k.n);
}
