/**
 * Referrals: per-day counts are Poisson(rate_d), times increase and are uniform within
 * their day, and the inversion of the cumulative intensity couples scenarios monotonically.
 *
 * Tolerances: 4 standard errors computed from the Poisson and binomial theory
 * (for a Poisson(lambda) count over R replications, SE of the mean = sqrt(lambda / R);
 * SE of the sample variance ~ sqrt((mu4 - sigma^4) / R) = sqrt((lambda + 2 lambda^2) / R)
 * since mu4 = lambda (1 + 3 lambda)).
 */
import { describe, expect, it } from 'vitest';
import { arrivalDayOf, ArrivalTimes, ArrivalTimesCache, arrivalProfileKey, countByDay, dayIndexOf, generateArrivalCounts, generateArrivalTimes } from '../../src/engine/arrivals.js';
import { createStream, hashString, StreamPurpose, type UniformSource } from '../../src/engine/random.js';
import { max, sampleStats } from './helpers.js';

const SEED = 777;
const KEY = hashString('P2_ARR');
const Z = 4;

/** Zero-rate days, tiny and large rates, then a two-week sinusoid. */
const RATES = [0, 0.3, 2, 0, 7.5, 20, 0, 0, 1, 40, ...Array.from({ length: 14 }, (_, i) => 5 + 4 * Math.sin((2 * Math.PI * i) / 14))];
const DAYS = RATES.length;

function generate(rates: ArrayLike<number>, replication: number, out = new ArrivalTimes()): ArrivalTimes {
  generateArrivalTimes(rates, createStream(SEED, KEY, replication, StreamPurpose.Arrivals), out);
  return out;
}

