/**
 * Poisson and negative binomial draws for forecast intervals: Poisson by inversion (exact,
 * one uniform a draw at the rates a discharge service sees), the negative binomial as a
 * Poisson whose rate is gamma-distributed (Marsaglia and Tsang's gamma sampler).
 */
import { standardNormal, uniform, type UniformSource } from '../engine/random.js';

/** Above this mean, inversion's walk from zero is slow and the normal approximation is close enough for an interval. */
const INVERSION_LIMIT = 500;

export function poissonDraw(mean: number, stream: UniformSource): number {
  if (!(mean > 0)) return 0;
  if (mean > INVERSION_LIMIT) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(stream)));
  let u = uniform(stream);
  let k = 0;
  let probability = Math.exp(-mean);
  while (u > probability && k < 10 * INVERSION_LIMIT) {
    u -= probability;
    k += 1;
    probability *= mean / k;
  }
  return k;
}

/** Gamma(shape, 1) by Marsaglia and Tsang (2000); shape below 1 by their boost u^(1/shape). */
export function gammaDraw(shape: number, stream: UniformSource): number {
  if (shape < 1) return gammaDraw(shape + 1, stream) * Math.pow(uniform(stream), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = standardNormal(stream);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(uniform(stream)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A count with mean `mean`: Poisson when theta is infinite, else negative binomial (variance mean + mean^2 / theta). */
export function countDraw(mean: number, theta: number, stream: UniformSource): number {
  if (!Number.isFinite(theta)) return poissonDraw(mean, stream);
  return poissonDraw((mean * gammaDraw(theta, stream)) / theta, stream);
}
