/**
 * The backtest against a synthetic truth: "what happened" is one replication of a known model
 * under a seed the backtest never uses. Statistical, with fixed seeds; each tolerance is
 * three standard errors of a binomial share over independent seeds (one day per seed for the
 * band, since neighbouring days of one path are correlated).
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestOptions } from '../../src/backtest/backtest.js';
import { matchSeries } from '../../src/backtest/backtestSeries.js';
import { simulateJob, type BacktestJob } from '../../src/backtest/backtestJobs.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { observedRows, observedTruth, TRUE_CAPACITY, TRUE_MEAN_LOS, truthModel, twoLocalityModel } from './syntheticTruth.js';

const inProcess = async (jobs: readonly BacktestJob[]) => jobs.map(simulateJob);
const DAYS = 60;
const REPLICATIONS = 100;

async function backtestAgainst(model: ModelSpec, observed: readonly number[], options: BacktestOptions, node?: string) {
  const rows = observedRows(model, observed, node);
  const match = matchSeries(model, rows, { file: 'observed.csv', lines: rows.map((_, i) => i + 2) });
  if (!match.ok) throw new Error(match.problems.join('\n'));
  return runBacktest(model, match.series, options, inProcess);
}

function binomialSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/**
 * From R replications the 2.5–97.5 % type-7 band holds a new draw with probability
 * (R - 1) x 0.95 / (R + 1) = 0.931 for continuous values; days with nobody delayed (ties at 0)
 * can only raise it, up to 0.95 and a little above. Both within 3 binomial standard errors.
 */
function expectBandCoverage(inside: number, seeds: number): void {
  const expected = ((REPLICATIONS - 1) * 0.95) / (REPLICATIONS + 1);
  const coverage = inside / seeds;
  expect(coverage).toBeGreaterThanOrEqual(expected - 3 * binomialSe(expected, seeds));
  expect(coverage).toBeLessThanOrEqual(0.95 + 3 * binomialSe(0.95, seeds));
}

describe('backtest against a synthetic truth', () => {
  it('the band holds the truth at its stated rate (200 seeds, one day each)', async () => {
    const seeds = 200;
    const model = truthModel(TRUE_CAPACITY, DAYS);
    let inside = 0;
    for (let k = 0; k < seeds; k++) {
      const result = await backtestAgainst(model, observedTruth(model, 100_000 + k), { replications: REPLICATIONS, seed: k });
      if (result.fits[0].points[k % DAYS].inside) inside++;
    }
    expectBandCoverage(inside, seeds);
  }, 600_000);

  it('calibration from a model with the wrong capacity holds the true capacity in about 95 % of seeds (60 seeds)', async () => {
    const seeds = 60;
    const truth = truthModel(TRUE_CAPACITY, DAYS);
    const wrong = truthModel(17, DAYS);
    let covered = 0;
    const widths: number[] = [];
    const estimates: number[] = [];
    for (let k = 0; k < seeds; k++) {
      const result = await backtestAgainst(wrong, observedTruth(truth, 100_000 + k), { replications: REPLICATIONS, seed: k, calibrate: 'capacity' });
      const c = result.calibrations[0];
      expect(c.modelValue).toBe(17);
      if (c.valueLow <= TRUE_CAPACITY && TRUE_CAPACITY <= c.valueHigh) covered++;
      widths.push(c.valueHigh - c.valueLow);
      estimates.push(c.value);
    }
    expect(covered / seeds).toBeGreaterThanOrEqual(0.95 - 3 * binomialSe(0.95, seeds));
    // Not covering by being vacuous: the grid spans 8 to 25 beds, the intervals far less.
    expect(widths.reduce((a, b) => a + b) / seeds).toBeLessThan(10);
    // And centred on the truth: the median estimate within 2 beds of it (estimates spread
    // about 2 beds a seed, so the median of 60 has a standard error near 0.3 beds).
    estimates.sort((a, b) => a - b);
    expect(Math.abs(estimates[seeds / 2] - TRUE_CAPACITY)).toBeLessThanOrEqual(2);
  }, 900_000);

  it('the band of a pathway series, summed replication by replication over its nodes, holds the summed truth (200 seeds, one day each)', async () => {
    const seeds = 200;
    const model = twoLocalityModel(DAYS);
    let inside = 0;
    for (let k = 0; k < seeds; k++) {
      const a = observedTruth(model, 200_000 + k, 0);
      const b = observedTruth(model, 300_000 + k, 1);
      const result = await backtestAgainst(model, a.map((v, d) => v + b[d]), { replications: REPLICATIONS, seed: k }, '');
      expect(result.fits[0].name).toBe('P2');
      if (result.fits[0].points[k % DAYS].inside) inside++;
    }
    expectBandCoverage(inside, seeds);
  }, 600_000);

  it('calibration of length of stay from a model whose stays are 20 % too short holds the true mean in at least 16 of 20 seeds', async () => {
    const seeds = 20;
    const truth = truthModel(TRUE_CAPACITY, DAYS);
    // Stays of the same shape, shorter by a factor 1.25: the grid's ×1.25 is the truth.
    const wrong = truthModel(TRUE_CAPACITY, DAYS, { mean: TRUE_MEAN_LOS / 1.25, sd: 3 / 1.25 });
    let covered = 0;
    for (let k = 0; k < seeds; k++) {
      const result = await backtestAgainst(wrong, observedTruth(truth, 400_000 + k), { replications: REPLICATIONS, seed: k, calibrate: 'los' });
      const c = result.calibrations[0];
      expect(c.modelValue).toBeCloseTo(TRUE_MEAN_LOS / 1.25, 12);
      if (c.low <= 1.25 && 1.25 <= c.high) covered++;
    }
    // Were coverage 0.95, fewer than 16 of 20 would happen with probability 0.3 %.
    expect(covered).toBeGreaterThanOrEqual(16);
  }, 900_000);
});
