/**
 * The schema's network checks: each rule refused at its path, every problem at once, and a
 * model using every network feature accepted as it is.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EDGES, MAX_PERIODS } from '../../src/engine/bounds.js';
import { formatModelIssue, leastSchemaVersion, validateModel } from '../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { smallModel } from '../workbook/fixtures.js';
import { networkModel } from './networkFixture.js';

function issuesOf(value: unknown): string[] {
  const result = validateModel(value);
  return result.ok ? [] : result.issues.map(formatModelIssue);
}

function edited(edit: (model: ModelSpec) => void, variant: 'warmup' | 'blocked' = 'warmup'): ModelSpec {
  const model = networkModel(variant);
  edit(model);
  return model;
}

const nodeIndex = (model: ModelSpec, id: string) => model.nodes.findIndex((node) => node.id === id);
const nodeOf = (model: ModelSpec, id: string) => model.nodes[nodeIndex(model, id)];

describe('the network checks of the model schema', () => {
  it('accepts a model using every network feature, as it is, as version 2', () => {
    for (const variant of ['warmup', 'blocked'] as const) {
      expect(validateModel(networkModel(variant))).toEqual({ ok: true, model: networkModel(variant) });
      expect(leastSchemaVersion(networkModel(variant))).toBe(2);
    }
  });

  it('allows any id on a node that declares its kind, and holds IPACS ids without one to their pathway', () => {
    expect(issuesOf(edited((m) => (nodeOf(m, 'LTC_A').kind = undefined)))).toEqual([
      'nodes[5].id (LTC_A): node id "LTC_A" is not of the form P1_<locality>, P2_<locality> or P3_<locality>; any other node needs a kind (bed, visit, acute, delay or exit)',
    ]);
    // With a kind, an IPACS-looking id need not agree with its labels.
    expect(issuesOf(edited((m) => Object.assign(nodeOf(m, 'P2_A'), { kind: 'bed', pathway: 'Step-down' })))).toEqual([]);
    expect(issuesOf(edited((m) => (nodeOf(m, 'P2_A').pathway = 'P3')))).toEqual(['nodes[4].pathway (P2_A): is P3, but the id P2_A says P2']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'Home').id = ' '))).filter((issue) => issue.startsWith('nodes[7].id'))).toEqual(['nodes[7].id ( ): the node id is blank']);
  });

  it('holds each kind to the scenarios it has', () => {
    expect(issuesOf(edited((m) => (nodeOf(m, 'Home').los = [{ name: 'Blos', family: 'exp', mean: 1 }])))).toEqual(['nodes[7].los (Home): an exit is a sink: it has no length of stay']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'Death').costs = { community: 5, acuteDelay: 0 })))).toEqual(['nodes[8].costs (Death): an exit is a sink: it costs nothing, so its costs are 0']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'Home_A').capacity = [{ name: 'BCap', capacity: 3 }])))).toEqual(['nodes[6].capacity (Home_A): a delay node has unlimited places: it has no capacity']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'Home_A').los = [])))).toEqual(['nodes[6].los (Home_A): has no length-of-stay scenario: a node needs one']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'LTC_A').capacity = [])))).toEqual(['nodes[5].capacity (LTC_A): has no capacity scenario: a node needs one']);
    // LTC_A is fed only by P3_A: without that edge it has no way in.
    expect(issuesOf(edited((m) => (m.edges = m.edges!.map((e) => (e.to === 'LTC_A' ? { ...e, to: 'Death' } : e)))))).toEqual([
      'nodes[5].arrivals (LTC_A): has no arrival scenario: a node needs one, unless an edge leads to it',
    ]);
  });

  it('refuses edges to unknown nodes, out of exits, and route probabilities not summing to 1 per routing scenario', () => {
    expect(issuesOf(edited((m) => m.edges!.push({ from: 'Home', to: 'Nowhere', probability: 1 })))).toEqual([
      'edges[16].from: Home is an exit, and nobody leaves an exit',
      'edges[16].to: no node is called "Nowhere"',
    ]);
    expect(issuesOf(edited((m) => (m.edges![5].probability = 0.25)))).toEqual([
      'edges[4].probability: the routes out of Acute_A in routing scenario S1Route (edges[4], edges[5], edges[6], edges[7]) sum to 1.05, not 1',
    ]);
    // Within 1e-9 is 1; and a sum slightly off in the baseline is found apart from S1Route.
    expect(issuesOf(edited((m) => (m.edges![0].probability = 0.4 + 5e-10)))).toEqual([]);
    expect(issuesOf(edited((m) => (m.edges![0].probability = 0.4 + 2e-9)))).toHaveLength(1);
    expect(issuesOf(edited((m) => (m.edges![14].probability = 0)))).toEqual([
      'edges[14].probability: is 0: a route nobody takes is left out, not given probability 0',
      'edges[14].probability: the routes out of LTC_A in routing scenario BRoute (edges[14]) sum to 0, not 1',
    ]);
    expect(issuesOf(edited((m) => (m.edges![14].condition = 'full')))).toEqual(['edges[14].condition: only overflow edges have a condition']);
  });

  it('refuses overflow edges that cannot work', () => {
    const overflow = (fields: object) => edited((m) => Object.assign(m.edges![12], fields));
    expect(issuesOf(overflow({ condition: 'wait>=1.5' }))).toEqual(['edges[12].condition: "wait>=1.5" is not full or wait>=N (N whole days)']);
    expect(issuesOf(overflow({ condition: undefined }))).toEqual(['edges[12].condition: is missing: an overflow edge needs full or wait>=N (N whole days)']);
    expect(issuesOf(overflow({ to: 'Home' }))).toEqual(['edges[12].to: Home is an exit: an overflow goes to a node that cares for the patient']);
    expect(issuesOf(overflow({ to: 'P2_A' }))).toEqual(['edges[12].to: is the node the patient overflows from']);
    expect(issuesOf(overflow({ from: 'Home_A', to: 'P2_A' }))).toEqual(['edges[12].from: Home_A is a delay node, with no capacity to be full, so nothing overflows from it']);
    expect(issuesOf(overflow({ delay: { family: 'exp', mean: 1 } }))).toEqual([
      'edges[12].delay: an overflow uses the transfer delay of the route edge that sent the patient, so it has none of its own',
    ]);
    const twice = edited((m) => m.edges!.push({ from: 'P2_A', to: 'LTC_A', probability: 0, type: 'overflow', condition: 'full' }));
    expect(issuesOf(twice)).toEqual(['edges[16].from: P2_A already has an overflow edge in routing scenario BRoute (edges[12]): a node has at most one']);
    // One per routing scenario: another scenario may have its own.
    expect(issuesOf(edited((m) => m.edges!.push({ from: 'P2_A', to: 'LTC_A', scenario: 'S1Route', probability: 0, type: 'overflow', condition: 'full' })))).toEqual([]);
  });

  it('refuses dated calendar periods outside the horizon, back to front or overlapping', () => {
    const periods = (list: { from: string; to: string; capacity: number }[]) => edited((m) => (m.nodes[0].capacity[0].calendar = { periods: list }));
    expect(issuesOf(periods([{ from: '2024-11-20', to: '2024-12-10', capacity: 3 }]))).toEqual([
      'nodes[0].capacity[0].calendar.periods[0].from (Acute_A): 2024-11-20 is outside the horizon, 2024-11-25 to 2024-12-08',
      'nodes[0].capacity[0].calendar.periods[0].to (Acute_A): 2024-12-10 is outside the horizon, 2024-11-25 to 2024-12-08',
    ]);
    expect(issuesOf(periods([{ from: '2024-12-03', to: '2024-12-01', capacity: 3 }]))).toEqual(['nodes[0].capacity[0].calendar.periods[0].to (Acute_A): 2024-12-01 is before the period\'s start, 2024-12-03']);
    expect(
      issuesOf(
        periods([
          { from: '2024-12-04', to: '2024-12-08', capacity: 3 },
          { from: '2024-12-01', to: '2024-12-04', capacity: 3 },
        ]),
      ),
    ).toEqual(['nodes[0].capacity[0].calendar.periods[0].from (Acute_A): 2024-12-04 falls in periods[1] (2024-12-01 to 2024-12-04): periods may not overlap']);
    expect(issuesOf(periods([{ from: '2024-12-04', to: '2024-12-08', capacity: -1 }]))).toEqual(['nodes[0].capacity[0].calendar.periods[0].capacity (Acute_A): capacity -1 is negative']);
  });

  it('refuses cycles and profiles that do not tile their day or week, with the simulator\'s own check', () => {
    const cycle = (periods: { start: number; end: number; capacity: number }[]) => edited((m) => (nodeOf(m, 'P3_A').capacity[1].calendar = { cycleDays: 7, periods }));
    expect(issuesOf(cycle([{ start: 0, end: 5, capacity: 10 }, { start: 6, end: 7, capacity: 8 }]))).toEqual([
      'nodes[2].capacity[1].calendar.periods[1].start (P3_A): 6 leaves a gap or overlap; the period before ends at 5',
    ]);
    expect(issuesOf(cycle([{ start: 0, end: 5, capacity: 10 }]))).toEqual(['nodes[2].capacity[1].calendar.periods[0].end (P3_A): 5 does not close the 7-day cycle']);
    const profile = (periods: { start: number; end: number; weight: number }[]) => edited((m) => (m.nodes[0].arrivals[0].profile = { cycleDays: 1, periods }));
    expect(issuesOf(profile([{ start: 0, end: 1, weight: 0 }]))).toEqual(['nodes[0].arrivals[0].profile.periods (Acute_A): day 1 of the cycle has no weight, so its arrivals have nowhere to fall']);
    expect(issuesOf(profile([{ start: 0, end: 0.5, weight: 1 }, { start: 0.5, end: 1, weight: -1 }]))).toEqual([
      'nodes[0].arrivals[0].profile.periods[1].weight (Acute_A): -1 is not a non-negative number',
    ]);
  });

  it('allows blocked patients only in bed and acute nodes with somewhere to go, and no initial state with a warm-up', () => {
    expect(issuesOf(edited((m) => (nodeOf(m, 'P2_B').initial.blocked = 1), 'blocked'))).toEqual(['nodes[3].initial.blocked (P2_B): P2_B has no outgoing route, so nobody in it waits for a next node']);
    // An overflow edge is not a route out.
    const overflowOnly = edited((m) => {
      nodeOf(m, 'P2_B').initial.blocked = 1;
      m.edges!.push({ from: 'P2_B', to: 'P2_A', probability: 0, type: 'overflow', condition: 'full' });
    }, 'blocked');
    expect(issuesOf(overflowOnly)).toEqual(['nodes[3].initial.blocked (P2_B): P2_B has no outgoing route, so nobody in it waits for a next node']);
    expect(issuesOf(edited((m) => (nodeOf(m, 'P1_A').initial = { occupied: 0, waiting: 0, blocked: 1 }), 'blocked'))).toEqual(['nodes[1].initial.blocked (P1_A): a visit node holds no beds, so nobody is blocked in it']);
    expect(issuesOf(edited((m) => (m.warmupDays = 7), 'blocked'))).toEqual([
      'nodes[2].initial.occupied (P3_A): is 6, but the model has a warm-up, which starts from empty: give an initial state or a warm-up, not both',
      'nodes[2].initial.waiting (P3_A): is 1, but the model has a warm-up, which starts from empty: give an initial state or a warm-up, not both',
      'nodes[2].initial.blocked (P3_A): is 2, but the model has a warm-up, which starts from empty: give an initial state or a warm-up, not both',
    ]);
  });

  it('refuses buffers that contradict the node', () => {
    expect(issuesOf(edited((m) => (nodeOf(m, 'Home_A').queueInternal = 3)))).toEqual(['nodes[6].queueInternal (Home_A): a delay node has unlimited places, so no queue']);
    expect(issuesOf(edited((m) => Object.assign(nodeOf(m, 'P2_A'), { loseOverflow: true, queueExternal: 'unlimited' })))).toEqual([
      'nodes[4].queueExternal (P2_A): is unlimited, but loseOverflow says arrivals finding the node full are lost (a queue of 0): give one of them',
    ]);
    expect(issuesOf(edited((m) => (nodeOf(m, 'P2_A').queueInternal = 1.5)))).toEqual(['nodes[4].queueInternal (P2_A): places 1.5 is not a whole number']);
  });

  it('reports every problem at once', () => {
    const model = edited((m) => {
      m.edges![0].to = 'Nowhere';
      nodeOf(m, 'Home').los = [{ name: 'Blos', family: 'exp', mean: 1 }];
      m.nodes[0].capacity[0].calendar = { periods: [{ from: '2024-12-09', to: '2024-12-09', capacity: 1 }] };
    });
    expect(issuesOf(model)).toEqual([
      'nodes[0].capacity[0].calendar.periods[0].from (Acute_A): 2024-12-09 is outside the horizon, 2024-11-25 to 2024-12-08',
      'nodes[0].capacity[0].calendar.periods[0].to (Acute_A): 2024-12-09 is outside the horizon, 2024-11-25 to 2024-12-08',
      'nodes[7].los (Home): an exit is a sink: it has no length of stay',
      'edges[0].to: no node is called "Nowhere"',
    ]);
  });

  it('refuses lists past their bounds by their length, before looking at their items', () => {
    const many = Array.from({ length: MAX_EDGES + 1 }, () => null);
    expect(issuesOf({ ...networkModel(), edges: many })).toEqual([`edges: has ${(MAX_EDGES + 1).toLocaleString('en-GB')} edges, more than the ${MAX_EDGES.toLocaleString('en-GB')} allowed`]);
    const model = networkModel();
    model.nodes[0].arrivals[0].profile!.periods = Array.from({ length: MAX_PERIODS + 1 }, () => null) as never;
    expect(issuesOf(model)).toEqual([`nodes[0].arrivals[0].profile.periods (Acute_A): has 3,654 periods, more than the ${MAX_PERIODS.toLocaleString('en-GB')} allowed`]);
  });

  it('leaves a model without network features as version 1 and accepts it as before', () => {
    expect(leastSchemaVersion(smallModel())).toBe(1);
    expect(issuesOf(smallModel())).toEqual([]);
  });
});