describe('arrival process', () => {
  const R = 20_000;
  const counts = Array.from({ length: DAYS }, () => new Float64Array(R));
  const positions: number[] = [];
  let ordered = true;
  let inRange = true;
  let consistent = true;
  {
    const buffer = new ArrivalTimes(16);
    const perDay = new Int32Array(DAYS);
    for (let r = 0; r < R; r++) {
      const arrivals = generate(RATES, r, buffer);
      countByDay(arrivals.times.subarray(0, arrivals.count), DAYS, perDay);
      const manual = new Int32Array(DAYS);
      for (let i = 0; i < arrivals.count; i++) {
        const t = arrivals.times[i];
        if (i > 0 && !(t > arrivals.times[i - 1])) ordered = false;
        if (!(t > 0 && t <= DAYS)) inRange = false;
        const day = Math.ceil(t) - 1;
        manual[day]++;
        if (r < 4000) positions.push(t - day);
      }
      for (let d = 0; d < DAYS; d++) {
        counts[d][r] = perDay[d];
        if (manual[d] !== perDay[d]) consistent = false;
      }
    }
  }

  it('gives strictly increasing times inside the horizon, counted on the right day', () => {
    expect(ordered).toBe(true);
    expect(inRange).toBe(true);
    expect(consistent).toBe(true);
    expect(dayIndexOf(0)).toBe(0);
    expect(dayIndexOf(1)).toBe(0);
    expect(dayIndexOf(1 + 1e-9)).toBe(1);
    expect(dayIndexOf(2.5)).toBe(2);
  });

  it('gives no referrals on zero-rate days', () => {
    for (let d = 0; d < DAYS; d++) if (RATES[d] === 0) expect(max(counts[d])).toBe(0);
  });

  it('gives per-day counts with Poisson mean, variance and P(N = 0), within 4 SE each', () => {
    for (let d = 0; d < DAYS; d++) {
      const lambda = RATES[d];
      if (lambda === 0) continue;
      const stats = sampleStats(counts[d]);
      expect(Math.abs(stats.mean - lambda)).toBeLessThan(Z * Math.sqrt(lambda / R));
      expect(Math.abs(stats.variance - lambda)).toBeLessThan(Z * Math.sqrt((lambda + 2 * lambda * lambda) / R));
      const p0 = Math.exp(-lambda);
      const zeros = counts[d].filter((c) => c === 0).length / R;
      expect(Math.abs(zeros - p0)).toBeLessThanOrEqual(Z * Math.sqrt((p0 * (1 - p0)) / R) + 1 / R);
    }
  });

  it('gives counts on different days uncorrelated (independent increments; SE of a correlation ~ 1/sqrt(R))', () => {
    const pairs: [number, number][] = [
      [4, 5],
      [5, 9],
      [9, 10],
      [15, 16],
    ];
    for (const [a, b] of pairs) {
      const x = sampleStats(counts[a]);
      const y = sampleStats(counts[b]);
      let covariance = 0;
      for (let r = 0; r < R; r++) covariance += (counts[a][r] - x.mean) * (counts[b][r] - y.mean);
      const correlation = covariance / (R - 1) / (x.sd * y.sd);
      expect(Math.abs(correlation)).toBeLessThan(Z / Math.sqrt(R));
    }
  });

  it('places referrals uniformly within their day (mean, variance and tenths within 4 SE)', () => {
    const n = positions.length;
    const stats = sampleStats(positions);
    expect(Math.abs(stats.mean - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / n));
    expect(Math.abs(stats.variance - 1 / 12)).toBeLessThan(Z * Math.sqrt((1 / 80 - 1 / 144) / n));
    const bins = new Float64Array(10);
    for (const x of positions) bins[Math.min(9, Math.floor(x * 10))]++;
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(Z * Math.sqrt(n * 0.1 * 0.9));
  });

  it('places referrals uniformly within a high-rate day too (the time-varying rate does not bend the day)', () => {
    // Day 10 (rate 40) follows a rate-1 day: a wrong inversion would push its referrals toward one end.
    const within: number[] = [];
    for (let r = 0; r < 2000; r++) {
      const arrivals = generate(RATES, r);
      for (let i = 0; i < arrivals.count; i++) if (arrivals.times[i] > 9 && arrivals.times[i] <= 10) within.push(arrivals.times[i] - 9);
    }
    const stats = sampleStats(within);
    expect(Math.abs(stats.mean - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / within.length));
  });

  it('couples scaled rates monotonically: 10 % more referrals never lowers the cumulative count at any time', () => {
    const scaled = RATES.map((r) => r * 1.1);
    let extra = 0;
    let baseTotal = 0;
    for (let r = 0; r < 2000; r++) {
      const base = generate(RATES, r);
      const more = generate(scaled, r);
      // N'(t) >= N(t) for all t  <=>  N'(T) >= N(T) and the k-th scaled time <= the k-th base time.
      expect(more.count).toBeGreaterThanOrEqual(base.count);
      for (let k = 0; k < base.count; k++) {
        if (!(more.times[k] <= base.times[k])) expect.fail(`replication ${r}: referral ${k} at ${more.times[k]} > ${base.times[k]}`);
      }
      extra += more.count - base.count;
      baseTotal += base.count;
    }
    // Not a trivial coupling: the uplift adds about 10 % (Poisson SE of the extra count).
    const expectedExtra = 0.1 * baseTotal;
    expect(Math.abs(extra - expectedExtra)).toBeLessThan(Z * Math.sqrt(expectedExtra));
  });

  it('keeps a day’s referrals independent of later rates (needed for horizon truncation)', () => {
    const truncated = RATES.slice(0, 12);
    for (let r = 0; r < 200; r++) {
      const full = generate(RATES, r);
      const short = generate(truncated, r);
      const prefix = Array.from(full.times.subarray(0, full.count)).filter((t) => t <= 12);
      expect(Array.from(short.times.subarray(0, short.count))).toEqual(prefix);
    }
  });
});

describe('ArrivalTimesCache', () => {
  const stream = (replication: number) => () => createStream(SEED, KEY, replication, StreamPurpose.Arrivals);
  const fresh = (rates: ArrayLike<number>, replication: number) => {
    const out = generate(rates, replication);
    return Array.from(out.times.subarray(0, out.count));
  };

  it('gives exactly the freshly drawn times, kept or not, in any order of replications', () => {
    const cache = new ArrivalTimesCache();
    const profile = arrivalProfileKey(RATES, SEED, KEY);
    const buffer = new ArrivalTimes(16);
    let drawn = 0;
    const counting = (replication: number) => () => {
      drawn++;
      return stream(replication)();
    };
    for (const replication of [3, 0, 7, 3, 0, 1, 7]) {
      expect(Array.from(cache.times(profile, RATES, counting(replication), replication, buffer)), `replication ${replication}`).toEqual(fresh(RATES, replication));
    }
    // Replications 3, 0 and 7 were drawn once each, then read back; 1 was new.
    expect(drawn).toBe(4);
    // Without a profile nothing is kept: drawn every time.
    for (let i = 0; i < 2; i++) expect(Array.from(cache.times(undefined, RATES, counting(5), 5, buffer))).toEqual(fresh(RATES, 5));
    expect(drawn).toBe(6);
  });

  it('keeps profiles apart, and starts again past its memory bound without changing a time', () => {
    const cache = new ArrivalTimesCache(300);
    const doubled = RATES.map((rate) => 2 * rate);
    const buffer = new ArrivalTimes(16);
    for (let round = 0; round < 2; round++) {
      for (let replication = 0; replication < 5; replication++) {
        for (const rates of [RATES, doubled]) {
          const kept = cache.times(arrivalProfileKey(rates, SEED, KEY), rates, stream(replication), replication, buffer);
          expect(Array.from(kept)).toEqual(fresh(rates, replication));
        }
      }
    }
  });
});

