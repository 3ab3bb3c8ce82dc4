/**
 * Analytic results the simulation is checked against, computed by numerical integration
 * from the LOS survival function alone (losSurvival, losQuantile), independently of the
 * simulators.
 */
import { losQuantile, losSurvival, type LosDistribution } from '../../src/engine/lengthOfStay.js';
import { integratedSurvival, simpson } from './helpers.js';

/**
 * P(R > t) for the IPACS residual stay R = 1 + U (L - 1), L a fresh stay, U uniform:
 * given L >= 1, R is uniform on [1, L], so P(R > t | L) is 1 below 1, (L - t) / (L - 1)
 * between 1 and L, and 0 above L; given L < 1, R is uniform on [L, 1] and
 * P(R > t | L) is 1 below L, (1 - t) / (1 - L) between L and 1, and 0 above 1.
 * Integrated over L = Q(u) by the midpoint rule in u (the integrand is bounded and
 * continuous in u, so N = 20000 points give errors far below 1e-4).
 */
export function ipacsResidualSurvival(d: LosDistribution, points = 20_000): (t: number) => number {
  const stays = Float64Array.from({ length: points }, (_, i) => losQuantile(d, (i + 0.5) / points));
  return (t: number) => {
    if (t <= 0) return 1;
    let total = 0;
    for (let i = 0; i < points; i++) {
      const L = stays[i];
      if (L >= 1) {
        if (t < 1) total += 1;
        else if (t < L) total += (L - t) / (L - 1);
      } else if (t < L) total += 1;
      else if (t < 1) total += (1 - t) / (1 - L);
    }
    return total / points;
  };
}

/** Equilibrium residual life: P(R > t) = (1 / E[L]) * integral of S over (t, infinity) = 1 - G(t) / E[L]. */
export function stationaryResidualSurvival(d: LosDistribution, maxT: number): (t: number) => number {
  const G = integratedSurvival((t) => losSurvival(d, t), maxT);
  return (t: number) => Math.max(0, 1 - G(t) / d.mean);
}

/**
 * Expected occupancy of an infinite-server node, time-averaged over each day:
 *   E[occ(t)] = n0 * S0(t) + sum_j r_j * integral over s in day j, s < t, of S(t - s) ds
 *             = n0 * S0(t) + sum_{j: j - 1 < t} r_j * (G(t - j + 1) - G(max(t - j, 0))),
 * with r_j the mean referrals on day j = (j - 1, j] (uniform in the day), S the LOS survival,
 * G its integral and S0 the survival of the initial patients' residual stays. The day average
 * is Simpson's rule over [d - 1, d] (the integrand is smooth inside a day).
 */
export function infiniteServerDailyOccupancy(
  rates: readonly number[],
  d: LosDistribution,
  initial: number,
  initialSurvival: (t: number) => number,
  panels = 32,
): Float64Array {
  const days = rates.length;
  const G = integratedSurvival((t) => losSurvival(d, t), days + 1);
  const occupancy = (t: number) => {
    let total = initial > 0 ? initial * initialSurvival(t) : 0;
    for (let j = 1; j - 1 < t && j <= days; j++) {
      if (rates[j - 1] > 0) total += rates[j - 1] * (G(t - j + 1) - G(Math.max(t - j, 0)));
    }
    return total;
  };
  return Float64Array.from({ length: days }, (_, i) => simpson(occupancy, i, i + 1, panels));
}
