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

/** Node names compared as R's C locale does: by UTF-16 code units. */
export function compareNodeNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * R's `isort_with_index`: Shell sort of `keys` carrying `index` along, in place. Gaps
 * 1, 4, 13, 40, ... starting from the largest not above n / 9; an element moves only past
 * strictly greater keys, but the long gaps still make the sort unstable.
 */
export function shellSortWithIndex(keys: number[] | Int32Array, index: number[] | Int32Array): void {
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
 * A merged table as columns: each row's node (an index into the run's node names) and, for
 * each of FIELDS, the row of that field's sheet it came from (-1 for none, R's NA). The
 * national workbook's merges make a million rows: as objects (rMerge) they took 4-5 s of the
 * writer thread and a large part of its garbage collection; as indices, a small fraction.
 */
interface MergeTable {
  length: number;
  node: Int32Array;
  /** Row r's sheet row for field f is at r * FIELDS + f. */
  fields: Int32Array;
}

/** The fields, each from its own sheet: arrival, capacity, LOS, initial conditions' measure. */
const FIELDS = 4;
const [ARRIVAL, CAPACITY, LOS] = [0, 1, 2];

/** A sheet's rows as a table whose only field is `field`. */
function sheetTable(sheet: readonly (readonly [string, string])[], field: number, nodeId: (name: string) => number): MergeTable {
  const table = { length: sheet.length, node: new Int32Array(sheet.length), fields: new Int32Array(sheet.length * FIELDS).fill(-1) };
  sheet.forEach(([node], row) => {
    table.node[row] = nodeId(node);
    table.fields[row * FIELDS + field] = row;
  });
  return table;
}

/**
 * rMerge on MergeTables, step for step (the same codes, the same Shell sort, the same pairing
 * and leftovers, the same stable sort by node); `nodeRank[n]` is node n's place among the
 * node names in compareNodeNames order.
 */
function mergeTables(x: MergeTable, y: MergeTable, nodeRank: Int32Array): MergeTable {
  const nodes = nodeRank.length;
  const inY = new Uint8Array(nodes);
  for (let j = 0; j < y.length; j++) inY[y.node[j]] = 1;
  const rank = new Int32Array(nodes);
  let ranks = 0;
  for (let i = 0; i < x.length; i++) {
    const node = x.node[i];
    if (inY[node] === 1 && rank[node] === 0) rank[node] = ++ranks;
  }
  const xCodes = new Int32Array(x.length);
  const yCodes = new Int32Array(y.length);
  const xIndex = new Int32Array(x.length);
  const yIndex = new Int32Array(y.length);
  for (let k = 0; k < x.length; k++) {
    xCodes[k] = rank[x.node[k]];
    xIndex[k] = k;
  }
  for (let k = 0; k < y.length; k++) {
    yCodes[k] = rank[y.node[k]];
    yIndex[k] = k;
  }
  shellSortWithIndex(xCodes, xIndex);
  shellSortWithIndex(yCodes, yIndex);

  // Rows per code: a code's x rows pair with its y rows; a row whose code the other table lacks
  // (code 0, a node in one table only) is left over and kept alone.
  const xPerCode = new Int32Array(ranks + 1);
  const yPerCode = new Int32Array(ranks + 1);
  for (let k = 0; k < x.length; k++) xPerCode[xCodes[k]]++;
  for (let k = 0; k < y.length; k++) yPerCode[yCodes[k]]++;
  let length = xPerCode[0] + yPerCode[0];
  for (let code = 1; code <= ranks; code++) length += yPerCode[code] === 0 ? xPerCode[code] : xPerCode[code] === 0 ? yPerCode[code] : xPerCode[code] * yPerCode[code];

  // The pairs, as x row and y row (-1 for a row found in one table only), in rMerge's order.
  const pairX = new Int32Array(length);
  const pairY = new Int32Array(length);
  let paired = 0;
  const xMatched = new Uint8Array(x.length);
  const yMatched = new Uint8Array(y.length);
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
        pairX[paired] = xIndex[a];
        pairY[paired++] = yIndex[b];
        xMatched[xIndex[a]] = 1;
        yMatched[yIndex[b]] = 1;
      }
    }
    i = xEnd;
    j = yEnd;
  }
  for (let k = 0; k < x.length; k++) {
    if (xMatched[k] === 0) {
      pairX[paired] = k;
      pairY[paired++] = -1;
    }
  }
  for (let k = 0; k < y.length; k++) {
    if (yMatched[k] === 0) {
      pairX[paired] = -1;
      pairY[paired++] = k;
    }
  }

  if (paired !== length) throw new Error(`the merge paired ${paired} rows where it counted ${length}`);

  // Sorted by node, stably: a counting sort on the nodes' ranks.
  const pairNode = new Int32Array(length);
  for (let p = 0; p < length; p++) pairNode[p] = pairX[p] >= 0 ? x.node[pairX[p]] : y.node[pairY[p]];
  const start = new Int32Array(nodes + 1);
  for (let p = 0; p < length; p++) start[nodeRank[pairNode[p]] + 1]++;
  for (let r = 0; r < nodes; r++) start[r + 1] += start[r];
  const merged = { length, node: new Int32Array(length), fields: new Int32Array(length * FIELDS) };
  for (let p = 0; p < length; p++) {
    const node = pairNode[p];
    const at = start[nodeRank[node]]++;
    merged.node[at] = node;
    const xRow = pairX[p];
    const yRow = pairY[p];
    // x's fields, overridden by those y has (combine).
    for (let f = 0; f < FIELDS; f++) {
      const fromY = yRow >= 0 ? y.fields[yRow * FIELDS + f] : -1;
      merged.fields[at * FIELDS + f] = fromY >= 0 ? fromY : xRow >= 0 ? x.fields[xRow * FIELDS + f] : -1;
    }
  }
  return merged;
}

