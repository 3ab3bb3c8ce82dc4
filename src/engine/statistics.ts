/**
 * Small statistical helpers the summaries need, written for typed arrays and no allocation.
 */
import { normalQuantile } from './random.js';

/**
 * Sample quantile of sorted data by linear interpolation between order statistics
 * (Hyndman and Fan type 7, R's default), so quantiles line up with what IPACS reports.
 * The arithmetic is R's own, `(1 - h) x[lo] + h x[hi]` and only when the two differ, so
 * even its rounding artefacts (2.19999999999999) come out the same.
 */
export function quantileSorted(sorted: ArrayLike<number>, length: number, p: number): number {
  if (length === 0) return NaN;
  // 1-based as in R: 1 + (n - 1) p loses different low bits from (n - 1) p, and h must match.
  const index = 1 + (length - 1) * p;
  const lower = Math.floor(index);
  const low = sorted[lower - 1];
  const high = sorted[Math.min(length, Math.ceil(index)) - 1];
  const h = index - lower;
  return h > 0 && high !== low ? (1 - h) * low + h * high : low;
}

/**
 * Quantile of Student's t distribution. Exact for 1 and 2 degrees of freedom; otherwise
 * the Cornish-Fisher expansion about the normal quantile (Abramowitz and Stegun 26.7.5),
 * whose error at the 97.5 % point is below 1e-4 for 3 degrees of freedom and falls fast.
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const n = degreesOfFreedom;
  if (!(n > 0)) return NaN;
  if (n === 1) return Math.tan(Math.PI * (p - 0.5));
  if (n === 2) {
    const a = 4 * p * (1 - p);
    return (2 * p - 1) * Math.sqrt(2 / a);
  }
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n);
}

/** A mean over replications with its 95 % confidence interval (t-based). */
export interface Estimate {
  mean: number;
  low: number;
  high: number;
  /** Standard error of the mean. */
  se: number;
}

/** Mean and t-interval of `values[offset + i * stride]`, i < count. */
export function estimateStrided(values: Float64Array, offset: number, stride: number, count: number): Estimate {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[offset + i * stride];
  const mean = sum / count;
  if (count < 2) return { mean, low: NaN, high: NaN, se: NaN };
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const deviation = values[offset + i * stride] - mean;
    squares += deviation * deviation;
  }
  const se = Math.sqrt(squares / (count - 1) / count);
  const half = studentTQuantile(0.975, count - 1) * se;
  return { mean, low: mean - half, high: mean + half, se };
}
