/**
 * Length-of-stay distributions: fitting them from the summary figures planners have,
 * and sampling them by inversion so that common random numbers couple scenarios.
 */
import type { LosFamily, LosScenario } from './model.js';
import { extendSequence, KeptDraws, type KeptSequence } from './keptDraws.js';
import { normalCdf, normalQuantile, uniform, type UniformSource } from './random.js';

/** A fitted distribution, ready to sample. */
export interface LosDistribution {
  family: LosFamily;
  /** lnorm: meanlog; norm and exp: mean. */
  mu: number;
  /** lnorm: sdlog; norm: sd; exp: mean. */
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
 * mean and sd (`sigma^2 = ln(1 + sd^2/mean^2)`); normal from mean and sd, truncated at 0.
 */
export function fitLos(scenario: Pick<LosScenario, 'family' | 'mean' | 'median' | 'sd'>): LosDistribution {
  const { family, mean, median, sd } = scenario;
  if (!(mean > 0) || !Number.isFinite(mean)) throw new LosFitError(`mean length of stay must be a positive number, not ${mean}`);
  if (family === 'exp') return { family, mu: mean, sigma: mean, mean, lowerTail: 0 };
  if (family === 'norm') {
    if (sd === undefined || !(sd >= 0) || !Number.isFinite(sd)) {
      throw new LosFitError('a normal length of stay needs a non-negative sd_los');
    }
    if (sd === 0) return { family, mu: mean, sigma: 0, mean, lowerTail: 0 };
    const lowerTail = normalCdf(-mean / sd);
    // Mean of a normal truncated below at zero: mu + sigma * phi(a) / (1 - Phi(a)), a = -mu/sigma.
    const a = -mean / sd;
    const density = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
    return { family, mu: mean, sigma: sd, mean: mean + (sd * density) / (1 - lowerTail), lowerTail };
  }
  if (median !== undefined) {
    if (!(median > 0)) throw new LosFitError(`median ${median} must be positive`);
    if (median >= mean) throw new LosFitError(`median ${median} is not below mean_los ${mean}`);
    const mu = Math.log(median);
    return { family, mu, sigma: Math.sqrt(2 * (Math.log(mean) - mu)), mean, lowerTail: 0 };
  }
  if (sd !== undefined) {
    if (!(sd > 0)) throw new LosFitError(`sd_los ${sd} must be positive for a lognormal`);
    const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
    return { family, mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2), mean, lowerTail: 0 };
  }
  throw new LosFitError('a lognormal length of stay needs a median or an sd_los beside mean_los');
}

/** The quantile function: the stay of a patient whose uniform is `u`. */
export function losQuantile(distribution: LosDistribution, u: number): number {
  if (distribution.family === 'exp') return -distribution.mu * Math.log1p(-u);
  if (distribution.family === 'lnorm') return Math.exp(distribution.mu + distribution.sigma * normalQuantile(u));
  const p = distribution.lowerTail + u * (1 - distribution.lowerTail);
  return distribution.mu + distribution.sigma * normalQuantile(p);
}

export function sampleLos(distribution: LosDistribution, stream: UniformSource): number {
  return losQuantile(distribution, uniform(stream));
}

/** Survival function P(LOS > t), used by analytic checks and estimates. */
export function losSurvival(distribution: LosDistribution, t: number): number {
  if (t <= 0) return 1;
  if (distribution.family === 'exp') return Math.exp(-t / distribution.mu);
  if (distribution.family === 'lnorm') {
    if (distribution.sigma === 0) return t < Math.exp(distribution.mu) ? 1 : 0;
    return 1 - normalCdf((Math.log(t) - distribution.mu) / distribution.sigma);
  }
  if (distribution.sigma === 0) return t < distribution.mu ? 1 : 0;
  const below = normalCdf((t - distribution.mu) / distribution.sigma);
  return (1 - below) / (1 - distribution.lowerTail);
}

/** How a patient already in service at time 0 is given their remaining stay. */
export type InitialResidual = 'ipacs' | 'stationary';

/**
 * Remaining stay of a patient in service at time 0.
 * - `ipacs`: uniform between 1 and a fresh stay L, the IPACS convention (when L < 1 the
 *   same formula gives a uniform between L and 1).
 * - `stationary`: the residual life of a patient found in service in steady state, U x L*
 *   with L* length-biased; for the lognormal L* is lognormal(mu + sigma^2, sigma).
 */
export function sampleResidualLos(distribution: LosDistribution, stream: UniformSource, method: InitialResidual): number {
  if (method === 'ipacs') {
    const stay = sampleLos(distribution, stream);
    return 1 + uniform(stream) * (stay - 1);
  }
  if (distribution.family === 'exp') return sampleLos(distribution, stream); // memoryless
  if (distribution.family === 'lnorm') {
    const lengthBiased = Math.exp(distribution.mu + distribution.sigma * distribution.sigma + distribution.sigma * normalQuantile(uniform(stream)));
    return uniform(stream) * lengthBiased;
  }
  // Normal: length-bias by rejection, accepting a stay L with probability L / bound.
  const bound = distribution.mu + 8 * distribution.sigma;
  for (;;) {
    const stay = sampleLos(distribution, stream);
    if (uniform(stream) * bound <= stay) return uniform(stream) * stay;
  }
}

/** Fills `out[from, to)` with stays drawn from `stream`, one uniform each, in order. */
function drawStays(distribution: LosDistribution, stream: UniformSource, out: Float64Array, from: number, to: number): void {
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