/** Each sheet row's scenario name as a number (0, 1, ... in order of first appearance), and how many names. */
function nameIds(sheet: readonly (readonly [string, string])[]): { ids: Int32Array; names: number } {
  const numbers = new Map<string, number>();
  const ids = new Int32Array(sheet.length);
  sheet.forEach(([, name], row) => {
    let id = numbers.get(name);
    if (id === undefined) numbers.set(name, (id = numbers.size));
    ids[row] = id;
  });
  return { ids, names: numbers.size };
}

/**
 * Every scenario the sheets define, in the order R's `arr_scenarios` first shows it
 * (both pathways together; R splits them afterwards, keeping this order).
 */
export function ipacsMergeOrder(rows: IpacsSheetRows): ScenarioParts[] {
  return ipacsMergeOrderByNode(rows) ?? mergedProductOrder(rows);
}

/** The rows of a sheet in the order R's Shell sort leaves them, each row's code its node's `code`. */
function shellSortedRows(nodes: Int32Array, code: Int32Array): Int32Array {
  const codes = new Int32Array(nodes.length);
  const index = new Int32Array(nodes.length);
  for (let k = 0; k < nodes.length; k++) {
    codes[k] = code[nodes[k]];
    index[k] = k;
  }
  shellSortWithIndex(codes, index);
  return index;
}

/**
 * Each node's scenario names in the order of first appearance along `order` (row numbers of
 * `sheet`), for the nodes `wanted`.
 */
function namesByNode(sheet: readonly (readonly [string, string])[], nodes: Int32Array, order: Int32Array, wanted: Uint8Array): string[][] {
  const names: string[][] = Array.from({ length: wanted.length }, () => []);
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    const node = nodes[row];
    if (wanted[node] === 1 && !names[node].includes(sheet[row][1])) names[node].push(sheet[row][1]);
  }
  return names;
}

/**
 * A merge's codes: 1, 2, ... for the nodes of `x` that `y` also has, in name order (`byName`),
 * as they first appear in an x sorted by node; or undefined when such an x's codes would not
 * ascend (a node `y` lacks, code 0, named after one it has), so that the Shell sort would move
 * x's rows and scramble their order.
 */
function ascendingCodes(byName: Int32Array, inX: Uint8Array, inY: Uint8Array): Int32Array | undefined {
  const code = new Int32Array(inX.length);
  let codes = 0;
  for (const node of byName) {
    if (inX[node] === 0) continue;
    if (inY[node] === 1) code[node] = ++codes;
    else if (codes > 0) return undefined;
  }
  return code;
}

/**
 * ipacsMergeOrder without building the merges' product (on the national workbook a million
 * rows, on the sample tens of thousands, to keep the first appearance of a few thousand or
 * 108 scenarios). Only the first merge scrambles rows: its x is the arrivals sheet in sheet
 * order. Each merge leaves its rows sorted by node, so the next merge's x codes ascend, and a
 * Shell sort moves no row of an ascending array, unless a node the next sheet lacks is named
 * after one it has (its code 0 then comes after higher codes): undefined then, for the
 * product to be built. Otherwise a node's merged rows are its arrival rows (as the first
 * merge sorts them) × its capacity rows × its LOS rows (each as its merge sorts them) ×
 * its initial conditions' rows, outer to inner, so a scenario's first appearance is the
 * first arrival row of its arrival name, the first capacity row of its capacity name, the
 * first LOS row of its LOS name: the scenarios come in that order, compared outer first.
 * Tested against the product's order on random sheets.
 */
