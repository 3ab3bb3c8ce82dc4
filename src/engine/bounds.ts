/**
 * The plausibility bounds of every number a model holds: what the workbook reader, the model
 * schema, the web form and docs/model-schema.md all refuse, from this one table.
 *
 * Each bound is wide enough for any real discharge-to-assess plan and narrow enough that the
 * engine answers in bounded time and memory: the reasons say which. Values outside are
 * refused, never clamped, so a typing slip (1e308, 1,000,000 days) is seen, not simulated.
 */
import { UNRESTRICTED_CAPACITY } from './model.js';

export interface NumberBound {
  /** What the number is, in a planner's words. */
  label: string;
  unit: string;
  min: number;
  /** Whether `min` itself is allowed (`>=`) or only numbers above it (`>`). */
  minInclusive: boolean;
  /** The largest allowed; absent when there is none. */
  max?: number;
  whole: boolean;
  /** One line: why these limits. */
  reason: string;
}

export const BOUNDS = {
  horizonDays: {
    label: 'horizon',
    unit: 'days',
    min: 1,
    minInclusive: true,
    max: 3653,
    whole: true,
    reason: 'ten years, well past any capacity plan; memory for daily results grows with the horizon',
  },
  arrivals: {
    label: 'mean referrals a day',
    unit: 'referrals a day',
    min: 0,
    minInclusive: true,
    max: 1000,
    whole: false,
    reason: 'about 80 times the busiest node of the IPACS sample (12.6); a ten-year P1 run at 1,000 a day under pressure takes about 45 s a replication',
  },
  capacity: {
    label: 'capacity',
    unit: 'beds (P2, P3) or caseload (P1)',
    min: 0,
    minInclusive: true,
    whole: false,
    reason: `no upper limit: ${formatBoundNumber(UNRESTRICTED_CAPACITY)} or more means unrestricted, which the engine caps at what a replication can use; fractions are allowed (a P1 caseload becomes visit slots)`,
  },
  meanLos: {
    label: 'mean length of stay',
    unit: 'days',
    min: 0.001,
    minInclusive: true,
    max: 3650,
    whole: false,
    reason: 'from about a minute and a half (PathSimR models clinic appointments of minutes) to ten years; P1 stays must also average more than 1 day (below)',
  },
  p1MeanLos: {
    label: 'P1 mean length of stay',
    unit: 'days',
    min: 1,
    minInclusive: false,
    max: 3650,
    whole: false,
    reason: 'P1 stays are whole days, at least one, and the model keeps the stated mean, which a mean of 1 day or less cannot be',
  },
  visitRate: {
    label: 'visit rate',
    unit: 'visits a day',
    min: 0,
    minInclusive: false,
    max: 24,
    whole: false,
    reason: 'one visit an hour; a patient with no visits is not on a visit pathway',
  },
  patients: {
    label: 'number of patients',
    unit: 'patients',
    min: 0,
    minInclusive: true,
    max: 10_000,
    whole: true,
    reason: 'about 70 times the largest starting population of the IPACS sample and bundled example (142); each is simulated one by one',
  },
  cost: {
    label: 'cost',
    unit: '£ a day',
    min: 0,
    minInclusive: true,
    max: 1_000_000,
    whole: false,
    reason: 'far above any bed or visit price, low enough that a day’s total cost stays a finite number',
  },
} as const satisfies Record<string, NumberBound>;

/** A lognormal's mean may be at most this many times its median (sigma at most 2.15). */
export const MOST_MEAN_TO_MEDIAN = 10;
/** A standard deviation may be at most this many times the mean (a lognormal's sigma at most 2.15). */
export const MOST_SD_TO_MEAN = 10;

/** A median in its own field; its checks against the mean are the schema's (losIssues). */
export const MEDIAN_BOUND: NumberBound = { ...BOUNDS.meanLos, label: 'median', min: 0, minInclusive: false, reason: 'a lognormal’s median is positive and below its mean' };
/** An sd in its own field (a normal's may be 0); at most ten times the mean is checked with the mean. */
export const SD_BOUND: NumberBound = {
  ...BOUNDS.meanLos,
  label: 'sd',
  min: 0,
  minInclusive: true,
  max: MOST_SD_TO_MEAN * BOUNDS.meanLos.max,
  reason: 'a normal may have sd 0 (every stay the mean); the limit against the mean (below) is the one that bites',
};
export const SPREAD_REASON =
  'a wider stay puts nearly all its mass in rare, enormous stays: a lognormal with sigma above 2.15 needs tables of tens of millions of days for P1';

