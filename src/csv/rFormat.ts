/**
 * Numbers as R's `write.csv` prints them, so files meant to replace the IPACS v1 R model's
 * outputs read the same, character for character, in planners' spreadsheets.
 *
 * `write.csv` formats each double on its own with 15 significant digits (`scipen = 0`):
 *
 * 1. Round to 15 significant digits and drop trailing zeros: `nsig` digits remain, and
 *    `kpower` is the decimal exponent of the leading one.
 * 2. Fixed notation needs sign + integer digits (at least one) + (if any decimals) a point
 *    and `nsig - kpower - 1` decimals.
 * 3. Scientific notation needs sign + the mantissa (`d` or `d.ddd`) + `e±XX` (four
 *    characters; five when the exponent has three digits).
 * 4. Fixed wins ties: `0.000418060388742694` (20 against 20) but `2.67377660968459e-05`
 *    (21 against 20); `100000` prints as `1e+05`, `0.0001` as `1e-04`.
 *
 * One corner follows R too: when rounding to 15 digits carries into a new power of ten
 * (`99999.99999999999` → 1e5), R counts one integer digit fewer for the fixed width.
 *
 * Known, deliberate limits: R does step 1 in long double arithmetic and rounds an exact
 * half at the 16th digit to even, where this uses the exactly rounded `toExponential`
 * (halves away from zero). The two can differ only for values whose digits beyond the 15th
 * are a half to within long double precision: not a case the models' outputs produce.
 * Non-finite values print as `NA` (R itself writes `NaN`, `Inf` and `-Inf` for those).
 */

import { writeAscii, writeFraction, writeWhole } from './format.js';

/** Digits R's `write.table` uses for doubles (`DBL_DIG`). */
export const R_DIGITS = 15;

/** Largest power of ten R's table holds exactly (its `KP_MAX`); ours are exact that far too. */
const KP_MAX = 22;

/** A double as R's `write.csv` writes it; `NA` for NaN and infinities. */
export function formatR(x: number): string {
  if (!Number.isFinite(x)) return 'NA';
  if (x === 0) return '0';
  const negative = x < 0;
  const a = Math.abs(x);
  // Fast paths for the two shapes that make up nearly every value the outputs hold; both
  // give what the general rule below gives (the tests check every reference number).
  if (a < 1e15) {
    if (Number.isInteger(a)) {
      // Whole numbers print in full unless trailing zeros make `1e+05` shorter.
      const text = String(a);
      let trailingZeros = 0;
      while (text.charCodeAt(text.length - 1 - trailingZeros) === 48) trailingZeros++;
      const significant = text.length - trailingZeros;
      if (text.length <= (significant > 1 ? significant + 1 : 1) + 4) return negative ? '-' + text : text;
    } else if (a >= 1e-3) {
      // From 1e-3 up, fixed notation is never wider than scientific, and toPrecision writes
      // it: the number rounded to 15 significant digits, trailing zeros then dropped.
      let text = a.toPrecision(R_DIGITS);
      if (text.indexOf('.') >= 0) {
        let end = text.length;
        while (text.charCodeAt(end - 1) === 48) end--;
        if (text.charCodeAt(end - 1) === 46) end--;
        text = text.slice(0, end);
      }
      return negative ? '-' + text : text;
    }
  }
  return formatRByWidths(x);
}

const MINUS = 45;
const LETTER_N = 78;
const LETTER_A = 65;
const DIGIT_ZERO = 48;

/** Longest text writeRAt writes: formatR's is at most 22 characters (sign, 15 digits, point, `e-308`'s width). */
export const MAX_R_NUMBER_BYTES = 24;

