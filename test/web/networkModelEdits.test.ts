/**
 * The network editor's pure edits, each checked against the one validator: a model built by
 * hand from the example's dates, the bundled network example, calendars and profiles.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import {
  addCapacityChange,
  addEdge,
  addNetworkNode,
  dailyCapacity,
  draftProblems,
  edgesTouching,
  isRouteSumProblem,
  nodesRoutingTo,
  parsePlaces,
  profileFromWeights,
  removeCapacityPeriod,
  removeEdge,
  removeNetworkNode,
  routesFrom,
  setArrivalProfile,
  setNodeBuffers,
  updateCapacityPeriod,
  updateEdge,
  weightsOfProfile,
} from '../../src/web/networkModelEdits.js';
import { buildNetworkExampleModel } from '../../scripts/example-network.js';
import { buildExampleModel } from '../../scripts/example-model.js';

const network = buildNetworkExampleModel();
const isolated = buildExampleModel();

function ok(edit: { ok: true; model: ModelSpec } | { ok: false; reason: string }): ModelSpec {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.model;
}

/** acute -> P2 bed -> exit, on the isolated example's horizon, as the browser test builds it. */
function threeNodes(): ModelSpec {
  let model: ModelSpec = { name: 'hand', dates: isolated.dates, nodes: [] };
  model = ok(addNetworkNode(model, { id: 'Acute_X', kind: 'acute', pathway: 'Acute', locality: 'X', capacity: 20, meanStay: 5, arrivalsPerDay: 3 }));
  model = ok(addNetworkNode(model, { id: 'P2_X', kind: 'bed', pathway: 'P2', locality: 'X', capacity: 10, meanStay: 20 }));
  model = ok(addNetworkNode(model, { id: 'Home_X', kind: 'exit', pathway: 'Home', locality: 'X' }));
  model = addEdge(model, { from: 'Acute_X', to: 'P2_X', probability: 0.4 });
  model = addEdge(model, { from: 'Acute_X', to: 'Home_X', probability: 0.6 });
  return addEdge(model, { from: 'P2_X', to: 'Home_X', probability: 1 });
}

describe('building a network by hand', () => {
  it('gives a model the validator accepts once every node is reached and its routes add up to 1', () => {
    let model: ModelSpec = { name: 'hand', dates: isolated.dates, nodes: [] };
    model = ok(addNetworkNode(model, { id: 'Acute_X', kind: 'acute', pathway: 'Acute', locality: 'X', capacity: 20, meanStay: 5, arrivalsPerDay: 3 }));
    model = ok(addNetworkNode(model, { id: 'P2_X', kind: 'bed', pathway: 'P2', locality: 'X', capacity: 10, meanStay: 20 }));
    // P2 has no arrivals and no route in yet: refused, at the node's arrivals.
    expect([...draftProblems(model).byPath.keys()]).toEqual(['nodes[1].arrivals']);
    model = addEdge(model, { from: 'Acute_X', to: 'P2_X', probability: 0.4 });
    const sum = draftProblems(model);
    expect(sum.ok).toBe(false);
    expect(sum.byPath.get('edges[0].probability')!.some(isRouteSumProblem)).toBe(true);
    expect(draftProblems(threeNodes())).toEqual({ ok: true, all: [], byPath: new Map() });
  });

  it('names new nodes after the model’s baseline scenarios and gives each kind what it needs', () => {
    const model = threeNodes();
    const [acute, p2, home] = model.nodes;
    expect(acute.arrivals.map((a) => [a.name, a.daily.length, a.daily[0]])).toEqual([['BArr', isolated.dates.length, 3]]);
    expect(p2.arrivals).toEqual([]);
    expect(p2.capacity).toEqual([{ name: 'BCap', capacity: 10 }]);
    expect(p2.los).toEqual([{ name: 'Blos', family: 'exp', mean: 20 }]);
    expect(home).toMatchObject({ kind: 'exit', arrivals: [], capacity: [], los: [] });
    const joined = ok(addNetworkNode(isolated, { id: 'LTC_RV', kind: 'bed', pathway: 'LTC', locality: 'RV', capacity: 5, meanStay: 300, queueInternal: 'unlimited' }));
    expect(joined.nodes.at(-1)!.capacity[0].name).toBe(isolated.nodes[0].capacity[0].name);
    expect(joined.nodes.at(-1)!.queueInternal).toBe('unlimited');
    expect(joined.ipacsSheetRows).toBeUndefined();
  });

  it('refuses an id that is taken, blank or has spaces', () => {
    expect(addNetworkNode(network, { id: 'P2_RV', kind: 'bed', pathway: 'P2', locality: 'RV' })).toEqual({ ok: false, reason: 'There is already a node P2_RV' });
    expect(addNetworkNode(network, { id: '', kind: 'bed', pathway: '', locality: 'RV' })).toEqual({ ok: false, reason: 'Enter a node id' });
    expect(addNetworkNode(network, { id: 'a b', kind: 'bed', pathway: '', locality: 'RV' }).ok).toBe(false);
  });

  it('sets and clears a node’s waiting places, a queue for arrivals replacing loseOverflow', () => {
    const ltc = network.nodes.findIndex((n) => n.id === 'LTC_RV');
    let model = setNodeBuffers(network, 'LTC_RV', { queueInternal: 5 });
    expect(model.nodes[ltc].queueInternal).toBe(5);
    expect(validateModel(model).ok).toBe(true);
    model = setNodeBuffers(model, 'LTC_RV', { queueInternal: undefined, queueExternal: 'unlimited' });
    expect(model.nodes[ltc]).not.toHaveProperty('queueInternal');
    expect(model.nodes[ltc].queueExternal).toBe('unlimited');
    const losing = { ...isolated, nodes: isolated.nodes.map((n, i) => (i === 0 ? { ...n, loseOverflow: true } : n)) };
    const queued = setNodeBuffers(losing, isolated.nodes[0].id, { queueExternal: 3 });
    expect(queued.nodes[0]).not.toHaveProperty('loseOverflow');
    expect(queued.nodes[0].queueExternal).toBe(3);
    expect(validateModel(queued).ok).toBe(true);
    expect(setNodeBuffers(losing, isolated.nodes[0].id, { queueInternal: 2 }).nodes[0].loseOverflow).toBe(true);
  });

  it('reads buffers as a whole number, unlimited, or blank for the default', () => {
    expect(parsePlaces(' Unlimited ')).toEqual({ value: 'unlimited' });
    expect(parsePlaces('0')).toEqual({ value: 0 });
    expect(parsePlaces('')).toEqual({ value: undefined });
    expect(parsePlaces('1.5')).toEqual({ error: 'Enter a whole number of places, or unlimited' });
  });
});

