/**
 * Length-of-stay distributions: fitting them from the summary figures planners have,
 * and sampling them by inversion so that common random numbers couple scenarios.
 */
import type { LosFamily, LosScenario } from './model.js';
import { extendSequence, KeptDraws, type KeptSequence } from './keptDraws.js';
import { gammaQuantile, logGamma, regularisedGamma } from './gammaFunction.js';
import { normalCdf, normalQuantile, uniform, type UniformSource } from './random.js';

/** A fitted distribution, ready to sample. */
export interface LosDistribution {
  family: LosFamily;
  /** The first parameter. lnorm: meanlog; norm and exp: mean; gamma and weibull: shape; unif: min. */
  mu: number;
  /** The second parameter. lnorm: sdlog; norm: sd; exp: mean; gamma and weibull: scale; unif: max. */
  sigma: number;
  /** The distribution's mean in days (for the normal, of the truncated distribution). */
  mean: number;
  /** norm only: P(X <= 0) of the untruncated normal; draws are confined above it. */
  lowerTail: number;
}

/** Why a LOS scenario cannot be fitted, in words a planner understands. */
export class LosFitError extends Error {}

/**
 * Lognormal from mean and median (`mu = ln median`, `sigma^2 = 2 (ln mean - mu)`), or from
 * mean and sd (`sigma^2 = ln(1 + sd^2/mean^2)`); normal from mean and sd, truncated at 0;
 * gamma, Weibull and uniform from mean and sd (see their fits below).
 */
export function fitLos(scenario: Pick<LosScenario, 'family' | 'mean' | 'median' | 'sd'>): LosDistribution {
  const { family, mean, median, sd } = scenario;
  if (!(mean > 0) || !Number.isFinite(mean)) throw new LosFitError(`mean length of stay must be a positive number, not ${mean}`);
  switch (family) {
    case 'exp':
      return { family, mu: mean, sigma: mean, mean, lowerTail: 0 };
    case 'norm':
      return fitNormal(mean, sd);
    case 'lnorm':
      return fitLognormal(mean, median, sd);
    case 'gamma':
      return fitGamma(mean, sd);
    case 'weibull':
      return fitWeibull(mean, sd);
    case 'unif':
      return fitUniform(mean, sd);
  }
}

function fitNormal(mean: number, sd: number | undefined): LosDistribution {
  if (sd === undefined || !(sd >= 0) || !Number.isFinite(sd)) {
    throw new LosFitError('a normal length of stay needs a non-negative sd_los');
  }
  if (sd === 0) return { family: 'norm', mu: mean, sigma: 0, mean, lowerTail: 0 };
  const lowerTail = normalCdf(-mean / sd);
  // Mean of a normal truncated below at zero: mu + sigma * phi(a) / (1 - Phi(a)), a = -mu/sigma.
  const a = -mean / sd;
  const density = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
  return { family: 'norm', mu: mean, sigma: sd, mean: mean + (sd * density) / (1 - lowerTail), lowerTail };
}

function fitLognormal(mean: number, median: number | undefined, sd: number | undefined): LosDistribution {
  if (median !== undefined) {
    if (!(median > 0)) throw new LosFitError(`median ${median} must be positive`);
    if (median >= mean) throw new LosFitError(`median ${median} is not below mean_los ${mean}`);
    const mu = Math.log(median);
    return { family: 'lnorm', mu, sigma: Math.sqrt(2 * (Math.log(mean) - mu)), mean, lowerTail: 0 };
  }
  if (sd !== undefined) {
    if (!(sd > 0)) throw new LosFitError(`sd_los ${sd} must be positive for a lognormal`);
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
    return { family: 'lnorm', mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2), mean, lowerTail: 0 };
  }
  throw new LosFitError('a lognormal length of stay needs a median or an sd_los beside mean_los');
}

/**
 * Below this coefficient of variation a gamma or Weibull stay is a fixed stay to the day's
 * precision, and the gamma's shape (1/CV^2, a million here) makes each draw slow.
 */
export const LEAST_SHAPED_CV = 1e-3;

/** The sd of a gamma or Weibull fit: positive, and not so small the stay is in effect fixed. */
function shapedSd(name: string, mean: number, sd: number | undefined): number {
  if (sd === undefined || !(sd > 0) || !Number.isFinite(sd)) throw new LosFitError(`a ${name} length of stay needs a positive sd_los beside mean_los`);
  if (sd < LEAST_SHAPED_CV * mean) {
    throw new LosFitError(`sd_los ${sd} is below 1/${1 / LEAST_SHAPED_CV} of mean_los ${mean}: a ${name} that narrow is a fixed stay; use norm with sd_los 0`);
  }
  return sd;
}

/** Gamma by moments: shape (mean/sd)^2, scale sd^2/mean, so shape x scale = mean and shape x scale^2 = sd^2. */
function fitGamma(mean: number, sd: number | undefined): LosDistribution {
  const spread = shapedSd('gamma', mean, sd);
  return { family: 'gamma', mu: (mean / spread) ** 2, sigma: (spread * spread) / mean, mean, lowerTail: 0 };
}

