import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/model.js';
import { diffRevisions, MOST_CHANGES_PER_SERIES } from '../../../src/server/models/modelDiff.js';
import { networkModel } from '../../engine/networkFixture.js';
import { smallModel } from '../../workbook/fixtures.js';

const copy = (model: ModelSpec): ModelSpec => structuredClone(model);

describe('the diff between two revisions of a model', () => {
  it('is empty for the same model', () => {
    expect(diffRevisions(smallModel(), smallModel())).toEqual([]);
  });

  it('names a node by its id and a scenario by its name, not by their places in the lists', () => {
    const before = smallModel();
    const after = copy(before);
    after.nodes[1].capacity[0].capacity = 30;
    after.nodes[2].los[1].sd = 7;
    after.name = 'small, winter';
    expect(diffRevisions(before, after)).toEqual([
      { path: 'name', before: 'small', after: 'small, winter' },
      { path: 'nodes[P2_A].capacity[BCap].capacity', before: 21, after: 30 },
      { path: 'nodes[P3_A].los[S1los].sd', before: 6, after: 7 },
    ]);
  });

  it('tells an added and a removed scenario or node as a whole, and does not mistake the nodes after an insertion for changed ones', () => {
    const before = smallModel();
    const after = copy(before);
    const added = { name: 'S2Cap', description: 'winter beds', capacity: 26 };
    after.nodes[1].capacity.push(added);
    const removed = after.nodes[0];
    after.nodes.splice(0, 1);
    const inserted = { ...copy(before).nodes[1], id: 'P2_B', locality: 'B' };
    after.nodes.splice(0, 0, inserted);
    expect(diffRevisions(before, after)).toEqual([
      { path: 'nodes[P1_A]', before: removed },
      { path: 'nodes[P2_A].capacity[S2Cap]', after: added },
      { path: 'nodes[P2_B]', after: inserted },
    ]);
  });

  it('tells a reordering, since the order of nodes is the order of the output columns', () => {
    const before = smallModel();
    const after = copy(before);
    after.nodes.reverse();
    expect(diffRevisions(before, after)).toEqual([{ path: 'nodes (order)', before: ['P1_A', 'P2_A', 'P3_A'], after: ['P3_A', 'P2_A', 'P1_A'] }]);
  });

  it('tells a few changed days of a series one by one, and a series changed throughout as one change', () => {
    const before = smallModel(40);
    const few = copy(before);
    few.nodes[0].arrivals[0].daily[3] = 9;
    few.nodes[0].arrivals[0].daily[10] = 8;
    expect(diffRevisions(before, few)).toEqual([
      { path: 'nodes[P1_A].arrivals[BArr].daily[3]', before: before.nodes[0].arrivals[0].daily[3], after: 9 },
      { path: 'nodes[P1_A].arrivals[BArr].daily[10]', before: before.nodes[0].arrivals[0].daily[10], after: 8 },
    ]);
    const many = copy(before);
    many.nodes[0].arrivals[0].daily = many.nodes[0].arrivals[0].daily.map((rate) => rate * 1.1);
    expect(MOST_CHANGES_PER_SERIES).toBeLessThan(40);
    expect(diffRevisions(before, many)).toEqual([{ path: 'nodes[P1_A].arrivals[BArr].daily', before: before.nodes[0].arrivals[0].daily, after: many.nodes[0].arrivals[0].daily }]);
    const longer = smallModel(41);
    expect(diffRevisions(before, longer).map((change) => change.path)).toContain('dates');
  });

  it('names an edge by its ends and routing scenario, and tells the edges of a new network one by one', () => {
    const before = networkModel();
    const after = copy(before);
    const index = after.edges!.findIndex((edge) => edge.type !== 'overflow' && edge.scenario === undefined);
    const edge = after.edges![index];
    edge.delay = { family: 'exp', mean: 1 };
    const changes = diffRevisions(before, after);
    expect(changes).toEqual([{ path: `edges[${edge.from}→${edge.to}, BRoute].delay`, ...(before.edges![index].delay ? { before: before.edges![index].delay } : {}), after: { family: 'exp', mean: 1 } }]);

    const isolated = copy(before);
    delete isolated.edges;
    const grown = diffRevisions(isolated, before);
    expect(grown).toHaveLength(before.edges!.length);
    expect(grown.every((change) => change.path.startsWith('edges[') && change.before === undefined)).toBe(true);
    expect(grown.some((change) => change.path.endsWith(', overflow]'))).toBe(before.edges!.some((each) => each.type === 'overflow'));
  });

  it('tells a field that appears or goes, with only the side it has', () => {
    const before = smallModel();
    const after = copy(before);
    after.costBasis = 'commissioned';
    after.nodes[0].description = 'care at home';
    expect(diffRevisions(before, after)).toEqual([
      { path: 'nodes[P1_A].description', after: 'care at home' },
      { path: 'costBasis', after: 'commissioned' },
    ]);
    expect(diffRevisions(after, before)).toEqual([
      { path: 'nodes[P1_A].description', before: 'care at home' },
      { path: 'costBasis', before: 'commissioned' },
    ]);
  });
});