/** Longest name (model, locality, scenario) in characters. */
export const MAX_NAME_LENGTH = 100;
export const NAME_REASON = 'names become column headers and file names; control characters would corrupt them';

/** Longest scenario description in characters: a phrase beside a name, not a paragraph. */
export const MAX_DESCRIPTION_LENGTH = 200;
export const DESCRIPTION_REASON = 'a description sits beside the scenario name in legends, tables and the report, on one line';

/** `12345.6` -> `12,345.6`, the same on every machine (not the locale's). */
export function formatBoundNumber(value: number): string {
  const [whole, fraction] = String(value).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
}

/**
 * What is wrong with `value` for `bound`, beginning with `name` (a column or a field), or
 * undefined when it is within. The value is assumed a finite number.
 */
export function boundProblem(bound: NumberBound, value: number, name: string): string | undefined {
  if (value < 0 && bound.min >= 0) return `${name} ${value} is negative`;
  if (bound.minInclusive ? value < bound.min : value <= bound.min) {
    if (bound.min === 0) return `${name} must be above 0`;
    if (!bound.minInclusive) return `${name} ${value} must be above ${formatBoundNumber(bound.min)} ${bound.unit}`;
    return `${name} ${value} is below the least allowed, ${formatBoundNumber(bound.min)} ${bound.unit}`;
  }
  if (bound.max !== undefined && value > bound.max) return `${name} ${value} is above the most allowed, ${formatBoundNumber(bound.max)} ${bound.unit}`;
  if (bound.whole && !Number.isInteger(value)) return `${name} ${value} is not a whole number`;
  return undefined;
}

/** Characters a name may not hold: C0 and C1 controls (tabs and line breaks included). */
// eslint-disable-next-line no-control-regex -- matching them is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** What is wrong with a name (model, locality, scenario), or undefined. */
export function nameProblem(name: string, what: string): string | undefined {
  if (name.trim() === '') return `${what} is blank`;
  if (name.length > MAX_NAME_LENGTH) return `${what} is ${name.length} characters long, over the limit of ${MAX_NAME_LENGTH}`;
  if (name.search(CONTROL_CHARACTERS) !== -1) return `${what} holds a control character (a tab, line break or similar)`;
  return undefined;
}

/** What is wrong with a scenario description, or undefined. */
export function descriptionProblem(description: string, what = 'the description'): string | undefined {
  if (description.trim() === '') return `${what} is blank`;
  if (description.length > MAX_DESCRIPTION_LENGTH) return `${what} is ${description.length} characters long, over the limit of ${MAX_DESCRIPTION_LENGTH}`;
  if (description.search(CONTROL_CHARACTERS) !== -1) return `${what} holds a control character (a tab, line break or similar)`;
  return undefined;
}

/** Longest piece of text from input that a message repeats: enough to find it, short enough for one line. */
const QUOTED_LENGTH = 60;

/**
 * Text from input (a workbook's cell, a link's field) as a message shows it: in quotes,
 * control characters as escapes (a message is one line, whatever the input holds), and a
 * long text cut, with its length, so that a 4,000-character name does not become a
 * 4,000-character message.
 */
export function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = (piece: string) => piece.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length <= QUOTED_LENGTH) return `"${visible(text)}"`;
  return `"${visible(text.slice(0, QUOTED_LENGTH))}..." (${text.length} characters)`;
}

/** Most edges a model may hold, over all routing scenarios. */
export const MAX_EDGES = 50_000;
export const EDGES_REASON =
  'a dozen routes out of each of the 4,096 nodes the network simulator orders, in a few routing scenarios; each edge is checked and compiled once per scenario';

/** Most periods one capacity calendar or arrival profile may hold. */
export const MAX_PERIODS = 3653;
export const PERIODS_REASON = 'one dated period a day over the longest horizon, or a weekly cycle in steps of under three minutes; each period becomes events of every replication';