/** Weibull by moments: the shape k has the stated coefficient of variation, the scale then gives the mean. */
function fitWeibull(mean: number, sd: number | undefined): LosDistribution {
  const shape = weibullShape(shapedSd('Weibull', mean, sd) / mean);
  return { family: 'weibull', mu: shape, sigma: mean / Math.exp(logGamma(1 + 1 / shape)), mean, lowerTail: 0 };
}

/** Squared coefficient of variation of a Weibull of shape k: Gamma(1 + 2/k) / Gamma(1 + 1/k)^2 - 1, falling in k. */
export function weibullSquaredCv(shape: number): number {
  return Math.expm1(logGamma(1 + 2 / shape) - 2 * logGamma(1 + 1 / shape));
}

/** Shapes searched: a CV of about 4e5 at the low end, 6e-4 at the high, beyond both the accepted range. */
const WEIBULL_SHAPES = { low: 0.05, high: 2000 };

/**
 * The shape whose CV is `cv`, by bisection on ln k: the CV falls monotonically in k, so
 * bisection cannot miss, and 80 halvings of a bracket 11 wide in ln k reach the last bit.
 * It runs once per fit, where speed does not matter.
 */
function weibullShape(cv: number): number {
  const target = cv * cv;
  let low = Math.log(WEIBULL_SHAPES.low);
  let high = Math.log(WEIBULL_SHAPES.high);
  if (!(weibullSquaredCv(Math.exp(low)) >= target)) throw new LosFitError(`sd_los is ${cv} times mean_los: too spread for a Weibull`);
  for (let i = 0; i < 80; i++) {
    const middle = 0.5 * (low + high);
    if (weibullSquaredCv(Math.exp(middle)) > target) low = middle;
    else high = middle;
  }
  return Math.exp(0.5 * (low + high));
}

/** Uniform by moments: mean -+ sqrt(3) sd, refused when the lower end would be a negative stay. */
function fitUniform(mean: number, sd: number | undefined): LosDistribution {
  if (sd === undefined || !(sd >= 0) || !Number.isFinite(sd)) throw new LosFitError('a uniform length of stay needs a non-negative sd_los beside mean_los');
  const halfWidth = Math.sqrt(3) * sd;
  const most = mean / Math.sqrt(3);
  if (halfWidth > mean && sd > most) {
    throw new LosFitError(`a uniform length of stay with mean_los ${mean} and sd_los ${sd} would start below 0 days (mean - √3 sd = ${Number((mean - halfWidth).toPrecision(6))}); sd_los can be at most ${Number(most.toPrecision(6))}`);
  }
  // An sd of exactly mean/√3 may leave -1e-16 after rounding: that is a stay of 0.
  return { family: 'unif', mu: Math.max(0, mean - halfWidth), sigma: mean + halfWidth, mean, lowerTail: 0 };
}

/** The quantile function: the stay of a patient whose uniform is `u`. */
export function losQuantile(distribution: LosDistribution, u: number): number {
  const { family, mu, sigma } = distribution;
  switch (family) {
    case 'exp':
      return -mu * Math.log1p(-u);
    case 'lnorm':
      return Math.exp(mu + sigma * normalQuantile(u));
    case 'norm':
      return mu + sigma * normalQuantile(distribution.lowerTail + u * (1 - distribution.lowerTail));
    case 'gamma':
      return sigma * gammaQuantile(mu, u);
    case 'weibull':
      return sigma * Math.pow(-Math.log1p(-u), 1 / mu);
    case 'unif':
      return mu + u * (sigma - mu);
  }
}

export function sampleLos(distribution: LosDistribution, stream: UniformSource): number {
  return losQuantile(distribution, uniform(stream));
}

/** Survival function P(LOS > t), used by analytic checks and estimates. */
export function losSurvival(distribution: LosDistribution, t: number): number {
  if (t <= 0) return 1;
  const { family, mu, sigma } = distribution;
  switch (family) {
    case 'exp':
      return Math.exp(-t / mu);
    case 'lnorm':
      if (sigma === 0) return t < Math.exp(mu) ? 1 : 0;
      return 1 - normalCdf((Math.log(t) - mu) / sigma);
    case 'norm':
      if (sigma === 0) return t < mu ? 1 : 0;
      return (1 - normalCdf((t - mu) / sigma)) / (1 - distribution.lowerTail);
    case 'gamma':
      return regularisedGamma(mu, t / sigma).upper;
    case 'weibull':
      return Math.exp(-Math.pow(t / sigma, mu));
    case 'unif':
      if (sigma === mu) return t < mu ? 1 : 0;
      return Math.min(1, Math.max(0, (sigma - t) / (sigma - mu)));
  }
}

/** How a patient already in service at time 0 is given their remaining stay. */
export type InitialResidual = 'ipacs' | 'stationary';

