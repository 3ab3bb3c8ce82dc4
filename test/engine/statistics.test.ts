/**
 * The deterministic building blocks under the summaries: the day integrator that turns
 * patients' intervals into time-averaged daily counts, R's type-7 quantiles, and the
 * Student t quantile behind the confidence intervals. Exact or reference-value checks.
 */
import { describe, expect, it } from 'vitest';
import { DayIntegrator } from '../../src/engine/dailyRecord.js';
import { columnSortScratch, placeOrderStatistics, QuantilePlan, quantileBySelection, quantileOfRange, quantilePositions, quantileSorted, studentT975, studentTQuantile } from '../../src/engine/statistics.js';

describe('DayIntegrator', () => {
  it('averages an interval over each day (d - 1, d]', () => {
    const integrator = new DayIntegrator(4);
    integrator.interval(0.25, 2.5); // 0.75 of day 1, all of day 2, half of day 3
    integrator.interval(0, 1); // all of day 1
    integrator.interval(3.5, 10); // half of day 4, the rest beyond the horizon
    integrator.interval(2, 2); // empty
    const out = new Float64Array(4);
    integrator.integrate(out);
    expect(Array.from(out)).toEqual([1.75, 1, 0.5, 0.5]);
  });

  it('matches a brute-force time average for random intervals', () => {
    const days = 6;
    const integrator = new DayIntegrator(days);
    const intervals: [number, number][] = [];
    let seed = 12345;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 8;
    for (let i = 0; i < 200; i++) {
      const a = next();
      const b = a + next() / 2;
      intervals.push([a, b]);
      integrator.interval(a, b);
    }
    const out = new Float64Array(days);
    integrator.integrate(out);
    for (let d = 0; d < days; d++) {
      // Exact overlap of each interval with (d, d + 1].
      const expected = intervals.reduce((total, [a, b]) => total + Math.max(0, Math.min(b, d + 1) - Math.max(a, d)), 0);
      expect(out[d]).toBeCloseTo(expected, 10);
    }
  });
});

describe('quantileSorted (R type 7)', () => {
  it('interpolates between order statistics as R quantile() does', () => {
    const x = [1, 2, 4, 8, 16];
    // R: quantile(c(1,2,4,8,16), c(0, .025, .1, .25, .5, .9, 1)) = 1, 1.1, 1.4, 2, 4, 12.8, 16
    const expected = [1, 1.1, 1.4, 2, 4, 12.8, 16];
    [0, 0.025, 0.1, 0.25, 0.5, 0.9, 1].forEach((p, i) => expect(quantileSorted(x, x.length, p)).toBeCloseTo(expected[i], 12));
    expect(quantileSorted([7], 1, 0.95)).toBe(7);
    expect(quantileSorted([], 0, 0.5)).toBeNaN();
  });
});

describe('studentTQuantile', () => {
  // Reference values from scipy.stats.t.ppf(0.975, df).
  const reference: [number, number][] = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
  ];

  it('is exact for 1 and 2 degrees of freedom and within 3e-4 beyond', () => {
    for (const [df, t] of reference) expect(Math.abs(studentTQuantile(0.975, df) - t), `df ${df}`).toBeLessThan(df <= 2 ? 1e-12 : 3e-4);
  });

  it('is within 1e-8 of tabulated values at 3, 4, 9 and 49 degrees of freedom', () => {
    // Reference quantiles from scipy.stats.t.ppf.
    expect(Math.abs(studentTQuantile(0.975, 3) - 3.1824463052837078)).toBeLessThan(1e-8);
    expect(Math.abs(studentTQuantile(0.975, 4) - 2.776445105197793)).toBeLessThan(1e-8);
    expect(Math.abs(studentTQuantile(0.975, 9) - 2.262157162740992)).toBeLessThan(1e-8);
    expect(Math.abs(studentTQuantile(0.975, 49) - 2.009575234489209)).toBeLessThan(1e-8);
    expect(Math.abs(studentTQuantile(0.995, 3) - 5.840909309733351)).toBeLessThan(1e-8);
  });
});

