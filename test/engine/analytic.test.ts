/**
 * The analytic estimates against exact formulas and against the simulation.
 */
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, infiniteServerOccupancy, losCoefficientOfVariation, queueQuantile, steadyStateEstimate } from '../../src/engine/analytic.js';
import { fitLos, losSurvival } from '../../src/engine/lengthOfStay.js';
import { constantRates, exactQueueTail, makeNode, Metric, replicate } from './helpers.js';

describe('Erlang formulas', () => {
  it('match textbook values', () => {
    // Erlang B(10, 5) = 0.018385 and Erlang C(10, 8) = 0.409 (standard tables).
    expect(erlangB(10, 5)).toBeCloseTo(0.0183846, 6);
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 4);
    // C(1, a) = rho for M/M/1.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
  });

  it('are stable for the hundreds of beds an unrestricted scenario has', () => {
    const b = erlangB(2000, 1500);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(1e-10);
  });

  it('give M/M/1 queue length rho^2 / (1 - rho) and Little\u2019s law wait', () => {
    const estimate = steadyStateEstimate(0.8, 1, 1);
    expect(estimate.meanQueue).toBeCloseTo(0.64 / 0.2, 10);
    expect(estimate.meanWait).toBeCloseTo(estimate.meanQueue / 0.8, 12);
  });

  it('report an unstable queue when demand reaches capacity', () => {
    const estimate = steadyStateEstimate(5, 20, 100);
    expect(estimate.stable).toBe(false);
    expect(estimate.meanQueue).toBe(Infinity);
  });

  it('give the 95th percentile of the M/M/c queue: the least n with P(queue > n) <= 5 %', () => {
    for (const [c, a] of [
      [10, 8],
      [24, 22],
      [50, 40],
      [3, 2.9],
      [100, 60],
    ]) {
      const n = queueQuantile(c, a, 0.95);
      expect(exactQueueTail(c, a, n), `c ${c}, a ${a}, n ${n}`).toBeLessThanOrEqual(0.05 + 1e-9);
      if (n > 0) expect(exactQueueTail(c, a, n - 1), `c ${c}, a ${a}, n ${n}`).toBeGreaterThan(0.05);
    }
    expect(queueQuantile(10, 12, 0.95)).toBe(Infinity);
    expect(queueQuantile(5, 0, 0.95)).toBe(0);
  });

  it('scale the M/M/c queue by (1 + cv^2) / 2 for other stays (Allen-Cunneen)', () => {
    const exponential = steadyStateEstimate(4, 5, 24, 1);
    const deterministic = steadyStateEstimate(4, 5, 24, 0);
    expect(deterministic.meanQueue).toBeCloseTo(exponential.meanQueue / 2, 12);
    expect(losCoefficientOfVariation(fitLos({ family: 'lnorm', mean: 10, sd: 5 }))).toBeCloseTo(0.5, 12);
    expect(losCoefficientOfVariation(fitLos({ family: 'exp', mean: 7 }))).toBe(1);
  });
});

describe('infinite-server occupancy', () => {
  it('reaches lambda x mean stay under constant demand', () => {
    const los = fitLos({ family: 'lnorm', mean: 10, median: 8 });
    const daily = infiniteServerOccupancy(constantRates(200, 3), los, 0, () => 0);
    // By day 200 nearly every patient referred before day 150 has left: the tail of the
    // lognormal beyond 50 days is P(L > 50) < 0.5 %, so the level is 30 within 0.5 %.
    expect(daily[199]).toBeGreaterThan(30 * 0.99);
    expect(daily[199]).toBeLessThan(30 * 1.001);
  });

  it('agrees with the simulated unrestricted bed node within 4 standard errors', () => {
    const days = 60;
    const rates = Array.from({ length: days }, (_, d) => 4 + 2 * Math.sin((2 * Math.PI * d) / 14));
    const losInput = { family: 'lnorm' as const, mean: 12, median: 9 };
    const los = fitLos(losInput);
    // No initial patients, so only the arrivals' integral is tested here; the engine tests
    // cover initial occupancy with both residual rules.
    const expected = infiniteServerOccupancy(rates, los, 0, () => 0);
    const replications = 400;
    const node = makeNode({ arrivals: [rates], capacity: [1e6], los: [losInput] });
    const sim = replicate(node, days, replications, { seed: 31 });
    for (const day of [5, 20, 40, 59]) {
      const values = Array.from({ length: replications }, (_, r) => sim.row(r, Metric.occ)[day]);
      const mean = values.reduce((a, b) => a + b, 0) / replications;
      const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (replications - 1));
      // The day's simulated mean has standard error sd / sqrt(R); 4 SE bounds a false alarm
      // at about 6e-5 per day checked, plus the quadrature's own error (well under 0.05).
      expect(Math.abs(mean - expected[day]), `day ${day + 1}: simulated ${mean}, formula ${expected[day]}`).toBeLessThan(4 * (sd / Math.sqrt(replications)) + 0.05);
    }
    expect(losSurvival(los, 0)).toBe(1);
  });
});
