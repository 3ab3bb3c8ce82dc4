/**
 * Samplers against theory: the uniform source, the normal quantile and distribution
 * functions, LOS fitting and sampling, and the residual stays of patients in service at 0.
 *
 * Statistical assertions use fixed seeds and |estimate - theory| < 4 SE, the SE computed
 * from theory where it is known in closed form and from the sample otherwise. At 4 SE a
 * correct sampler fails with probability about 6e-5 per assertion (normal approximation,
 * which is excellent at these sample sizes); the seeds are fixed, so the outcome is
 * reproducible either way.
 */
import { describe, expect, it } from 'vitest';
import {
  fitLos,
  LosFitError,
  losQuantile,
  losSurvival,
  sampleLos,
  sampleResidualLos,
  StayDraws,
  stayProfileKey,
  type LosDistribution,
} from '../../src/engine/lengthOfStay.js';
import { createStream, hashString, normalCdf, normalQuantile, standardNormal, StreamPurpose, uniform } from '../../src/engine/random.js';
import { integratedSurvival, min, sampleStats, simpson } from './helpers.js';
import { ipacsResidualSurvival, stationaryResidualSurvival } from './theory.js';

const SEED = 20240601;
const KEY = hashString('samplers');
const Z = 4;

function draws(n: number, draw: (stream: ReturnType<typeof createStream>) => number, replication = 0, purpose: StreamPurpose = StreamPurpose.LengthOfStay): Float64Array {
  const stream = createStream(SEED, KEY, replication, purpose);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(stream);
  return out;
}

/** Share of `values` above `t` (binomial: its SE is sqrt(p (1 - p) / n), p the theoretical share). */
function shareAbove(values: Float64Array, t: number): number {
  let above = 0;
  for (const v of values) if (v > t) above++;
  return above / values.length;
}

function binomialSe(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

describe('uniform source', () => {
  const n = 1_000_000;
  const u = draws(n, uniform, 0, StreamPurpose.Arrivals);

  it('lies in the open interval (0, 1)', () => {
    let min = 1;
    let max = 0;
    for (const x of u) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
  });

  it('has mean 1/2 and variance 1/12 within 4 SE', () => {
    const stats = sampleStats(u);
    // SE of the mean: sqrt(Var U / n) = sqrt(1 / (12 n)).
    expect(Math.abs(stats.mean - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / n));
    // SE of the sample variance: sqrt((mu4 - sigma^4) / n), mu4 = 1/80, sigma^4 = 1/144.
    expect(Math.abs(stats.variance - 1 / 12)).toBeLessThan(Z * Math.sqrt((1 / 80 - 1 / 144) / n));
  });

  it('fills each tenth of the interval equally (binomial SE per bin)', () => {
    const bins = new Float64Array(10);
    for (const x of u) bins[Math.floor(x * 10)]++;
    const se = Math.sqrt(n * 0.1 * 0.9);
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(Z * se);
  });

  it('gives uncorrelated successive draws, replications and purposes (SE of a correlation is 1/sqrt(n))', () => {
    const m = 200_000;
    const correlation = (a: Float64Array, b: Float64Array) => {
      let s = 0;
      for (let i = 0; i < a.length; i++) s += (a[i] - 0.5) * (b[i] - 0.5);
      return (s / a.length) * 12;
    };
    const a = u.subarray(0, m);
    const lagged = u.subarray(1, m + 1);
    const otherReplication = draws(m, uniform, 1, StreamPurpose.Arrivals);
    const otherPurpose = draws(m, uniform, 0, StreamPurpose.LengthOfStay);
    for (const b of [lagged, otherReplication, otherPurpose]) expect(Math.abs(correlation(a, b))).toBeLessThan(Z / Math.sqrt(m));
  });

  it('is reproducible for the same coordinates and differs for others', () => {
    expect(draws(100, uniform, 3)).toEqual(draws(100, uniform, 3));
    expect(draws(100, uniform, 3)).not.toEqual(draws(100, uniform, 4));
    const otherSeed = createStream(SEED + 1, KEY, 3, StreamPurpose.LengthOfStay);
    expect(Float64Array.from({ length: 100 }, () => uniform(otherSeed))).not.toEqual(draws(100, uniform, 3));
  });
});

describe('normal quantile and distribution function', () => {
  // Reference values from scipy.stats.norm (ppf, cdf), to double precision.
  const quantiles: [number, number][] = [
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.99, 2.3263478740408408],
    [0.999, 3.090232306167813],
    [0.25, -0.6744897501960817],
    [0.1, -1.2815515655446004],
    [0.02425, -1.972961051311885],
    [1e-5, -4.264890793922825],
    [1e-10, -6.361340902404056],
    [1 - 1e-12, 7.0344869100478356],
  ];
  const cdfs: [number, number][] = [
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [0.3, 0.6179114221889526],
    [-0.49, 0.31206694941739055],
    [0.51, 0.6949742691024806],
    [3, 0.9986501019683699],
    [3.99, 0.9999669633523706],
    [4.01, 0.9999696406260734],
    [-4.5, 3.3976731247300535e-6],
    [-5, 2.866515718791933e-7],
    [-10, 7.61985302416047e-24],
    [-20, 2.7536241186061556e-89],
    [6, 0.9999999990134123],
  ];

  it('normalQuantile matches reference values to about 1e-15 relative', () => {
    for (const [p, x] of quantiles) expect(Math.abs(normalQuantile(p) - x)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(x)));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('normalCdf matches reference values, relative error below 1e-12 even in the far tail', () => {
    for (const [x, p] of cdfs) expect(Math.abs(normalCdf(x) - p)).toBeLessThanOrEqual(1e-12 * p);
  });

  it('normalCdf inverts normalQuantile across the whole range', () => {
    for (let e = -15; e <= -1; e += 0.25) {
      const p = 10 ** e;
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThanOrEqual(1e-12 * p);
    }
    for (let p = 0.01; p < 1; p += 0.01) expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-15);
    // Above 0, p = normalCdf(x) is near 1 and carries an absolute rounding error of a few
    // ulps of 1; the quantile magnifies it by 1 / phi(x) (its derivative), hence the bound.
    for (let x = -8; x <= 8; x += 0.125) {
      const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
      const bound = 1e-13 + (x > 0 ? (4 * Number.EPSILON) / density : 0);
      expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(bound);
    }
  });

  it('standardNormal has mean 0 and variance 1 within 4 SE', () => {
    const n = 400_000;
    const stats = sampleStats(draws(n, standardNormal));
    expect(Math.abs(stats.mean)).toBeLessThan(Z / Math.sqrt(n)); // SE = 1 / sqrt(n)
    expect(Math.abs(stats.variance - 1)).toBeLessThan(Z * Math.sqrt(2 / n)); // SE of s^2 = sqrt(2 / n)
  });
});

