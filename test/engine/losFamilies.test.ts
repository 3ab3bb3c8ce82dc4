/**
 * The gamma, Weibull and uniform lengths of stay (PathSimR's families) against theory:
 * fits that reproduce the stated mean and sd, draws whose mean, variance and distribution
 * match, the quantile and survival functions inverse to each other, and the residual stays of
 * patients in service at time 0.
 *
 * Statistical assertions use fixed seeds and |estimate - theory| < 4 SE, the SE from theory:
 * sd / sqrt(n) for the mean, sqrt((mu4 - sigma^4) / n) for the sample variance (mu4 the
 * central fourth moment). A correct sampler fails one with probability about 6e-5; the seeds
 * are fixed, so the outcome is reproducible either way.
 */
import { describe, expect, it } from 'vitest';
import { losCoefficientOfVariation } from '../../src/engine/analytic.js';
import { logGamma } from '../../src/engine/gammaFunction.js';
import { fitLos, LosFitError, losQuantile, losSurvival, sampleLos, sampleResidualLos, type LosDistribution } from '../../src/engine/lengthOfStay.js';
import type { LosFamily } from '../../src/engine/model.js';
import { createStream, hashString, StreamPurpose } from '../../src/engine/random.js';
import { sampleStats, simpson } from './helpers.js';
import { stationaryResidualSurvival } from './theory.js';

const SEED = 20261205;
const KEY = hashString('los families');
const Z = 4;
const N = 100_000;

type Family = Extract<LosFamily, 'gamma' | 'weibull' | 'unif'>;

/** Several shapes per family: near-exponential, spread (CV 1.5), narrow, and at the edges the fits accept. */
const CASES: Array<{ family: Family; mean: number; sd: number }> = [
  { family: 'gamma', mean: 10, sd: 5 },
  { family: 'gamma', mean: 20, sd: 30 },
  { family: 'gamma', mean: 5, sd: 1 },
  { family: 'weibull', mean: 10, sd: 5 },
  { family: 'weibull', mean: 20, sd: 30 },
  { family: 'weibull', mean: 5, sd: 1 },
  { family: 'unif', mean: 10, sd: 5 },
  { family: 'unif', mean: 6, sd: 6 / Math.sqrt(3) }, // lower end exactly 0
  { family: 'unif', mean: 3, sd: 0.5 },
];

const label = (c: { family: string; mean: number; sd: number }) => `${c.family} mean ${c.mean} sd ${Number(c.sd.toPrecision(4))}`;

/** Raw moment E[X^k], in closed form for each family. */
function rawMoment(d: LosDistribution, k: number): number {
  switch (d.family) {
    case 'gamma': // shape mu, scale sigma: scale^k Gamma(shape + k) / Gamma(shape)
      return Math.exp(k * Math.log(d.sigma) + logGamma(d.mu + k) - logGamma(d.mu));
    case 'weibull': // shape mu, scale sigma: scale^k Gamma(1 + k / shape)
      return d.sigma ** k * Math.exp(logGamma(1 + k / d.mu));
    case 'unif': // on [mu, sigma]: (b^(k+1) - a^(k+1)) / ((k + 1)(b - a))
      return (d.sigma ** (k + 1) - d.mu ** (k + 1)) / ((k + 1) * (d.sigma - d.mu));
    default:
      throw new Error(`no closed-form moments here for ${d.family}`);
  }
}

function centralFourthMoment(d: LosDistribution): number {
  const [m1, m2, m3, m4] = [1, 2, 3, 4].map((k) => rawMoment(d, k));
  return m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
}

function draws(n: number, draw: (stream: ReturnType<typeof createStream>) => number, replication: number, purpose: StreamPurpose = StreamPurpose.LengthOfStay): Float64Array {
  const stream = createStream(SEED, KEY, replication, purpose);
  return Float64Array.from({ length: n }, () => draw(stream));
}

