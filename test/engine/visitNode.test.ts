/**
 * The P1 visit node: whole-day LOS sampling (default and IPACS v1 compatibility), visit
 * rates and plans, slots a day, and unrestricted caseload.
 *
 * Sampled means are compared with theory computed from the normal and LOS distribution
 * functions (sums over whole days, i.e. exact integrals of the rounded distributions) with
 * tolerance 4 SE, the SE being the sample sd over sqrt(n).
 */
import { describe, expect, it } from 'vitest';
import { losSurvival, fitLos } from '../../src/engine/lengthOfStay.js';
import type { LosScenario } from '../../src/engine/model.js';
import { createStream, hashString, normalCdf, normalQuantile, StreamPurpose } from '../../src/engine/random.js';
import { replicationRunner, visitScenario, type Compatibility } from '../../src/engine/replications.js';
import { fillVisitPlan, sampleVisitLos, VisitDraws, VisitRateDistribution, visitSlotsPerDay, WholeDayLos } from '../../src/engine/visitNode.js';
import { constantRates, makeNode, max, Metric, min, replicate, sampleStats, scenarioKey, sum } from './helpers.js';

const Z = 4;
const KEY = hashString('P1_T');

function visitLosDraws(los: Omit<LosScenario, 'name'>, compat: Compatibility, n: number): Float64Array {
  const node = makeNode({ pathway: 'P1', arrivals: [[1]], capacity: [10], los: [los] });
  const scenario = visitScenario(node, scenarioKey(node), { seed: 1, compat, initialResidual: 'ipacs' });
  const stream = createStream(8, KEY, 0, StreamPurpose.LengthOfStay);
  return Float64Array.from({ length: n }, () => sampleVisitLos(scenario, stream));
}

/** E[round(L) | round(L) >= 1] for the fitted, unstretched distribution: sum_k S(k - 1/2) / S(1/2). */
function roundedMean(los: Omit<LosScenario, 'name'>): number {
  const d = fitLos(los);
  let total = 0;
  for (let k = 1; k <= 1_000_000; k++) {
    const s = losSurvival(d, k - 0.5);
    total += s;
    if (s < 1e-17) break;
  }
  return total / losSurvival(d, 0.5);
}

/**
 * IPACS v1 as docs/model.md states it: X = exp(mu + Z) (sdlog 1), rounded, and the whole-day
 * LOS k kept when 1 <= k < limit. P(round X = k) = F(k + 1/2) - F(k - 1/2), F the lognormal
 * distribution function (ties at half-days have probability 0, so the rounding rule for
 * halves does not matter), hence E = sum_{1 <= k < limit} k P(k) / sum_{1 <= k < limit} P(k).
 */
function ipacsV1Mean(mu: number, limit: number): number {
  const F = (x: number) => normalCdf(Math.log(x) - mu);
  let mass = 0;
  let total = 0;
  for (let k = 1; k < limit; k++) {
    const p = F(k + 0.5) - F(k - 0.5);
    mass += p;
    total += k * p;
  }
  return total / mass;
}

