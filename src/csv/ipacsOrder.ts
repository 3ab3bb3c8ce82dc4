/**
 * The column order of the IPACS v1 R model's outputs, reproduced so that Pathflow's
 * IPACS-layout CSVs put every scenario where spreadsheets built on R's files expect it.
 *
 * R lists scenarios in the order they first appear in `arr_scenarios`, which it builds by
 * merging, on `node`, the arrivals sheet (every row) with the capacity, LOS and initial
 * conditions sheets. That order falls out of the internals of R's `merge`, so it is
 * emulated here step by step rather than described by a formula:
 *
 * 1. Each row's node gets a code: the rank of the node's first appearance among the x rows
 *    whose node also occurs in y (0 when it does not).
 * 2. The x codes, carrying their row numbers, are sorted by R's Shell sort (not stable; its
 *    gaps 1, 4, 13, 40, ...), and so are the y codes.
 * 3. For each code in ascending order, every x row of the code (outer loop, in sorted order)
 *    is paired with every y row of the code (inner loop).
 * 4. Rows found in only one table follow (`all = TRUE`): x's, then y's, in sheet order.
 * 5. The result is sorted by node, stably.
 *
 * Because the arrivals sheet is date-major, the Shell sort scrambles each node's arrival
 * rows, and which arrival scenario lands first decides each node's first columns. For the
 * BNSSG sample this reproduces R's column order exactly, for both bed and visit outputs.
 *
 * Step 5 compares node names by UTF-16 code units (the C locale). R uses the collation of
 * the session's locale, which for names differing only in case, or in punctuation such as
 * `_`, can order nodes differently (en_US puts `P2_b` before `P2_C`; C puts it after). The
 * IPACS naming scheme (`P1_B`, `P2_NS`, ...) sorts alike in both.
 */
import type { IpacsSheetRows, ModelSpec } from '../engine/model.js';
import type { ScenarioKey } from '../engine/scenarios.js';

/** A row of a merged table: its node and whichever scenario fields it has so far. */
export interface MergeRow {
  node: string;
  arrival?: string;
  capacity?: string;
  los?: string;
  measure?: string;
}

/** Node names compared as R's C locale does: by UTF-16 code units. */
export function compareNodeNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * R's `isort_with_index`: Shell sort of `keys` carrying `index` along, in place. Gaps
 * 1, 4, 13, 40, ... starting from the largest not above n / 9; an element moves only past
 * strictly greater keys, but the long gaps still make the sort unstable.
 */
export function shellSortWithIndex(keys: number[], index: number[]): void {
  const n = keys.length;
  let h = 1;
  while (h <= Math.floor(n / 9)) h = 3 * h + 1;
  for (; h > 0; h = Math.floor(h / 3)) {
    for (let i = h; i < n; i++) {
      const v = keys[i];
      const iv = index[i];
      let j = i;
      while (j >= h && keys[j - h] > v) {
        keys[j] = keys[j - h];
        index[j] = index[j - h];
        j -= h;
      }
      keys[j] = v;
      index[j] = iv;
    }
  }
}

/** `merge(x, y, by = "node", all = TRUE)` as R orders its rows. */
export function rMerge(x: readonly MergeRow[], y: readonly MergeRow[]): MergeRow[] {
  const inY = new Set(y.map((row) => row.node));
  const rank = new Map<string, number>();
  for (const row of x) if (inY.has(row.node) && !rank.has(row.node)) rank.set(row.node, rank.size + 1);
  const xCodes = x.map((row) => rank.get(row.node) ?? 0);
  const yCodes = y.map((row) => rank.get(row.node) ?? 0);
  const xIndex = x.map((_, i) => i);
  const yIndex = y.map((_, i) => i);
  shellSortWithIndex(xCodes, xIndex);
  shellSortWithIndex(yCodes, yIndex);

  const merged: MergeRow[] = [];
  const xMatched = new Array<boolean>(x.length).fill(false);
  const yMatched = new Array<boolean>(y.length).fill(false);
  let i = 0;
  let j = 0;
  while (i < x.length && xCodes[i] === 0) i++;
  while (j < y.length && yCodes[j] === 0) j++;
  while (i < x.length) {
    const code = xCodes[i];
    let xEnd = i;
    while (xEnd < x.length && xCodes[xEnd] === code) xEnd++;
    while (j < y.length && yCodes[j] < code) j++;
    let yEnd = j;
    while (yEnd < y.length && yCodes[yEnd] === code) yEnd++;
    for (let a = i; a < xEnd; a++) {
      for (let b = j; b < yEnd; b++) {
        merged.push(combine(x[xIndex[a]], y[yIndex[b]]));
        xMatched[xIndex[a]] = true;
        yMatched[yIndex[b]] = true;
      }
    }
    i = xEnd;
    j = yEnd;
  }
  x.forEach((row, k) => {
    if (!xMatched[k]) merged.push({ ...row });
  });
  y.forEach((row, k) => {
    if (!yMatched[k]) merged.push({ ...row });
  });
  return sortByNodeStably(merged);
}

