/**
 * Cyclic capacity calendars and arrival profiles (spec 1, 2.1, 2.6).
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel, type NetworkNode } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { exponential, fixed, NetworkMetric, trace } from './helpers.js';

describe('cyclic capacity calendars', () => {
  const network = (acute: NetworkNode['capacity'], p2: NetworkNode['capacity']): NetworkModel => ({
    days: 120,
    nodes: [
      { id: 'acute', kind: 'acute', capacity: acute, arrivals: new Array<number>(120).fill(3), los: exponential(1.5), initialOccupied: 6 },
      { id: 'P2', kind: 'bed', capacity: p2, los: exponential(4) },
    ],
    edges: [{ from: 'acute', to: 'P2', probability: 1 }],
  });

  it('a constant cycle gives byte-identical records to the constant capacity', () => {
    const constant = network(5, 9);
    const cyclic = network(
      { cycleDays: 7, periods: [{ start: 0, end: 3, capacity: 5 }, { start: 3, end: 7, capacity: 5 }] },
      { cycleDays: 1, periods: [{ start: 0, end: 0.5, capacity: 9 }, { start: 0.5, end: 1, capacity: 9 }] },
    );
    for (let r = 0; r < 5; r++) {
      const a = new NetworkSimulator(compileNetwork(constant)).simulate(7, r);
      const b = new NetworkSimulator(compileNetwork(cyclic)).simulate(7, r);
      expect(Buffer.from(b.values.buffer).equals(Buffer.from(a.values.buffer))).toBe(true);
      expect(b.deadlocks).toEqual(a.deadlocks);
      // Not trivially equal: the acute beds do block.
      if (r === 0) expect(a.row(0, NetworkMetric.blocked).some((v) => v > 0)).toBe(true);
    }
  });

  it('repeats a daily and a weekly cycle from day 1, through the same capacity accessor', () => {
    const { record } = trace({
      days: 10,
      nodes: [
        { id: 'day', kind: 'bed', capacity: { cycleDays: 1, periods: [{ start: 0, end: 0.25, capacity: 1 }, { start: 0.25, end: 1, capacity: 3 }] }, los: fixed(1) },
        { id: 'week', kind: 'bed', capacity: { cycleDays: 7, periods: [{ start: 0, end: 5, capacity: 4 }, { start: 5, end: 7, capacity: 2 }] }, los: fixed(1) },
      ],
      edges: [],
    });
    expect(Array.from(record.row(0, NetworkMetric.capacity))).toEqual(new Array(10).fill(0.25 * 1 + 0.75 * 3));
    expect(Array.from(record.row(1, NetworkMetric.capacity))).toEqual([4, 4, 4, 4, 4, 2, 2, 4, 4, 4]);
  });

  it('closes overnight without evicting anyone, and admits the waiting patient when a bed is both open and free', () => {
    // One bed open in [0.25, 1) of each day. The arrival at 0.1 waits for 0.25; the one at 0.9
    // is admitted at once and stays past the closing at 1 (nobody is moved out); the one at 1.05
    // waits past the opening at 1.25 for that bed to free at 1.4.
    const { admissions } = trace({
      days: 3,
      nodes: [
        {
          id: 'X',
          kind: 'bed',
          capacity: { cycleDays: 1, periods: [{ start: 0, end: 0.25, capacity: 0 }, { start: 0.25, end: 1, capacity: 1 }] },
          arrivalTimes: [0.1, 0.9, 1.05],
          los: fixed(0.5),
        },
      ],
      edges: [],
    });
    expect(admissions.map((a) => a.time)).toEqual([0.25, 0.9, 1.4]);
  });

  it('refuses a cycle with a gap, naming the period', () => {
    const model = network({ cycleDays: 1, periods: [{ start: 0, end: 0.5, capacity: 1 }, { start: 0.6, end: 1, capacity: 2 }] }, 1);
    expect(() => compileNetwork(model)).toThrow('nodes[0] (acute).capacity.periods[1].start: 0.6 leaves a gap or overlap; the period before ends at 0.5');
    expect(() => compileNetwork(network({ cycleDays: 3, periods: [{ start: 0, end: 3, capacity: 1 }] }, 1))).toThrow(/capacity\.cycleDays: 3 is not 1/);
  });
});

describe('arrival profiles', () => {
  it("keep each day's mean arrivals (4 standard errors)", () => {
    // A weekly profile, busier early in the week and on weekday daytimes: it moves arrivals
    // within each day but every day keeps its mean arrivals[d]. Counts are Poisson, so the SE
    // of a day's mean over R replications is sqrt(arrivals[d] / R).
    const rates = [2, 5, 3, 8, 1, 4, 6, 2, 5, 3, 8, 1, 4, 6];
    const replications = 400;
    const network = compileNetwork({
      days: rates.length,
      nodes: [
        {
          id: 'home',
          kind: 'delay',
          arrivals: rates,
          arrivalProfile: {
            cycleDays: 7,
            periods: [
              { start: 0, end: 0.4, weight: 1 },
              { start: 0.4, end: 4.6, weight: 5 },
              { start: 4.6, end: 7, weight: 0.5 },
            ],
          },
          los: fixed(0.1),
        },
      ],
      edges: [],
    });
    const simulator = new NetworkSimulator(network);
    const sums = new Float64Array(rates.length);
    for (let r = 0; r < replications; r++) {
      const row = simulator.simulate(3, r).row(0, NetworkMetric.arrivals_external);
      for (let d = 0; d < rates.length; d++) sums[d] += row[d];
    }
    rates.forEach((rate, d) => {
      const se = Math.sqrt(rate / replications);
      expect(Math.abs(sums[d] / replications - rate), `day ${d + 1}`).toBeLessThan(4 * se);
    });
  });

  it('shape arrival times within the day as the weights say (4 standard errors per period)', () => {
    // Night [0, 8h) weight 1, day [8h, 20h) weight 4, evening [20h, 24h) weight 0: shares
    // 8/56, 48/56 and exactly 0. Given N arrivals, each period's count is binomial(N, share).
    const days = 200;
    const times: number[] = [];
    new NetworkSimulator(
      compileNetwork({
        days,
        nodes: [
          {
            id: 'home',
            kind: 'delay',
            arrivals: new Array<number>(days).fill(10),
            arrivalProfile: {
              cycleDays: 1,
              periods: [
                { start: 0, end: 8 / 24, weight: 1 },
                { start: 8 / 24, end: 20 / 24, weight: 4 },
                { start: 20 / 24, end: 1, weight: 0 },
              ],
            },
            los: fixed(0.1),
          },
        ],
        edges: [],
      }),
    ).simulate(5, 0, { arrived: (_origin, _ordinal, time) => times.push(time) });
    const n = times.length;
    const counts = [0, 0, 0];
    for (const t of times) {
      const hour = (t - Math.floor(t)) * 24;
      counts[hour < 8 ? 0 : hour < 20 ? 1 : 2]++;
    }
    const shares = [8 / 56, 48 / 56];
    shares.forEach((share, i) => {
      const se = Math.sqrt(n * share * (1 - share));
      expect(Math.abs(counts[i] - n * share), `period ${i}`).toBeLessThan(4 * se);
    });
    expect(counts[2]).toBe(0);
    expect(n).toBeGreaterThan(1500);
  });

  it('refuses a profile on a node without arrivals, and a day of the cycle with no weight', () => {
    const base = { id: 'X', kind: 'bed' as const, los: fixed(1) };
    const profile = { cycleDays: 7, periods: [{ start: 0, end: 6, weight: 1 }, { start: 6, end: 7, weight: 0 }] };
    expect(() => compileNetwork({ days: 7, nodes: [{ ...base, arrivalProfile: profile }], edges: [] })).toThrow(/^nodes\[0\] \(X\)\.arrivalProfile: /);
    expect(() => compileNetwork({ days: 7, nodes: [{ ...base, arrivals: new Array<number>(7).fill(1), arrivalProfile: profile }], edges: [] })).toThrow(
      'nodes[0] (X).arrivalProfile.periods: day 7 of the cycle has no weight, so its arrivals have nowhere to fall',
    );
  });
});
