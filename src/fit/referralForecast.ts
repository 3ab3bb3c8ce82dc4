/**
 * Referrals forecast over the planning horizon with 95 % prediction intervals.
 *
 * The mean is the fitted model's expected count on each day. The interval is by parametric
 * simulation: each draw takes coefficients from their estimated sampling distribution (a
 * multivariate normal at the estimates with the inverse Fisher information as covariance), then
 * a count from the family (Poisson, or negative binomial at the estimated theta) around that
 * draw's mean; the interval is the draws' 2.5 % and 97.5 % points, so it holds both the
 * uncertainty of the fit and the day-to-day noise of counts. Seeded: same seed, same interval.
 */
import { createStream, hashString, standardNormal, StreamPurpose } from '../engine/random.js';
import { cholesky } from './linearAlgebra.js';
import { countDraw } from './countSampling.js';
import { designRow } from './referralDesign.js';
import { expectedReferrals, type ReferralModel } from './referralModel.js';

export const FORECAST_SIMULATIONS = 2000;

export interface ReferralForecast {
  /** Day number of the first forecast day. */
  firstDay: number;
  mean: number[];
  /** 95 % prediction interval of the day's count. */
  low: number[];
  high: number[];
  /** Upper 95 % limit of the day's expected count (the coefficients' uncertainty alone): a planning scenario of referrals as high as the data allow. */
  rateHigh: number[];
  /**
   * 95 % prediction interval of the mean referrals a day over each week of the horizon (weeks
   * from its first day; the last may be shorter), given for every day of the week: what a
   * chart of weekly means is compared with.
   */
  weekLow: number[];
  weekHigh: number[];
}

export function forecastReferrals(model: ReferralModel, firstDay: number, days: number, seed: number, streamKey: string): ReferralForecast {
  const mean = Array.from({ length: days }, (_, d) => expectedReferrals(model, firstDay + d));
  const draws = Array.from({ length: days }, () => new Float64Array(FORECAST_SIMULATIONS));
  const rates = Array.from({ length: days }, () => new Float64Array(FORECAST_SIMULATIONS));
  const factor = cholesky(model.fit.covariance);
  const stream = createStream(seed, hashString(`referrals:${streamKey}`), 0, StreamPurpose.Arrivals);
  const size = model.fit.coefficients.length;
  const rows = Array.from({ length: days }, (_, d) => designRow(model.terms, firstDay + d, model.centre));
  for (let s = 0; s < FORECAST_SIMULATIONS; s++) {
    const z = Array.from({ length: size }, () => standardNormal(stream));
    const coefficients = model.fit.coefficients.map((estimate, i) => {
      let shift = 0;
      for (let k = 0; k <= i; k++) shift += factor[i][k] * z[k];
      return estimate + shift;
    });
    for (let d = 0; d < days; d++) {
      let eta = 0;
      for (let j = 0; j < size; j++) eta += rows[d][j] * coefficients[j];
      rates[d][s] = Math.exp(eta);
      draws[d][s] = countDraw(rates[d][s], model.fit.theta, stream);
    }
  }
  const { weekLow, weekHigh } = weeklyIntervals(draws);
  const low: number[] = [];
  const high: number[] = [];
  for (const column of draws) {
    column.sort();
    low.push(column[Math.floor(0.025 * (FORECAST_SIMULATIONS - 1))]);
    high.push(column[Math.ceil(0.975 * (FORECAST_SIMULATIONS - 1))]);
  }
  const rateHigh = rates.map((column) => column.sort()[Math.ceil(0.975 * (FORECAST_SIMULATIONS - 1))]);
  return { firstDay, mean, low, high, rateHigh, weekLow, weekHigh };
}

/** Before the daily columns are sorted: each simulation's weekly mean is its own days' mean. */
function weeklyIntervals(draws: readonly Float64Array[]): { weekLow: number[]; weekHigh: number[] } {
  const weekLow: number[] = [];
  const weekHigh: number[] = [];
  for (let start = 0; start < draws.length; start += 7) {
    const week = draws.slice(start, start + 7);
    const means = new Float64Array(FORECAST_SIMULATIONS);
    for (let s = 0; s < FORECAST_SIMULATIONS; s++) {
      let sum = 0;
      for (const day of week) sum += day[s];
      means[s] = sum / week.length;
    }
    means.sort();
    for (let d = 0; d < week.length; d++) {
      weekLow.push(means[Math.floor(0.025 * (FORECAST_SIMULATIONS - 1))]);
      weekHigh.push(means[Math.ceil(0.975 * (FORECAST_SIMULATIONS - 1))]);
    }
  }
  return { weekLow, weekHigh };
}