/** Raw moment E[X^k] of a lognormal. */
function lognormalMoment(d: LosDistribution, k: number): number {
  return Math.exp(k * d.mu + (k * k * d.sigma * d.sigma) / 2);
}

describe('length-of-stay fitting and sampling', () => {
  const n = 400_000;

  it('lognormal from mean and median: parameters, mean and median reproduced within 4 SE', () => {
    const d = fitLos({ family: 'lnorm', mean: 12, median: 9 });
    expect(d.mu).toBeCloseTo(Math.log(9), 14);
    expect(d.sigma).toBeCloseTo(Math.sqrt(2 * Math.log(12 / 9)), 14);
    expect(lognormalMoment(d, 1)).toBeCloseTo(12, 10);
    const x = draws(n, (s) => sampleLos(d, s));
    const stats = sampleStats(x);
    // Theoretical SE of the mean: sd / sqrt(n), sd^2 = E[X^2] - E[X]^2.
    const sd = Math.sqrt(lognormalMoment(d, 2) - 144);
    expect(Math.abs(stats.mean - 12)).toBeLessThan((Z * sd) / Math.sqrt(n));
    // The median: the share below 9 is binomial with p = 1/2, SE = sqrt(1 / (4 n)).
    expect(Math.abs(1 - shareAbove(x, 9) - 0.5)).toBeLessThan(Z * binomialSe(0.5, n));
  });

  it('lognormal from mean and sd reproduces the mean and the sd within 4 SE', () => {
    const mean = 20;
    const sdIn = 15;
    const d = fitLos({ family: 'lnorm', mean, sd: sdIn });
    expect(lognormalMoment(d, 1)).toBeCloseTo(mean, 10);
    expect(Math.sqrt(lognormalMoment(d, 2) - mean * mean)).toBeCloseTo(sdIn, 10);
    const stats = sampleStats(draws(n, (s) => sampleLos(d, s)));
    expect(Math.abs(stats.mean - mean)).toBeLessThan((Z * sdIn) / Math.sqrt(n));
    // SE of s by the delta method: SE(s^2) = sqrt((mu4 - sigma^4) / n), SE(s) = SE(s^2) / (2 sigma),
    // with the central fourth moment mu4 from the lognormal's raw moments.
    const [m1, m2, m3, m4] = [1, 2, 3, 4].map((k) => lognormalMoment(d, k));
    const mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
    const seSd = Math.sqrt((mu4 - sdIn ** 4) / n) / (2 * sdIn);
    expect(Math.abs(stats.sd - sdIn)).toBeLessThan(Z * seSd);
  });

  it('normal truncated at 0: positive draws whose mean is LosDistribution.mean (and the integral of the survival)', () => {
    const d = fitLos({ family: 'norm', mean: 5, sd: 4 });
    // The truncated mean exceeds the untruncated one; check it independently as the integral of P(LOS > t).
    expect(d.mean).toBeGreaterThan(5.3);
    expect(simpson((t) => losSurvival(d, t), 0, 5 + 12 * 4, 4000)).toBeCloseTo(d.mean, 8);
    const x = draws(n, (s) => sampleLos(d, s));
    expect(min(x)).toBeGreaterThan(0);
    const stats = sampleStats(x);
    expect(Math.abs(stats.mean - d.mean)).toBeLessThan(Z * stats.se); // SE from the sample
    // Sampler and survival function agree: share above 5 is binomial.
    const p = losSurvival(d, 5);
    expect(Math.abs(shareAbove(x, 5) - p)).toBeLessThan(Z * binomialSe(p, n));
  });

  it('exponential: mean and survival within 4 SE', () => {
    const d = fitLos({ family: 'exp', mean: 7 });
    expect(d.mean).toBe(7);
    expect(losQuantile(d, 1 - Math.exp(-1))).toBeCloseTo(7, 12);
    const x = draws(n, (s) => sampleLos(d, s));
    const stats = sampleStats(x);
    expect(Math.abs(stats.mean - 7)).toBeLessThan((Z * 7) / Math.sqrt(n)); // sd of an exponential = its mean
    const p = Math.exp(-1);
    expect(losSurvival(d, 7)).toBeCloseTo(p, 14);
    expect(Math.abs(shareAbove(x, 7) - p)).toBeLessThan(Z * binomialSe(p, n));
  });

  it('quantile and survival functions are consistent: S(Q(u)) = 1 - u', () => {
    const fitted = [
      fitLos({ family: 'lnorm', mean: 12, median: 9 }),
      fitLos({ family: 'lnorm', mean: 20, sd: 15 }),
      fitLos({ family: 'norm', mean: 5, sd: 4 }),
      fitLos({ family: 'exp', mean: 7 }),
    ];
    for (const d of fitted) for (let u = 0.05; u < 1; u += 0.05) expect(losSurvival(d, losQuantile(d, u))).toBeCloseTo(1 - u, 10);
  });

  it('fitLos rejects invalid inputs with clear messages', () => {
    const fails = (input: Parameters<typeof fitLos>[0], message: RegExp) => {
      expect(() => fitLos(input)).toThrow(LosFitError);
      expect(() => fitLos(input)).toThrow(message);
    };
    fails({ family: 'lnorm', mean: 10, median: 10 }, /median 10 is not below mean_los 10/);
    fails({ family: 'lnorm', mean: 10, median: 12 }, /median 12 is not below mean_los 10/);
    fails({ family: 'lnorm', mean: 10, median: 0 }, /median 0 must be positive/);
    fails({ family: 'lnorm', mean: 0, median: 5 }, /mean length of stay must be a positive number, not 0/);
    fails({ family: 'lnorm', mean: -3, median: 2 }, /positive number, not -3/);
    fails({ family: 'lnorm', mean: NaN, median: 2 }, /positive number, not NaN/);
    fails({ family: 'exp', mean: 0 }, /positive number/);
    fails({ family: 'norm', mean: -1, sd: 2 }, /positive number/);
    fails({ family: 'lnorm', mean: 10 }, /needs a median or an sd_los/);
    fails({ family: 'lnorm', mean: 10, sd: 0 }, /sd_los 0 must be positive/);
    fails({ family: 'norm', mean: 10 }, /normal length of stay needs a non-negative sd_los/);
    fails({ family: 'norm', mean: 10, sd: -1 }, /non-negative sd_los/);
    // Never NaN parameters for valid inputs.
    const d = fitLos({ family: 'lnorm', mean: 10, median: 9.999 });
    expect(Number.isFinite(d.mu) && Number.isFinite(d.sigma)).toBe(true);
  });
});