/** Kolmogorov-Smirnov distance between a sample and the distribution function 1 - S. */
function ksDistance(values: Float64Array, survival: (t: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let distance = 0;
  for (let i = 0; i < n; i++) {
    const F = 1 - survival(sorted[i]);
    distance = Math.max(distance, (i + 1) / n - F, F - i / n);
  }
  return distance;
}

describe('fits of gamma, Weibull and uniform from mean and sd', () => {
  for (const c of CASES) {
    it(`${label(c)}: the fitted distribution has exactly that mean and sd`, () => {
      const d = fitLos(c);
      expect(d.mean).toBe(c.mean);
      const m1 = rawMoment(d, 1);
      expect(Math.abs(m1 - c.mean)).toBeLessThan(1e-12 * c.mean);
      expect(Math.abs(Math.sqrt(rawMoment(d, 2) - m1 * m1) - c.sd)).toBeLessThan(1e-9 * c.sd);
      expect(losCoefficientOfVariation(d)).toBeCloseTo(c.sd / c.mean, 9);
      // The mean again, independently of the closed forms: the integral of the survival function.
      // A shape below 1 puts a cusp t^shape in S at 0 that Simpson's rule resolves only to about 1e-4.
      const upper = d.family === 'unif' ? d.sigma : 40 * c.mean;
      const cusp = d.family !== 'unif' && d.mu < 1;
      expect(simpson((t) => losSurvival(d, t), 0, upper, 20_000)).toBeCloseTo(c.mean, cusp ? 3 : 6);
    });
  }

  it('gamma is shape (mean/sd)^2, scale sd^2/mean; uniform is mean -+ sqrt(3) sd', () => {
    const gamma = fitLos({ family: 'gamma', mean: 12, sd: 6 });
    expect([gamma.mu, gamma.sigma]).toEqual([4, 3]);
    const uniform = fitLos({ family: 'unif', mean: 10, sd: 2 });
    expect(uniform.mu).toBeCloseTo(10 - 2 * Math.sqrt(3), 14);
    expect(uniform.sigma).toBeCloseTo(10 + 2 * Math.sqrt(3), 14);
  });

  it('Weibull of CV 1 is the exponential (shape 1), and the widest and narrowest accepted spreads fit', () => {
    const exponential = fitLos({ family: 'weibull', mean: 7, sd: 7 });
    expect(exponential.mu).toBeCloseTo(1, 12);
    expect(exponential.sigma).toBeCloseTo(7, 11);
    for (const sd of [100, 0.01]) {
      const d = fitLos({ family: 'weibull', mean: 10, sd });
      expect(losCoefficientOfVariation(d)).toBeCloseTo(sd / 10, 9);
    }
  });

  it("gives back PathSimR's own parameters from the mean and sd docs/model.md converts them to", () => {
    // PathSimR gamma shape 2.5; rate 0.4, Weibull shape 1.7; scale 5, unif 2; 9 (R's parameters).
    const gamma = fitLos({ family: 'gamma', mean: 2.5 / 0.4, sd: Math.sqrt(2.5) / 0.4 });
    expect(gamma.mu).toBeCloseTo(2.5, 12);
    expect(gamma.sigma).toBeCloseTo(1 / 0.4, 12);
    const [g1, g2] = [1, 2].map((k) => Math.exp(logGamma(1 + k / 1.7)));
    const weibull = fitLos({ family: 'weibull', mean: 5 * g1, sd: 5 * Math.sqrt(g2 - g1 * g1) });
    expect(weibull.mu).toBeCloseTo(1.7, 10);
    expect(weibull.sigma).toBeCloseTo(5, 10);
    const uniform = fitLos({ family: 'unif', mean: (2 + 9) / 2, sd: (9 - 2) / Math.sqrt(12) });
    expect(uniform.mu).toBeCloseTo(2, 12);
    expect(uniform.sigma).toBeCloseTo(9, 12);
  });

  it('a uniform of sd 0 is a fixed stay', () => {
    const d = fitLos({ family: 'unif', mean: 4, sd: 0 });
    expect(losQuantile(d, 0.3)).toBe(4);
    expect([losSurvival(d, 3.99), losSurvival(d, 4)]).toEqual([1, 0]);
  });

  it('refuses what cannot be fitted, saying why', () => {
    const fails = (input: Parameters<typeof fitLos>[0], message: RegExp) => {
      expect(() => fitLos(input)).toThrow(LosFitError);
      expect(() => fitLos(input)).toThrow(message);
    };
    fails({ family: 'unif', mean: 10, sd: 8 }, /^a uniform length of stay with mean_los 10 and sd_los 8 would start below 0 days \(mean - √3 sd = -3\.85641\); sd_los can be at most 5\.7735$/);
    fails({ family: 'unif', mean: 10 }, /uniform length of stay needs a non-negative sd_los/);
    fails({ family: 'gamma', mean: 10 }, /a gamma length of stay needs a positive sd_los beside mean_los/);
    fails({ family: 'gamma', mean: 10, sd: 0 }, /a gamma length of stay needs a positive sd_los/);
    fails({ family: 'weibull', mean: 10, median: 8 }, /a Weibull length of stay needs a positive sd_los/);
    fails({ family: 'weibull', mean: 10, sd: 0.001 }, /sd_los 0.001 is below 1\/1000 of mean_los 10: a Weibull that narrow is a fixed stay; use norm with sd_los 0/);
    fails({ family: 'gamma', mean: 0, sd: 1 }, /mean length of stay must be a positive number, not 0/);
  });
});

describe('draws of gamma, Weibull and uniform stays', () => {
  CASES.forEach((c, index) => {
    it(`${label(c)}: mean and variance of ${N} draws within 4 SE, KS distance below its 1 % critical value`, () => {
      const d = fitLos(c);
      const x = draws(N, (s) => sampleLos(d, s), index);
      const stats = sampleStats(x);
      const variance = c.sd * c.sd;
      expect(Math.abs(stats.mean - c.mean)).toBeLessThan((Z * c.sd) / Math.sqrt(N));
      const varianceSe = Math.sqrt((centralFourthMoment(d) - variance * variance) / N);
      expect(Math.abs(stats.variance - variance)).toBeLessThan(Z * varianceSe);
      // Asymptotic 1 % critical value of the KS statistic: 1.628 / sqrt(n).
      expect(ksDistance(x, (t) => losSurvival(d, t))).toBeLessThan(1.628 / Math.sqrt(N));
    });
  });

  it('quantile and survival are inverse: S(Q(u)) = 1 - u to 1e-10, from the lowest uniform to the highest', () => {
    const us = [2 ** -33, 1e-6, 0.001, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.999, 1 - 1e-6];
    for (const c of CASES) {
      const d = fitLos(c);
      for (const u of us) {
        const t = losQuantile(d, u);
        // The uniform's lower end is 0 exactly for one case: S(0) is 1 by definition there.
        if (t > 0) expect(Math.abs(losSurvival(d, t) - (1 - u)), `${label(c)} u ${u}`).toBeLessThan(1e-10);
      }
    }
  });

  it('a longer stay for the same uniform in every family (common random numbers keep scenarios ordered)', () => {
    for (const family of ['gamma', 'weibull', 'unif'] as const) {
      const short = fitLos({ family, mean: 8, sd: 3 });
      const long = fitLos({ family, mean: 10, sd: 3.75 }); // the same CV, scaled by 1.25
      for (let u = 0.01; u < 1; u += 0.01) expect(losQuantile(long, u)).toBeCloseTo(1.25 * losQuantile(short, u), 9);
    }
  });
});

describe('residual stays of gamma, Weibull and uniform patients in service at time 0', () => {
  CASES.forEach((c, index) => {
    it(`${label(c)}: 'stationary' has mean E[L^2] / (2 E[L]) within 4 SE and the survival (1/E[L]) x integral of S from t`, () => {
      const d = fitLos(c);
      const n = 50_000;
      const x = draws(n, (s) => sampleResidualLos(d, s, 'stationary'), 100 + index, StreamPurpose.InitialState);
      const stats = sampleStats(x);
      // The residual is U x L*, so E[R] = E[L^2] / (2 E[L]) and E[R^2] = E[L^3] / (3 E[L]).
      const theoryMean = rawMoment(d, 2) / (2 * c.mean);
      const theorySd = Math.sqrt(rawMoment(d, 3) / (3 * c.mean) - theoryMean ** 2);
      expect(Math.abs(stats.mean - theoryMean)).toBeLessThan((Z * theorySd) / Math.sqrt(n));
      const survival = stationaryResidualSurvival(d, d.family === 'unif' ? d.sigma : 60 * c.mean);
      for (const t of [0.25, 0.5, 1, 2].map((k) => k * c.mean)) {
        const p = survival(t);
        let above = 0;
        for (const v of x) if (v > t) above++;
        // Binomial SE, plus 1e-4 for the quadrature of the theory (step 1/128 of a day).
        expect(Math.abs(above / n - p)).toBeLessThanOrEqual(Z * Math.sqrt((p * (1 - p)) / n) + 1e-4);
      }
    });
  });

  it("'ipacs' is uniform between 1 and a fresh stay, so E[R] = (1 + E[L]) / 2 within 4 SE", () => {
    CASES.forEach((c, index) => {
      const d = fitLos(c);
      const n = 50_000;
      const x = draws(n, (s) => sampleResidualLos(d, s, 'ipacs'), 200 + index, StreamPurpose.InitialState);
      const stats = sampleStats(x);
      expect(Math.abs(stats.mean - (1 + c.mean) / 2)).toBeLessThan(Z * stats.se); // SE from the sample
    });
  });
});