/**
 * The rows sorted by node, stably (as R's `order()` is): each node's rows in the order they
 * came, nodes in compareNodeNames order. Grouping does in one pass what a comparison sort
 * of the 39,000 rows the sample's merges make did in a tenth of a second.
 */
function sortByNodeStably(rows: MergeRow[]): MergeRow[] {
  const groups = new Map<string, MergeRow[]>();
  for (const row of rows) {
    const group = groups.get(row.node);
    if (group) group.push(row);
    else groups.set(row.node, [row]);
  }
  return [...groups.keys()].sort(compareNodeNames).flatMap((node) => groups.get(node)!);
}

/** The merged row: x's fields (all of them, as R keeps every column), overridden by those y has. */
function combine(x: MergeRow, y: MergeRow): MergeRow {
  const row: MergeRow = { ...x };
  if (y.arrival !== undefined) row.arrival = y.arrival;
  if (y.capacity !== undefined) row.capacity = y.capacity;
  if (y.los !== undefined) row.los = y.los;
  if (y.measure !== undefined) row.measure = y.measure;
  return row;
}

/** A scenario as R names it: `node_cap_los_arr`, kept as parts. */
export interface ScenarioParts {
  node: string;
  capacity: string;
  los: string;
  arrival: string;
}

function partsKey(parts: ScenarioParts): string {
  // A NUL cannot be typed into a spreadsheet cell, so it separates the names unambiguously.
  return `${parts.node}\u0000${parts.capacity}\u0000${parts.los}\u0000${parts.arrival}`;
}

/**
 * Every scenario the sheets define, in the order R's `arr_scenarios` first shows it
 * (both pathways together; R splits them afterwards, keeping this order).
 */
export function ipacsMergeOrder(rows: IpacsSheetRows): ScenarioParts[] {
  const arrivals = rows.arrivals.map(([node, arrival]) => ({ node, arrival }));
  const capacity = rows.capacity.map(([node, cap]) => ({ node, capacity: cap }));
  const los = rows.los.map(([node, name]) => ({ node, los: name }));
  const initial = rows.initial.map(([node, measure]) => ({ node, measure }));
  const merged = rMerge(rMerge(rMerge(arrivals, capacity), los), initial);
  const seen = new Set<string>();
  const order: ScenarioParts[] = [];
  for (const row of merged) {
    if (row.arrival === undefined || row.capacity === undefined || row.los === undefined) continue;
    const parts = { node: row.node, capacity: row.capacity, los: row.los, arrival: row.arrival };
    const key = partsKey(parts);
    if (!seen.has(key)) {
      seen.add(key);
      order.push(parts);
    }
  }
  return order;
}

/**
 * The order for models that did not come from an IPACS workbook: nodes by name, and within
 * a node its arrival scenarios (model order), each with every capacity and then every LOS
 * scenario, which is what R gives for a sheet sorted by node and scenario.
 */
export function fallbackOrder(model: ModelSpec): ScenarioParts[] {
  const nodes = [...model.nodes].sort((a, b) => compareNodeNames(a.id, b.id));
  const order: ScenarioParts[] = [];
  for (const node of nodes) {
    for (const arrival of node.arrivals) {
      for (const capacity of node.capacity) {
        for (const los of node.los) order.push({ node: node.id, capacity: capacity.name, los: los.name, arrival: arrival.name });
      }
    }
  }
  return order;
}

export interface IpacsColumns {
  /** P1 scenarios: the columns of `visit_output`, the blocks of `stochastic_visit_output`. */
  visit: ScenarioKey[];
  /** P2 and P3 scenarios: the columns of `bed_output`; `node` in `stochastic_bed_output` is the 1-based position. */
  bed: ScenarioKey[];
}

/**
 * Puts `keys` (a run's scenarios) in R's column order: the merge emulation when the model
 * carries its workbook's sheet rows, the fallback order otherwise. A scenario the order does
 * not name (sheet rows that do not match the model) goes after its node's other scenarios,
 * in fallback order; the nodes stay sorted by name, as in R.
 */
export function ipacsColumns(model: ModelSpec, keys: readonly ScenarioKey[]): IpacsColumns {
  const byParts = new Map<string, ScenarioKey>();
  for (const key of keys) {
    byParts.set(partsKey({ node: key.node, capacity: key.capacityScenario, los: key.losScenario, arrival: key.arrivalScenario }), key);
  }
  const ordered: ScenarioKey[] = [];
  const take = (parts: ScenarioParts) => {
    const id = partsKey(parts);
    const key = byParts.get(id);
    if (key) {
      ordered.push(key);
      byParts.delete(id);
    }
  };
  if (model.ipacsSheetRows) ipacsMergeOrder(model.ipacsSheetRows).forEach(take);
  fallbackOrder(model).forEach(take);
  // Scenarios of nodes the model does not list (a result of another model): in with the rest.
  ordered.push(...byParts.values());
  ordered.sort((a, b) => compareNodeNames(a.node, b.node));
  return {
    visit: ordered.filter((key) => key.pathway === 'P1'),
    bed: ordered.filter((key) => key.pathway === 'P2' || key.pathway === 'P3'),
  };
}
