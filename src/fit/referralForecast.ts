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
  low: number[];
  high: number[];
}

export function forecastReferrals(model: ReferralModel, firstDay: number, days: number, seed: number, streamKey: string): ReferralForecast {
  const mean = Array.from({ length: days }, (_, d) => expectedReferrals(model, firstDay + d));
  const draws = Array.from({ length: days }, () => new Float64Array(FORECAST_SIMULATIONS));
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
      draws[d][s] = countDraw(Math.exp(eta), model.fit.theta, stream);
    }
  }
  const low: number[] = [];
  const high: number[] = [];
  for (const column of draws) {
    column.sort();
    low.push(column[Math.floor(0.025 * (FORECAST_SIMULATIONS - 1))]);
    high.push(column[Math.ceil(0.975 * (FORECAST_SIMULATIONS - 1))]);
  }
  return { firstDay, mean, low, high };
}
