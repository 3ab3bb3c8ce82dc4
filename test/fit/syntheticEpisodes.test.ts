import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dayNumber, weekdayIndex } from '../../src/fit/days.js';
import { readEpisodes } from '../../src/fit/readEpisodes.js';
import { generateEpisodes, referralRates, simulateEpisodes, type EpisodesTruth, type NodeTruth } from '../../src/fit/syntheticEpisodes.js';
import { EXAMPLE_EPISODES_SEED, EXAMPLE_EPISODES_TRUTH } from '../../scripts/example-episodes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const busyNode: NodeTruth = {
  locality: 'North',
  pathway: 'P2',
  referralsPerDay: 2,
  dayOfWeek: [1.2, 1.2, 1.2, 1.2, 1.2, 0.5, 0.5],
  capacity: 30,
  los: { family: 'gamma', mean: 16, sd: 9 },
};
const truth: EpisodesTruth = { start: '2025-01-01', snapshot: '2025-12-31', nodes: [busyNode] };

describe('synthetic episodes', () => {
  it('are the same bytes for the same seed, and differ for another', () => {
    expect(generateEpisodes(truth, 7)).toBe(generateEpisodes(truth, 7));
    expect(generateEpisodes(truth, 8)).not.toBe(generateEpisodes(truth, 7));
  });

  it('read back as a valid extract, with people still waiting and still in service at the snapshot', () => {
    const read = readEpisodes(generateEpisodes(truth, 7), 'synthetic.csv', { snapshot: truth.snapshot });
    if (!read.ok) throw new Error(read.problems.join('\n'));
    expect(read.episodes).toEqual(simulateEpisodes(truth, 7));
    // Busy (2 a day x 16 days = 32 > 30 places): a queue at the end of the year, and stays cut short.
    expect(read.episodes.filter((e) => e.started === undefined).length).toBeGreaterThan(0);
    expect(read.episodes.filter((e) => e.started !== undefined && e.ended === undefined).length).toBeGreaterThan(0);
  });

  it('never has more people in service at the end of a day than places, and starts them first come first served', () => {
    const episodes = simulateEpisodes(truth, 11);
    for (let day = dayNumber(truth.start); day <= dayNumber(truth.snapshot); day++) {
      const inService = episodes.filter((e) => e.started !== undefined && dayNumber(e.started) <= day && (e.ended === undefined || dayNumber(e.ended) > day));
      expect(inService.length).toBeLessThanOrEqual(busyNode.capacity);
    }
    const starts = episodes.filter((e) => e.started !== undefined).map((e) => e.started!);
    expect(starts).toEqual([...starts].sort());
    // With 30 places and 32 wanted on average, places are full most days: some end of day must find all 30 taken.
    const full = episodes.some((e) => e.started !== undefined && episodes.filter((o) => o.started! <= e.started! && (o.ended === undefined || o.ended > e.started!)).length === 30);
    expect(full).toBe(true);
  });

  it('has the referrals of the truth: in total and on each weekday, within 4 standard errors of their Poisson counts', () => {
    const rates = referralRates(truth, busyNode);
    const episodes = simulateEpisodes(truth, 3);
    const first = dayNumber(truth.start);
    for (let weekday = 0; weekday < 7; weekday++) {
      const expected = rates.filter((_, index) => weekdayIndex(first + index) === weekday).reduce((sum, rate) => sum + rate, 0);
      const observed = episodes.filter((e) => weekdayIndex(dayNumber(e.referred)) === weekday).length;
      // Poisson: the standard error of a count is the square root of its mean.
      expect(Math.abs(observed - expected), `weekday ${weekday}`).toBeLessThan(4 * Math.sqrt(expected));
    }
    const total = rates.reduce((sum, rate) => sum + rate, 0);
    expect(Math.abs(episodes.length - total)).toBeLessThan(4 * Math.sqrt(total));
  });

  it('examples/fictional-episodes.csv is what npm run make-episodes writes', () => {
    const committed = readFileSync(path.join(repoRoot, 'examples', 'fictional-episodes.csv'), 'utf8');
    expect(committed).toBe(generateEpisodes(EXAMPLE_EPISODES_TRUTH, EXAMPLE_EPISODES_SEED));
  });
});