describe('ArrivalTimesCache: referral counts kept for the visit model', () => {
  const stream = (replication: number) => () => createStream(SEED, KEY, replication, StreamPurpose.Arrivals);
  /** The plain rule: the times drawn afresh, then counted by day. */
  const plain = (rates: ArrayLike<number>, replication: number, days: number) => {
    const out = generate(rates, replication);
    const counts = new Int32Array(days);
    countByDay(out.times.subarray(0, out.count), days, counts);
    return { counts: Array.from(counts), total: out.count };
  };
  const kept = (cache: ArrivalTimesCache, profile: string, rates: ArrayLike<number>, replication: number, days: number, from = stream(replication)) => {
    const counts = new Int32Array(days).fill(-7);
    const total = cache.counts(profile, rates, from, replication, counts);
    return { counts: Array.from(counts), total };
  };

  it('gives the counts of the freshly drawn times, kept or not, in any order of replications, drawing each once', () => {
    const cache = new ArrivalTimesCache();
    const profile = arrivalProfileKey(RATES, SEED, KEY);
    let drawn = 0;
    const counting = (replication: number) => () => {
      drawn++;
      return stream(replication)();
    };
    for (const replication of [3, 0, 70, 3, 0, 1, 70, 200, 1]) {
      expect(kept(cache, profile, RATES, replication, DAYS, counting(replication)), `replication ${replication}`).toEqual(plain(RATES, replication, DAYS));
    }
    expect(drawn).toBe(5);
  });

  it('keeps profiles and horizons apart, and starts again past its memory bound without changing a count', () => {
    const cache = new ArrivalTimesCache(3 * DAYS);
    const doubled = RATES.map((rate) => 2 * rate);
    for (let round = 0; round < 2; round++) {
      for (let replication = 0; replication < 5; replication++) {
        for (const rates of [RATES, doubled]) {
          for (const days of [DAYS, 9, DAYS + 4]) {
            expect(kept(cache, arrivalProfileKey(rates, SEED, KEY), rates, replication, days), `round ${round}, replication ${replication}, ${days} days`).toEqual(plain(rates, replication, days));
          }
        }
      }
    }
  });

  it('keeps counts apart from times under the same profile', () => {
    const cache = new ArrivalTimesCache();
    const profile = arrivalProfileKey(RATES, SEED, KEY);
    const buffer = new ArrivalTimes(16);
    for (const replication of [0, 1, 0]) {
      expect(kept(cache, profile, RATES, replication, DAYS)).toEqual(plain(RATES, replication, DAYS));
      const times = generate(RATES, replication);
      expect(Array.from(cache.times(profile, RATES, stream(replication), replication, buffer))).toEqual(Array.from(times.times.subarray(0, times.count)));
    }
  });
});

describe('arrivalProfileKey', () => {
  it('is the rates written out with the seed and node, whatever keys were made before', () => {
    const plain = (rates: ArrayLike<number>, seed: number, node: number) => `${seed}:${node}:${Array.prototype.join.call(rates, ',')}`;
    const profiles: number[][] = [RATES, RATES.slice(0, 5), RATES.map((rate) => rate * 1.1), [0, 1, 2], [-0, 1, 2], [0, 1, 2, 0], [NaN, 1], [1, NaN], [], [0.1 + 0.2, 3]];
    // Each differs from RATES in one day only, the last among them.
    profiles.push(...Array.from({ length: 12 }, (_, i) => RATES.map((rate, d) => (d === RATES.length - 1 - 2 * i ? rate + 2 ** -40 : rate))));
    // Asked in a shifting order, more profiles than the keys kept, so that some are asked again while kept and some after.
    for (let round = 0; round < 3; round++) {
      profiles.forEach((_, i) => {
        const rates = profiles[(i * (round + 1)) % profiles.length];
        for (const array of [rates, Float64Array.from(rates)]) {
          expect(arrivalProfileKey(array, SEED + round, KEY), `profile ${i}, round ${round}`).toBe(plain(array, SEED + round, KEY));
        }
      });
    }
    // A rate changed after its key was made gives the new rates' key.
    const changing = Float64Array.from(RATES);
    expect(arrivalProfileKey(changing, SEED, KEY)).toBe(plain(changing, SEED, KEY));
    changing[7] = 3.5;
    expect(arrivalProfileKey(changing, SEED, KEY)).toBe(plain(changing, SEED, KEY));
  });
});