describe('routes', () => {
  it('edits and removes a route, the baseline scenario written as none', () => {
    let model = threeNodes();
    model = updateEdge(model, 0, (edge) => ({ ...edge, probability: 0.5 }));
    expect(draftProblems(model).byPath.get('edges[0].probability')).toEqual(['the routes out of Acute_X in routing scenario BRoute (edges[0], edges[1]) sum to 1.1, not 1']);
    model = updateEdge(model, 1, (edge) => ({ ...edge, probability: 0.5, scenario: 'BRoute', delay: { family: 'exp', mean: 0.5 } }));
    expect(draftProblems(model).ok).toBe(true);
    expect(model.edges![1]).toEqual({ from: 'Acute_X', to: 'Home_X', probability: 0.5, delay: { family: 'exp', mean: 0.5 } });
    expect(routesFrom(model, 'Acute_X', 'BRoute').map((r) => r.index)).toEqual([0, 1]);
    const fewer = removeEdge(model, 2);
    expect(fewer.edges!.length).toBe(2);
    // The last route gone, the model is one of isolated nodes again: no empty edge list.
    expect(removeEdge(removeEdge(fewer, 0), 0).edges).toBeUndefined();
  });

  it('removing a node removes every route in or out, and says whose routes then fall short', () => {
    expect(edgesTouching(network, 'P2_RV').length).toBe(network.edges!.filter((e) => e.from === 'P2_RV' || e.to === 'P2_RV').length);
    expect(nodesRoutingTo(network, 'P2_RV')).toEqual(['Acute_RV']);
    const model = ok(removeNetworkNode(network, 'P2_RV'));
    expect(model.nodes.some((n) => n.id === 'P2_RV')).toBe(false);
    expect(model.edges!.some((e) => e.from === 'P2_RV' || e.to === 'P2_RV')).toBe(false);
    // Acute_RV's routes now add up to less than 1 in both routing scenarios: refused until fixed.
    const problems = draftProblems(model).all.filter((p) => isRouteSumProblem(p.message));
    expect(problems.map((p) => /^the routes out of (\S+) in routing scenario (\S+) .* sum to 0\.9\d*, not 1$/.exec(p.message)?.slice(1))).toEqual([
      ['Acute_RV', 'BRoute'],
      ['Acute_RV', 'S1Route'],
    ]);
    expect(removeNetworkNode(network, 'Nowhere')).toEqual({ ok: false, reason: 'There is no node Nowhere' });
  });
});

