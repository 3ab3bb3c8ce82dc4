/**
 * The network diagram's layout: stages left to right from the routes, one band per locality,
 * no two nodes in one place, on the bundled example (3 localities x 9 nodes) and on models
 * whose ids say nothing (as PathSimR's do).
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec, NodeSpec } from '../../src/engine/model.js';
import { edgesOfScenario, layoutNetwork, routingScenarioNames } from '../../src/web/networkLayout.js';
import { buildNetworkExampleModel } from '../../scripts/example-network.js';
import { buildExampleModel } from '../../scripts/example-model.js';

const network = buildNetworkExampleModel();

function node(id: string, kind: NodeSpec['kind'], locality: string, arrivals = false): NodeSpec {
  return {
    id,
    pathway: id,
    kind,
    locality,
    arrivals: arrivals ? [{ name: 'BArr', daily: [1] }] : [],
    capacity: [],
    los: [],
    initial: { occupied: 0, waiting: 0 },
    costs: { community: 0, acuteDelay: 0 },
  };
}

describe('layoutNetwork', () => {
  it('puts the example in four stages: acute, the D2A pathways, onward placements, exits', () => {
    const layout = layoutNetwork(network);
    const columnOf = (id: string) => layout.nodes.find((n) => n.id === id)!.column;
    expect(layout.columns).toBe(4);
    for (const locality of ['RV', 'DN', 'CT']) {
      expect(columnOf(`Acute_${locality}`)).toBe(0);
      for (const p of ['P1', 'P2', 'P3']) expect(columnOf(`${p}_${locality}`)).toBe(1);
      // The readmission route AtHome -> Acute does not pull acute to the right.
      for (const onward of ['DomCare', 'LTC', 'AtHome']) expect(columnOf(`${onward}_${locality}`)).toBe(2);
      for (const exit of ['Home', 'Died']) expect(columnOf(`${exit}_${locality}`)).toBe(3);
    }
  });

  it('gives each locality its own band of rows, and every node its own place', () => {
    const layout = layoutNetwork(network);
    expect(layout.bands.map((b) => b.locality)).toEqual(['RV', 'DN', 'CT']);
    // Three nodes at most in a stage of a locality, so three rows a band.
    expect(layout.bands.map((b) => [b.top, b.rows])).toEqual([
      [0, 3],
      [3, 3],
      [6, 3],
    ]);
    expect(layout.rows).toBe(9);
    const places = new Set(layout.nodes.map((n) => `${n.column},${n.row}`));
    expect(places.size).toBe(network.nodes.length);
    for (const placed of layout.nodes) {
      const band = layout.bands[placed.band];
      expect(network.nodes.find((n) => n.id === placed.id)!.locality).toBe(band.locality);
      expect(placed.row).toBeGreaterThanOrEqual(band.top);
      expect(placed.row).toBeLessThan(band.top + band.rows);
    }
  });

  it('orders a stage by the rows of the nodes feeding it, so routes cross less', () => {
    // a feeds x (row 0), b feeds y (row 1); listed as y before x, they are drawn x above y.
    const model: ModelSpec = {
      name: 't',
      dates: ['2026-01-01'],
      nodes: [node('a', 'bed', 'L', true), node('b', 'bed', 'L', true), node('y', 'bed', 'L'), node('x', 'bed', 'L')],
      edges: [
        { from: 'a', to: 'x', probability: 1 },
        { from: 'b', to: 'y', probability: 1 },
      ],
    };
    const rowOf = (id: string) => layoutNetwork(model).nodes.find((n) => n.id === id)!.row;
    expect([rowOf('a'), rowOf('b')]).toEqual([0, 1]);
    expect([rowOf('x'), rowOf('y')]).toEqual([0, 1]);
  });

  it('lays out ids that say nothing by their routes, a shared exit in a band of its own', () => {
    const model: ModelSpec = {
      name: 't',
      dates: ['2026-01-01'],
      nodes: [node('ward', 'bed', 'N', true), node('rehab', 'bed', 'N'), node('ward2', 'bed', 'S', true), node('out', 'exit', 'all')],
      edges: [
        { from: 'ward', to: 'rehab', probability: 1 },
        { from: 'rehab', to: 'out', probability: 1 },
        { from: 'ward2', to: 'out', probability: 1 },
      ],
    };
    const layout = layoutNetwork(model);
    expect(layout.nodes.map((n) => [n.id, n.column, n.band])).toEqual([
      ['ward', 0, 0],
      ['rehab', 1, 0],
      ['ward2', 0, 1],
      ['out', 2, 2],
    ]);
    expect(layout.bands.map((b) => b.locality)).toEqual(['N', 'S', 'all']);
  });

  it('puts the nodes of a model without routes in one stage, a band per locality', () => {
    const isolated = buildExampleModel();
    const layout = layoutNetwork(isolated);
    expect(layout.columns).toBe(1);
    expect(layout.bands.length).toBe(new Set(isolated.nodes.map((n) => n.locality)).size);
    expect(layout.rows).toBe(isolated.nodes.length);
  });
});

describe('routing scenarios', () => {
  it('lists the baseline first and picks each scenario’s own edges', () => {
    expect(routingScenarioNames(network)).toEqual(['BRoute', 'S1Route']);
    const base = edgesOfScenario(network);
    const s1 = edgesOfScenario(network, 'S1Route');
    expect(base.length + s1.length).toBe(network.edges!.length);
    expect(s1.every((e) => e.scenario === 'S1Route')).toBe(true);
    expect(routingScenarioNames(buildExampleModel())).toEqual(['BRoute']);
  });
});