describe('generateArrivalCounts', () => {
  /** The plain rule: the times drawn, then counted by day. */
  const countedTimes = (rates: ArrayLike<number>, stream: UniformSource, days: number) => {
    const buffer = new ArrivalTimes(16);
    generateArrivalTimes(rates, stream, buffer);
    const counts = new Int32Array(days);
    countByDay(buffer.times.subarray(0, buffer.count), days, counts);
    return { counts: Array.from(counts), total: buffer.count };
  };
  const counted = (rates: ArrayLike<number>, stream: UniformSource, days: number) => {
    const counts = new Int32Array(days);
    const total = generateArrivalCounts(rates, stream, counts);
    return { counts: Array.from(counts), total };
  };

  it('counts what countByDay counts of the times drawn from the same stream, and leaves the stream where they do', () => {
    const profiles: Array<[string, number[], number]> = [
      ['mixed rates', RATES, DAYS],
      ['tiny and fractional rates', Array.from({ length: 40 }, (_, d) => (d % 3 === 0 ? 1e-9 : 0.1 + 0.07 * d)), 40],
      ['a heavy day among light ones', [0.5, 300, 0.5, 0, 2], 5],
      ['more rates than days counted (the last day takes the rest)', [3, 3, 3, 3, 3, 3], 4],
      ['fewer rates than days counted', [3, 3], 6],
    ];
    for (const [name, rates, days] of profiles) {
      for (let r = 0; r < 300; r++) {
        const plain = createStream(SEED, KEY, r, StreamPurpose.Arrivals);
        const fast = createStream(SEED, KEY, r, StreamPurpose.Arrivals);
        expect(counted(rates, fast, days), `${name}, replication ${r}`).toEqual(countedTimes(rates, plain, days));
        expect(fast.next(), `${name}, replication ${r}: the next word`).toBe(plain.next());
      }
    }
  });

  it('counts a time that rounds down onto its day boundary on the day before, as countByDay does', () => {
    // After 2^16 days of no referrals, the first exponential is the smallest a word gives (word
    // 2^32 - 1: 1.16e-10), so on a day of rate 64 the time is 2^16 + 1.8e-12, which rounds to
    // 2^16 (half a unit in its last place is 7.3e-12): the end of the day before.
    const days = 2 ** 16 + 1;
    const rates = new Float64Array(days);
    rates[days - 1] = 64;
    const source = (r: number): UniformSource => {
      const stream = createStream(SEED, KEY, r, StreamPurpose.Arrivals);
      let first = true;
      return {
        next: () => {
          if (!first) return stream.next();
          first = false;
          return -1;
        },
      };
    };
    for (let r = 0; r < 3; r++) {
      const plain = countedTimes(rates, source(r), days);
      const fast = counted(rates, source(r), days);
      expect(plain.counts[days - 2], `replication ${r}: the day before`).toBe(1);
      // Compared where they can differ: every day before is empty in both.
      expect(fast.total, `replication ${r}`).toBe(plain.total);
      expect(fast.counts.slice(-3), `replication ${r}`).toEqual(plain.counts.slice(-3));
      expect(fast.counts.slice(0, -3).some((count) => count !== 0), `replication ${r}`).toBe(false);
    }
  });

  it('works out the day of a time as countByDay does', () => {
    expect(arrivalDayOf(3, 3 + 2 ** -51, 3, 1000)).toBe(2);
    expect(arrivalDayOf(3, 3.5, 3, 1)).toBe(3);
    expect(arrivalDayOf(0, 1e-300, 0, 5)).toBe(0);
    expect(arrivalDayOf(2, 9, 4, 5)).toBe(2);
  });
});