describe('P1 length of stay', () => {
  const n = 200_000;

  for (const los of [
    { family: 'lnorm', mean: 18.1, median: 8 },
    { family: 'lnorm', mean: 10, sd: 6 },
    { family: 'norm', mean: 6, sd: 3 },
    // Like P1_NS in the IPACS sample: so spread that many draws round to 0 and are drawn
    // again, which would lift the mean by over a day without the calibration.
    { family: 'lnorm', mean: 18.7, median: 4 },
    { family: 'gamma', mean: 10, sd: 8 },
    { family: 'weibull', mean: 12, sd: 15 },
    { family: 'unif', mean: 8, sd: 4 },
  ] as Omit<LosScenario, 'name'>[]) {
    it(`default mode gives whole days >= 1 whose mean is the input mean (${JSON.stringify(los)})`, () => {
      const x = visitLosDraws(los, 'none', n);
      for (let i = 0; i < 1000; i++) expect(Number.isInteger(x[i]) && x[i] >= 1).toBe(true);
      // The distribution is stretched until the rounded, redrawn stay has the input mean
      // exactly, so the sampled mean is within Z standard errors of the input mean itself.
      const stats = sampleStats(x);
      expect(Math.abs(stats.mean - los.mean) / stats.se, `sampled ${stats.mean} +- ${stats.se}, input ${los.mean}`).toBeLessThan(Z);
    });
  }

  it('without the calibration the redraw of 0-day stays would lift a spread stay by over a day', () => {
    // The reason for the calibration, computed exactly for the fitted (unstretched) lognormal.
    expect(roundedMean({ family: 'lnorm', mean: 18.7, median: 4 }) - 18.7).toBeGreaterThan(1);
  });

  it("'ipacs-v1' draws lognormal(mu, 1), rounded, kept in [1, mean + 3 * 0.3 * mean): input 18.1 gives about 10", () => {
    const los = { family: 'lnorm' as const, mean: 18.1, median: 8 };
    const x = visitLosDraws(los, 'ipacs-v1', n);
    const theory = ipacsV1Mean(Math.log(8), 18.1 + 3 * 0.3 * 18.1);
    expect(theory).toBeGreaterThan(9.4);
    expect(theory).toBeLessThan(10.1);
    const stats = sampleStats(x);
    expect(Math.abs(stats.mean - theory) / stats.se, `sampled ${stats.mean} +- ${stats.se}, theory ${theory}`).toBeLessThan(Z);
    expect(stats.mean).toBeLessThan(0.6 * los.mean); // far below the input
    expect(max(x)).toBeLessThan(18.1 * 1.9);
    expect(min(x)).toBeGreaterThanOrEqual(1);
  });

  it("'ipacs-v1' draws a gamma (a family IPACS lacks) from its fit, rounded and kept in [1, mean + 3 sd)", () => {
    const los = { family: 'gamma' as const, mean: 10, sd: 8 };
    const d = fitLos(los);
    const F = (x: number) => 1 - losSurvival(d, x);
    let mass = 0;
    let total = 0;
    for (let k = 1; k < 10 + 3 * 8; k++) {
      const p = F(k + 0.5) - F(k - 0.5);
      mass += p;
      total += k * p;
    }
    const x = visitLosDraws(los, 'ipacs-v1', n);
    const stats = sampleStats(x);
    expect(Math.abs(stats.mean - total / mass) / stats.se, `sampled ${stats.mean} +- ${stats.se}, theory ${total / mass}`).toBeLessThan(Z);
    expect(max(x)).toBe(33);
    expect(min(x)).toBe(1);
  });

  it("'ipacs-v1' uses the input sd in the rejection limit when given", () => {
    const los = { family: 'lnorm' as const, mean: 18.7, sd: 4 };
    const x = visitLosDraws(los, 'ipacs-v1', n);
    const d = fitLos(los);
    const theory = ipacsV1Mean(d.mu, 18.7 + 3 * 4);
    const stats = sampleStats(x);
    expect(Math.abs(stats.mean - theory) / stats.se).toBeLessThan(Z);
    expect(max(x)).toBeLessThan(18.7 + 12);
  });
});

