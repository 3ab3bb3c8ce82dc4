/**
 * PathSimR's time distributions, R's own parameters in the model's time unit, to and from
 * Pathflow's durations (family, mean and sd in days). PathSimR draws `r<dist>(1, params...)`:
 * `exp` rate; `lnorm` meanlog;sdlog; `unif` min;max; `gamma` shape;rate; `weibull` shape;scale.
 * Pathflow fits each family back from its mean and sd (lengthOfStay.ts), which gives the same
 * distribution: the lognormal's and gamma's moment fits are exact inverses, the uniform's
 * too, and the Weibull's shape is found again from its coefficient of variation.
 */
import { fitLos } from '../engine/lengthOfStay.js';
import { weibullSquaredCv } from '../engine/lengthOfStay.js';
import { logGamma } from '../engine/gammaFunction.js';
import type { DurationSpec } from '../engine/model.js';
import { rNumber, rText } from './rValues.js';

export const PATHSIMR_FAMILIES = ['exp', 'lnorm', 'unif', 'gamma', 'weibull'] as const;
export type PathsimrFamily = (typeof PATHSIMR_FAMILIES)[number];

const PARAMETER_NAMES: Record<PathsimrFamily, string[]> = {
  exp: ['rate'],
  lnorm: ['meanlog', 'sdlog'],
  unif: ['min', 'max'],
  gamma: ['shape', 'rate'],
  weibull: ['shape', 'scale'],
};

export function isPathsimrFamily(text: string): text is PathsimrFamily {
  return (PATHSIMR_FAMILIES as readonly string[]).includes(text);
}

/**
 * The parameters of `family` in `text` (`;`-separated), or why they are not valid: PathSimR's
 * own rules (present, not NA, above 0 for exp, unif, gamma and weibull) and R's (sdlog above 0;
 * a uniform's min at most its max), since R would draw NaN for those.
 */
export function parseParameters(family: PathsimrFamily, text: string): { ok: true; values: number[] } | { ok: false; message: string } {
  const names = PARAMETER_NAMES[family];
  const signature = `${family} needs ${names.length} parameter${names.length === 1 ? '' : 's'} (${names.join(';')})`;
  const parts = text.trim() === '' ? [] : text.split(';');
  if (parts.length !== names.length) return { ok: false, message: `${signature}, got ${parts.length}` };
  const values: number[] = [];
  for (const [p, part] of parts.entries()) {
    if (part.trim() === 'NA' || part.trim() === '') return { ok: false, message: `${signature}: the ${names[p]} is missing` };
    const value = rNumber(part);
    if (value === undefined || !Number.isFinite(value)) return { ok: false, message: `${signature}: the ${names[p]} ${JSON.stringify(part.trim())} is not a finite number` };
    values.push(value);
  }
  if (family === 'lnorm') {
    if (!(values[1] > 0)) return { ok: false, message: `lnorm's sdlog must be above 0, not ${values[1]} (for a fixed time use unif with min = max)` };
  } else if (values.some((value) => !(value > 0))) {
    return { ok: false, message: `${family}'s parameters (${names.join(';')}) must all be above 0, as PathSimR requires; got ${values.join(';')}` };
  }
  if (family === 'unif' && values[0] > values[1]) return { ok: false, message: `unif's min ${values[0]} is above its max ${values[1]}` };
  return { ok: true, values };
}

/**
 * A PathSimR distribution in units of `daysPerUnit` days as a Pathflow duration in days, to
 * the last bit: the export rounds its parameters to 12 significant digits, which gives back
 * the file's own figures, so a round trip reads back the same model.
 */
export function durationOf(family: PathsimrFamily, values: readonly number[], daysPerUnit: number): DurationSpec {
  const [a, b] = values;
  const k = daysPerUnit;
  switch (family) {
    case 'exp':
      return { family, mean: k / a };
    case 'lnorm': {
      const mean = k * Math.exp(a + (b * b) / 2);
      return { family, mean, sd: mean * Math.sqrt(Math.expm1(b * b)) };
    }
    case 'unif':
      return { family, mean: (k * (a + b)) / 2, sd: (k * (b - a)) / Math.sqrt(12) };
    case 'gamma':
      return { family, mean: (k * a) / b, sd: (k * Math.sqrt(a)) / b };
    case 'weibull': {
      const mean = k * b * Math.exp(logGamma(1 + 1 / a));
      return { family, mean, sd: mean * Math.sqrt(weibullSquaredCv(a)) };
    }
  }
}

/** A Pathflow duration as PathSimR's family and `;`-joined R parameters in units of `daysPerUnit` days, or why it has none. */
export function pathsimrDistribution(duration: DurationSpec, daysPerUnit: number): { ok: true; family: PathsimrFamily; parameters: string } | { ok: false; message: string } {
  if (duration.family === 'norm') return { ok: false, message: 'a normal distribution, which PathSimR does not have (it has exp, lnorm, unif, gamma and weibull)' };
  const fitted = fitLos(duration);
  const k = daysPerUnit;
  const join = (...values: number[]) => values.map(rText).join(';');
  switch (fitted.family) {
    case 'exp':
      return { ok: true, family: 'exp', parameters: join(k / fitted.mean) };
    case 'lnorm':
      return { ok: true, family: 'lnorm', parameters: join(fitted.mu - Math.log(k), fitted.sigma) };
    case 'unif':
      return { ok: true, family: 'unif', parameters: join(fitted.mu / k, fitted.sigma / k) };
    case 'gamma':
      return { ok: true, family: 'gamma', parameters: join(fitted.mu, k / fitted.sigma) };
    case 'weibull':
      return { ok: true, family: 'weibull', parameters: join(fitted.mu, fitted.sigma / k) };
    default:
      return { ok: false, message: `a ${fitted.family} distribution, which PathSimR does not have` };
  }
}
