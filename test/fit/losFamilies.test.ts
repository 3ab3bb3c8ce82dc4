import { describe, expect, it } from 'vitest';
import { regularisedGamma } from '../../src/engine/gammaFunction.js';
import { FITTED_FAMILIES, parametersFromMoments, stayDistribution } from '../../src/fit/losFamilies.js';
import { dayCdf, dayProbability, daySurvival } from '../../src/fit/stayLikelihood.js';

/** Simpson's rule with many panels: an independent check of the closed forms. */
function integrate(f: (x: number) => number, a: number, b: number, panels = 20000): number {
  const h = (b - a) / panels;
  let sum = f(a) + f(b);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

describe('the fitted families', () => {
  it('the regularised incomplete gamma the gamma CDF rests on matches known values', () => {
    // P(1, x) = 1 - e^-x; P(2, 3) = 1 - 4 e^-3; P(0.5, x) = erf(sqrt x): erf(1) = 0.8427007929497149.
    expect(regularisedGamma(1, 2).lower).toBeCloseTo(1 - Math.exp(-2), 14);
    expect(regularisedGamma(2, 3).lower).toBeCloseTo(1 - 4 * Math.exp(-3), 14);
    expect(regularisedGamma(0.5, 1).lower).toBeCloseTo(0.8427007929497149, 13);
    // Integer shape: Q(10, 30) = e^-30 sum_{j<10} 30^j / j!, in the far tail where Q is the accurate one.
    expect(regularisedGamma(10, 30).upper / 7.121750862815577e-6).toBeCloseTo(1, 12);
  });

  it('takes a mean and sd to parameters and back, for each family', () => {
    for (const family of FITTED_FAMILIES) {
      const distribution = stayDistribution(family, parametersFromMoments(family, 20, 12));
      expect(distribution.mean, family).toBeCloseTo(20, 8);
      expect(distribution.sd, family).toBeCloseTo(12, 6);
    }
  });

  it('known CDF values of each family, from closed forms', () => {
    // Lognormal(2, 0.5) at e^2.5 is Phi(1); gamma(shape 2, scale 4) at 10 is 1 - e^-2.5 (1 + 2.5); Weibull(1.5, 12) at 10 is 1 - exp(-(10/12)^1.5).
    expect(stayDistribution('lnorm', [2, Math.log(0.5)]).cdf(Math.exp(2.5))).toBeCloseTo(0.8413447460685429, 12);
    expect(stayDistribution('gamma', [Math.log(2), Math.log(4)]).cdf(10)).toBeCloseTo(0.7127025048163542, 12);
    expect(stayDistribution('weibull', [Math.log(1.5), Math.log(12)]).cdf(10)).toBeCloseTo(0.5326728701282739, 12);
  });

  it('the integrals of the CDF and survival function agree with numerical integration', () => {
    for (const family of FITTED_FAMILIES) {
      const distribution = stayDistribution(family, parametersFromMoments(family, 15, 10));
      for (const x of [0.5, 3, 15, 40]) {
        expect(distribution.integratedCdf(x), `${family} G(${x})`).toBeCloseTo(integrate(distribution.cdf, 0, x), 6);
        expect(distribution.integratedSurvival(x), `${family} H(${x})`).toBeCloseTo(integrate((t) => 1 - distribution.cdf(t), x, x + 400), 5);
      }
    }
  });

  it('whole-day probabilities sum to one, match the day CDF, and stay accurate far in the tail', () => {
    for (const family of FITTED_FAMILIES) {
      const distribution = stayDistribution(family, parametersFromMoments(family, 10, 6));
      let cumulative = 0;
      for (let k = 0; k <= 60; k++) {
        const p = dayProbability(distribution, k);
        expect(p, `${family} P(K = ${k})`).toBeGreaterThan(0);
        cumulative += p;
        expect(dayCdf(distribution, k), `${family} P(K <= ${k})`).toBeCloseTo(cumulative, 10);
        expect(daySurvival(distribution, k) + dayCdf(distribution, k)).toBeCloseTo(1, 12);
      }
      // P(K = k) is the triangular average of the density around k: check one far-tail value by integration.
      const k = 60;
      const density = (t: number) => (distribution.cdf(t + 1e-5) - distribution.cdf(t - 1e-5)) / 2e-5;
      const expected = integrate((t) => density(t) * (1 - Math.abs(t - k)), k - 1, k + 1, 2000);
      expect(dayProbability(distribution, k) / expected, family).toBeCloseTo(1, 4);
    }
  });
});
