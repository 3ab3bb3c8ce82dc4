/**
 * Arrivals and first stays kept for the other scenarios of a component (arrivalDraws.ts): a
 * scenario reading another's kept draws gives the records it gives drawing its own, to the
 * bit, and draws that differ in anything that fixes them are never shared.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { ArrivalDrawsCache, drawProfileOf } from '../../../src/engine/network/arrivalDraws.js';
import { ArrivalProfile } from '../../../src/engine/network/arrivalProfile.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';

const SEED = 4242;
const REPLICATIONS = 3;
const TIMEOUT_MS = 120_000;

/** Counts the kept blocks read, so a test knows the draws were shared, not drawn again. */
class CountingCache extends ArrivalDrawsCache {
  hits = 0;

  override find(profile: string, replication: number): Float64Array | undefined {
    const block = super.find(profile, replication);
    if (block) this.hits++;
    return block;
  }
}

function exampleModel() {
  const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return parsed.model;
}

/** Every figure of a record, copied (the simulator reuses its record). */
function snapshot(record: NetworkRecord): unknown[] {
  const arrays = [record.values, record.initial, record.stockAtEnd, record.flows, record.visits, record.waits, record.blockedUpstream, record.externalQueue, record.delayedAdmissions, record.waitingAtEnd, record.timePercentiles, record.patientFigures, record.timeInSystemByExit, record.blockedBedDaysByCause];
  return [...arrays.map((array) => Array.from(array, (v) => (Object.is(v, -0) ? '-0' : String(v)))), record.externalArrivals, record.initialTotal, record.exits, record.lost, record.deadlocks, record.forcedAdmissions];
}

function records(network: NetworkModel, cache: ArrivalDrawsCache | undefined, replications: number[]): unknown[][] {
  const simulator = new NetworkSimulator(compileNetwork(network), { keptArrivals: cache });
  return replications.map((r) => snapshot(simulator.simulate(SEED, r)));
}

describe('arrivals kept for the other scenarios of a component', () => {
  const model = exampleModel();
  const planned = plannedComponentScenarios(model);
  const component = planned[0].component.name;
  const scenarios = planned.filter((p) => p.component.name === component).map((p) => componentTask(model, p, { seed: SEED, initialResidual: 'ipacs' }, REPLICATIONS));
  const replications = Array.from({ length: REPLICATIONS }, (_, r) => r);

  it('are asked for by tasks of a component with several scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(1);
    expect(scenarios.every((task) => task.keepArrivals === true)).toBe(true);
  });

  it('give every scenario the records it gives drawing its own', { timeout: TIMEOUT_MS }, () => {
    const cache = new CountingCache();
    // The first scenario keeps its draws (and must be unchanged by keeping them), the others read them.
    for (const task of scenarios) expect(records(task.network, cache, replications)).toEqual(records(task.network, undefined, replications));
    expect(cache.hits).toBeGreaterThanOrEqual((scenarios.length - 1) * REPLICATIONS);
  });

  it('give the same records when replications are kept and read in another order', { timeout: TIMEOUT_MS }, () => {
    const cache = new ArrivalDrawsCache();
    records(scenarios[0].network, cache, [2, 0]);
    expect(records(scenarios[1].network, cache, replications)).toEqual(records(scenarios[1].network, undefined, replications));
  });

  it('are drawn anew once the bound dropped them, with the same records', { timeout: TIMEOUT_MS }, () => {
    const cache = new ArrivalDrawsCache(1000);
    records(scenarios[0].network, cache, replications);
    expect(records(scenarios[1].network, cache, replications)).toEqual(records(scenarios[1].network, undefined, replications));
  });

  it('are not shared by a scenario with other arrivals', { timeout: TIMEOUT_MS }, () => {
    const busier = structuredClone(scenarios[0].network);
    for (const node of busier.nodes) if (node.arrivals) node.arrivals = node.arrivals.map((rate) => rate * 1.1);
    const counting = new CountingCache();
    records(scenarios[0].network, counting, replications);
    expect(records(busier, counting, replications)).toEqual(records(busier, undefined, replications));
    expect(counting.hits).toBe(0);
  });
});

