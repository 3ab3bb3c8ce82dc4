/**
 * Calibration: the multiplier of a series' capacity (or length of stay) that best reproduces
 * the observed delays, and how sure the data let us be of it (docs/backtest.md, "Calibration").
 *
 * Every multiplier of a grid is simulated with the same replications (common random numbers,
 * so losses differ by the multiplier and not by noise). The estimate minimises the squared
 * error of the simulated mean against what was observed. Its 95 % interval is a parametric
 * bootstrap that costs no further simulation: each replication at the estimate is a series
 * that could have been observed had the estimate been true; calibrating against it, with means
 * over the other replications, gives one draw of the estimate, and the 2.5th to 97.5th
 * percentile of those draws is the interval. Whole simulated series are resampled, so the
 * correlation between days is carried into the interval.
 */
import { pointValues } from './bandComparison.js';
import type { BacktestSeries } from './backtestSeries.js';

/** ×0.5 to ×1.5 in steps of 0.025: 41 simulations a series. */
export const DEFAULT_MULTIPLIERS: readonly number[] = Array.from({ length: 41 }, (_, i) => Math.round((0.5 + i * 0.025) * 1000) / 1000);

export interface MultiplierFit {
  /** The multiplier of least loss, ties broken towards 1 (the model as it is). */
  estimate: number;
  low: number;
  high: number;
  /** Sum over points of (simulated mean - observed)^2 at each multiplier, in grid order. */
  losses: number[];
  /** The interval reaches the least or greatest multiplier tried: the truth may lie beyond. */
  atEdge: boolean;
}

/** Grid index of least loss; exact ties (the same simulation, e.g. beds rounding to the same whole number) go to the multiplier nearest 1. */
function argmin(losses: ArrayLike<number>, multipliers: readonly number[]): number {
  let best = 0;
  for (let g = 1; g < losses.length; g++) {
    const better = losses[g] < losses[best] || (losses[g] === losses[best] && Math.abs(multipliers[g] - 1) < Math.abs(multipliers[best] - 1));
    if (better) best = g;
  }
  return best;
}

/**
 * `pathsByMultiplier[g]`: the series' summed daily delays (`[r * days + d]`) simulated at
 * `multipliers[g]`, every grid point with the same replications.
 */
export function calibrateSeries(series: BacktestSeries, multipliers: readonly number[], pathsByMultiplier: readonly Float64Array[], days: number, replications: number): MultiplierFit {
  const points = series.points.length;
  const values = pathsByMultiplier.map((paths) => pointValues(series.points, paths, days, replications));
  const means = values.map((v) => {
    const m = new Float64Array(points);
    for (let p = 0; p < points; p++) {
      let sum = 0;
      for (let r = 0; r < replications; r++) sum += v[p * replications + r];
      m[p] = sum / replications;
    }
    return m;
  });
  const losses = means.map((m) => series.points.reduce((sum, point, p) => sum + (m[p] - point.observed) ** 2, 0));
  const best = argmin(losses, multipliers);
  const draws = bootstrapDraws(values, means, best, multipliers, points, replications);
  draws.sort();
  // Order statistics on the grid, taken outwards, so the interval is made of multipliers tried.
  const low = Math.min(draws[Math.floor(0.025 * (replications - 1))], multipliers[best]);
  const high = Math.max(draws[Math.ceil(0.975 * (replications - 1))], multipliers[best]);
  const atEdge = low <= multipliers[0] || high >= multipliers[multipliers.length - 1];
  return { estimate: multipliers[best], low, high, losses, atEdge };
}

/** The estimate calibrated against each replication at `best` in turn, with means left out that replication. */
function bootstrapDraws(values: Float64Array[], means: Float64Array[], best: number, multipliers: readonly number[], points: number, replications: number): Float64Array {
  const draws = new Float64Array(replications);
  const losses = new Float64Array(multipliers.length);
  const others = replications - 1;
  for (let r = 0; r < replications; r++) {
    for (let g = 0; g < multipliers.length; g++) {
      let loss = 0;
      for (let p = 0; p < points; p++) {
        const pseudoObserved = values[best][p * replications + r];
        const meanOfOthers = others > 0 ? (means[g][p] * replications - values[g][p * replications + r]) / others : means[g][p];
        loss += (meanOfOthers - pseudoObserved) ** 2;
      }
      losses[g] = loss;
    }
    draws[r] = multipliers[argmin(losses, multipliers)];
  }
  return draws;
}