describe('residual stay of patients in service at time 0', () => {
  const n = 400_000;
  const lnorm = fitLos({ family: 'lnorm', mean: 12, median: 9 });

  it("'ipacs': uniform between 1 and a fresh stay, so E[R] = (1 + E[L]) / 2 and P(R > t) matches its integral", () => {
    // Also a distribution with half its mass below 1 day, where R is uniform between L and 1.
    for (const d of [lnorm, fitLos({ family: 'exp', mean: 1.5 })]) {
      const x = draws(n, (s) => sampleResidualLos(d, s, 'ipacs'), 1, StreamPurpose.InitialState);
      const stats = sampleStats(x);
      expect(Math.abs(stats.mean - (1 + d.mean) / 2)).toBeLessThan(Z * stats.se); // SE from the sample
      const survival = ipacsResidualSurvival(d);
      for (const t of [0.3, 0.9, 1, 1.5, 3, 6, 12, 25]) {
        const p = survival(t);
        // Binomial SE, plus 1e-4 for the quadrature of the theory (midpoint rule, 20000 points).
        expect(Math.abs(shareAbove(x, t) - p)).toBeLessThanOrEqual(Z * binomialSe(p, n) + 1e-4);
      }
    }
  });

  it("'stationary' for the exponential is the exponential itself (memoryless)", () => {
    const d = fitLos({ family: 'exp', mean: 7 });
    const x = draws(n, (s) => sampleResidualLos(d, s, 'stationary'), 2, StreamPurpose.InitialState);
    expect(Math.abs(sampleStats(x).mean - 7)).toBeLessThan((Z * 7) / Math.sqrt(n));
    for (const t of [1, 7, 20]) {
      const p = Math.exp(-t / 7);
      expect(Math.abs(shareAbove(x, t) - p)).toBeLessThan(Z * binomialSe(p, n));
    }
  });

  it("'stationary' for the lognormal has mean E[L^2] / (2 E[L]) and survival (1/E[L]) * integral of S from t", () => {
    const x = draws(n, (s) => sampleResidualLos(lnorm, s, 'stationary'), 3, StreamPurpose.InitialState);
    const stats = sampleStats(x);
    const theory = lognormalMoment(lnorm, 2) / (2 * lognormalMoment(lnorm, 1));
    expect(theory).toBeGreaterThan(lnorm.mean / 2 + 1); // not the naive half-mean: the length-bias matters
    expect(Math.abs(stats.mean - theory)).toBeLessThan(Z * stats.se);
    const survival = stationaryResidualSurvival(lnorm, 200);
    for (const t of [1, 5, 10, 30]) {
      const p = survival(t);
      expect(Math.abs(shareAbove(x, t) - p)).toBeLessThan(Z * binomialSe(p, n));
    }
  });

  it("'stationary' for the truncated normal has mean E[L^2] / (2 E[L])", () => {
    const d = fitLos({ family: 'norm', mean: 5, sd: 4 });
    const x = draws(n, (s) => sampleResidualLos(d, s, 'stationary'), 4, StreamPurpose.InitialState);
    const stats = sampleStats(x);
    // E[L^2] = integral of 2 t S(t) dt, by quadrature.
    const secondMoment = simpson((t) => 2 * t * losSurvival(d, t), 0, 5 + 12 * 4, 4000);
    const G = integratedSurvival((t) => losSurvival(d, t), 60);
    expect(G(60)).toBeCloseTo(d.mean, 6);
    expect(Math.abs(stats.mean - secondMoment / (2 * d.mean))).toBeLessThan(Z * stats.se);
  });
});