describe('ArrivalDrawsCache', () => {
  it('gives back each replication kept, times then stays', () => {
    const cache = new ArrivalDrawsCache();
    const times = Float64Array.from([0.5, 1.25, 2, 9]);
    const stays = Float64Array.from([3, 4, 5, 6]);
    cache.keep('a', 1, times, stays, 3);
    cache.keep('b', 0, times, undefined, 4);
    expect(Array.from(cache.find('a', 1)!)).toEqual([0.5, 1.25, 2, 3, 4, 5]);
    expect(Array.from(cache.find('b', 0)!)).toEqual([0.5, 1.25, 2, 9]);
    expect(cache.find('a', 0)).toBeUndefined();
    expect(cache.find('a', 7)).toBeUndefined();
    expect(cache.find('c', 1)).toBeUndefined();
  });

  it('keeps many replications of one profile as they would be drawn one by one (against a plain map)', () => {
    const cache = new ArrivalDrawsCache();
    const plain = new Map<number, number[]>();
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const r of [5, 0, 300, 2, 1, 64]) {
      const count = 1 + Math.floor(next() * 3000);
      const times = Float64Array.from({ length: count }, next);
      const stays = Float64Array.from({ length: count }, next);
      cache.keep('p', r, times, stays, count);
      plain.set(r, [...times, ...stays]);
    }
    for (const [r, values] of plain) expect(Array.from(cache.find('p', r)!)).toEqual(values);
  });

  it('drops what it kept past its bound', () => {
    const cache = new ArrivalDrawsCache(10);
    cache.keep('a', 0, new Float64Array(6), undefined, 6);
    cache.keep('b', 0, new Float64Array(6), undefined, 6);
    expect(cache.find('a', 0)).toBeUndefined();
    expect(cache.find('b', 0)).toBeDefined();
  });
});

describe('drawProfileOf', () => {
  const rates = Float64Array.from([10, 12, 11]);
  const los = { family: 'lnorm' as const, mu: 1.2, sigma: 0.5, mean: 4, lowerTail: 0 };
  const base = drawProfileOf(7, 30, rates, undefined, { key: 9, los });

  it('tells apart everything that fixes the draws', () => {
    const profile = new ArrivalProfile({ cycleDays: 1, periods: [{ start: 0, end: 0.5, weight: 2 }, { start: 0.5, end: 1, weight: 1 }] }, 'test');
    const others = [
      drawProfileOf(8, 30, rates, undefined, { key: 9, los }),
      drawProfileOf(7, 29, rates, undefined, { key: 9, los }),
      drawProfileOf(7, 30, Float64Array.from([10, 12, 11.000000000000002]), undefined, { key: 9, los }),
      drawProfileOf(7, 30, Float64Array.from([10, 12, 11, 0]), undefined, { key: 9, los }),
      drawProfileOf(7, 30, rates, profile, { key: 9, los }),
      drawProfileOf(7, 30, rates, undefined, { key: 10, los }),
      drawProfileOf(7, 30, rates, undefined, { key: 9, los: { ...los, sigma: 0.6 } }),
      drawProfileOf(7, 30, rates, undefined, { key: 9, los: { ...los, family: 'gamma' } }),
      drawProfileOf(7, 30, rates, undefined, undefined),
      drawProfileOf(7, 30, Float64Array.from([10, 12, -0]), undefined, { key: 9, los }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
    expect(drawProfileOf(7, 30, Float64Array.from(rates), undefined, { key: 9, los: { ...los } })).toBe(base);
  });

  it('tells apart profiles that place arrivals differently', () => {
    const a = new ArrivalProfile({ cycleDays: 1, periods: [{ start: 0, end: 0.5, weight: 2 }, { start: 0.5, end: 1, weight: 1 }] }, 'a');
    const b = new ArrivalProfile({ cycleDays: 1, periods: [{ start: 0, end: 0.5, weight: 1 }, { start: 0.5, end: 1, weight: 2 }] }, 'b');
    const a2 = new ArrivalProfile({ cycleDays: 1, periods: [{ start: 0, end: 0.5, weight: 4 }, { start: 0.5, end: 1, weight: 2 }] }, 'a2');
    expect(a.fingerprint).not.toBe(b.fingerprint);
    // The same shares of each day place every arrival alike.
    expect(a.fingerprint).toBe(a2.fingerprint);
  });
});
