/**
 * Numbers as a UK reader expects them in a board paper: thousands separated by commas,
 * money in pounds. Shared by the HTML and Word reports (and the tests, which look for the
 * report's own formatting of summary.csv's figures).
 */
import type { LosFamily } from '../engine/model.js';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

const NA = '–';

const guard = (format: (x: number) => string) => (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? NA : format(x));

/** `12,346` */
export const formatWhole = guard((x) => whole.format(x));
/** `1,234.5` */
export const formatOne = guard((x) => oneDecimal.format(x));
/** `£1,234,567` */
export const formatPounds = guard((x) => pounds.format(x));
/** `45%` */
export const formatPercent = guard((x) => percent.format(x));
/** `£1.2m`, `£350k`, `£900`: for chart axes. */
export const formatPoundsShort = guard((x) => {
  const a = Math.abs(x);
  if (a >= 1e6) return `£${oneDecimal.format(x / 1e6)}m`;
  if (a >= 1e4) return `£${whole.format(x / 1e3)}k`;
  return pounds.format(x);
});
/** An axis tick: whole numbers with separators, otherwise as few decimals as the step needs. */
export function formatTick(x: number, step: number): string {
  // As many decimals as the step has: 2.5 → 1, 0.25 → 2, 5 → 0.
  const decimals = Math.min(4, (String(Number(step.toPrecision(6))).split('.')[1] ?? '').length);
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(x);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2023-01-05` → `5 January 2023`. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** `2026-10-01` → `1 Oct 2026`: dates on chart axes and in tooltips, short but unambiguous to a UK reader. */
export function formatShortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${(MONTHS[Number(m[2]) - 1] ?? m[2]).slice(0, 3)} ${m[1]}`;
}

/** `Jan`, for chart ticks. */
export function monthAbbreviation(iso: string): string {
  return (MONTHS[Number(iso.slice(5, 7)) - 1] ?? '').slice(0, 3);
}

/** An ISO timestamp as `5 January 2023, 14:03 UTC`. */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${formatDate(m[1])}, ${m[2]}:${m[3]} UTC` : iso;
}

/** A length-of-stay family as planners read it, in the web editor and the reports alike. */
export const LOS_FAMILY_LABELS: Readonly<Record<LosFamily, string>> = {
  lnorm: 'lognormal',
  norm: 'normal',
  exp: 'exponential',
  gamma: 'gamma',
  weibull: 'Weibull',
  unif: 'uniform',
};

/**
 * A figure set against a target's limit, with digits added until the text reads on the same
 * side of the limit as the figure: 0.100016 against a limit of 0.1 is `0.10002`, never `0.1`,
 * which would read as meeting it (issue 17). `base` is the usual format (e.g. 4 decimals);
 * the last resort, JavaScript's shortest round-trip text, always reads back as the figure.
 */
export function formatAgainstLimit(value: number, limit: number, base: (x: number) => string): string {
  if (!Number.isFinite(value)) return '';
  const readsRight = (text: string) => Number(text.replace(/,/g, '')) > limit === value > limit;
  const usual = base(value);
  if (readsRight(usual)) return usual;
  for (let decimals = (usual.split('.')[1] ?? '').length + 1; decimals <= 15; decimals++) {
    const text = value.toFixed(decimals).replace(/\.?0+$/, '');
    if (readsRight(text)) return text;
  }
  return String(value);
}
