/**
 * The likelihood of stays recorded to the day.
 *
 * A stay that started on day s and ended on day e is known only as K = e - s whole days: with
 * the start at an unknown time of day (taken as uniform), the continuous stay D lies between
 * K - 1 and K + 1 with triangular weight, and P(K = k) = G(k + 1) - 2 G(k) + G(k - 1), G being
 * the integral of the distribution function. Someone still in service at the end of the
 * snapshot day, c days after their start day, has K >= c: P = 1 - (G(c) - G(c - 1)). This is
 * interval censoring, honest about dates kept as days; fitting K as if it were D would bias
 * short stays by half a day and more.
 */
import type { StayDistribution } from './losFamilies.js';

/** One stay as the episodes give it. */
export interface Stay {
  /** Completed: ended - started, in days. Censored: snapshot - started + 1, the whole days seen in service. */
  days: number;
  /** True when the person was still in service at the snapshot. */
  censored: boolean;
}

/** Stays with the same days and censoring, counted once: days are few, so the likelihood costs little. */
export interface StayGroup extends Stay {
  count: number;
}

export function groupStays(stays: readonly Stay[]): StayGroup[] {
  const groups = new Map<string, StayGroup>();
  for (const stay of stays) {
    if (!Number.isInteger(stay.days) || stay.days < 0 || (stay.censored && stay.days < 1)) {
      throw new RangeError(`a stay must be a whole number of days, at least 0 (1 when still in service), not ${stay.days}`);
    }
    const key = `${stay.days}${stay.censored ? 'c' : ''}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { ...stay, count: 1 });
  }
  return [...groups.values()].sort((a, b) => a.days - b.days || Number(a.censored) - Number(b.censored));
}

/** P(K <= k): the share of stays of k whole days or fewer. */
export function dayCdf(distribution: StayDistribution, k: number): number {
  return upperTail(distribution, k) ? 1 - (distribution.integratedSurvival(k) - distribution.integratedSurvival(k + 1)) : distribution.integratedCdf(k + 1) - distribution.integratedCdf(k);
}

/** P(K > k), accurate in the upper tail, where long stays' probabilities are small. */
export function daySurvival(distribution: StayDistribution, k: number): number {
  return upperTail(distribution, k) ? distribution.integratedSurvival(k) - distribution.integratedSurvival(k + 1) : 1 - (distribution.integratedCdf(k + 1) - distribution.integratedCdf(k));
}

/** P(K = k): second differences of whichever integral is accurate there (both lose nothing to cancellation in their own tail). */
export function dayProbability(distribution: StayDistribution, k: number): number {
  if (upperTail(distribution, k)) {
    const { integratedSurvival: h } = distribution;
    return h(k - 1) - 2 * h(k) + h(k + 1);
  }
  const { integratedCdf: g } = distribution;
  return g(k + 1) - 2 * g(k) + g(k - 1);
}

function upperTail(distribution: StayDistribution, k: number): boolean {
  return k >= 1 && distribution.cdf(k) > 0.5;
}

/** The log-likelihood of the groups; -Infinity where the parameters make an observed stay impossible. */
export function logLikelihood(distribution: StayDistribution, groups: readonly StayGroup[]): number {
  let sum = 0;
  for (const group of groups) {
    const p = group.censored ? daySurvival(distribution, group.days - 1) : dayProbability(distribution, group.days);
    if (!(p > 0)) return -Infinity;
    sum += group.count * Math.log(p);
  }
  return sum;
}
