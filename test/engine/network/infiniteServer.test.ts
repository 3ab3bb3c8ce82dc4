/**
 * A time-varying infinite-server network of delay nodes (spec section 6): Poisson arrivals
 * at a rate that changes day by day into D1 (a fixed stay of 2 days), then to D2 with
 * probability q (exponential stay, mean 3), else out. Poisson is preserved through infinite
 * servers and thinning, and D1's output is its input shifted by exactly 2 days, so
 *   E[occ D1](t) = integral over s in (t - 2, t] of lambda(s) ds,
 *   D2's input is Poisson at q lambda(t - 2),
 * and each node's expected daily occupancy is the exact integral of test/engine/theory.ts
 * (infiniteServerDailyOccupancy, written from the LOS survival function alone). Each day of
 * each node is checked within 4 standard errors across R independent replications.
 */
import { describe, expect, it } from 'vitest';
import { fitLos } from '../../../src/engine/lengthOfStay.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { infiniteServerDailyOccupancy } from '../theory.js';
import { exponential, fixed, meanAndSe, NetworkMetric } from './helpers.js';

describe('time-varying infinite-server network', () => {
  it('daily mean occupancy of each delay node is the exact integral', () => {
    const DAYS = 30;
    const R = 400;
    const q = 0.6;
    const rates = Array.from({ length: DAYS }, (_, d) => 4 + 3 * Math.sin(d / 3));
    const simulator = new NetworkSimulator(
      compileNetwork({
        days: DAYS,
        nodes: [
          { id: 'D1', kind: 'delay', arrivals: rates, los: fixed(2) },
          { id: 'D2', kind: 'delay', los: exponential(3) },
          { id: 'out', kind: 'exit' },
        ],
        edges: [
          { from: 'D1', to: 'D2', probability: q },
          { from: 'D1', to: 'out', probability: 1 - q },
        ],
      }),
    );
    const occupancy = [0, 1].map(() => Array.from({ length: DAYS }, () => [] as number[]));
    for (let r = 0; r < R; r++) {
      const record = simulator.simulate(5, r);
      for (const node of [0, 1]) {
        const row = record.row(node, NetworkMetric.occ);
        for (let d = 0; d < DAYS; d++) occupancy[node][d].push(row[d]);
      }
    }
    const none = () => 0;
    const theory = [
      infiniteServerDailyOccupancy(rates, fitLos(fixed(2)), 0, none),
      infiniteServerDailyOccupancy([0, 0, ...rates.slice(0, DAYS - 2).map((rate) => q * rate)], fitLos(exponential(3)), 0, none),
    ];
    for (const node of [0, 1]) {
      for (let d = 0; d < DAYS; d++) {
        const { mean, se } = meanAndSe(occupancy[node][d]);
        const expected = theory[node][d];
        // Day 1 of D2 is exactly empty (nobody can reach it before time 2): its SE is 0.
        if (se === 0) expect(mean, `D${node + 1} day ${d + 1}`).toBe(expected);
        else expect(Math.abs(mean - expected), `D${node + 1} day ${d + 1}: ${mean} vs ${expected}, SE ${se}`).toBeLessThan(4 * se);
      }
    }
  });
});
