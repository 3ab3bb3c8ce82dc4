import { describe, expect, it } from 'vitest';
import { kaplanMeier } from '../../src/fit/kaplanMeier.js';
import { groupStays } from '../../src/fit/stayLikelihood.js';

describe('Kaplan-Meier on whole days', () => {
  it('counts a censored stay at risk up to the day before it was last seen, as worked by hand', () => {
    // Ended after 1, 2, 2 and 4 days; still in service after 3 days seen (K >= 3).
    const stays = [1, 2, 2, 4].map((days) => ({ days, censored: false })).concat([{ days: 3, censored: true }]);
    const curve = kaplanMeier(groupStays(stays));
    // Day 0: 5 at risk, none end. Day 1: 5 at risk, 1 ends: 4/5. Day 2: 4 at risk, 2 end: 4/5 * 2/4 = 0.4.
    // Day 3: the censored one left after day 2, so 1 at risk, none end. Day 4: 1 at risk, 1 ends: 0.
    expect(curve).toEqual([
      { day: 0, observed: 1, atRisk: 5 },
      { day: 1, observed: 0.8, atRisk: 5 },
      { day: 2, observed: 0.4, atRisk: 4 },
      { day: 3, observed: 0.4, atRisk: 1 },
      { day: 4, observed: 0, atRisk: 1 },
    ]);
  });

  it('refuses a stay that is not a whole number of days', () => {
    expect(() => groupStays([{ days: 2.5, censored: false }])).toThrow('a stay must be a whole number of days, at least 0 (1 when still in service), not 2.5');
  });
});
