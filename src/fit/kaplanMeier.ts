/**
 * The Kaplan-Meier estimate of P(K > k) for stays counted in whole days, with people still in
 * service censored: someone seen in service for c days (K >= c) is at risk up to day c - 1.
 * Set beside the fitted P(K > k), it is how well a family fits, censoring taken into account.
 */
import type { StayGroup } from './stayLikelihood.js';

export interface SurvivalPoint {
  /** k: whole days from start day to end day. */
  day: number;
  /** Kaplan-Meier P(K > day). */
  observed: number;
  /** People at risk of ending on that day. */
  atRisk: number;
}

export function kaplanMeier(groups: readonly StayGroup[]): SurvivalPoint[] {
  const lastDay = groups.reduce((last, group) => Math.max(last, group.censored ? group.days - 1 : group.days), -1);
  const endings = new Array<number>(lastDay + 1).fill(0);
  // Leaving the risk set after a day: an ending on that day, or a censored stay's last day seen.
  const leaving = new Array<number>(lastDay + 2).fill(0);
  let atRisk = 0;
  for (const group of groups) {
    atRisk += group.count;
    if (group.censored) leaving[group.days - 1 + 1] += group.count;
    else {
      endings[group.days] += group.count;
      leaving[group.days + 1] += group.count;
    }
  }
  const points: SurvivalPoint[] = [];
  let survival = 1;
  for (let day = 0; day <= lastDay; day++) {
    atRisk -= leaving[day];
    if (atRisk > 0) survival *= 1 - endings[day] / atRisk;
    points.push({ day, observed: survival, atRisk });
  }
  return points;
}
