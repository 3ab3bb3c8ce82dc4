import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareNodeNames,
  fallbackOrder,
  ipacsColumns,
  ipacsMergeOrder,
  ipacsMergeOrderByNode,
  shellSortWithIndex,
  type ScenarioParts,
} from '../../src/csv/ipacsOrder.js';
import { rMerge, type MergeRow } from './rMergeReference.js';
import type { IpacsSheetRows, ModelSpec, NodeSpec } from '../../src/engine/model.js';
import { allScenarios, type ScenarioKey } from '../../src/engine/scenarios.js';
import {
  HAVE_REFERENCE,
  MISSING_REFERENCE,
  REFERENCE_SETS,
  readReference,
  readXlsx,
  sampleModel,
  sheetRowsOf,
  splitLine,
  unquote,
} from './ipacsReference.js';
import { seededUniform } from '../seededUniform.js';

const id = (p: ScenarioParts) => `${p.node}_${p.capacity}_${p.los}_${p.arrival}`;

function node(nodeId: string, arrivals: string[], capacity: string[], los: string[]): NodeSpec {
  return {
    id: nodeId,
    pathway: nodeId.slice(0, 2) as NodeSpec['pathway'],
    locality: nodeId.slice(3),
    arrivals: arrivals.map((name) => ({ name, daily: [1, 1] })),
    capacity: capacity.map((name, i) => ({ name, capacity: 10 + i })),
    los: los.map((name) => ({ name, family: 'lnorm' as const, mean: 5, median: 4 })),
    initial: { occupied: 0, waiting: 0 },
    costs: { community: 1, acuteDelay: 1 },
  };
}

function model(nodes: NodeSpec[], ipacsSheetRows?: IpacsSheetRows): ModelSpec {
  return { name: 't', dates: ['2025-01-01', '2025-01-02'], nodes, ipacsSheetRows };
}

describe('shellSortWithIndex (R isort_with_index)', () => {
  it('sorts with gaps 4 then 1 and is not stable, exactly as R (expected values from the Python emulation)', () => {
    const keys = [3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2];
    const index = keys.map((_, i) => i);
    shellSortWithIndex(keys, index);
    expect(keys).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(index).toEqual([4, 1, 10, 7, 8, 5, 2, 11, 0, 9, 6, 3]);
  });

  it('below 10 elements it is a plain insertion sort, hence stable', () => {
    const keys = [2, 1, 2, 1, 3, 1];
    const index = [0, 1, 2, 3, 4, 5];
    shellSortWithIndex(keys, index);
    expect(keys).toEqual([1, 1, 1, 2, 2, 3]);
    expect(index).toEqual([1, 3, 5, 0, 2, 4]);
  });

  it('leaves sorted keys alone whatever their length', () => {
    const keys = Array.from({ length: 200 }, (_, i) => Math.floor(i / 7));
    const index = keys.map((_, i) => i);
    shellSortWithIndex(keys, index);
    expect(index).toEqual(keys.map((_, i) => i));
  });
});

