/**
 * Calibration: the multiplier of a series' capacity (or length of stay) that best reproduces
 * the observed delays, and how sure the data let us be of it (docs/backtest.md, "Calibration").
 *
 * Every multiplier of a grid is simulated with the same replications (common random numbers,
 * so losses differ by the multiplier and not by noise). The estimate minimises the squared
 * error of the simulated mean against what was observed. Its 95 % interval holds every
 * multiplier whose fit is not significantly worse than the best: how much worse a multiplier
 * fits than the best one, for what was observed, is set against the same figure for each of
 * its own replications taken as if observed (a Monte Carlo test). Were that multiplier the
 * truth, what was observed would be one more such series, so it is kept out with
 * probability 5 %. Whole simulated series are used, so the correlation between days is
 * carried into the interval, and the test costs no simulation beyond the grid.
 */
import { pointValues } from './bandComparison.js';
import type { BacktestSeries } from './backtestSeries.js';

/** ×0.5 to ×1.5 in steps of 0.025: 41 simulations a series. */
export const DEFAULT_MULTIPLIERS: readonly number[] = Array.from({ length: 41 }, (_, i) => Math.round((0.5 + i * 0.025) * 1000) / 1000);

export interface MultiplierFit {
  /** The multiplier of least loss, ties broken towards 1 (the model as it is). */
  estimate: number;
  /** The least and greatest multiplier whose fit is not significantly worse than the estimate's. */
  low: number;
  high: number;
  /** Sum over points of (simulated mean - observed)^2 at each multiplier, in grid order. */
  losses: number[];
  /** The interval reaches the least or greatest multiplier tried: the truth may lie beyond. */
  atEdge: boolean;
  /**
   * How plausible what was observed is even at the estimate: the Monte Carlo p-value of its
   * loss among the estimate's own replications' losses. Small (below 0.05): no multiplier of
   * this parameter alone makes the model reproduce what happened.
   */
  fitPValue: number;
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
  if (replications < 2) throw new RangeError('calibration needs at least 2 replications: each is set against the others');
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
  const kept = notWorseThanBest(values, means, losses, multipliers, points, replications);
  const keptMultipliers = multipliers.filter((_, g) => kept[g]);
  const low = Math.min(...keptMultipliers);
  const high = Math.max(...keptMultipliers);
  const atEdge = low <= multipliers[0] || high >= multipliers[multipliers.length - 1];
  const fitPValue = plausibilityAt(values, means, losses[best], best, points, replications);
  return { estimate: multipliers[best], low, high, losses, atEdge, fitPValue };
}

/**
 * (1 + replications at `best` fitting no better than what was observed) / (replications + 1).
 * Each replication is calibrated as what was observed was (its least loss over the grid), so
 * the estimate's being fitted to the observed series does not make it look better than it is.
 */
function plausibilityAt(values: Float64Array[], means: Float64Array[], observedLoss: number, best: number, points: number, replications: number): number {
  const losses = new Float64Array(values.length);
  let asBad = 0;
  for (let r = 0; r < replications; r++) {
    lossesAgainst(values, means, best, r, points, replications, losses);
    let least = Infinity;
    for (const loss of losses) if (loss < least) least = loss;
    if (least >= observedLoss) asBad++;
  }
  return (1 + asBad) / (replications + 1);
}

/** Losses of every multiplier against replication r at multiplier `at`, with means that leave replication r out. */
function lossesAgainst(values: Float64Array[], means: Float64Array[], at: number, r: number, points: number, replications: number, out: Float64Array): void {
  const others = replications - 1;
  for (let g = 0; g < values.length; g++) {
    let loss = 0;
    for (let p = 0; p < points; p++) {
      const meanOfOthers = (means[g][p] * replications - values[g][p * replications + r]) / others;
      loss += (meanOfOthers - values[at][p * replications + r]) ** 2;
    }
    out[g] = loss;
  }
}

/**
 * For each multiplier, whether the observed excess loss (its loss minus the least) is no
 * more than the test allows: its Monte Carlo p-value, (1 + replications fitting at least as
 * badly) / (replications + 1), above 5 %. The best multiplier is always kept.
 */
function notWorseThanBest(values: Float64Array[], means: Float64Array[], observedLosses: readonly number[], multipliers: readonly number[], points: number, replications: number): boolean[] {
  const least = Math.min(...observedLosses);
  const losses = new Float64Array(multipliers.length);
  return multipliers.map((_, g) => {
    const observedExcess = observedLosses[g] - least;
    if (observedExcess === 0) return true;
    let asBad = 0;
    for (let r = 0; r < replications; r++) {
      lossesAgainst(values, means, g, r, points, replications, losses);
      let min = Infinity;
      for (const loss of losses) if (loss < min) min = loss;
      if (losses[g] - min >= observedExcess) asBad++;
    }
    return (1 + asBad) / (replications + 1) > 0.05;
  });
}
