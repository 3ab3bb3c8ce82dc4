/**
 * The figures of a backtest on paths made by hand, where every answer can be worked out.
 */
import { describe, expect, it } from 'vitest';
import { compareSeries, errorFigures, pointValues } from '../../src/backtest/bandComparison.js';
import type { BacktestSeries } from '../../src/backtest/backtestSeries.js';
import { calibrateSeries } from '../../src/backtest/calibration.js';
import { backtestCsv, backtestSummaryCsv } from '../../src/backtest/backtestFiles.js';

const DAYS = 7;

/** Replication r's delays are r on every day, plus `shift`. */
function paths(replications: number, shift = 0): Float64Array {
  const out = new Float64Array(replications * DAYS);
  for (let r = 0; r < replications; r++) out.fill(r + shift, r * DAYS, (r + 1) * DAYS);
  return out;
}

function series(points: Array<[number, number, number]>): BacktestSeries {
  return {
    name: '=P2 (X)',
    nodes: [0],
    points: points.map(([first, count, observed]) => ({ grain: count === 7 ? 'week' : 'day', date: `2025-01-0${first + 1}`, observed, window: { first, count } })),
    skipped: { suppressed: 1, outsideHorizon: 2, missing: 0 },
  };
}

describe('band comparison', () => {
  it('averages a week over its days, replication by replication', () => {
    const p = new Float64Array(2 * DAYS);
    p.set([0, 1, 2, 3, 4, 5, 6], 0);
    p.set([7, 7, 7, 7, 7, 7, 7], DAYS);
    expect(Array.from(pointValues(series([[0, 7, 0], [2, 1, 0]]).points, p, DAYS, 2))).toEqual([3, 7, 2, 7]);
  });

  it('takes the band as the type-7 2.5 and 97.5 percentiles over replications, and counts a point on its edge as inside', () => {
    // Replications 0..100: the mean is 50, the percentiles 2.5 and 97.5 exactly.
    const fit = compareSeries(series([[0, 1, 2.5], [1, 1, 97.6], [0, 7, 50]]), paths(101), DAYS, 101);
    expect(fit.points.map((p) => [p.simMean, p.simLow, p.simHigh, p.inside])).toEqual([
      [50, 2.5, 97.5, true],
      [50, 2.5, 97.5, false],
      [50, 2.5, 97.5, true],
    ]);
    expect(fit.coverage).toBeCloseTo(2 / 3, 12);
  });

  it('reports bias as simulated minus observed, with MAE and RMSE', () => {
    const figures = errorFigures([
      { observed: 10, simMean: 12, inside: true },
      { observed: 10, simMean: 6, inside: false },
    ]);
    expect(figures).toEqual({ coverage: 0.5, bias: -1, mae: 3, rmse: Math.sqrt(10) });
    expect(errorFigures([])).toEqual({ coverage: NaN, bias: NaN, mae: NaN, rmse: NaN });
  });

  it('writes backtest.csv and backtest_summary.csv with names guarded against formulas', () => {
    const fit = compareSeries(series([[0, 1, 2.5]]), paths(101), DAYS, 101);
    expect(backtestCsv([fit])).toBe('series,date,grain,observed,sim_mean,sim_low95,sim_high95,inside\n\'=P2 (X),2025-01-01,day,2.5,50,2.5,97.5,1\n');
    expect(backtestSummaryCsv([fit])).toBe(
      'series,points,skipped,coverage,bias,mae,rmse,skipped_suppressed,skipped_outside_horizon,skipped_missing\n\'=P2 (X),1,3,1,47.5,47.5,47.5,1,2,0\n',
    );
  });
});

describe('calibration on made-up paths', () => {
  // Multiplier g shifts every replication by g, so the mean at g is 2 + g for 5 replications 0..4.
  const multipliers = [0, 1, 2, 3, 4, 5, 6];
  const grid = multipliers.map((g) => paths(5, g));

  it('estimates the multiplier whose mean matches what was observed; five replications cannot rule out any other', () => {
    const observed = series([[0, 1, 5], [3, 1, 5]]);
    const fit = calibrateSeries(observed, multipliers, grid, DAYS, 5);
    expect(fit.estimate).toBe(3);
    expect(fit.losses).toEqual([18, 8, 2, 0, 2, 8, 18]);
    // The least Monte Carlo p-value 5 replications can give is 1/6, above 0.05: the interval
    // is the whole grid, and says it reaches its edge.
    expect([fit.low, fit.high, fit.atEdge]).toEqual([0, 6, true]);
    expect(fit.fitPValue).toBe(1);
  });

  it('says when even the best multiplier cannot reproduce what happened', () => {
    const impossible = series([[0, 1, 100], [3, 1, 100]]);
    const fit = calibrateSeries(impossible, multipliers, multipliers.map((g) => paths(40, g)), DAYS, 40);
    expect(fit.estimate).toBe(6);
    expect(fit.atEdge).toBe(true);
    expect(fit.fitPValue).toBeCloseTo(1 / 41, 12);
  });

  it('breaks exact ties towards the model as it is (multiplier 1)', () => {
    const same = [0.5, 0.75, 1, 1.25, 1.5].map(() => paths(5));
    const fit = calibrateSeries(series([[0, 1, 2]]), [0.5, 0.75, 1, 1.25, 1.5], same, DAYS, 5);
    expect(fit.estimate).toBe(1);
    expect([fit.low, fit.high]).toEqual([0.5, 1.5]);
  });
});