describe('studentT975', () => {
  it('is studentTQuantile(0.975, n) to the bit, the first time and when remembered', () => {
    const degrees = [...Array.from({ length: 120 }, (_, i) => i + 1), 199, 499, 999, 9999];
    for (const pass of ['first', 'remembered']) {
      for (const n of degrees) expect(Object.is(studentT975(n), studentTQuantile(0.975, n)), `${n} degrees of freedom, ${pass}`).toBe(true);
    }
  });
});

describe('placeOrderStatistics', () => {
  const levels = [0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975];

  it('puts at every wanted position what a full sort puts there, and returns the sum: counts, wide integer ranges, fractions, any size', () => {
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const scratch = columnSortScratch();
    for (const length of [1, 2, 5, 16, 17, 24, 25, 50, 64, 65, 100, 1000, 4096]) {
      const plan = new QuantilePlan(length, levels);
      for (const values of [
        () => Math.floor(next() * 7), // daily counts: many ties
        () => Math.floor(next() * 10_000) - 300, // whole numbers beyond the counting range
        () => next() * 100, // time averages
        () => Math.floor(next() * 3) + 0.5, // few distinct fractions
        () => (next() < 0.7 ? 0 : next() * 5), // a queue that is usually empty
      ]) {
        // The column sits inside a larger array, as a summary's columns do; its neighbours
        // must be left alone.
        const column = Float64Array.from({ length }, values);
        const sorted = Float64Array.from(column).sort();
        const start = 3;
        const buffer = new Float64Array(start + length + 2).fill(-7);
        buffer.set(column, start);
        let sum = 0;
        for (const value of column) sum += value;
        expect(placeOrderStatistics(buffer, start, length, plan.positions, scratch)).toBe(sum);
        for (const position of plan.positions) expect(buffer[start + position], `length ${length}, position ${position}`).toBe(sorted[position]);
        levels.forEach((p, q) => expect(plan.value(buffer, start, q)).toBe(quantileSorted(sorted, length, p)));
        expect([...buffer.subarray(0, start), ...buffer.subarray(start + length)]).toEqual([-7, -7, -7, -7, -7]);
      }
    }
  });

  it('survives inputs that defeat a median-of-three pivot: sorted, reversed, organ-pipe, constant', () => {
    const scratch = columnSortScratch();
    const length = 5000;
    const positions = quantilePositions(length, levels);
    for (const make of [(i: number) => i / 3, (i: number) => -i / 3, (i: number) => Math.min(i, length - i) / 3, () => 2.5]) {
      const column = Float64Array.from({ length }, (_, i) => make(i));
      const sorted = Float64Array.from(column).sort();
      placeOrderStatistics(column, 0, length, positions, scratch);
      for (const position of positions) expect(column[position]).toBe(sorted[position]);
    }
  });

  it('leaves a column of one value as it is, and writes +0 where counting would over a column of zeros with a -0 in it', () => {
    const scratch = columnSortScratch();
    for (const length of [16, 50]) {
      const plan = new QuantilePlan(length, levels);
      for (const value of [3, 2.5, Infinity, -4]) {
        const column = new Float64Array(length).fill(value);
        let sum = 0;
        for (const v of column) sum += v;
        expect(placeOrderStatistics(column, 0, length, plan.positions, scratch)).toBe(sum);
        levels.forEach((_, q) => expect(plan.value(column, 0, q)).toBe(value));
      }
    }
    const length = 50;
    const plan = new QuantilePlan(length, levels);
    const zeros = new Float64Array(length);
    for (let i = 0; i < length; i += 7) zeros[i] = -0;
    expect(placeOrderStatistics(zeros, 0, length, plan.positions, scratch)).toBe(0);
    for (const position of plan.positions) expect(Object.is(zeros[position], 0), `position ${position}`).toBe(true);
  });

  it('finds the same order statistics through buckets as a sort: skewed, clustered, ulp-close, huge, negative and tied fractions', () => {
    let state = 19;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const scratch = columnSortScratch();
    const shapes: [string, () => number][] = [
      ['one far outlier, the rest in a bucket or two', () => (next() < 0.002 ? 1e6 : next() * 3)],
      ['clustered', () => Math.floor(next() * 4) * 10 + next() * 1e-3],
      ['a few ulps apart', () => 1 + Math.floor(next() * 40) * Number.EPSILON],
      ['huge magnitudes', () => (next() - 0.5) * 1e300],
      ['beyond a finite range', () => (next() < 0.5 ? -1 : 1) * 1.7e308 * next()],
      ['negative fractions with ties', () => -Math.floor(next() * 30) / 4],
      ['whole numbers and fractions', () => (next() < 0.5 ? Math.floor(next() * 9000) : next() * 9000)],
      ['an occupancy', () => 20 + 4 * Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next())],
    ];
    for (const length of [127, 128, 129, 500, 1000, 4079, 5000]) {
      const plan = new QuantilePlan(length, levels);
      for (const [shape, make] of shapes) {
        const column = Float64Array.from({ length }, make);
        const sorted = Float64Array.from(column).sort();
        let sum = 0;
        for (const value of column) sum += value;
        expect(placeOrderStatistics(column, 0, length, plan.positions, scratch)).toBe(sum);
        for (const position of plan.positions) expect(column[position], `${shape}, length ${length}, position ${position}`).toBe(sorted[position]);
      }
    }
  });

  it('gives a fractional column with a -0 in it the values of a sort, whichever zero', () => {
    let state = 23;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const scratch = columnSortScratch();
    const length = 1000;
    const plan = new QuantilePlan(length, levels);
    const column = Float64Array.from({ length }, () => (next() < 0.3 ? 0 : next() < 0.5 ? -0 : next() * 2));
    const sorted = Float64Array.from(column).sort();
    placeOrderStatistics(column, 0, length, plan.positions, scratch);
    for (const position of plan.positions) expect(column[position] === sorted[position], `position ${position}`).toBe(true);
  });

  it('sorts a short fractional column through buckets to the values of a sort, to the bit, and leaves what buckets cannot split to the selection', () => {
    let state = 29;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const scratch = columnSortScratch();
    // Columns of 50 or 100 replications (occupancy, cost, wait), shaped to crowd buckets,
    // leave them empty, and put values a few ulps apart or on their edges.
    const shapes: [string, (i: number) => number][] = [
      ['an occupancy', () => 20 + 4 * Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next())],
      ['a uniform spread', () => next() * 100],
      ['ties', () => Math.round(next() * 8) / 2 + 0.25],
      ['one far outlier, the rest in a bucket or two', (i) => (i === 7 ? 1e6 : next() * 3)],
      ['clustered', () => Math.floor(next() * 4) * 10 + next() * 1e-3],
      ['a few ulps apart', () => 1 + Math.floor(next() * 40) * Number.EPSILON],
      ['huge magnitudes', () => (next() - 0.5) * 1e300],
      ['negative fractions with ties', () => -Math.floor(next() * 30) / 4],
      ['zeros (+0) and fractions', () => (next() < 0.4 ? 0 : next())],
      ['in descending order', (i) => 1000 - i * 0.7],
      ['every value twice, at the ends of the range', (i) => (i % 2 === 0 ? 1.5 : 2.5) + (i < 2 ? 0 : next())],
    ];
    for (const length of [25, 26, 50, 64, 100, 127]) {
      const plan = new QuantilePlan(length, levels);
      for (const [shape, make] of shapes) {
        for (let repeat = 0; repeat < 20; repeat++) {
          const column = Float64Array.from({ length }, (_, i) => make(i));
          const sorted = Float64Array.from(column).sort();
          let sum = 0;
          for (const value of column) sum += value;
          expect(placeOrderStatistics(column, 0, length, plan.positions, scratch)).toBe(sum);
          for (const position of plan.positions) expect(Object.is(column[position], sorted[position]), `${shape}, length ${length}, position ${position}`).toBe(true);
        }
      }
      // Left to the selection: a -0 (either zero may land on a position), an infinity, a NaN.
      const withNegativeZero = Float64Array.from({ length }, (_, i) => (i % 5 === 0 ? -0 : i % 3 === 0 ? 0 : next()));
      const sorted = Float64Array.from(withNegativeZero).sort();
      placeOrderStatistics(withNegativeZero, 0, length, plan.positions, scratch);
      for (const position of plan.positions) expect(withNegativeZero[position] === sorted[position], `-0, length ${length}, position ${position}`).toBe(true);
      const withInfinity = Float64Array.from({ length }, (_, i) => (i === 3 ? Infinity : i === 9 ? -Infinity : next()));
      const sortedInfinity = Float64Array.from(withInfinity).sort();
      placeOrderStatistics(withInfinity, 0, length, plan.positions, scratch);
      for (const position of plan.positions) expect(withInfinity[position], `infinity, length ${length}, position ${position}`).toBe(sortedInfinity[position]);
      const withNaN = Float64Array.from({ length }, (_, i) => (i === 4 ? NaN : next()));
      expect(placeOrderStatistics(withNaN, 0, length, plan.positions, scratch)).toBeNaN();
    }
  });

  it('names the positions type 7 quantiles read, two per level at most', () => {
    expect([...quantilePositions(1000, [0.025, 0.5, 0.975])]).toEqual([24, 25, 499, 500, 974, 975]);
    expect([...quantilePositions(5, [0, 0.25, 1])]).toEqual([0, 1, 4]);
    expect([...quantilePositions(0, levels)]).toEqual([]);
  });
});

