/**
 * Length of stay fitted to episodes by maximum likelihood: lognormal, gamma and Weibull, each
 * with stays known to the day (interval censoring) and people still in service at the snapshot
 * (right censoring), see stayLikelihood.ts; the family with the least AIC is chosen.
 *
 * Intervals are Wald intervals from the observed information (the numerical Hessian of the
 * log-likelihood at its maximum) carried to ln mean, ln sd and ln median by the delta method,
 * then exponentiated: always positive, and closer to symmetric on the log scale than on the
 * scale of days.
 */
import { gradient, hessian, invertPositiveDefinite, quadraticForm } from './derivatives.js';
import { kaplanMeier } from './kaplanMeier.js';
import { FITTED_FAMILIES, naturalParameters, parametersFromMoments, stayDistribution, type FittedFamily, type StayDistribution } from './losFamilies.js';
import { nelderMead } from './nelderMead.js';
import { daySurvival, groupStays, logLikelihood, type Stay, type StayGroup } from './stayLikelihood.js';
import { normalQuantile } from '../engine/random.js';

export interface Estimate {
  value: number;
  /** The interval's ends; NaN when the information matrix is not positive definite (a flat likelihood). */
  lower: number;
  upper: number;
}

export interface FitQualityPoint {
  day: number;
  /** Kaplan-Meier P(stay > day). */
  observed: number;
  /** The fitted family's P(stay > day). */
  fitted: number;
}

export interface FamilyFit {
  family: FittedFamily;
  /** meanlog and sdlog, or shape and scale (R's and IPACS's names). */
  parameters: { name: string; value: number }[];
  logLikelihood: number;
  aic: number;
  /** AIC minus the least AIC: 0 for the chosen family; above about 2, clearly worse. */
  deltaAic: number;
  /** Akaike weight: the family's share of exp(-deltaAic / 2). */
  weight: number;
  mean: Estimate;
  sd: Estimate;
  median: Estimate;
  /** Largest gap between the Kaplan-Meier curve and the fitted survival: 0 is a perfect fit. */
  distance: number;
  /** The two curves day by day, for the plot of the fit. */
  curve: FitQualityPoint[];
  converged: boolean;
}

export interface LosFit {
  stays: number;
  completed: number;
  /** Still in service at the snapshot. */
  censored: number;
  /** In the order asked for (FITTED_FAMILIES by default). */
  families: FamilyFit[];
  chosen: FamilyFit;
  confidence: number;
}

export interface FitLengthOfStayOptions {
  /** Of the intervals; default 0.95. */
  confidence?: number;
  /** The families to fit and choose among; default all three. */
  families?: readonly FittedFamily[];
}

/** Fewer completed stays than this leave the shape of a distribution to guesswork. */
export const MIN_COMPLETED_STAYS = 5;

export class LosDataError extends Error {}

export function fitLengthOfStay(stays: readonly Stay[], options: FitLengthOfStayOptions = {}): LosFit {
  const confidence = options.confidence ?? 0.95;
  const groups = groupStays(stays);
  const completed = stays.filter((stay) => !stay.censored).length;
  if (completed < MIN_COMPLETED_STAYS) throw new LosDataError(`${completed} completed stays: a length of stay needs at least ${MIN_COMPLETED_STAYS}`);
  const start = startingMoments(stays);
  const fits = (options.families ?? FITTED_FAMILIES).map((family) => fitFamily(family, groups, start, confidence));
  const best = Math.min(...fits.map((fit) => fit.aic));
  const total = fits.reduce((sum, fit) => sum + Math.exp(-(fit.aic - best) / 2), 0);
  const families = fits.map((fit) => ({ ...fit, deltaAic: fit.aic - best, weight: Math.exp(-(fit.aic - best) / 2) / total }));
  const chosen = families.find((fit) => fit.aic === best) ?? families[0];
  return { stays: stays.length, completed, censored: stays.length - completed, families, chosen, confidence };
}

/**
 * Parameters searched (natural scale): past these a stay is in effect fixed (all stays the
 * same length pull the likelihood there without end) or absurd, and the special functions
 * slow down or give up. A fit that ends on the edge has no interval (its information matrix
 * is not positive definite there).
 */
const BOX: Record<FittedFamily, [low: number, high: number][]> = {
  lnorm: [
    [Math.log(0.01), Math.log(1e5)],
    [0.01, 10],
  ],
  gamma: [
    [0.01, 1e4],
    [1e-4, 1e5],
  ],
  weibull: [
    [0.05, 100],
    [0.01, 1e5],
  ],
};

function inBox(family: FittedFamily, theta: readonly number[]): boolean {
  return naturalParameters(family, theta).every(({ value }, i) => {
    const [low, high] = BOX[family][i];
    return value >= low && value <= high;
  });
}

/** Parameters where a special function cannot be evaluated are impossible ones to the search. */
function logLikelihoodOrNothing(family: FittedFamily, theta: readonly number[], groups: readonly StayGroup[]): number {
  try {
    return logLikelihood(stayDistribution(family, theta), groups);
  } catch (error) {
    if (error instanceof RangeError) return -Infinity;
    throw error;
  }
}

/** Mean and sd of the completed stays (at least half a day's spread): a start, not an estimate. */
function startingMoments(stays: readonly Stay[]): { mean: number; sd: number } {
  const days = stays.filter((stay) => !stay.censored).map((stay) => stay.days + 0.5);
  const mean = days.reduce((sum, d) => sum + d, 0) / days.length;
  const variance = days.reduce((sum, d) => sum + (d - mean) ** 2, 0) / Math.max(1, days.length - 1);
  return { mean, sd: Math.max(0.5, Math.sqrt(variance)) };
}

function fitFamily(family: FittedFamily, groups: StayGroup[], start: { mean: number; sd: number }, confidence: number): Omit<FamilyFit, 'deltaAic' | 'weight'> {
  const negative = (theta: number[]) => (inBox(family, theta) ? -logLikelihoodOrNothing(family, theta, groups) : Infinity);
  // A restart from the first answer catches a simplex that collapsed early.
  const first = nelderMead(negative, parametersFromMoments(family, start.mean, start.sd), { step: [0.3, 0.3] });
  const found = nelderMead(negative, first.point, { step: [0.05, 0.05] });
  const theta = found.point;
  const distribution = stayDistribution(family, theta);
  const covariance = invertPositiveDefinite(hessian(negative, theta));
  const z = normalQuantile(0.5 + confidence / 2);
  const estimate = (pick: (d: StayDistribution) => number): Estimate => {
    const value = pick(distribution);
    if (!covariance) return { value, lower: NaN, upper: NaN };
    const se = Math.sqrt(quadraticForm(gradient((t) => Math.log(pick(stayDistribution(family, t))), theta), covariance));
    return { value, lower: value * Math.exp(-z * se), upper: value * Math.exp(z * se) };
  };
  const curve = kaplanMeier(groups).map((point) => ({ day: point.day, observed: point.observed, fitted: daySurvival(distribution, point.day) }));
  return {
    family,
    parameters: naturalParameters(family, theta),
    logLikelihood: -found.value,
    aic: 2 * theta.length + 2 * found.value,
    mean: estimate((d) => d.mean),
    sd: estimate((d) => d.sd),
    median: estimate((d) => d.median),
    distance: curve.reduce((most, point) => Math.max(most, Math.abs(point.observed - point.fitted)), 0),
    curve,
    converged: first.converged && found.converged,
  };
}
