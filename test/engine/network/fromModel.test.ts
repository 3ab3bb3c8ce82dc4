import { describe, expect, it } from 'vitest';
import type { ModelSpec, NodeSpec } from '../../../src/engine/model.js';
import { capacityOf, componentScenarios, networkComponents, networkOf, routedEdges } from '../../../src/engine/network/fromModel.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';

const dates = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const node = (id: string, locality: string, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  id,
  pathway: id.slice(0, 2),
  locality,
  arrivals: [{ name: 'BArr', daily: [1, 1, 1, 1] }],
  capacity: [{ name: 'BCap', capacity: 5 }],
  los: [{ name: 'Blos', family: 'exp', mean: 3 }],
  initial: { occupied: 0, waiting: 0 },
  costs: { community: 100, acuteDelay: 300 },
  ...extra,
});

const model: ModelSpec = {
  name: 'm',
  dates,
  nodes: [
    node('Acute_N', 'N', { kind: 'acute', pathway: 'Acute', capacity: [{ name: 'BCap', capacity: 50 }, { name: 'S1Cap', capacity: 60 }] }),
    node('P2_N', 'N', { arrivals: [] }),
    node('P3_S', 'S'),
    node('P2_S', 'S', { capacity: [{ name: 'BCap', capacity: 5, calendar: { periods: [{ from: '2026-12-02', to: '2026-12-03', capacity: 9 }] } }] }),
  ],
  edges: [
    { from: 'Acute_N', to: 'P2_N', probability: 1 },
    { from: 'Acute_N', to: 'P2_N', probability: 1, scenario: 'S1Route' },
  ],
};

describe('from a model to its networks', () => {
  it('joins linked nodes, keeps plain isolated nodes out, and takes in an isolated node with a calendar', () => {
    const components = networkComponents(model);
    expect(components.map((c) => [c.name, c.nodes, c.edges, c.routingScenarios])).toEqual([
      ['N', [0, 1], [0, 1], ['BRoute', 'S1Route']],
      ['S', [3], [], ['BRoute']],
    ]);
  });

  it('crosses the scenario names present in a component, a node without a name running its baseline', () => {
    const [north] = networkComponents(model);
    const scenarios = componentScenarios(model, north);
    expect(scenarios.map((s) => s.id)).toEqual(['N_BCap_Blos_BArr_BRoute', 'N_BCap_Blos_BArr_S1Route', 'N_S1Cap_Blos_BArr_BRoute', 'N_S1Cap_Blos_BArr_S1Route']);
    expect(scenarios[2].capacityIndex).toEqual([1, 0]);
    expect(scenarios[2].arrivalIndex).toEqual([0, -1]);
    expect(scenarios[2].warnings).toEqual(['P2_N has no capacity scenario S1Cap: it runs BCap']);
  });

  it('builds a network the simulator accepts, with the routing scenario\'s edges only', () => {
    const [north] = networkComponents(model);
    const scenario = componentScenarios(model, north)[1];
    const { network, costs, edges } = networkOf(model, north, scenario, { initialResidual: 'ipacs' });
    expect(edges).toEqual([1]);
    expect(network.nodes.map((n) => [n.id, n.kind, n.capacity, n.arrivals?.length])).toEqual([
      ['Acute_N', 'acute', 50, 4],
      ['P2_N', 'bed', 5, undefined],
    ]);
    expect(costs).toEqual({ Acute_N: { perOccupiedBedDay: 0, perDelayedDay: 300 }, P2_N: { perOccupiedBedDay: 100, perQueuedDay: 300 } });
    expect(() => compileNetwork(network)).not.toThrow();
  });

  it('keeps a node\'s baseline routes in a routing scenario that does not route it, with a warning', () => {
    // S1Route sends more of acute home and says nothing of P2: P2 keeps its baseline route on to P3.
    const chain: ModelSpec = {
      ...model,
      nodes: [...model.nodes.slice(0, 2), node('P3_N', 'N', { arrivals: [] }), node('Home_N', 'N', { kind: 'exit', pathway: 'Home', arrivals: [], capacity: [], los: [] })],
      edges: [
        { from: 'Acute_N', to: 'P2_N', probability: 1 },
        { from: 'P2_N', to: 'P3_N', probability: 1 },
        { from: 'Acute_N', to: 'P2_N', probability: 0.7, scenario: 'S1Route' },
        { from: 'Acute_N', to: 'Home_N', probability: 0.3, scenario: 'S1Route' },
      ],
    };
    expect(routedEdges(chain.edges!, [0, 1, 2, 3], 'S1Route')).toEqual({ edges: [1, 2, 3], fallbacks: ['P2_N'] });
    expect(routedEdges(chain.edges!, [0, 1, 2, 3], 'BRoute')).toEqual({ edges: [0, 1], fallbacks: [] });
    const [north] = networkComponents(chain);
    const s1 = componentScenarios(chain, north).find((s) => s.routingScenario === 'S1Route')!;
    expect(s1.warnings).toContain('P2_N has no routes in routing scenario S1Route: it keeps its BRoute routes');
    const { network, edges } = networkOf(chain, north, s1, { initialResidual: 'ipacs' });
    expect(edges).toEqual([1, 2, 3]);
    expect(network.edges.map((e) => [e.from, e.to, e.probability])).toEqual([
      ['P2_N', 'P3_N', 1],
      ['Acute_N', 'P2_N', 0.7],
      ['Acute_N', 'Home_N', 0.3],
    ]);
  });

  it('lays a dated calendar over the days, the base capacity where no period says otherwise', () => {
    expect(capacityOf(5, { periods: [{ from: '2026-12-02', to: '2026-12-03', capacity: 9 }] }, dates)).toEqual([
      { from: 0, capacity: 5 },
      { from: 1, capacity: 9 },
      { from: 3, capacity: 5 },
    ]);
    expect(capacityOf(5, { periods: [{ from: '2026-11-01', to: '2027-01-01', capacity: 5 }] }, dates)).toBe(5);
    expect(capacityOf(1e6, undefined, dates)).toBeUndefined();
    expect(capacityOf(4, { periods: [{ from: '2026-12-04', to: '2027-02-01', capacity: 2e6 }] }, dates)).toEqual([
      { from: 0, capacity: 4 },
      { from: 3, capacity: Infinity },
    ]);
  });
});