/**
 * Remaining stay of a patient in service at time 0.
 * - `ipacs`: uniform between 1 and a fresh stay L, the IPACS convention (when L < 1 the
 *   same formula gives a uniform between L and 1).
 * - `stationary`: the residual life of a patient found in service in steady state, U x L*
 *   with L* length-biased (density proportional to x f(x)), drawn from one uniform and
 *   then U from another: see lengthBiasedStay.
 */
export function sampleResidualLos(distribution: LosDistribution, stream: UniformSource, method: InitialResidual): number {
  if (method === 'ipacs') {
    const stay = sampleLos(distribution, stream);
    return 1 + uniform(stream) * (stay - 1);
  }
  if (distribution.family === 'exp') return sampleLos(distribution, stream); // memoryless
  if (distribution.family === 'norm') {
    // Length-bias by rejection, accepting a stay L with probability L / bound.
    const bound = distribution.mu + 8 * distribution.sigma;
    for (;;) {
      const stay = sampleLos(distribution, stream);
      if (uniform(stream) * bound <= stay) return uniform(stream) * stay;
    }
  }
  const lengthBiased = lengthBiasedStay(distribution, uniform(stream));
  return uniform(stream) * lengthBiased;
}

/**
 * The quantile at `u` of the length-biased stay L*, density x f(x) / mean. Each family's is
 * its own kind again: lognormal(mu + sigma^2, sigma); gamma(shape + 1, scale); for the
 * Weibull, (L* / scale)^k is gamma(1 + 1/k, 1); for the uniform on [a, b], the density rises
 * linearly, so L*^2 is uniform on [a^2, b^2].
 */
export function lengthBiasedStay(distribution: LosDistribution, u: number): number {
  const { family, mu, sigma } = distribution;
  switch (family) {
    case 'lnorm':
      return Math.exp(mu + sigma * sigma + sigma * normalQuantile(u));
    case 'gamma':
      return sigma * gammaQuantile(mu + 1, u);
    case 'weibull':
      return sigma * Math.pow(gammaQuantile(1 + 1 / mu, u), 1 / mu);
    case 'unif':
      return Math.sqrt(mu * mu + u * (sigma * sigma - mu * mu));
    case 'exp':
      return mu * gammaQuantile(2, u);
    case 'norm':
      throw new RangeError('the length-biased truncated normal has no closed-form quantile: sampleResidualLos draws it by rejection');
  }
}

/** Fills `out[from, to)` with stays drawn from `stream`, one uniform each, in order: the same stays as `sampleLos` called `to - from` times. */
export function drawStays(distribution: LosDistribution, stream: UniformSource, out: Float64Array, from: number, to: number): void {
  if (distribution.family === 'lnorm') {
    // The usual family, inlined: this is most of the random-number work of a bed node.
    const { mu, sigma } = distribution;
    for (let i = from; i < to; i++) out[i] = Math.exp(mu + sigma * normalQuantile(uniform(stream)));
  } else {
    for (let i = from; i < to; i++) out[i] = sampleLos(distribution, stream);
  }
}

/**
 * The stays of a replication's referrals, in referral order: the k-th referral's stay is
 * the k-th draw of the replication's LOS stream, whatever the capacity or arrival scenario.
 * Scenarios that share an LOS scenario may keep them here (see KeptDraws), so each is drawn
 * once (a normal quantile and an exponential apiece); a scenario with more referrals
 * extends the kept sequence from where its stream stopped.
 */
export class StayDraws {
  private readonly kept: KeptDraws<Array<KeptSequence<Float64Array> | undefined>>;
  private buffer = new Float64Array(1024);

  constructor(maxValues = 4_000_000) {
    this.kept = new KeptDraws(maxValues, () => []);
  }

  /**
   * The first `count` stays of `replication` (at least `count` values; read only those),
   * kept for later when `profile` is given, else drawn into a buffer the next call reuses.
   */
  stays(profile: string | undefined, distribution: LosDistribution, stream: () => UniformSource, replication: number, count: number): Float64Array {
    if (profile === undefined) {
      if (this.buffer.length < count) this.buffer = new Float64Array(count * 2);
      drawStays(distribution, stream(), this.buffer, 0, count);
      return this.buffer;
    }
    let entry = this.kept.find(profile)?.[replication];
    if (entry && entry.count >= count) return entry.values;
    if (this.kept.makeRoom(count - (entry?.count ?? 0))) entry = undefined;
    const replications = this.kept.hold(profile, count - (entry?.count ?? 0));
    if (!entry) {
      entry = { values: new Float64Array(0), count: 0, stream: stream() };
      replications[replication] = entry;
    }
    extendSequence(entry, count, (source, out, from, to) => drawStays(distribution, source, out, from, to));
    return entry.values;
  }
}

/** The key of an LOS scenario's stays: the distribution, with what else picks the stream. */
export function stayProfileKey(distribution: LosDistribution, seed: number, nodeKey: number): string {
  return `${seed}:${nodeKey}:${distribution.family}:${distribution.mu}:${distribution.sigma}:${distribution.lowerTail}`;
}
