/* eslint-disable no-loss-of-precision -- reference values are quoted with the 17 digits mpmath printed, so
   they can be checked against it; doubles round them, far below the tolerances used. */
/**
 * The gamma function, the regularised incomplete gamma function and its inverse, against
 * values computed to 40 digits with mpmath (the library R's results are usually checked
 * against; R is not on this machine) and against closed forms.
 */
import { describe, expect, it } from 'vitest';
import { gammaQuantile, logGamma, regularisedGamma } from '../../src/engine/gammaFunction.js';

/** |got - want| within `relative` of want. */
function expectRelative(got: number, want: number, relative: number): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(relative * Math.abs(want));
}

describe('logGamma', () => {
  it('matches mpmath.loggamma(x) to 1e-14 relative (ln Gamma, as R lgamma(x))', () => {
    const reference: Array<[number, number]> = [
      [0.01, 4.5994798780420217],
      [0.5, 0.57236494292470009],
      [1.5, -0.12078223763524522],
      [3.7, 1.4280723266653881],
      [171.5, 709.14316303092824],
      [1e5, 1051287.7089736569],
    ];
    for (const [x, want] of reference) expectRelative(logGamma(x), want, 1e-14);
  });

  it('is exact at the integers and one half, up to rounding: Gamma(n) = (n - 1)!, Gamma(1/2) = sqrt(pi)', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(Math.abs(logGamma(n) - Math.log(factorial))).toBeLessThan(1e-13);
      factorial *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });

  it('refuses a non-positive argument', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('regularisedGamma', () => {
  it('matches R pgamma(x, a) and pgamma(x, a, lower.tail = FALSE) to 1e-12 relative (values from mpmath.gammainc, regularized)', () => {
    // a, x, P(a, x), Q(a, x): both sides of x = a + 1, where the series hands over to the continued fraction.
    const reference: Array<[number, number, number, number]> = [
      [0.05, 1e-5, 0.57764621820569651, 0.42235378179430349],
      [0.3, 0.01, 0.27924099635901486, 0.72075900364098514],
      [0.5, 2.0, 0.95449973610364159, 0.045500263896358414],
      [1, 0.1, 0.095162581964040432, 0.90483741803595957],
      [2.5, 1.0, 0.15085496391539036, 0.84914503608460964],
      [2.5, 10.0, 0.99875026943696862, 0.0012497305630313754],
      [4, 3.5, 0.46336733209921498, 0.53663266790078502],
      [25, 15.0, 0.011164780271550284, 0.98883521972844972],
      [25, 40.0, 0.9955173434344268, 0.0044826565655732046],
      [400, 360.0, 0.019986044771065944, 0.98001395522893406],
      [400, 450.0, 0.99222535580725409, 0.0077746441927459125],
      [0.3, 30.0, 0.99999999999999717, 2.8285793848940107e-15],
    ];
    for (const [a, x, lower, upper] of reference) {
      const tails = regularisedGamma(a, x);
      expectRelative(tails.lower, lower, 1e-12);
      expectRelative(tails.upper, upper, 1e-12);
    }
  });

  it('is the Poisson tail for whole shapes: Q(n, x) = e^-x (1 + x + ... + x^(n-1)/(n-1)!)', () => {
    for (let n = 1; n <= 12; n++) {
      for (const x of [0.05, 0.5, 2, n - 0.5, n + 1.5, 3 * n, 40]) {
        let term = 1;
        let sum = 1;
        for (let k = 1; k < n; k++) sum += term *= x / k;
        expectRelative(regularisedGamma(n, x).upper, Math.exp(-x) * sum, 1e-13);
      }
    }
  });

  it('is 0 below 0 and 1 at infinity', () => {
    expect(regularisedGamma(2, 0)).toEqual({ lower: 0, upper: 1 });
    expect(regularisedGamma(2, -1)).toEqual({ lower: 0, upper: 1 });
    expect(regularisedGamma(2, Infinity)).toEqual({ lower: 1, upper: 0 });
  });
});

describe('gammaQuantile', () => {
  // The uniforms a stream gives lie in [2^-33, 1 - 2^-33]: the grid reaches both ends.
  const extreme = 2 ** -33;
  const probabilities = [extreme, 1e-8, 1e-4, 0.01, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 0.99, 1 - 1e-4, 1 - 1e-8, 1 - extreme];
  const shapes = [0.01, 0.05, 0.3, 0.9, 1, 1.5, 4, 25, 400, 1e5];

  it('inverts the distribution function to 1e-10 relative: P(a, x (1 - 1e-10)) <= p <= P(a, x (1 + 1e-10)), at 140 points', () => {
    for (const a of shapes) {
      for (const p of probabilities) {
        const x = gammaQuantile(a, p);
        if (x === 0) {
          // Below the smallest double: P at the smallest double must already exceed p.
          expect(regularisedGamma(a, Number.MIN_VALUE).lower).toBeGreaterThan(p);
          continue;
        }
        // Past the median compare upper tails: 1 - p is exact there, P near 1 is not.
        const below = regularisedGamma(a, x * (1 - 1e-10));
        const above = regularisedGamma(a, x * (1 + 1e-10));
        if (p <= 0.5) {
          expect(below.lower).toBeLessThanOrEqual(p);
          expect(above.lower).toBeGreaterThanOrEqual(p);
        } else {
          expect(below.upper).toBeGreaterThanOrEqual(1 - p);
          expect(above.upper).toBeLessThanOrEqual(1 - p);
        }
      }
    }
  });

  it('gives 0 only where the quantile is below the smallest double (shape 0.01, p below 5.8e-4)', () => {
    expect(gammaQuantile(0.01, 1e-4)).toBe(0);
    expect(gammaQuantile(0.01, 1e-3)).toBeGreaterThan(0);
    expect(gammaQuantile(0.3, extreme)).toBeGreaterThan(0);
  });

  it('matches R qgamma(p, a) to 1e-12 relative (roots found with mpmath.findroot at 40 digits)', () => {
    // Each p is the double JavaScript holds for the decimal (mpmath.mpf(float)): near 1 the decimal's own rounding moves x by 1e-11.
    const reference: Array<[number, number, number]> = [
      [0.05, 1e-6, 5.8446320572865841e-121],
      [0.3, 0.25, 0.0068998025690554634],
      [1.5, 0.5, 1.1829869421876691],
      [4, 0.01, 0.82324868634538516],
      [4, 0.999999, 21.350456963238943],
      [25, 0.975, 35.710097593753205],
      [400, 1e-6, 312.02158554975681],
    ];
    for (const [a, p, want] of reference) expectRelative(gammaQuantile(a, p), want, 1e-12);
  });

  it('is the exponential quantile at shape 1: -ln(1 - p)', () => {
    for (const p of probabilities) expectRelative(gammaQuantile(1, p), -Math.log1p(-p), 1e-12);
  });

  it('never falls as p rises, so common random numbers order the stays', () => {
    for (const a of [0.3, 2, 50]) {
      let previous = 0;
      for (let i = 1; i < 2000; i++) {
        const x = gammaQuantile(a, i / 2000);
        expect(x).toBeGreaterThanOrEqual(previous);
        previous = x;
      }
    }
  });

  it('gives 0 at p = 0, infinity at p = 1, and refuses a non-positive shape', () => {
    expect(gammaQuantile(2, 0)).toBe(0);
    expect(gammaQuantile(2, 1)).toBe(Infinity);
    expect(() => gammaQuantile(0, 0.5)).toThrow(RangeError);
  });
});
