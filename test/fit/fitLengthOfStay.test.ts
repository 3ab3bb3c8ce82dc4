/**
 * The length-of-stay fit against episodes simulated from a known truth (syntheticEpisodes.ts):
 * its intervals cover the truth as often as they say, it picks the family that made the data
 * when there is plenty, and it is not fooled by people still in service at the snapshot.
 * Every sample comes from a fixed seed, so each run sees the same data.
 */
import { describe, expect, it } from 'vitest';
import { fitLengthOfStay, LosDataError, type Estimate } from '../../src/fit/fitLengthOfStay.js';
import { parametersFromMoments, stayDistribution, type FittedFamily } from '../../src/fit/losFamilies.js';
import type { Stay } from '../../src/fit/stayLikelihood.js';
import { losScenarioOf } from '../../src/fit/losScenario.js';
import { staysByNode } from '../../src/fit/stays.js';
import { fitLos } from '../../src/engine/lengthOfStay.js';
import { readEpisodeFile } from '../../src/fit/readEpisodes.js';
import { EXAMPLE_EPISODES_TRUTH } from '../../scripts/example-episodes.js';
import { readFileSync } from 'node:fs';
import { simulateEpisodes } from '../../src/fit/syntheticEpisodes.js';

interface Los {
  family: FittedFamily;
  mean: number;
  sd: number;
}

/** One node's stays: referrals a day from `start` to `snapshot`, places enough that nobody waits long. */
function stays(los: Los, seed: number, { referralsPerDay = 1, start = '2025-01-01', snapshot = '2025-05-31', capacity = 300 } = {}): Stay[] {
  const truth = { start, snapshot, nodes: [{ locality: 'A', pathway: 'P1' as const, referralsPerDay, capacity, los }] };
  return staysByNode(simulateEpisodes(truth, seed), snapshot).get('P1_A') ?? [];
}

const covers = (estimate: Estimate, truth: number) => estimate.lower <= truth && truth <= estimate.upper;

/** Three truths: a long-tailed lognormal, a short gamma (whole days matter most there), a Weibull with much censoring. */
const TRUTHS: Los[] = [
  { family: 'lnorm', mean: 18, sd: 14 },
  { family: 'gamma', mean: 6, sd: 4 },
  { family: 'weibull', mean: 30, sd: 18 },
];

describe('fitting length of stay', () => {
  // 200 seeds of about 150 stays each (5 months at 1 a day; 4 % to 20 % still in service at the
  // snapshot). If each 95 % interval covers the truth with probability 0.95, the number of seeds
  // covered is binomial(200, 0.95): mean 190, standard error sqrt(200 x 0.95 x 0.05) = 3.1. We
  // accept 181 to 199, the mean +- 3 standard errors (rounded outward), so an interval that
  // covered 90 % (180) or 99 % (198 is inside, but 200 is not) is caught or nearly so.
  const SEEDS = 200;
  const COVERED = { least: 181, most: 199 };
  for (const truth of TRUTHS) {
    it(`95 % intervals of the mean, sd and median cover a ${truth.family} truth in about 95 % of ${SEEDS} seeds`, () => {
      const covered = { mean: 0, sd: 0, median: 0 };
      const median = medianOf(truth);
      for (let seed = 1; seed <= SEEDS; seed++) {
        const fit = fitLengthOfStay(stays(truth, seed), { families: [truth.family] }).chosen;
        expect(fit.converged).toBe(true);
        if (covers(fit.mean, truth.mean)) covered.mean++;
        if (covers(fit.sd, truth.sd)) covered.sd++;
        if (covers(fit.median, median)) covered.median++;
      }
      for (const [name, count] of Object.entries(covered)) {
        expect(count, `${name}: ${count} of ${SEEDS} seeds covered`).toBeGreaterThanOrEqual(COVERED.least);
        expect(count, `${name}: ${count} of ${SEEDS} seeds covered`).toBeLessThanOrEqual(COVERED.most);
      }
    }, 300_000);
  }

  // About 5,000 stays (10 referrals a day for 500 days): the wrong families then trail by tens
  // of AIC points or more for these shapes (a coefficient of variation of 0.6 to 0.8).
  for (const truth of TRUTHS) {
    it(`chooses ${truth.family} by AIC from a large sample made by a ${truth.family}`, () => {
      const sample = stays(truth, 42, { referralsPerDay: 10, start: '2024-01-01', snapshot: '2025-05-14', capacity: 1000 });
      expect(sample.length).toBeGreaterThan(4500);
      const fit = fitLengthOfStay(sample);
      expect(fit.chosen.family).toBe(truth.family);
      expect(fit.chosen.deltaAic).toBe(0);
      for (const other of fit.families.filter((f) => f.family !== truth.family)) expect(other.deltaAic, other.family).toBeGreaterThan(10);
      // The fitted survival follows the Kaplan-Meier curve closely: within 0.02 at every day for ~5,000 stays (1/sqrt(5000) = 0.014).
      expect(fit.chosen.distance).toBeLessThan(0.02);
      expect(Math.max(...fit.families.map((f) => f.distance))).toBeGreaterThan(fit.chosen.distance);
    }, 120_000);
  }

  it('counts people still in service as censored: the naive fits that treat them as ended, or leave them out, are biased low', () => {
    // Two months of referrals to stays of a month on average: at the snapshot nearly half the stays are unfinished.
    const truth: Los = { family: 'lnorm', mean: 30, sd: 20 };
    const sample = stays(truth, 5, { referralsPerDay: 4, snapshot: '2025-03-01' });
    const censored = sample.filter((stay) => stay.censored).length;
    expect(censored / sample.length).toBeGreaterThan(0.4);

    const fit = fitLengthOfStay(sample, { families: ['lnorm'] });
    expect(fit.censored).toBe(censored);
    expect(covers(fit.chosen.mean, truth.mean), JSON.stringify(fit.chosen.mean)).toBe(true);

    const endedAtSnapshot = fitLengthOfStay(
      sample.map((stay) => (stay.censored ? { days: stay.days - 1, censored: false } : stay)),
      { families: ['lnorm'] },
    ).chosen.mean;
    const completedOnly = fitLengthOfStay(
      sample.filter((stay) => !stay.censored),
      { families: ['lnorm'] },
    ).chosen.mean;
    // Biased: the whole interval below the truth, and the estimate below the censored fit's lower end.
    for (const naive of [endedAtSnapshot, completedOnly]) {
      expect(naive.upper).toBeLessThan(truth.mean);
      expect(naive.value).toBeLessThan(fit.chosen.mean.lower);
    }
  });

  it('reports the counts, the AIC ranks with Akaike weights, and refuses too few completed stays', () => {
    const fit = fitLengthOfStay(stays({ family: 'gamma', mean: 10, sd: 6 }, 9));
    expect(fit.families.map((f) => f.family)).toEqual(['lnorm', 'gamma', 'weibull']);
    expect(fit.completed + fit.censored).toBe(fit.stays);
    expect(fit.families.reduce((sum, f) => sum + f.weight, 0)).toBeCloseTo(1, 12);
    for (const f of fit.families) expect(f.aic).toBeCloseTo(4 - 2 * f.logLikelihood, 9);
    expect(fit.chosen.weight).toBe(Math.max(...fit.families.map((f) => f.weight)));
    const four = [1, 2, 3, 4].map((days) => ({ days, censored: false }));
    expect(() => fitLengthOfStay([...four, { days: 9, censored: true }])).toThrow(LosDataError);
    expect(() => fitLengthOfStay(four)).toThrow('4 completed stays: a length of stay needs at least 5');
  });
});