describe('capacity calendars', () => {
  const p2 = network.nodes.find((n) => n.id === 'P2_RV')!;
  const base = p2.capacity[0];
  // A model with P2_RV's calendar cleared, to add to.
  const cleared = removeCapacityPeriod(network, 'P2_RV', base.name, 0);

  it('adds 10 beds from 1 December to 31 March on top of the scenario’s own figure', () => {
    expect(cleared.nodes.find((n) => n.id === 'P2_RV')!.capacity[0].calendar).toBeUndefined();
    const model = ok(addCapacityChange(cleared, 'P2_RV', base.name, { from: '2026-12-01', to: '2027-03-31', change: 10 }));
    const scenario = model.nodes.find((n) => n.id === 'P2_RV')!.capacity[0];
    expect(scenario.calendar).toEqual({ periods: [{ from: '2026-12-01', to: '2027-03-31', capacity: base.capacity + 10 }] });
    const daily = dailyCapacity(scenario, model.dates);
    expect(daily[model.dates.indexOf('2026-11-30')]).toBe(base.capacity);
    expect(daily[model.dates.indexOf('2026-12-01')]).toBe(base.capacity + 10);
    expect(daily.at(-1)).toBe(base.capacity + 10);
    expect(validateModel(model).ok).toBe(true);
  });

  it('edits and removes a period, and leaves overlaps and dates outside the horizon to the validator', () => {
    let model = ok(addCapacityChange(cleared, 'P2_RV', base.name, { from: '2026-12-01', to: '2026-12-31', change: 10 }));
    model = ok(addCapacityChange(model, 'P2_RV', base.name, { from: '2026-12-20', to: '2027-01-10', change: -5 }));
    const n = model.nodes.findIndex((node) => node.id === 'P2_RV');
    expect(draftProblems(model).byPath.get(`nodes[${n}].capacity[0].calendar.periods[1].from`)).toEqual(['2026-12-20 falls in periods[0] (2026-12-01 to 2026-12-31): periods may not overlap']);
    model = updateCapacityPeriod(model, 'P2_RV', base.name, 1, { from: '2027-01-01', to: '2027-01-10', capacity: base.capacity - 5 });
    expect(draftProblems(model).ok).toBe(true);
    expect(dailyCapacity(model.nodes[n].capacity[0], model.dates)[model.dates.indexOf('2027-01-05')]).toBe(base.capacity - 5);
    model = removeCapacityPeriod(model, 'P2_RV', base.name, 0);
    expect(model.nodes[n].capacity[0].calendar).toEqual({ periods: [{ from: '2027-01-01', to: '2027-01-10', capacity: base.capacity - 5 }] });
    const outside = ok(addCapacityChange(cleared, 'P2_RV', base.name, { from: '2027-06-01', to: '2027-06-02', change: 1 }));
    expect(draftProblems(outside).ok).toBe(false);
  });

  it('refuses a change that would leave negative capacity, and an unknown scenario', () => {
    expect(addCapacityChange(cleared, 'P2_RV', base.name, { from: '2026-12-01', to: '2026-12-02', change: -(base.capacity + 1) })).toEqual({
      ok: false,
      reason: `${base.capacity} less ${base.capacity + 1} is -1: capacity cannot be negative`,
    });
    expect(addCapacityChange(cleared, 'P2_RV', 'Nope', { from: '2026-12-01', to: '2026-12-02', change: 1 }).ok).toBe(false);
  });
});

describe('arrival profiles', () => {
  it('builds a profile of equal periods from weights, that the validator accepts and reads back', () => {
    const weights = [1, 1, 3, 3, 2, 1];
    const profile = profileFromWeights(1, weights);
    expect(profile.periods.map((p) => [p.start, p.end])).toEqual([
      [0, 1 / 6],
      [1 / 6, 2 / 6],
      [2 / 6, 3 / 6],
      [3 / 6, 4 / 6],
      [4 / 6, 5 / 6],
      [5 / 6, 1],
    ]);
    const model = setArrivalProfile(network, 'Acute_RV', 'BArr', profile);
    expect(validateModel(model).ok).toBe(true);
    const stored = model.nodes[0].arrivals.find((a) => a.name === 'BArr')!.profile;
    expect(weightsOfProfile(stored, 1, 6)).toEqual(weights);
    // Another cycle than the one asked for opens as an even shape.
    expect(weightsOfProfile(stored, 7, 7)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(setArrivalProfile(model, 'Acute_RV', 'BArr', undefined).nodes[0].arrivals.find((a) => a.name === 'BArr')!.profile).toBeUndefined();
  });

  it('lets the validator refuse a cycle with no weight at all', () => {
    const model = setArrivalProfile(network, 'Acute_RV', 'BArr', profileFromWeights(7, [0, 0, 0, 0, 0, 0, 0]));
    expect(draftProblems(model).ok).toBe(false);
  });
});