describe('rMerge (R merge(x, y, by = "node", all = TRUE))', () => {
  type Dated = MergeRow & { date: number };
  it('scrambles date-major arrival rows within a node, as R does (expected values from the Python emulation)', () => {
    const nodes = ['N0', 'N1', 'N2'];
    const x: Dated[] = [];
    for (const arrival of ['B', 'S']) for (const date of [0, 1]) for (const n of nodes) x.push({ node: n, arrival, date });
    const y: MergeRow[] = nodes.map((n) => ({ node: n, capacity: 'C' }));
    const merged = rMerge(x, y) as Dated[];
    expect(merged.map((r) => [r.node, r.arrival, r.date, r.capacity])).toEqual([
      ['N0', 'B', 0, 'C'],
      ['N0', 'S', 1, 'C'],
      ['N0', 'S', 0, 'C'],
      ['N0', 'B', 1, 'C'],
      ['N1', 'B', 1, 'C'],
      ['N1', 'B', 0, 'C'],
      ['N1', 'S', 1, 'C'],
      ['N1', 'S', 0, 'C'],
      ['N2', 'S', 0, 'C'],
      ['N2', 'B', 1, 'C'],
      ['N2', 'B', 0, 'C'],
      ['N2', 'S', 1, 'C'],
    ]);
  });

  it('pairs every x row of a node with every y row of it, x outer and y inner', () => {
    const x: MergeRow[] = [
      { node: 'B', arrival: 'a1' },
      { node: 'A', arrival: 'a2' },
      { node: 'B', arrival: 'a3' },
    ];
    const y: MergeRow[] = [
      { node: 'A', capacity: 'c1' },
      { node: 'B', capacity: 'c2' },
      { node: 'A', capacity: 'c3' },
      { node: 'B', capacity: 'c4' },
    ];
    expect(rMerge(x, y).map((r) => `${r.node}:${r.arrival}:${r.capacity}`)).toEqual(['A:a2:c1', 'A:a2:c3', 'B:a1:c2', 'B:a1:c4', 'B:a3:c2', 'B:a3:c4']);
  });

  it('keeps rows found in one table only (all = TRUE), sorted in by node', () => {
    const x: MergeRow[] = [
      { node: 'C', arrival: 'x1' },
      { node: 'A', arrival: 'x2' },
    ];
    const y: MergeRow[] = [
      { node: 'A', capacity: 'y1' },
      { node: 'B', capacity: 'y2' },
    ];
    expect(rMerge(x, y).map((r) => `${r.node}:${r.arrival ?? 'NA'}:${r.capacity ?? 'NA'}`)).toEqual(['A:x2:y1', 'B:NA:y2', 'C:x1:NA']);
  });
});

describe('compareNodeNames', () => {
  it('orders by UTF-16 code units, as the C locale does', () => {
    expect(['P2_SG', 'P1_NS', 'P2_B', 'P10_A', 'P1_B'].sort(compareNodeNames)).toEqual(['P10_A', 'P1_B', 'P1_NS', 'P2_B', 'P2_SG']);
    // Upper case before lower case; en_US collation would put P2_b first.
    expect(['P2_b', 'P2_C'].sort(compareNodeNames)).toEqual(['P2_C', 'P2_b']);
  });
});

describe('ipacsMergeOrder', () => {
  it('gives, per node, arrival scenarios in merged order x capacity (sheet order) x LOS (sheet order)', () => {
    const rows: IpacsSheetRows = {
      arrivals: [
        ['P2_Z', 'BArr'],
        ['P2_A', 'BArr'],
        ['P2_Z', 'S1Arr'],
        ['P2_A', 'S1Arr'],
      ],
      capacity: [
        ['P2_Z', 'S1Cap'],
        ['P2_Z', 'BCap'],
        ['P2_A', 'BCap'],
      ],
      los: [
        ['P2_A', 'Blos'],
        ['P2_A', 'S1los'],
        ['P2_Z', 'Blos'],
      ],
      initial: [
        ['P2_Z', 'occ'],
        ['P2_A', 'occ'],
        ['P2_Z', 'dtoc'],
        ['P2_A', 'dtoc'],
      ],
    };
    expect(ipacsMergeOrder(rows).map(id)).toEqual([
      'P2_A_BCap_Blos_BArr',
      'P2_A_BCap_S1los_BArr',
      'P2_A_BCap_Blos_S1Arr',
      'P2_A_BCap_S1los_S1Arr',
      'P2_Z_S1Cap_Blos_BArr',
      'P2_Z_BCap_Blos_BArr',
      'P2_Z_S1Cap_Blos_S1Arr',
      'P2_Z_BCap_Blos_S1Arr',
    ]);
  });

  it('drops combinations a node lacks a part of, and survives a node without initial conditions', () => {
    const rows: IpacsSheetRows = {
      arrivals: [
        ['P2_A', 'BArr'],
        ['P3_A', 'BArr'],
      ],
      capacity: [['P2_A', 'BCap']],
      los: [
        ['P2_A', 'Blos'],
        ['P3_A', 'Blos'],
      ],
      initial: [],
    };
    expect(ipacsMergeOrder(rows).map(id)).toEqual(['P2_A_BCap_Blos_BArr']);
  });
});

