/**
 * Warm-up (spec 2.13): simulated from empty before day 1, statistics from day 1.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { erlangC } from '../helpers.js';
import { exponential, meanAndSe, NetworkMetric, total } from './helpers.js';

function mmc(warmupDays: number | undefined): NetworkModel {
  // M/M/3 with arrival rate 2 a day and mean stay 1 day: offered load 2.
  return {
    days: 3,
    nodes: [{ id: 'X', kind: 'bed', capacity: 3, arrivals: [2, 2, 2], los: exponential(1) }],
    edges: [],
    ...(warmupDays === undefined ? {} : { warmupDays }),
  };
}

function dayOne(model: NetworkModel, replications: number, metric: number): { mean: number; se: number } {
  const simulator = new NetworkSimulator(compileNetwork(model));
  const values: number[] = [];
  for (let r = 0; r < replications; r++) values.push(simulator.simulate(9, r).row(0, metric)[0]);
  return meanAndSe(values);
}

describe('warm-up', () => {
  it("makes an M/M/c node's day-1 occupancy and queue match the stationary means (4 standard errors)", () => {
    // 30 days is many relaxation times of this queue (mean stay 1 day, utilisation 2/3).
    const replications = 400;
    const occ = dayOne(mmc(30), replications, NetworkMetric.occ);
    expect(Math.abs(occ.mean - 2)).toBeLessThan(4 * occ.se);
    // Erlang C: mean number waiting = C(c, a) * a / (c - a).
    const queue = dayOne(mmc(30), replications, NetworkMetric.niq);
    expect(Math.abs(queue.mean - (erlangC(3, 2) * 2) / (3 - 2))).toBeLessThan(4 * queue.se);
    // Without a warm-up day 1 starts empty and is far below: the check above can fail.
    const cold = dayOne(mmc(0), replications, NetworkMetric.occ);
    expect(Math.abs(cold.mean - 2)).toBeGreaterThan(4 * cold.se);
  });

  it('warm-up 0 gives byte-identical records to no warm-up', () => {
    const a = new NetworkSimulator(compileNetwork(mmc(undefined))).simulate(4, 2);
    const values = Float64Array.from(a.values);
    const b = new NetworkSimulator(compileNetwork(mmc(0))).simulate(4, 2);
    expect(Buffer.from(b.values.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });

  it('starts statistics on day 1, with the stock present then as the initial state, and calendars aligned to day 1', () => {
    const days = 21;
    const model = (warmupDays: number): NetworkModel => ({
      days,
      warmupDays,
      nodes: [
        {
          id: 'acute',
          kind: 'acute',
          capacity: { cycleDays: 7, periods: [{ start: 0, end: 5, capacity: 6 }, { start: 5, end: 7, capacity: 4 }] },
          arrivals: new Array<number>(days).fill(3),
          los: exponential(1.5),
        },
        { id: 'P2', kind: 'bed', capacity: 5, los: exponential(3) },
      ],
      edges: [{ from: 'acute', to: 'P2', probability: 1 }],
    });
    const warm = new NetworkSimulator(compileNetwork(model(10))).simulate(2, 0);
    const capacity = Array.from(warm.row(0, NetworkMetric.capacity));
    expect(capacity).toEqual([6, 6, 6, 6, 6, 4, 4, 6, 6, 6, 6, 6, 4, 4, 6, 6, 6, 6, 6, 4, 4]);
    expect(warm.initialTotal).toBeGreaterThan(0);
    expect(warm.row(1, NetworkMetric.occ)[0]).toBeGreaterThan(0);
    for (let node = 0; node < 2; node++) {
      const inflow = warm.initial[node] + total(warm.row(node, NetworkMetric.arrivals_external)) + total(warm.row(node, NetworkMetric.arrivals_internal));
      const outflow = total(warm.row(node, NetworkMetric.departures)) + total(warm.row(node, NetworkMetric.lost));
      expect(inflow).toBe(outflow + warm.stockAtEnd[node]);
    }
    expect(warm.externalArrivals + warm.initialTotal).toBe(warm.exits + warm.inSystemAtEnd + warm.lost);
  });

  it('is refused with an initial state, or when not a whole number of days', () => {
    const withInitial = mmc(5);
    withInitial.nodes[0].initialOccupied = 2;
    expect(() => compileNetwork(withInitial)).toThrow('nodes[0] (X).initialOccupied: a warm-up starts from empty; give an initial state or a warm-up, not both');
    expect(() => compileNetwork(mmc(1.5))).toThrow('warmupDays: 1.5 is not a whole number of days');
  });
});