describe('quantileBySelection', () => {
  it('equals the type 7 quantile of the sorted data, with and without ties', () => {
    let state = 11;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    for (const length of [1, 2, 3, 10, 100, 1001, 20000]) {
      for (const distinct of [3, 1e9]) {
        for (const p of [0, 0.025, 0.5, 0.95, 0.975, 1]) {
          const values = Float64Array.from({ length }, () => Math.floor(next() * distinct) / 7);
          const sorted = Float64Array.from(values).sort();
          expect(quantileBySelection(values, p), `length ${length}, p ${p}`).toBe(quantileSorted(sorted, length, p));
        }
      }
    }
  });
});

describe('quantileOfRange', () => {
  it('equals the type 7 quantile of the sorted range, and leaves the array as it was', () => {
    let state = 29;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const shapes: [string, () => number][] = [
      ['three values', () => Math.floor(next() * 3) / 7],
      ['fractions', () => Math.floor(next() * 1e9) / 7],
      ['a queue that is usually empty', () => (next() < 0.9 ? 0 : next() * 5)],
      ['whole numbers', () => Math.floor(next() * 12)],
      ['one far outlier', () => (next() < 0.0005 ? 1e9 : next())],
      ['a few ulps apart', () => 1 + Math.floor(next() * 5) * Number.EPSILON],
      ['beyond a finite range', () => (next() < 0.5 ? -1 : 1) * 1.7e308 * next()],
      ['with -0', () => (next() < 0.5 ? -0 : next())],
      ['one value', () => 2.5],
    ];
    for (const length of [1, 2, 3, 10, 100, 1001, 20000]) {
      for (const [shape, make] of shapes) {
        const start = 5;
        const values = Float64Array.from({ length: start + length + 3 }, make);
        const before = Float64Array.from(values);
        const sorted = values.slice(start, start + length).sort();
        for (const p of [0, 0.025, 0.5, 0.95, 0.975, 1]) {
          const expected = quantileSorted(sorted, length, p);
          const found = quantileOfRange(values, start, length, p);
          // Which of 0 and -0 a selection returns depends on its order of work.
          if (expected === 0) expect(found === 0, `${shape}, length ${length}, p ${p}`).toBe(true);
          else expect(found, `${shape}, length ${length}, p ${p}`).toBe(expected);
          expect(Object.is(found, quantileBySelection(values.slice(start, start + length), p)), `${shape}, length ${length}, p ${p}: as quantileBySelection`).toBe(true);
        }
        expect(values).toEqual(before);
      }
    }
  });
});