describe('P1 visit rates and plans', () => {
  it('visit rates are rounded normal draws (sd 0.5) kept in (0, mean + 1.5]: mean within 4 SE of theory', () => {
    const stream = createStream(3, KEY, 0, StreamPurpose.VisitRates);
    for (const mean of [4, 1, 2.3]) {
      const n = 100_000;
      const distribution = new VisitRateDistribution(mean);
      const x = Float64Array.from({ length: n }, () => distribution.sample(stream));
      for (const v of x.subarray(0, 1000)) expect(Number.isInteger(v) && v > 0 && v <= mean + 1.5).toBe(true);
      // P(round(mean + 0.5 Z) = k) = Phi((k + 1/2 - mean) / 0.5) - Phi((k - 1/2 - mean) / 0.5), over accepted k.
      let mass = 0;
      let first = 0;
      for (let k = 1; k <= mean + 1.5; k++) {
        const p = normalCdf((k + 0.5 - mean) / 0.5) - normalCdf((k - 0.5 - mean) / 0.5);
        mass += p;
        first += k * p;
      }
      const stats = sampleStats(x);
      expect(Math.abs(stats.mean - first / mass) / stats.se).toBeLessThan(Z);
    }
  });

  it('a visit rate is the first whose cumulative probability reaches the uniform, as a scan from the lowest finds', () => {
    const randomWords = createStream(11, KEY, 0, StreamPurpose.VisitRates);
    // Random words, and words on either side of each guide cell's edge (j x 2^24).
    const words = Array.from({ length: 20_000 }, () => randomWords.next() >>> 0);
    for (let j = 1; j < 256; j++) words.push(j * 2 ** 24 - 1, j * 2 ** 24);
    for (const mean of [0.6, 1, 1.2, 2.3, 2.5, 4, 4.5, 7.9]) {
      const distribution = new VisitRateDistribution(mean);
      let next = 0;
      const replay = { next: () => words[next++] | 0 };
      const scanned = words.map((word) => {
        const u = (word + 0.5) / 2 ** 32;
        let i = 0;
        while (u > distribution.cumulative[i]) i++;
        return distribution.rates[i];
      });
      expect(words.map(() => distribution.sample(replay)), `mean ${mean}`).toEqual(scanned);
    }
  });

  it('a whole-day stay is the first whose rounding point reaches the uniform, as a scan from the shortest finds', () => {
    const randomWords = createStream(12, KEY, 0, StreamPurpose.LengthOfStay);
    // Random words, and words on either side of each guide cell's edge (j x 2^22).
    const words = Array.from({ length: 20_000 }, () => randomWords.next() >>> 0);
    for (let j = 1; j < 1024; j++) words.push(j * 2 ** 22 - 1, j * 2 ** 22);
    const normal = (mean: number, sd: number) => ({ cdf: (x: number) => normalCdf((x - mean) / sd), quantile: (p: number) => mean + sd * normalQuantile(p) });
    const lognormal = (meanlog: number, sdlog: number) => ({ cdf: (x: number) => (x <= 0 ? 0 : normalCdf((Math.log(x) - meanlog) / sdlog)), quantile: (p: number) => Math.exp(meanlog + sdlog * normalQuantile(p)) });
    const cases = [
      { name: 'normal(18, 6)', continuous: normal(18, 6), high: Infinity },
      { name: 'lognormal(2.8, 0.6) up to 60 days', continuous: lognormal(2.8, 0.6), high: 60 },
      { name: 'lognormal(2.5, 1.2)', continuous: lognormal(2.5, 1.2), high: Infinity },
      { name: 'normal(3, 0.3)', continuous: normal(3, 0.3), high: Infinity },
    ];
    for (const { name, continuous, high } of cases) {
      const stays = new WholeDayLos(continuous, 1, high);
      const lowP = continuous.cdf(0.5);
      const width = (Number.isFinite(high) ? continuous.cdf(high + 0.5) : 1) - lowP;
      let next = 0;
      const replay = { next: () => words[next++] | 0 };
      const scanned = words.map((word) => {
        const p = lowP + ((word + 0.5) / 2 ** 32) * width;
        let stay = 1;
        while (stay < high && continuous.cdf(stay + 0.5) < p) stay++;
        return stay;
      });
      expect(words.map(() => stays.sample(replay)), name).toEqual(scanned);
    }
  });

  it('a plan falls linearly from the initial to the final rate over the stay', () => {
    const plan = new Int32Array(10);
    fillVisitPlan(plan, 10, 5, 1);
    expect(Array.from(plan)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    const single = new Int32Array(1);
    fillVisitPlan(single, 1, 4, 1);
    expect(single[0]).toBe(4);
    for (let stay = 2; stay <= 40; stay++) {
      for (const [initial, final] of [
        [5, 1],
        [4, 2],
        [3, 3],
        [1, 2],
      ]) {
        const p = new Int32Array(stay);
        fillVisitPlan(p, stay, initial, final);
        expect(p[0]).toBe(initial);
        expect(p[stay - 1]).toBe(final);
        for (let k = 0; k < stay; k++) {
          expect(Math.abs(p[k] - (initial + ((final - initial) * k) / (stay - 1)))).toBeLessThanOrEqual(0.5);
          if (k > 0) expect(Math.sign(p[k] - p[k - 1]) * Math.sign(final - initial)).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });
});

describe('P1 capacity', () => {
  it('usable slots a day = floor(caseload * (IVR + FVR) / 2)', () => {
    // docs/model.md keeps the fraction (a fractional slot can never be used, visits being whole),
    // so what binds is its floor.
    const usable = (caseload: number, initialVisitRate: number, finalVisitRate: number) => Math.floor(visitSlotsPerDay({ caseload, initialVisitRate, finalVisitRate }));
    expect(usable(20, 4, 1)).toBe(50);
    expect(usable(21, 4, 1)).toBe(52);
    expect(usable(10.5, 3, 2)).toBe(26);
    expect(usable(0, 4, 1)).toBe(0);
  });

  it('never uses more slots than that on any day, and fills them under heavy demand', () => {
    const days = 60;
    const R = 40;
    // Caseload 21 -> 52 slots; demand ~ 8 referrals x 10 days x 2.5 visits = 200 slots a day.
    const node = makeNode({ pathway: 'P1', arrivals: [constantRates(days, 8)], capacity: [21], los: [{ family: 'lnorm', mean: 10, median: 8 }], waiting: 10, community: 1, acuteDelay: 0 });
    const sim = replicate(node, days, R, { seed: 9 });
    let busiest = 0;
    for (let r = 0; r < R; r++) {
      const cost = sim.row(r, Metric.cost); // community cost 1 per visit, no acute cost: cost = slots used
      const occ = sim.row(r, Metric.occ);
      for (let d = 0; d < days; d++) {
        const used = cost[d];
        expect(Number.isInteger(used) && used >= 0 && used <= 52, `replication ${r}, day ${d + 1}: ${used} slots`).toBe(true);
        expect(occ[d] * 2.5).toBeCloseTo(used, 9); // occ = slots used / mean visits a patient
        busiest = Math.max(busiest, used);
      }
      expect(sum(sim.row(r, Metric.niq))).toBeGreaterThan(0);
    }
    expect(busiest).toBeGreaterThanOrEqual(48);
  });

  it('with unrestricted caseload nobody waits', () => {
    const days = 40;
    const R = 40;
    const node = makeNode({ pathway: 'P1', arrivals: [constantRates(days, 6)], capacity: [1e6], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 20, waiting: 7 });
    const sim = replicate(node, days, R, { seed: 10 });
    for (let r = 0; r < R; r++) {
      expect(max(sim.row(r, Metric.niq))).toBe(0);
      expect(max(sim.row(r, Metric.wait))).toBe(0);
      const admissions = Array.from(sim.row(r, Metric.admissions));
      const expected = Array.from(sim.row(r, Metric.arrivals));
      expected[0] += 7; // the initial queue starts on day 1
      expect(admissions).toEqual(expected);
      expect(sim.horizon(r, 'delayedAdmissions')).toBe(7);
      expect(sim.horizon(r, 'waitingAtEnd')).toBe(0);
    }
  });

  // BUG (src/engine/visitNode.ts, not ours to edit): model.ts says non-finite capacities mean
  // unrestricted, but a caseload of Infinity gives Infinity slots and slots used = Infinity -
  // Infinity = NaN, so occ and cost are NaN on every day. Remove `.fails` once fixed.
  it('with a caseload of Infinity (unrestricted) occupancy and cost are finite and nobody waits', () => {
    const days = 10;
    const node = makeNode({ pathway: 'P1', arrivals: [constantRates(days, 3)], capacity: [Infinity], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 5 });
    const sim = replicate(node, days, 3, { seed: 10 });
    for (let r = 0; r < 3; r++) {
      for (const v of sim.row(r, Metric.occ)) expect(Number.isFinite(v)).toBe(true);
      for (const v of sim.row(r, Metric.cost)) expect(Number.isFinite(v)).toBe(true);
      for (const v of sim.row(r, Metric.niq)) expect(v).toBe(0);
    }
  });

  it('a caseload too small for one whole visit a day admits nobody, and does not hang', () => {
    // 0.3 x (4 + 1) / 2 = 0.75 slots: no visit fits, so everyone referred waits to the end.
    const days = 10;
    const node = makeNode({ pathway: 'P1', arrivals: [constantRates(days, 3)], capacity: [0.3], los: [{ family: 'lnorm', mean: 10, median: 8 }] });
    const sim = replicate(node, days, 3, { seed: 11 });
    for (let r = 0; r < 3; r++) {
      expect(sim.row(r, Metric.admissions).every((v) => v === 0)).toBe(true);
      const referred = sim.row(r, Metric.arrivals).reduce((a, b) => a + b, 0);
      expect(sim.horizon(r, 'waitingAtEnd')).toBe(referred);
    }
  });
});

describe('VisitDraws', () => {
  const node = makeNode({ pathway: 'P1', arrivals: [[1]], capacity: [10], los: [{ family: 'lnorm', mean: 15, median: 10, initialVisitRate: 3, finalVisitRate: 1 }] });
  const scenario = visitScenario(node, scenarioKey(node), { seed: 4, compat: 'none', initialResidual: 'ipacs' });
  const streams = (replication: number) => ({
    rates: () => createStream(4, KEY, replication, StreamPurpose.VisitRates),
    stays: () => createStream(4, KEY, replication, StreamPurpose.LengthOfStay),
  });
  /** Patient j's rates are the j-th pair of visit-rate draws; referral k's stay the k-th LOS draw. */
  const fresh = (replication: number, patients: number, referrals: number) => {
    const rateStream = streams(replication).rates();
    const stayStream = streams(replication).stays();
    const rates = Array.from({ length: patients }, () => [scenario.initialVisitRates.sample(rateStream), scenario.finalVisitRates.sample(rateStream)]).flat();
    return { rates, stays: Array.from({ length: referrals }, () => sampleVisitLos(scenario, stayStream)) };
  };

  it('gives each patient the same draws whether kept, extended, read back or drawn afresh, within a memory bound', () => {
    for (const draws of [new VisitDraws(), new VisitDraws(150)]) {
      for (const [replication, patients, referrals] of [[0, 40, 30], [1, 20, 10], [0, 60, 50], [0, 25, 15], [1, 35, 25]] as const) {
        for (const profile of ['kept', undefined]) {
          const got = draws.draws(profile, scenario, streams(replication), replication, patients, referrals);
          const expected = fresh(replication, patients, referrals);
          expect(Array.from(got.rates.subarray(0, 2 * patients)), `replication ${replication}, ${profile}`).toEqual(expected.rates);
          expect(Array.from(got.stays.subarray(0, referrals))).toEqual(expected.stays);
        }
      }
    }
  });
});

describe('P1 draws kept for a node\'s other scenarios', () => {
  it('simulates every scenario as drawn afresh when referrals (as counts a day), stays and rates are kept', () => {
    const node = makeNode({
      pathway: 'P1',
      id: 'P1_KEPT',
      arrivals: [constantRates(40, 6), constantRates(40, 7.5)],
      capacity: [30, 60],
      los: [{ family: 'lnorm', mean: 12, median: 9, initialVisitRate: 3, finalVisitRate: 1 }, { family: 'gamma', mean: 8, sd: 4 }],
      occupied: 20,
      waiting: 5,
    });
    const settings = { seed: 31, compat: 'none' as const, initialResidual: 'ipacs' as const };
    for (const capacity of [0, 1]) {
      for (const los of [0, 1]) {
        for (const arrivals of [0, 1]) {
          const key = scenarioKey(node, { capacity, los, arrivals });
          const kept = replicationRunner(node, key, 40, settings, { arrivals: true, stays: true });
          const fresh = replicationRunner(node, key, 40, settings);
          for (const replication of [0, 2, 1, 2]) {
            const keptRecord = kept(replication);
            const keptValues = [...keptRecord.values, ...keptRecord.horizon];
            const freshRecord = fresh(replication);
            expect(keptValues, `${key.id}, replication ${replication}`).toEqual([...freshRecord.values, ...freshRecord.horizon]);
          }
        }
      }
    }
  });
});
