/**
 * The truth behind examples/fictional-episodes.csv: a fictional ICB of three localities, a
 * year of referrals to pathways 1, 2 and 3 with fewer at weekends and a winter peak, places
 * a little above the mean occupancy (so queues come and go), and lengths of stay of each
 * fitted family, so that a fit of the file can be checked against what made it.
 */
import type { EpisodesTruth, NodeTruth } from '../src/fit/syntheticEpisodes.js';

export const EXAMPLE_EPISODES_SEED = 20250401;

/** Monday to Sunday: referrals follow ward rounds and discharge planning, low at weekends. */
const WEEKDAYS = [1.15, 1.1, 1.1, 1.1, 1.15, 0.7, 0.7];

const LOCALITIES = [
  { locality: 'North', scale: 1 },
  { locality: 'South', scale: 0.8 },
  { locality: 'East', scale: 0.6 },
];

const PATHWAYS: Omit<NodeTruth, 'locality' | 'capacity'>[] = [
  { pathway: 'P1', referralsPerDay: 1.6, dayOfWeek: WEEKDAYS, seasonality: 0.15, los: { family: 'lnorm', mean: 18, sd: 14 } },
  { pathway: 'P2', referralsPerDay: 0.6, dayOfWeek: WEEKDAYS, seasonality: 0.1, los: { family: 'gamma', mean: 26, sd: 15 } },
  { pathway: 'P3', referralsPerDay: 0.4, dayOfWeek: WEEKDAYS, seasonality: 0.1, los: { family: 'weibull', mean: 35, sd: 20 } },
];

/** Places for a mean occupancy of referrals x mean stay, with 8 % headroom. */
const HEADROOM = 1.08;

export const EXAMPLE_EPISODES_TRUTH: EpisodesTruth = {
  start: '2025-04-01',
  snapshot: '2026-03-31',
  nodes: LOCALITIES.flatMap(({ locality, scale }) =>
    PATHWAYS.map((pathway) => {
      const referralsPerDay = Math.round(pathway.referralsPerDay * scale * 100) / 100;
      return { ...pathway, locality, referralsPerDay, capacity: Math.ceil(referralsPerDay * pathway.los.mean * HEADROOM) };
    }),
  ),
};