/**
 * A random workbook's (node, scenario) rows for the merge order's property tests: up to 12
 * nodes, each sheet holding every node in `everyNodeShare` of the workbooks and 85 % of them
 * otherwise, one to three names a node, a name's rows split in two with probability
 * `repeatedName`, and each sheet's rows shuffled half the time.
 */
function randomSheetRows(random: () => number, { everyNodeShare, repeatedName, maxDays }: { everyNodeShare: number; repeatedName: number; maxDays: number }): IpacsSheetRows {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const nodes = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, n) => `${pick(['P1', 'P2', 'P3'])}_${pick(['A', 'b', 'C_d', 'c'])}${n % 4}`);
  const keep = random() < everyNodeShare ? 1 : 0.85;
  const some = () => nodes.filter(() => random() < keep);
  const names = (prefix: string) => Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => `${prefix}${k}`);
  const shuffled = <T>(items: T[]) => (random() < 0.5 ? items : items.map((item) => [random(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item));
  const sheetOf = (prefix: string) => shuffled(some().flatMap((node) => names(prefix).flatMap((name) => (random() < repeatedName ? [name, name] : [name]).map((n) => [node, n] as [string, string]))));
  const arrivalScenarios = names('Arr');
  const days = 1 + Math.floor(random() * maxDays);
  const arrivalNodes = some();
  return {
    arrivals: shuffled(Array.from({ length: days }, () => arrivalNodes.flatMap((node) => arrivalScenarios.filter(() => random() < 0.9).map((name) => [node, name] as [string, string]))).flat()),
    capacity: sheetOf('Cap'),
    los: sheetOf('Los'),
    initial: sheetOf('m'),
  };
}

/** The order as rMerge's rows give it: the merge of objects, step by step, which ipacsMergeOrder must reproduce on its columns. */
function mergedObjectsOrder(rows: IpacsSheetRows): string[] {
  const merged = rMerge(
    rMerge(
      rMerge(
        rows.arrivals.map(([node, arrival]) => ({ node, arrival })),
        rows.capacity.map(([node, capacity]) => ({ node, capacity })),
      ),
      rows.los.map(([node, los]) => ({ node, los })),
    ),
    rows.initial.map(([node, measure]) => ({ node, measure })),
  );
  const order: string[] = [];
  for (const row of merged) {
    if (row.arrival === undefined || row.capacity === undefined || row.los === undefined) continue;
    const parts = id({ node: row.node, capacity: row.capacity, los: row.los, arrival: row.arrival });
    if (!order.includes(parts)) order.push(parts);
  }
  return order;
}

describe('ipacsMergeOrder against the merge of objects', () => {
  it('gives the same order on random sheets: date-major arrivals, nodes missing from some sheets, shuffled rows', () => {
    const random = seededUniform(16);
    for (let sheet = 0; sheet < 300; sheet++) {
      const rows = randomSheetRows(random, { everyNodeShare: 0, repeatedName: 0, maxDays: 20 });
      expect(ipacsMergeOrder(rows).map(id)).toEqual(mergedObjectsOrder(rows));
    }
  });

  it('without the product, where it answers, gives the same order; it declines where a merge would scramble a node\'s rows', () => {
    const random = seededUniform(61);
    let answered = 0;
    let declined = 0;
    for (let sheet = 0; sheet < 400; sheet++) {
      // Every node in every sheet half the time (as in IPACS workbooks); names repeated within
      // a node (a scenario's rows split) as well as several per node.
      const rows = randomSheetRows(random, { everyNodeShare: 0.5, repeatedName: 0.2, maxDays: 30 });
      const order = ipacsMergeOrderByNode(rows);
      if (order === undefined) {
        declined++;
        continue;
      }
      answered++;
      expect(order.map(id)).toEqual(mergedObjectsOrder(rows));
    }
    expect(answered).toBeGreaterThan(200);
    expect(declined).toBeGreaterThan(20);
  });
});

describe('ipacsColumns', () => {
  const nodes = [node('P3_A', ['BArr', 'S1Arr'], ['BCap'], ['Blos']), node('P1_B', ['BArr'], ['BCap', 'S1Cap'], ['Blos', 'S1los']), node('P2_C', ['S1Arr', 'BArr'], ['BCap', 'S1Cap'], ['Blos'])];

  it('without sheet rows: nodes by name, then arrivals (model order) x capacity x LOS; P1 apart from P2/P3', () => {
    const m = model(nodes);
    const columns = ipacsColumns(m, allScenarios(m));
    expect(columns.visit.map((k) => k.id)).toEqual(['P1_B_BCap_Blos_BArr', 'P1_B_BCap_S1los_BArr', 'P1_B_S1Cap_Blos_BArr', 'P1_B_S1Cap_S1los_BArr']);
    expect(columns.bed.map((k) => k.id)).toEqual([
      'P2_C_BCap_Blos_S1Arr',
      'P2_C_S1Cap_Blos_S1Arr',
      'P2_C_BCap_Blos_BArr',
      'P2_C_S1Cap_Blos_BArr',
      'P3_A_BCap_Blos_BArr',
      'P3_A_BCap_Blos_S1Arr',
    ]);
    expect(fallbackOrder(m).map(id)).toEqual([...columns.visit, ...columns.bed].map((k) => k.id));
  });

  it('keeps only the scenarios of the run, and places scenarios the sheet rows miss after their node', () => {
    const rows: IpacsSheetRows = {
      arrivals: [
        ['P2_C', 'BArr'],
        ['P3_A', 'S1Arr'],
        ['P3_A', 'BArr'],
      ],
      capacity: [
        ['P2_C', 'S1Cap'],
        ['P3_A', 'BCap'],
      ],
      los: [
        ['P2_C', 'Blos'],
        ['P3_A', 'Blos'],
      ],
      initial: [],
    };
    const m = model(nodes, rows);
    const keys = allScenarios(m).filter((k: ScenarioKey) => k.pathway !== 'P1');
    const columns = ipacsColumns(m, keys);
    expect(columns.visit).toEqual([]);
    expect(columns.bed.map((k) => k.id)).toEqual([
      // From the sheet rows.
      'P2_C_S1Cap_Blos_BArr',
      // Not in them: fallback order, still within node P2_C.
      'P2_C_BCap_Blos_S1Arr',
      'P2_C_S1Cap_Blos_S1Arr',
      'P2_C_BCap_Blos_BArr',
      'P3_A_BCap_Blos_S1Arr',
      'P3_A_BCap_Blos_BArr',
    ]);
  });
});

describe.skipIf(!HAVE_REFERENCE)(`R's column order for the sample workbooks${HAVE_REFERENCE ? '' : ` (${MISSING_REFERENCE})`}`, () => {
  for (const set of REFERENCE_SETS) {
    describe(set.name, () => {
      let m: ModelSpec;
      let columns: ReturnType<typeof ipacsColumns>;
      beforeAll(() => {
        m = sampleModel(set);
        columns = ipacsColumns(m, allScenarios(m));
      });

      it('bed_output header: occ, niq, wait, cost blocks in R order (72 scenarios)', () => {
        const expected = ['date', ...['occ', 'niq', 'wait', 'cost'].flatMap((metric) => columns.bed.map((k) => `${k.id}__${metric}`))];
        expect(columns.bed).toHaveLength(72);
        expect(expected.map((name) => `"${name}"`).join(',')).toBe(readReference(set, 'bed_output').split('\n')[0]);
      });

      it('visit_output header: niq, occ, wait, cost blocks in R order (36 scenarios)', () => {
        const expected = ['date', ...['niq', 'occ', 'wait', 'cost'].flatMap((metric) => columns.visit.map((k) => `${k.id}__${metric}`))];
        expect(columns.visit).toHaveLength(36);
        expect(expected.map((name) => `"${name}"`).join(',')).toBe(readReference(set, 'visit_output').split('\n')[0]);
      });

      it('stochastic_bed_output: `node` is the position in the bed order, with that scenario capacity', () => {
        const lines = readReference(set, 'stochastic_bed_output').trimEnd().split('\n');
        const header = splitLine(lines[0]).map(unquote);
        const [nodeAt, capacityAt, nameAt] = ['node', 'capacity', 'node_name'].map((name) => header.indexOf(name));
        const seen = new Map<number, [string, string]>();
        for (const line of lines.slice(1)) {
          const f = splitLine(line);
          seen.set(Number(f[nodeAt]), [unquote(f[nameAt]), f[capacityAt]]);
        }
        expect([...seen.keys()]).toEqual(columns.bed.map((_, i) => i + 1));
        for (const [index, [name, capacity]] of seen) {
          const key = columns.bed[index - 1];
          expect(name).toBe(key.id);
          expect(capacity).toBe(String(key.capacity));
        }
      });

      it('stochastic_visit_output: scenario blocks in the visit order', () => {
        const lines = readReference(set, 'stochastic_visit_output').trimEnd().split('\n');
        const names: string[] = [];
        for (const line of lines.slice(1)) {
          const name = unquote(splitLine(line)[1]);
          if (names[names.length - 1] !== name) names.push(name);
        }
        expect(names).toEqual(columns.visit.map((k) => k.id));
      });

      it('the merge order alone, split by pathway, is the same order', () => {
        const order = ipacsMergeOrder(m.ipacsSheetRows!).map(id);
        expect(order.filter((s) => s.startsWith('P1'))).toEqual(columns.visit.map((k) => k.id));
        expect(order.filter((s) => !s.startsWith('P1'))).toEqual(columns.bed.map((k) => k.id));
      });
    });
  }

  it('re-sorting or reversing the arrivals sheet changes the order as R would (per the Python emulation)', () => {
    const rows = sheetRowsOf(readXlsx(REFERENCE_SETS[0].workbook));
    const firstArrival = (arrivals: [string, string][]) => {
      const first = new Map<string, string>();
      for (const parts of ipacsMergeOrder({ ...rows, arrivals })) if (!first.has(parts.node)) first.set(parts.node, parts.arrival);
      return Object.fromEntries(first);
    };
    // As read: the sample's own mix.
    expect(firstArrival(rows.arrivals)).toEqual({
      P1_B: 'BArr',
      P1_NS: 'BArr',
      P1_SG: 'BArr',
      P2_B: 'S1Arr',
      P2_NS: 'BArr',
      P2_SG: 'S1Arr',
      P3_B: 'S1Arr',
      P3_NS: 'BArr',
      P3_SG: 'S1Arr',
    });
    const sorted = [...rows.arrivals].sort((a, b) => compareNodeNames(a[0], b[0]) || compareNodeNames(a[1], b[1]));
    expect(new Set(Object.values(firstArrival(sorted)))).toEqual(new Set(['BArr']));
    expect(firstArrival([...rows.arrivals].reverse())).toEqual({
      P1_B: 'BArr',
      P1_NS: 'S1Arr',
      P1_SG: 'BArr',
      P2_B: 'BArr',
      P2_NS: 'S1Arr',
      P2_SG: 'BArr',
      P3_B: 'S1Arr',
      P3_NS: 'S1Arr',
      P3_SG: 'S1Arr',
    });
  });

  it('with arrivals sorted by node and scenario, the merge order is the fallback order', () => {
    const m = sampleModel(REFERENCE_SETS[0]);
    const rows = m.ipacsSheetRows!;
    const arrivals = [...rows.arrivals].sort((a, b) => compareNodeNames(a[0], b[0]) || compareNodeNames(a[1], b[1]));
    // The fallback takes each node's scenarios in model order: BArr first, and capacity and
    // LOS back in sheet order (sampleModel lists them reversed).
    const plain: ModelSpec = {
      ...m,
      ipacsSheetRows: undefined,
      nodes: m.nodes.map((n) => ({
        ...n,
        arrivals: [...n.arrivals].sort((a, b) => compareNodeNames(a.name, b.name)),
        capacity: [...n.capacity].reverse(),
        los: [...n.los].reverse(),
      })),
    };
    expect(ipacsMergeOrder({ ...rows, arrivals }).map(id)).toEqual(fallbackOrder(plain).map(id));
  });
});