export function ipacsMergeOrderByNode(rows: IpacsSheetRows): ScenarioParts[] | undefined {
  const nodeIds = new Map<string, number>();
  const nodesOf = (sheet: readonly (readonly [string, string])[]) => {
    const nodes = new Int32Array(sheet.length);
    for (let row = 0; row < sheet.length; row++) {
      const name = sheet[row][0];
      let id = nodeIds.get(name);
      if (id === undefined) nodeIds.set(name, (id = nodeIds.size));
      nodes[row] = id;
    }
    return nodes;
  };
  const arrivals = nodesOf(rows.arrivals);
  const capacity = nodesOf(rows.capacity);
  const los = nodesOf(rows.los);
  const initial = nodesOf(rows.initial);
  const nodeNames = [...nodeIds.keys()];
  const count = nodeNames.length;
  const byName = Int32Array.from(nodeNames.keys()).sort((a, b) => compareNodeNames(nodeNames[a], nodeNames[b]));
  const present = (nodes: Int32Array) => {
    const has = new Uint8Array(count);
    for (let k = 0; k < nodes.length; k++) has[nodes[k]] = 1;
    return has;
  };
  const inArrivals = present(arrivals);
  const inCapacity = present(capacity);
  const inLos = present(los);
  const inInitial = present(initial);
  const afterFirst = new Uint8Array(count);
  const afterSecond = new Uint8Array(count);
  const inAll = new Uint8Array(count);
  for (let node = 0; node < count; node++) {
    afterFirst[node] = inArrivals[node] | inCapacity[node];
    afterSecond[node] = afterFirst[node] | inLos[node];
    inAll[node] = inArrivals[node] & inCapacity[node] & inLos[node];
  }
  const secondCode = ascendingCodes(byName, afterFirst, inLos);
  if (!secondCode || !ascendingCodes(byName, afterSecond, inInitial)) return undefined;
  // The first merge's codes: the arrivals sheet is not sorted by node, so a node's code is
  // the rank of its first arrival row among those of nodes the capacity sheet has.
  const firstCode = new Int32Array(count);
  let codes = 0;
  for (let row = 0; row < arrivals.length; row++) {
    const node = arrivals[row];
    if (inCapacity[node] === 1 && firstCode[node] === 0) firstCode[node] = ++codes;
  }
  const arrivalNames = namesByNode(rows.arrivals, arrivals, shellSortedRows(arrivals, firstCode), inAll);
  const capacityNames = namesByNode(rows.capacity, capacity, shellSortedRows(capacity, firstCode), inAll);
  // Codes of LOS rows whose node the first merge lacks are 0, as their x has no row of it.
  const losNames = namesByNode(rows.los, los, shellSortedRows(los, secondCode), inAll);
  const order: ScenarioParts[] = [];
  for (const node of byName) {
    if (inAll[node] === 0) continue;
    for (const arrival of arrivalNames[node]) {
      for (const cap of capacityNames[node]) {
        for (const stay of losNames[node]) order.push({ node: nodeNames[node], capacity: cap, los: stay, arrival });
      }
    }
  }
  return order;
}

/** ipacsMergeOrder by R's merges step for step, their whole product built. */
function mergedProductOrder(rows: IpacsSheetRows): ScenarioParts[] {
  const nodeIds = new Map<string, number>();
  const nodeId = (name: string) => {
    let id = nodeIds.get(name);
    if (id === undefined) nodeIds.set(name, (id = nodeIds.size));
    return id;
  };
  const arrivals = sheetTable(rows.arrivals, ARRIVAL, nodeId);
  const capacity = sheetTable(rows.capacity, CAPACITY, nodeId);
  const los = sheetTable(rows.los, LOS, nodeId);
  const initial = sheetTable(rows.initial, 3, nodeId);
  const nodeNames = [...nodeIds.keys()];
  const nodeRank = new Int32Array(nodeNames.length);
  nodeNames
    .map((_, id) => id)
    .sort((a, b) => compareNodeNames(nodeNames[a], nodeNames[b]))
    .forEach((id, place) => (nodeRank[id] = place));
  const merged = mergeTables(mergeTables(mergeTables(arrivals, capacity, nodeRank), los, nodeRank), initial, nodeRank);
  // Scenarios are told apart by their names (many arrival rows, one a date, name one scenario):
  // each name numbered, so a row's scenario is a number, not a string built per row.
  const capacityName = nameIds(rows.capacity);
  const losName = nameIds(rows.los);
  const arrivalName = nameIds(rows.arrivals);
  // Sheets too large for the product to be a whole double would make keys collide: names then.
  const numbered = nodeNames.length * capacityName.names * losName.names * arrivalName.names <= Number.MAX_SAFE_INTEGER;
  const seen = new Set<number | string>();
  const order: ScenarioParts[] = [];
  for (let r = 0; r < merged.length; r++) {
    const arrival = merged.fields[r * FIELDS + ARRIVAL];
    const cap = merged.fields[r * FIELDS + CAPACITY];
    const stay = merged.fields[r * FIELDS + LOS];
    if (arrival < 0 || cap < 0 || stay < 0) continue;
    const node = merged.node[r];
    const parts = () => ({ node: nodeNames[node], capacity: rows.capacity[cap][1], los: rows.los[stay][1], arrival: rows.arrivals[arrival][1] });
    const key = numbered ? ((node * capacityName.names + capacityName.ids[cap]) * losName.names + losName.ids[stay]) * arrivalName.names + arrivalName.ids[arrival] : partsKey(parts());
    if (!seen.has(key)) {
      seen.add(key);
      order.push(parts());
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
