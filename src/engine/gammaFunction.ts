/* eslint-disable no-loss-of-precision -- the Lanczos coefficients are kept digit for digit as
   Numerical Recipes prints them, so they can be checked against the book; doubles round them. */
/**
 * The gamma function and the regularised incomplete gamma function, with the inverse a gamma
 * length of stay is sampled by. Written here rather than taken from a package because the
 * engine runs in browser workers too, and because inversion (one uniform a stay, monotone in
 * it) is what keeps common random numbers coupling scenarios.
 */
import { normalQuantile } from './random.js';

/** Lanczos coefficients for g = 671/128 (Numerical Recipes, 3rd ed., 6.1): relative error below 1e-15. */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4,
  -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3,
  0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Gamma(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs a positive argument, not ${x}`);
  let denominator = x;
  let series = 0.999999999999997092;
  for (const coefficient of LANCZOS) series += coefficient / ++denominator;
  const shifted = x + 671 / 128;
  return (x + 0.5) * Math.log(shifted) - shifted + Math.log((2.5066282746310005 * series) / x);
}

/** Both tails of the regularised incomplete gamma function at (a, x). */
export interface GammaTails {
  /** P(a, x) = gamma(a, x) / Gamma(a), the distribution function of a gamma(a, 1) at x. */
  lower: number;
  /** Q(a, x) = 1 - P(a, x), the survival function. */
  upper: number;
}

const RELATIVE_EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 1_000_000;

/**
 * P and Q, each accurate to about 1e-15 relative where it is the smaller: the series for P
 * below x = a + 1, the continued fraction for Q above (Numerical Recipes, 3rd ed., 6.2),
 * the other tail by complement, where it is at least about 0.3 and loses nothing.
 */
export function regularisedGamma(a: number, x: number): GammaTails {
  const { lower, upper } = tailsAndFactor(a, x, logGamma(a));
  return { lower, upper };
}

/** The tails, with e^-x x^a / Gamma(a), the factor both expansions share (x times the density at x). */
function tailsAndFactor(a: number, x: number, logGammaA: number): GammaTails & { factor: number } {
  if (!(x > 0)) return { lower: 0, upper: 1, factor: 0 };
  if (x === Infinity) return { lower: 1, upper: 0, factor: 0 };
  // In logs, so a large shape does not overflow.
  const factor = Math.exp(a * Math.log(x) - x - logGammaA);
  if (x < a + 1) {
    const lower = factor * lowerSeries(a, x);
    return { lower, upper: 1 - lower, factor };
  }
  const upper = factor * upperContinuedFraction(a, x);
  return { lower: 1 - upper, upper, factor };
}

/** sum_n x^n / (a (a+1) ... (a+n)), whose terms fall once n > x - a. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * RELATIVE_EPSILON) return sum;
  }
  throw new RangeError(`incomplete gamma series did not converge at a = ${a}, x = ${x}`);
}

/** Legendre's continued fraction for Gamma(a, x) e^x x^-a, by the modified Lentz method. */
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) <= RELATIVE_EPSILON) return fraction;
  }
  throw new RangeError(`incomplete gamma continued fraction did not converge at a = ${a}, x = ${x}`);
}

const QUANTILE_TOLERANCE = 1e-14;
/** A Halley step this small (relative) leaves an error of its cube: the step itself is the last. */
const LAST_STEP = 1e-6;
const MAX_ITERATIONS = 200;

/** ln Gamma of the last shape asked for: a stay's shape is the same draw after draw. */
let cachedShape = NaN;
let cachedLogGamma = NaN;

/**
 * The x with P(a, x) = p, to about 1e-13 relative: Halley's method on P(a, x) - p from a
 * Wilson-Hilferty start (for a <= 1, or far in the lower tail, the start inverts the leading
 * term x^a / Gamma(a + 1) instead), kept inside a bracket that every evaluation narrows, so a
 * step that overshoots falls back to bisection and the search cannot diverge. The residual is
 * taken as (1 - p) - Q past the median, so upper quantiles keep their precision.
 */
export function gammaQuantile(a: number, p: number): number {
  if (!(a > 0)) throw new RangeError(`gamma shape must be positive, not ${a}`);
  if (!(p > 0)) return 0;
  if (!(p < 1)) return Infinity;
  if (a !== cachedShape) {
    cachedLogGamma = logGamma(a);
    cachedShape = a;
  }
  const logGammaA = cachedLogGamma;
  const upperTail = p > 0.5;
  const target = upperTail ? 1 - p : p;
  let x = quantileStart(a, p, logGammaA);
  if (x === 0) return 0; // below the smallest double: the leading term is exact there
  let low = 0;
  let high = Infinity;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const tails = tailsAndFactor(a, x, logGammaA);
    const residual = upperTail ? target - tails.upper : tails.lower - target;
    if (residual === 0) return x;
    if (residual < 0) low = x;
    else high = x;
    const newton = (residual * x) / tails.factor; // residual / density
    // Halley's correction, its curvature term capped as Numerical Recipes does so a step near the mode stays sane.
    const step = newton / (1 - 0.5 * Math.min(1, newton * ((a - 1) / x - 1)));
    const halley = x - step;
    if (halley > low && halley < high) {
      if (Math.abs(step) <= LAST_STEP * halley) return halley;
      x = halley;
      continue;
    }
    const next = high === Infinity ? 2 * x : low === 0 ? high / 16 : 0.5 * (low + high);
    if (Math.abs(next - x) <= QUANTILE_TOLERANCE * next || (high < Infinity && high - low <= QUANTILE_TOLERANCE * high)) return next;
    x = next;
  }
  return x;
}

function quantileStart(a: number, p: number, logGammaA: number): number {
  // Leading term of the lower series: P(a, x) ~ x^a / Gamma(a + 1) as x -> 0.
  const smallX = Math.exp((Math.log(p) + logGammaA + Math.log(a)) / a);
  if (a <= 1) {
    // Numerical Recipes's start for small shapes: the leading term below t, an exponential tail above.
    const t = 1 - a * (0.253 + a * 0.12);
    return p < t ? smallX : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  const z = normalQuantile(p);
  const cube = 1 - 1 / (9 * a) + z / (3 * Math.sqrt(a));
  const wilsonHilferty = a * cube * cube * cube;
  return cube > 0 && wilsonHilferty > smallX ? wilsonHilferty : smallX;
}
