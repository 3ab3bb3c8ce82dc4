/**
 * The three length-of-stay families fitted to episodes, each as what the likelihood of a stay
 * known only to the day needs: its distribution function, and the integral of the distribution
 * and survival functions up to and beyond a point (closed forms through partial moments).
 *
 * Parameters are kept on an unconstrained scale for the optimiser: lognormal (meanlog,
 * ln sdlog), gamma (ln shape, ln scale), Weibull (ln shape, ln scale).
 */
import { gammaQuantile, logGamma, regularisedGamma } from '../engine/gammaFunction.js';
import { fitLos } from '../engine/lengthOfStay.js';
import { normalCdf } from '../engine/random.js';

export type FittedFamily = 'lnorm' | 'gamma' | 'weibull';
export const FITTED_FAMILIES: readonly FittedFamily[] = ['lnorm', 'gamma', 'weibull'];

/** A continuous stay distribution, evaluated on a parameter vector. */
export interface StayDistribution {
  /** P(D <= x). */
  cdf(x: number): number;
  /** Integral of the cdf from 0 to x (0 for x <= 0). */
  integratedCdf(x: number): number;
  /** Integral of the survival function from x to infinity: E[(D - x)+]. */
  integratedSurvival(x: number): number;
  mean: number;
  sd: number;
  median: number;
}

/** The parameters as a planner or R names them (meanlog/sdlog, shape/scale), from the optimiser's. */
export function naturalParameters(family: FittedFamily, theta: readonly number[]): { name: string; value: number }[] {
  if (family === 'lnorm') return [{ name: 'meanlog', value: theta[0] }, { name: 'sdlog', value: Math.exp(theta[1]) }];
  return [{ name: 'shape', value: Math.exp(theta[0]) }, { name: 'scale', value: Math.exp(theta[1]) }];
}

/** Optimiser parameters of the family with this mean and sd: where the search starts. */
export function parametersFromMoments(family: FittedFamily, mean: number, sd: number): number[] {
  const fitted = fitLos({ family, mean, sd });
  return family === 'lnorm' ? [fitted.mu, Math.log(fitted.sigma)] : [Math.log(fitted.mu), Math.log(fitted.sigma)];
}

export function stayDistribution(family: FittedFamily, theta: readonly number[]): StayDistribution {
  switch (family) {
    case 'lnorm':
      return lognormal(theta[0], Math.exp(theta[1]));
    case 'gamma':
      return gamma(Math.exp(theta[0]), Math.exp(theta[1]));
    case 'weibull':
      return weibull(Math.exp(theta[0]), Math.exp(theta[1]));
  }
}

/**
 * From the distribution function F and the partial first moments: the integral of F to x is
 * x F(x) - E[D; D <= x]; the integral of S beyond x is E[D; D > x] - x S(x). Each is taken
 * from the tail it is accurate in.
 */
function fromPartialMoments(mean: number, tails: (x: number) => { lower: number; upper: number; lowerMoment: number; upperMoment: number }) {
  return {
    cdf: (x: number) => (x <= 0 ? 0 : tails(x).lower),
    integratedCdf: (x: number) => {
      if (x <= 0) return 0;
      const t = tails(x);
      return x * t.lower - t.lowerMoment;
    },
    integratedSurvival: (x: number) => {
      if (x <= 0) return mean - x;
      const t = tails(x);
      return t.upperMoment - x * t.upper;
    },
  };
}

function lognormal(meanlog: number, sdlog: number): StayDistribution {
  const mean = Math.exp(meanlog + (sdlog * sdlog) / 2);
  const parts = fromPartialMoments(mean, (x) => {
    const z = (Math.log(x) - meanlog) / sdlog;
    // E[D; D <= x] = mean * Phi(z - sdlog): the lognormal's first-moment distribution.
    return { lower: normalCdf(z), upper: normalCdf(-z), lowerMoment: mean * normalCdf(z - sdlog), upperMoment: mean * normalCdf(sdlog - z) };
  });
  return { ...parts, mean, sd: mean * Math.sqrt(Math.expm1(sdlog * sdlog)), median: Math.exp(meanlog) };
}

function gamma(shape: number, scale: number): StayDistribution {
  const mean = shape * scale;
  const parts = fromPartialMoments(mean, (x) => {
    const tails = regularisedGamma(shape, x / scale);
    // E[D; D <= x] = shape * scale * P(shape + 1, x / scale).
    const moment = regularisedGamma(shape + 1, x / scale);
    return { lower: tails.lower, upper: tails.upper, lowerMoment: mean * moment.lower, upperMoment: mean * moment.upper };
  });
  return { ...parts, mean, sd: Math.sqrt(shape) * scale, median: scale * gammaQuantile(shape, 0.5) };
}

function weibull(shape: number, scale: number): StayDistribution {
  const mean = scale * Math.exp(logGamma(1 + 1 / shape));
  const parts = fromPartialMoments(mean, (x) => {
    const power = Math.pow(x / scale, shape);
    // E[D; D <= x] = scale * Gamma(1 + 1/shape) * P(1 + 1/shape, (x / scale)^shape).
    const moment = regularisedGamma(1 + 1 / shape, power);
    return { lower: -Math.expm1(-power), upper: Math.exp(-power), lowerMoment: mean * moment.lower, upperMoment: mean * moment.upper };
  });
  const variance = scale * scale * Math.exp(logGamma(1 + 2 / shape)) - mean * mean;
  return { ...parts, mean, sd: Math.sqrt(Math.max(0, variance)), median: scale * Math.pow(Math.LN2, 1 / shape) };
}
