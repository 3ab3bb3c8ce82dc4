/**
 * How a difference with its 95 % interval is worded wherever one is shown (the web app's
 * Plan view, `pathflow optimise`'s table and optimal.csv's note), so a board paper never
 * calls "−£4k to +£19k" a saving, and never shows an interval rounded until its ends meet.
 */

/** Pounds, or a plain quantity such as bed-days. */
export type DifferenceUnit = 'pounds' | 'number';

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

const MINUS = '\u2212';
const NA = '–';

/** The scale an amount is read at: millions, thousands or units. */
function scaleOf(magnitude: number, unit: DifferenceUnit): { divisor: number; suffix: string; decimals: number } {
  if (unit === 'pounds' && magnitude >= 1e6) return { divisor: 1e6, suffix: 'm', decimals: 1 };
  if (unit === 'pounds' && magnitude >= 1e4) return { divisor: 1e3, suffix: 'k', decimals: 0 };
  return { divisor: 1, suffix: '', decimals: 0 };
}

function amount(value: number, unit: DifferenceUnit, scale: { divisor: number; suffix: string }, decimals: number, signed: boolean): string {
  const digits = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(Math.abs(value) / scale.divisor);
  const zero = Number(digits.replace(/,/g, '')) === 0;
  const sign = zero ? '' : value < 0 ? MINUS : signed ? '+' : '';
  return `${sign}${unit === 'pounds' ? '£' : ''}${digits}${scale.suffix}`;
}

/** `£8k`, `£2.7m`, `£900`, `1,234`: one amount as short as a reader needs it. */
export function formatAmount(value: number, unit: DifferenceUnit = 'pounds', signed = false): string {
  if (!Number.isFinite(value)) return NA;
  const scale = scaleOf(Math.abs(value), unit);
  return amount(value, unit, scale, scale.decimals, signed);
}

/**
 * The readings tried in turn, coarsest first: the amount's own scale with a few more
 * decimals (`£2.70m`, `£2.698m`), then whole pounds and pence, where `£2,698,053 to
 * £2,698,065` reads better than `£2.698053m`.
 */
function readings(scale: { divisor: number; suffix: string; decimals: number }): { scale: { divisor: number; suffix: string }; decimals: number }[] {
  const finest = scale.divisor === 1e6 ? 3 : scale.divisor === 1e3 ? 1 : -1;
  const steps = [];
  for (let decimals = scale.decimals; decimals <= finest; decimals++) steps.push({ scale, decimals });
  const units = { divisor: 1, suffix: '' };
  for (let decimals = 0; decimals <= 2; decimals++) steps.push({ scale: units, decimals });
  return steps;
}

/**
 * `£2k to £19k`, `−£4k to +£19k` (signed when the ends differ in sign). Both ends share one
 * scale, and digits are added until they read differently: `£2.7m to £2.7m` becomes
 * `£2.70m to £2.73m`, or `£2,698,053 to £2,698,065`; two ends less than a penny apart fall
 * back to `£2,698,053 ± £0.004`.
 */
export function formatInterval(low: number, high: number, unit: DifferenceUnit = 'pounds'): string {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return `${formatAmount(low, unit)} to ${formatAmount(high, unit)}`;
  const signed = low < 0 && high > 0;
  if (low === high) return `exactly ${amount(low, unit, { divisor: 1, suffix: '' }, 0, false)}`;
  for (const { scale, decimals } of readings(scaleOf(Math.max(Math.abs(low), Math.abs(high)), unit))) {
    const ends = [amount(low, unit, scale, decimals, signed), amount(high, unit, scale, decimals, signed)];
    if (ends[0] !== ends[1]) return `${ends[0]} to ${ends[1]}`;
  }
  const middle = (low + high) / 2;
  const half = (high - low) / 2;
  const precise = (value: number) => `${unit === 'pounds' ? '£' : ''}${new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 }).format(value)}`;
  return `${amount(middle, unit, { divisor: 1, suffix: '' }, 0, false)} ± ${precise(half)}`;
}

/**
 * A saving (or any "before minus after" difference) in words that match its interval:
 * `saves £8k (95 % CI £2k to £19k)`, `costs £8k more (95 % CI £2k to £19k)`, or, when the
 * interval includes zero, `no clear difference: −£4k to +£19k (95 % CI includes zero)`.
 * For a plain number the verbs are `fewer` and `more`: `1,234 fewer (95 % CI ...)`.
 */
export function describeDifference(difference: Interval, unit: DifferenceUnit = 'pounds'): string {
  const { mean, low, high } = difference;
  if (![mean, low, high].every(Number.isFinite)) return NA;
  // The same capacity, or two that nobody waits at: every replication agrees.
  if (low === 0 && high === 0) return 'no difference';
  if (low <= 0 && high >= 0) return `no clear difference: ${formatInterval(low, high, unit)} (95 % CI includes zero)`;
  const saves = low > 0;
  const size = formatAmount(Math.abs(mean), unit);
  const interval = saves ? formatInterval(low, high, unit) : formatInterval(-high, -low, unit);
  if (unit === 'pounds') return saves ? `saves ${size} (95 % CI ${interval})` : `costs ${size} more (95 % CI ${interval})`;
  return `${size} ${saves ? 'fewer' : 'more'} (95 % CI ${interval})`;
}
