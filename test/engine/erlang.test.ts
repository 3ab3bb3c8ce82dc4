/**
 * Constant arrivals and exponential LOS with c beds is M/M/c: long-run mean queue length
 * Lq = C(c, a) * rho / (1 - rho) and mean wait Wq = Lq / lambda (Erlang C, a = lambda * mean
 * LOS, rho = a / c). With loseOverflow the node is M/G/c/c, whose blocking probability is
 * Erlang B whatever the LOS distribution (insensitivity), here checked with a lognormal LOS.
 *
 * Method: R independent replications over a long horizon, each started full (c patients
 * with exponential, i.e. stationary, residual stays: close to the steady state), with a
 * warm-up discarded. Each replication gives one time-average; the replications are i.i.d.,
 * so the SE is their sample sd / sqrt(R) and we require |estimate - theory| < 4 SE.
 * The residual start-up bias after the warm-up is much smaller than the SE (the relaxation
 * time of these queues is tens of days, against a 200-day warm-up).
 */
import { describe, expect, it } from 'vitest';
import type { LosScenario } from '../../src/engine/model.js';
import { constantRates, erlangB, erlangC, makeNode, max, Metric, replicate, sampleStats, sum } from './helpers.js';

const Z = 4;
const DAYS = 2000;
const WARM_UP = 200;
const R = 200;

describe('Erlang formulas (test helpers)', () => {
  it('match closed forms for small systems', () => {
    expect(erlangB(1, 0.5)).toBeCloseTo(0.5 / 1.5, 14); // B(1, a) = a / (1 + a)
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 14); // (a^2/2) / (1 + a + a^2/2)
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 14); // M/M/1: P(wait) = rho
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    // Stable for large systems where factorials would overflow.
    expect(erlangC(400, 380)).toBeGreaterThan(0);
    expect(erlangC(400, 380)).toBeLessThan(1);
  });
});

function postWarmUp(row: Float64Array): Float64Array {
  return row.subarray(WARM_UP);
}

describe('M/M/c against Erlang C', () => {
  const cases = [
    { lambda: 4, meanLos: 5, beds: 24 }, // a = 20, rho = 0.83
    { lambda: 4.4, meanLos: 5, beds: 24 }, // a = 22, rho = 0.92
  ];
  for (const { lambda, meanLos, beds } of cases) {
    const a = lambda * meanLos;
    const rho = a / beds;
    it(`lambda ${lambda}/day, mean LOS ${meanLos}, c = ${beds} (rho = ${rho.toFixed(3)})`, () => {
      const lq = (erlangC(beds, a) * rho) / (1 - rho);
      const wq = lq / lambda;
      const node = makeNode({ arrivals: [constantRates(DAYS, lambda)], capacity: [beds], los: [{ family: 'exp', mean: meanLos }], occupied: beds });
      const sim = replicate(node, DAYS, R, { seed: 99, initialResidual: 'stationary' });

      const queue = sampleStats(sim.map((r) => sampleStats(postWarmUp(sim.row(r, Metric.niq))).mean));
      const wait = sampleStats(
        sim.map((r) => {
          const admissions = postWarmUp(sim.row(r, Metric.admissions));
          const meanWaits = postWarmUp(sim.row(r, Metric.wait));
          let waited = 0;
          for (let d = 0; d < admissions.length; d++) waited += meanWaits[d] * admissions[d];
          return waited / sum(admissions);
        }),
      );
      const inService = sampleStats(sim.map((r) => sampleStats(postWarmUp(sim.row(r, Metric.occ))).mean));

      expect(Math.abs(queue.mean - lq) / queue.se, `Lq ${queue.mean} +- ${queue.se} vs ${lq}`).toBeLessThan(Z);
      expect(Math.abs(wait.mean - wq) / wait.se, `Wq ${wait.mean} +- ${wait.se} vs ${wq}`).toBeLessThan(Z);
      // Little's law for the servers: mean patients in service = offered load a.
      expect(Math.abs(inService.mean - a) / inService.se, `L ${inService.mean} +- ${inService.se} vs ${a}`).toBeLessThan(Z);
      // The check has power: one bed fewer or more would move Lq by many SEs.
      const lqOther = (erlangC(beds + 1, a) * (a / (beds + 1))) / (1 - a / (beds + 1));
      expect(Math.abs(lq - lqOther)).toBeGreaterThan(8 * queue.se);
    });
  }
});

describe('M/G/c/c (loseOverflow) against Erlang B', () => {
  it('lambda 4/day, lognormal LOS mean 5, c = 20: share lost = B(20, 20), carried load = a (1 - B)', () => {
    const lambda = 4;
    const beds = 20;
    const los: Omit<LosScenario, 'name'> = { family: 'lnorm', mean: 5, median: 3.5 };
    const a = lambda * los.mean;
    const blocking = erlangB(beds, a);
    const node = makeNode({ arrivals: [constantRates(DAYS, lambda)], capacity: [beds], los: [los], loseOverflow: true });
    const sim = replicate(node, DAYS, R, { seed: 5 });
    const lostShare = sampleStats(sim.map((r) => sum(postWarmUp(sim.row(r, Metric.lost))) / sum(postWarmUp(sim.row(r, Metric.arrivals)))));
    const carried = sampleStats(sim.map((r) => sampleStats(postWarmUp(sim.row(r, Metric.occ))).mean));
    expect(Math.abs(lostShare.mean - blocking) / lostShare.se, `lost ${lostShare.mean} +- ${lostShare.se} vs ${blocking}`).toBeLessThan(Z);
    expect(Math.abs(carried.mean - a * (1 - blocking)) / carried.se).toBeLessThan(Z);
    for (let r = 0; r < R; r++) expect(max(sim.row(r, Metric.occ))).toBeLessThanOrEqual(beds);
  });
});