/**
 * Writes formatR(x) as ASCII into `out` at `at`, returning the end: the IPACS stochastic
 * files hold ten figures a row (the national workbook's 2,880 scenarios, 40 million), and
 * toPrecision's string for each, then joining them, was most of those files' cost. The two
 * shapes nearly every figure has are written from digits; anything else goes through formatR.
 *
 * A fraction exactly as a number of ten-thousandths gives (`n / 10000 === x`: a mean of 50
 * replications, an interpolated quantile of counts) is that decimal: x is the double nearest
 * it, within 2^-53 of x, while below 2^31 the decimal lies on the grid of 15 significant
 * digits whose half-step is at least 5e-16 of x, so toPrecision(15) rounds x back onto it.
 *
 * The figure is `values[index]`, read here rather than passed: a fraction handed to a function
 * V8 does not inline is boxed into a fresh heap number (about 100 MB of them on the national
 * workbook's stochastic rows).
 */
export function writeRAt(out: Uint8Array, at: number, values: ArrayLike<number>, index: number): number {
  const x = values[index];
  if (x === 0) {
    out[at] = DIGIT_ZERO;
    return at + 1;
  }
  const a = x < 0 ? -x : x;
  // Also false for NaN.
  if (a >= 1e-3 && a < 2 ** 31) {
    const scaled = Math.round(a * 10000);
    if (scaled / 10000 === a) {
      const whole = Math.floor(a);
      // Whole numbers of six digits or more may print as `1e+05`: formatR decides those.
      if (whole !== a || a < 100000) {
        if (x < 0) out[at++] = MINUS;
        at = writeWhole(out, at, whole);
        return writeFraction(out, at, scaled - whole * 10000);
      }
    }
  } else if (a !== a || a === Infinity) {
    out[at] = LETTER_N;
    out[at + 1] = LETTER_A;
    return at + 2;
  }
  return writeAscii(out, at, formatR(x));
}

/** The general rule, step by step as R applies it; exported so tests can check the fast paths. */
export function formatRByWidths(x: number): string {
  if (!Number.isFinite(x)) return 'NA';
  if (x === 0) return '0';
  const negative = x < 0;
  const a = Math.abs(x);
  const sign = negative ? 1 : 0;
  // Step 1: 15 significant digits, trailing zeros dropped.
  const [mantissa, exponent] = a.toExponential(R_DIGITS - 1).split('e');
  const kpower = Number(exponent);
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  const nsig = Math.max(1, digits.length);
  const roundingWidens = kpower > 0 && kpower <= KP_MAX && a < 10 ** kpower;
  // Step 2: fixed width.
  const left = kpower + 1 - (roundingWidens ? 1 : 0);
  const decimals = Math.max(0, nsig - left);
  const fixedWidth = sign + (left <= 0 ? 1 : left) + decimals + (decimals > 0 ? 1 : 0);
  // Step 3: scientific width.
  const exponentDigits = Math.abs(kpower) >= 100 ? 3 : 2;
  const scientificWidth = sign + (nsig > 1 ? nsig + 1 : 1) + 2 + exponentDigits;
  const prefix = negative ? '-' : '';
  if (fixedWidth <= scientificWidth && a < 1e21) return prefix + a.toFixed(decimals);
  const [m, e] = a.toExponential(nsig - 1).split('e');
  const power = Number(e);
  return `${prefix}${m}e${power < 0 ? '-' : '+'}${String(Math.abs(power)).padStart(2, '0')}`;
}

/**
 * R's `round(x)`: to the nearest whole number, exact halves to the even one (IEC 60559).
 * Non-finite values pass through.
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const floor = Math.floor(x);
  // Exact: x and floor(x) are within a unit of each other, so the difference is representable.
  const fraction = x - floor;
  let rounded: number;
  if (fraction < 0.5) rounded = floor;
  else if (fraction > 0.5) rounded = floor + 1;
  else rounded = floor % 2 === 0 ? floor : floor + 1;
  // -0.4 rounds to 0, not -0, so it cannot print as "-0" anywhere.
  return rounded === 0 ? 0 : rounded;
}

/** A character field as `write.csv` writes it: always quoted, inner quotes doubled. */
export function quoteR(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
