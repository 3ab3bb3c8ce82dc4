/**
 * The backtest against a synthetic truth: "what happened" is one replication of a known model
 * under a seed the backtest never uses. Statistical, with fixed seeds; each tolerance is
 * three standard errors of a binomial share over independent seeds (one day per seed for the
 * band, since neighbouring days of one path are correlated).
 */
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestOptions } from '../../src/backtest/backtest.js';
import { matchSeries } from '../../src/backtest/backtestSeries.js';
import { simulateDelays, type DelayJob } from '../../src/backtest/simulatedDelays.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { observedRows, observedTruth, TRUE_CAPACITY, truthModel } from './syntheticTruth.js';

const inProcess = async (jobs: readonly DelayJob[]) => jobs.map(simulateDelays);
const DAYS = 60;
const REPLICATIONS = 100;

async function backtestAgainst(model: ModelSpec, observed: readonly number[], options: BacktestOptions) {
  const rows = observedRows(model, observed);
  const match = matchSeries(model, rows, { file: 'observed.csv', lines: rows.map((_, i) => i + 2) });
  if (!match.ok) throw new Error(match.problems.join('\n'));
  return runBacktest(model, match.series, options, inProcess);
}

function binomialSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
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
    // From R replications the 2.5–97.5 % type-7 band holds a new draw with probability
    // (R - 1) x 0.95 / (R + 1) = 0.931 for continuous values; days with nobody delayed (ties
    // at 0) can only raise it, up to 0.95 and a little above.
    const expected = ((REPLICATIONS - 1) * 0.95) / (REPLICATIONS + 1);
    const coverage = inside / seeds;
    expect(coverage).toBeGreaterThanOrEqual(expected - 3 * binomialSe(expected, seeds));
    expect(coverage).toBeLessThanOrEqual(0.95 + 3 * binomialSe(0.95, seeds));
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
});
