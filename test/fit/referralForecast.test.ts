import { describe, expect, it } from 'vitest';
import { createStream, StreamPurpose } from '../../src/engine/random.js';
import { countDraw } from '../../src/fit/countSampling.js';
import { dayNumber, weekdayIndex } from '../../src/fit/days.js';
import { fitReferralModel, weekdayRatios } from '../../src/fit/referralModel.js';
import { forecastReferrals } from '../../src/fit/referralForecast.js';

/** Monday to Sunday: fewer referrals at weekends, as discharge teams see. */
const WEEKDAY_TRUTH = [1, 1.1, 1, 0.9, 1.2, 0.45, 0.35];
const FIRST_DAY = dayNumber('2025-01-06');

function trueMean(day: number, level: number): number {
  return level * WEEKDAY_TRUTH[weekdayIndex(day)] * Math.exp(0.2 * Math.cos((2 * Math.PI * day) / 365.25));
}

/** P(lo <= Y <= hi) for the true distribution's own 2.5 % and 97.5 % points lo and hi. */
function oracleCoverage(mean: number, theta: number): number {
  const cdf: number[] = [];
  // Poisson, or negative binomial by its pmf recursion.
  let p = Number.isFinite(theta) ? Math.pow(theta / (theta + mean), theta) : Math.exp(-mean);
  let sum = 0;
  for (let k = 0; sum < 0.999999; k++) {
    sum += p;
    cdf.push(sum);
    p *= Number.isFinite(theta) ? ((k + theta) / (k + 1)) * (mean / (theta + mean)) : mean / (k + 1);
  }
  const lo = cdf.findIndex((c) => c >= 0.025);
  const hi = cdf.findIndex((c) => c >= 0.975);
  return cdf[hi] - (lo > 0 ? cdf[lo - 1] : 0);
}

/** Daily counts from a known model: weekday pattern, an annual season of +-20 %, Poisson or negative binomial noise. */
function syntheticCounts(seed: number, days: number, level: number, theta = Infinity): number[] {
  const stream = createStream(seed, 7, 0, StreamPurpose.Arrivals);
  return Array.from({ length: days }, (_, i) => {
    return countDraw(trueMean(FIRST_DAY + i, level), theta, stream);
  });
}

describe('referral model', () => {
  it('recovers the day-of-week effects: each weekday ratio to Monday within 4 standard errors, and 95 % intervals cover at about 95 %', () => {
    let covered = 0;
    let intervals = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const model = fitReferralModel(syntheticCounts(seed, 400, 12), FIRST_DAY);
      expect(model.terms.weekday).toBe(true);
      const ratios = weekdayRatios(model);
      for (let weekday = 1; weekday < 7; weekday++) {
        const se = Math.sqrt(model.fit.covariance[weekday][weekday]);
        expect(Math.abs(Math.log(ratios[weekday].ratio) - Math.log(WEEKDAY_TRUTH[weekday]))).toBeLessThan(4 * se);
        intervals += 1;
        if (ratios[weekday].low <= WEEKDAY_TRUTH[weekday] && WEEKDAY_TRUTH[weekday] <= ratios[weekday].high) covered += 1;
      }
    }
    // 240 intervals: binomial SE sqrt(0.95 * 0.05 / 240) = 0.014; 3 SE either side.
    expect(covered / intervals).toBeGreaterThan(0.95 - 3 * 0.014);
    expect(covered / intervals).toBeLessThan(0.95 + 3 * 0.014);
  }, 120_000);

  it('finds the season over a year of data, and none over three months', () => {
    expect(fitReferralModel(syntheticCounts(3, 730, 12), FIRST_DAY).terms.harmonics).toBeGreaterThan(0);
    expect(fitReferralModel(syntheticCounts(3, 90, 12), FIRST_DAY).terms.harmonics).toBe(0);
  });

  it('chooses the negative binomial for overdispersed counts and the Poisson for Poisson counts', () => {
    expect(fitReferralModel(syntheticCounts(5, 400, 12, 4), FIRST_DAY).fit.family).toBe('negbin');
    expect(fitReferralModel(syntheticCounts(5, 400, 12), FIRST_DAY).fit.family).toBe('poisson');
  });

  for (const { label, theta } of [
    { label: 'Poisson', theta: Infinity },
    { label: 'negative binomial (theta 6)', theta: 6 },
  ]) {
    it(`95 % forecast intervals cover held-out ${label} counts at the rate an interval of whole counts can`, () => {
      const observedDays = 400;
      // Four days of the 181-day horizon per seed, far apart, so the trials are nearly independent.
      const heldOut = [20, 65, 110, 155];
      let covered = 0;
      let oracle = 0;
      let trials = 0;
      for (let seed = 100; seed < 200; seed++) {
        const counts = syntheticCounts(seed, observedDays + 181, 10, theta);
        const model = fitReferralModel(counts.slice(0, observedDays), FIRST_DAY);
        const forecast = forecastReferrals(model, FIRST_DAY + observedDays, 181, seed, 'P1_A');
        for (const d of heldOut) {
          trials += 1;
          const count = counts[observedDays + d];
          if (forecast.low[d] <= count && count <= forecast.high[d]) covered += 1;
          oracle += oracleCoverage(trueMean(FIRST_DAY + observedDays + d, 10), theta);
        }
      }
      // Counts are whole, so even the true distribution's own 2.5-97.5 % interval, ends included,
      // holds more than 95 % (about 97.6 % for a Poisson of mean 10). The forecast must cover at
      // that rate: within 3 binomial SEs, sqrt(p (1 - p) / 400) = 0.008 to 0.011 here.
      const expected = oracle / trials;
      expect(expected).toBeGreaterThanOrEqual(0.95);
      const se = Math.sqrt((expected * (1 - expected)) / trials);
      expect(Math.abs(covered / trials - expected)).toBeLessThan(3 * se);
    }, 240_000);
  }

  it('gives the same interval for the same seed', () => {
    const model = fitReferralModel(syntheticCounts(9, 120, 6), FIRST_DAY);
    expect(forecastReferrals(model, FIRST_DAY + 120, 30, 4, 'P2_B')).toEqual(forecastReferrals(model, FIRST_DAY + 120, 30, 4, 'P2_B'));
  });
});
