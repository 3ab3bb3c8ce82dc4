import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../src/engine/model.js';
import type { ComponentSummary } from '../../src/engine/network/componentSummary.js';
import type { Estimate } from '../../src/engine/statistics.js';
import { backTo, flowSankey, FROM_OUTSIDE, NO_ONWARD_ROUTE } from '../../src/web/components/networkResults/flowSankey.js';

const estimate = (mean: number): Estimate => ({ mean, low: mean - 1, high: mean + 1, se: 0.5 });

/** Only what flowSankey reads of a component summary: node ids, external arrivals, departures, flows. */
function summaryOf(nodes: Array<{ id: string; arrivals?: number; departures?: number }>, flows: Array<[string, string, number, ('route' | 'overflow')?]>): ComponentSummary {
  return {
    nodes: nodes.map((n) => ({ scenario: { key: { node: n.id } }, horizon: { arrivals_external: estimate(n.arrivals ?? 0), departures: estimate(n.departures ?? 0) } })),
    flows: flows.map(([from, to, total, type], edge) => ({ edge, from, to, type: type ?? 'route', total: estimate(total) })),
  } as unknown as ComponentSummary;
}

const kinds = new Map<string, NodeKind>([
  ['Acute', 'acute'],
  ['P2', 'bed'],
  ['AtHome', 'delay'],
  ['Home', 'exit'],
  ['Spare', 'bed'],
]);

describe('flowSankey', () => {
  it('draws arrivals from outside as a source and the edge that closes a readmission cycle to a box of its own', () => {
    const sankey = flowSankey(
      summaryOf(
        [{ id: 'Acute', arrivals: 100 }, { id: 'P2' }, { id: 'AtHome' }, { id: 'Home' }],
        [
          ['Acute', 'P2', 40],
          ['Acute', 'Home', 60],
          ['P2', 'AtHome', 10],
          ['P2', 'Home', 30],
          ['AtHome', 'Acute', 10],
        ],
      ),
      kinds,
    );
    expect(sankey.links.map((l) => [l.source, l.target, l.type, l.patients.mean])).toEqual([
      [FROM_OUTSIDE, 'Acute', 'arrivals', 100],
      ['Acute', 'P2', 'route', 40],
      ['Acute', 'Home', 'route', 60],
      ['P2', 'AtHome', 'route', 10],
      ['P2', 'Home', 'route', 30],
      ['AtHome', backTo('Acute'), 'return', 10],
    ]);
    // The returning edge keeps its model ends for the table.
    expect(sankey.links.at(-1)).toMatchObject({ from: 'AtHome', to: 'Acute' });
    expect(sankey.nodes.map((n) => [n.name, n.kind])).toEqual([
      [FROM_OUTSIDE, 'outside'],
      ['Acute', 'acute'],
      ['P2', 'bed'],
      ['AtHome', 'delay'],
      ['Home', 'exit'],
      [backTo('Acute'), 'return'],
    ]);
  });

  it('sends patients leaving a node with no onward route to the implicit exit, and keeps an overflow as an overflow', () => {
    const sankey = flowSankey(
      summaryOf(
        [
          { id: 'Acute', arrivals: 50 },
          { id: 'P2', departures: 20 },
          { id: 'Spare', departures: 5 },
        ],
        [
          ['Acute', 'P2', 20],
          ['P2', 'Spare', 5, 'overflow'],
        ],
      ),
      kinds,
    );
    expect(sankey.links.map((l) => [l.source, l.target, l.type])).toEqual([
      [FROM_OUTSIDE, 'Acute', 'arrivals'],
      ['Acute', 'P2', 'route'],
      ['P2', 'Spare', 'overflow'],
      ['P2', NO_ONWARD_ROUTE, 'no onward route'],
      ['Spare', NO_ONWARD_ROUTE, 'no onward route'],
    ]);
    expect(sankey.nodes.map((n) => n.name)).toContain(NO_ONWARD_ROUTE);
  });

  it('has no cycle left to draw whatever the order of the edges', () => {
    const sankey = flowSankey(
      summaryOf(
        [{ id: 'Acute', arrivals: 10 }, { id: 'P2' }, { id: 'AtHome' }],
        [
          ['AtHome', 'P2', 3],
          ['P2', 'AtHome', 4],
          ['Acute', 'P2', 10],
          ['P2', 'P2', 1],
        ],
      ),
      kinds,
    );
    // A walk of the drawn links from any node never comes back to it.
    const drawn = sankey.links.map((l) => [l.source, l.target] as const);
    const reaches = (from: string, seen = new Set<string>()): Set<string> => {
      for (const [, to] of drawn.filter(([s]) => s === from)) if (!seen.has(to)) reaches(to, seen.add(to));
      return seen;
    };
    for (const n of sankey.nodes) expect(reaches(n.name).has(n.name)).toBe(false);
    expect(sankey.links.filter((l) => l.type === 'return').map((l) => [l.from, l.to])).toEqual([
      ['AtHome', 'P2'],
      ['P2', 'P2'],
    ]);
  });
});
