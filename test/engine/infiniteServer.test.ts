/**
 * Unrestricted capacity is an infinite-server queue with time-varying Poisson input
 * (spec, "Correctness that can be checked"): the expected occupancy of day d, time-averaged
 * over (d - 1, d], is the initial patients still in service plus the integral of
 * arrivals(s) * P(LOS > t - s) ds, averaged over the day. The theory is computed in
 * theory.ts by numerical integration from losSurvival alone.
 *
 * Tolerance: for every day, |simulated mean - theory| < 4 SE, the SE being the sample
 * standard deviation of that day's occupancy across independent replications over sqrt(R).
 * The horizon mean occupancy (average over days) is tested the same way; it is the most
 * sensitive check because day-to-day noise averages out.
 */
import { describe, expect, it } from 'vitest';
import { fitLos, type InitialResidual, type LosDistribution } from '../../src/engine/lengthOfStay.js';
import type { LosScenario } from '../../src/engine/model.js';
import { makeNode, max, Metric, replicate, sampleStats } from './helpers.js';
import { infiniteServerDailyOccupancy, ipacsResidualSurvival, stationaryResidualSurvival } from './theory.js';

const Z = 4;
const R = 400;

const sinusoid = Array.from({ length: 60 }, (_, i) => 3 + 2 * Math.sin((2 * Math.PI * (i + 1)) / 14));
const steps = [...Array(20).fill(2), ...Array(20).fill(6), ...Array(10).fill(0), ...Array(20).fill(4)] as number[];

interface Case {
  name: string;
  rates: number[];
  los: Omit<LosScenario, 'name'>;
  occupied: number;
  residual: InitialResidual;
  capacity: number;
}

const cases: Case[] = [
  { name: 'sinusoidal arrivals, lognormal (mean, median), 40 initial patients, ipacs residual', rates: sinusoid, los: { family: 'lnorm', mean: 12, median: 9 }, occupied: 40, residual: 'ipacs', capacity: 1e6 },
  { name: 'step arrivals with a zero-rate spell, lognormal (mean, sd), empty start', rates: steps, los: { family: 'lnorm', mean: 8, sd: 10 }, occupied: 0, residual: 'ipacs', capacity: 1e6 },
  { name: 'sinusoidal arrivals, lognormal, 40 initial patients, stationary residual', rates: sinusoid, los: { family: 'lnorm', mean: 12, median: 9 }, occupied: 40, residual: 'stationary', capacity: 1e6 },
  { name: 'step arrivals, truncated normal, 30 initial patients, ipacs residual, capacity Infinity', rates: steps, los: { family: 'norm', mean: 6, sd: 4 }, occupied: 30, residual: 'ipacs', capacity: Infinity },
  { name: 'sinusoidal arrivals, spread gamma (CV 1.5), 40 initial patients, stationary residual', rates: sinusoid, los: { family: 'gamma', mean: 10, sd: 15 }, occupied: 40, residual: 'stationary', capacity: 1e6 },
  { name: 'step arrivals, Weibull, 30 initial patients, ipacs residual', rates: steps, los: { family: 'weibull', mean: 7, sd: 4 }, occupied: 30, residual: 'ipacs', capacity: 1e6 },
  { name: 'sinusoidal arrivals, uniform, 40 initial patients, stationary residual', rates: sinusoid, los: { family: 'unif', mean: 9, sd: 4 }, occupied: 40, residual: 'stationary', capacity: 1e6 },
];

function initialSurvival(d: LosDistribution, residual: InitialResidual, days: number): (t: number) => number {
  return residual === 'ipacs' ? ipacsResidualSurvival(d) : stationaryResidualSurvival(d, days + 1);
}

describe('infinite-server node (unrestricted beds) against M_t/G/infinity theory', () => {
  for (const c of cases) {
    it(c.name, () => {
      const days = c.rates.length;
      const node = makeNode({ arrivals: [c.rates], capacity: [c.capacity], los: [c.los], occupied: c.occupied });
      const sim = replicate(node, days, R, { seed: 4242, initialResidual: c.residual });
      const d = fitLos(c.los);
      const theory = infiniteServerDailyOccupancy(c.rates, d, c.occupied, initialSurvival(d, c.residual, days));

      for (let day = 0; day < days; day++) {
        const stats = sampleStats(sim.column(Metric.occ, day));
        const z = Math.abs(stats.mean - theory[day]) / stats.se;
        expect(z, `day ${day + 1}: simulated ${stats.mean.toFixed(3)} +- ${stats.se.toFixed(3)}, theory ${theory[day].toFixed(3)}`).toBeLessThan(Z);
      }
      // Whole-horizon mean occupancy per replication against the mean of the daily theory.
      const horizon = sampleStats(sim.map((r) => sim.horizon(r, 'meanOccupancy')));
      const theoryMean = theory.reduce((a, b) => a + b, 0) / days;
      expect(Math.abs(horizon.mean - theoryMean) / horizon.se).toBeLessThan(Z);

      // Nobody waits at unrestricted capacity, and every referral is admitted the day it arrives.
      for (let r = 0; r < R; r++) {
        expect(max(sim.row(r, Metric.niq))).toBe(0);
        expect(Array.from(sim.row(r, Metric.admissions))).toEqual(Array.from(sim.row(r, Metric.arrivals)));
      }
    });
  }

  it('theory sanity: with no arrivals the occupancy is the initial cohort decaying, and it differs between residual rules', () => {
    // Guards the test itself: the two residual rules must give visibly different predictions,
    // otherwise the 'stationary' case above would not check the option at all.
    const d = fitLos({ family: 'lnorm', mean: 12, median: 9 });
    const zero = Array(30).fill(0) as number[];
    const ipacs = infiniteServerDailyOccupancy(zero, d, 40, ipacsResidualSurvival(d));
    const stationary = infiniteServerDailyOccupancy(zero, d, 40, stationaryResidualSurvival(d, 31));
    expect(ipacs[0]).toBeLessThanOrEqual(40);
    expect(ipacs[0]).toBeGreaterThan(39);
    for (let i = 1; i < 30; i++) expect(ipacs[i]).toBeLessThan(ipacs[i - 1]);
    expect(max(Array.from(ipacs, (v, i) => Math.abs(v - stationary[i])))).toBeGreaterThan(3);
  });
});