describe('StayDraws', () => {
  const key = hashString('P2_STAYS');
  const stream = (replication: number) => () => createStream(3, key, replication, StreamPurpose.LengthOfStay);
  /** The first `count` stays of a replication, drawn one by one as the definition reads. */
  const fresh = (distribution: LosDistribution, replication: number, count: number) => {
    const source = stream(replication)();
    return Array.from({ length: count }, () => sampleLos(distribution, source));
  };

  it('gives the k-th draw of the LOS stream as the k-th stay, kept, extended or not kept', () => {
    const lognormal = fitLos({ family: 'lnorm', mean: 30, median: 20 });
    const normal = fitLos({ family: 'norm', mean: 12, sd: 5 });
    const draws = new StayDraws();
    for (const distribution of [lognormal, normal]) {
      const profile = stayProfileKey(distribution, 3, key);
      // A scenario with fewer referrals, then one with more (extends), then fewer again.
      for (const [replication, count] of [[0, 50], [1, 40], [0, 80], [1, 10], [0, 30]] as const) {
        expect(Array.from(draws.stays(profile, distribution, stream(replication), replication, count).subarray(0, count))).toEqual(fresh(distribution, replication, count));
        expect(Array.from(draws.stays(undefined, distribution, stream(replication), replication, count).subarray(0, count))).toEqual(fresh(distribution, replication, count));
      }
    }
  });

  it('starts again past its memory bound without changing a stay', () => {
    const distribution = fitLos({ family: 'lnorm', mean: 30, median: 20 });
    const draws = new StayDraws(120);
    for (let round = 0; round < 3; round++) {
      for (let replication = 0; replication < 4; replication++) {
        const count = 30 + 10 * round;
        const stays = draws.stays(stayProfileKey(distribution, 3, key), distribution, stream(replication), replication, count);
        expect(Array.from(stays.subarray(0, count))).toEqual(fresh(distribution, replication, count));
      }
    }
  });
});