/** The truth's median, from its parameters (the closed forms are tested in losFamilies.test.ts). */
function medianOf(truth: Los): number {
  return stayDistribution(truth.family, parametersFromMoments(truth.family, truth.mean, truth.sd)).median;
}

describe('degenerate extracts', () => {
  it('every stay the same length: a fit at the edge of the parameters searched, the mean right, and no interval rather than a false one', () => {
    const fit = fitLengthOfStay(Array.from({ length: 20 }, () => ({ days: 3, censored: false })));
    for (const family of fit.families) {
      expect(family.mean.value, family.family).toBeCloseTo(3, 1);
      expect(family.mean.lower, family.family).toBeNaN();
      expect(family.mean.upper, family.family).toBeNaN();
    }
  });

  it('stays of months: the search converges and the interval is of the usual width', () => {
    const fit = fitLengthOfStay(Array.from({ length: 50 }, (_, i) => ({ days: 200 + 7 * i, censored: false })));
    for (const family of fit.families) {
      expect(family.converged, family.family).toBe(true);
      // 50 stays spread +-100 days about 372: a standard error of the mean of about 100 / sqrt(50) = 14 days.
      expect(family.mean.value, family.family).toBeCloseTo(372, -1);
      expect(family.mean.upper - family.mean.lower, family.family).toBeGreaterThan(40);
      expect(family.mean.upper - family.mean.lower, family.family).toBeLessThan(80);
    }
  });
});

describe('the fitted length of stay as a model scenario', () => {
  it('is the chosen family with its mean and sd, which the engine turns back into the same distribution', () => {
    const fit = fitLengthOfStay(stays({ family: 'weibull', mean: 20, sd: 9 }, 3));
    const scenario = losScenarioOf(fit);
    expect(scenario).toEqual({ name: 'Blos', family: fit.chosen.family, mean: fit.chosen.mean.value, sd: fit.chosen.sd.value });
    const engine = fitLos(scenario);
    const parameters = fit.chosen.parameters.map((p) => p.value);
    expect(engine.mu).toBeCloseTo(parameters[0], 6);
    expect(engine.sigma).toBeCloseTo(parameters[1], 6);
  });
});

describe('the bundled example (examples/fictional-episodes.csv), as docs/episodes.md reports it', () => {
  it("covers each node's true mean and sd, and chooses the true family at 7 of 9 nodes, the others within 1.2 AIC points", () => {
    const read = readEpisodeFile(readFileSync(new URL('../../examples/fictional-episodes.csv', import.meta.url)), 'fictional-episodes.csv');
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const missed: string[] = [];
    for (const [node, nodeStays] of staysByNode(read.episodes, read.snapshot)) {
      const truth = EXAMPLE_EPISODES_TRUTH.nodes.find((n) => `${n.pathway}_${n.locality}` === node)!.los;
      const fit = fitLengthOfStay(nodeStays);
      expect(covers(fit.chosen.mean, truth.mean), `${node} mean`).toBe(true);
      expect(covers(fit.chosen.sd, truth.sd), `${node} sd`).toBe(true);
      const trueFit = fit.families.find((f) => f.family === truth.family)!;
      if (trueFit !== fit.chosen) missed.push(node);
      expect(trueFit.deltaAic, node).toBeLessThan(1.2);
    }
    expect(missed.sort()).toEqual(['P2_South', 'P3_North']);
  }, 60_000);
});
