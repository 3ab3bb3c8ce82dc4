/**
 * The referral model of one node: daily referral counts as a log-linear count regression.
 *
 * How it is chosen: first the family, on the richest candidate (every term the data can
 * support): negative binomial when its AIC beats the Poisson's, that is when the counts are
 * overdispersed enough to pay for the extra parameter; Pearson's dispersion of the Poisson fit
 * is reported beside it. Then the terms, by AIC within that family, from: day of week (needs
 * two weeks and a referral on every weekday), a linear trend (needs eight weeks), one or two
 * annual harmonics (need a full year: over less, a season and a trend cannot be told apart).
 */
import { fitCounts, type CountFamily, type CountFit } from './countRegression.js';
import { SingularMatrixError } from './linearAlgebra.js';
import { weekdayIndex } from './days.js';
import { designRow, termsLabel, type ReferralTerms } from './referralDesign.js';

export interface CandidateFit {
  terms: ReferralTerms;
  label: string;
  aic: number;
}

export interface ReferralModel {
  /** Day number of the first observed day. */
  firstDay: number;
  counts: number[];
  /** The day the trend is measured from. */
  centre: number;
  terms: ReferralTerms;
  fit: CountFit;
  /** Pearson dispersion of the Poisson fit of the richest candidate: well above 1 means overdispersed. */
  poissonDispersion: number;
  /** AIC of the Poisson and negative binomial fits of the richest candidate. */
  familyAic: Record<CountFamily, number>;
  candidates: CandidateFit[];
}

const WEEKDAY_MIN_DAYS = 14;
const TREND_MIN_DAYS = 56;
/** A whole cycle of the season: a year's extract (365 days) has one. */
const SEASON_MIN_DAYS = 365;

function candidateTerms(counts: readonly number[], firstDay: number): ReferralTerms[] {
  const perWeekday = new Array<number>(7).fill(0);
  counts.forEach((count, i) => (perWeekday[weekdayIndex(firstDay + i)] += count));
  const weekdays = counts.length >= WEEKDAY_MIN_DAYS && perWeekday.every((total) => total > 0) ? [false, true] : [false];
  const trends = counts.length >= TREND_MIN_DAYS ? [false, true] : [false];
  const harmonics = counts.length >= SEASON_MIN_DAYS ? [0, 1, 2] : [0];
  return weekdays.flatMap((weekday) => trends.flatMap((trend) => harmonics.map((h) => ({ weekday, trend, harmonics: h }))));
}

function tryFit(counts: readonly number[], firstDay: number, centre: number, terms: ReferralTerms, family: CountFamily): CountFit | undefined {
  const design = counts.map((_, i) => designRow(terms, firstDay + i, centre));
  try {
    const fit = fitCounts(design, counts, family);
    return Number.isFinite(fit.aic) && fit.coefficients.every(Number.isFinite) ? fit : undefined;
  } catch (error) {
    if (error instanceof SingularMatrixError) return undefined;
    throw error;
  }
}

/** `counts[i]` is the referrals on day `firstDay + i`; at least one day, and at least one referral. */
export function fitReferralModel(counts: readonly number[], firstDay: number): ReferralModel {
  const centre = firstDay + (counts.length - 1) / 2;
  const candidates = candidateTerms(counts, firstDay);
  const richest = candidates[candidates.length - 1];
  const poisson = tryFit(counts, firstDay, centre, richest, 'poisson');
  const negbin = tryFit(counts, firstDay, centre, richest, 'negbin');
  const family: CountFamily = negbin && poisson && negbin.aic < poisson.aic ? 'negbin' : 'poisson';
  const fits = candidates.map((terms) => ({ terms, fit: tryFit(counts, firstDay, centre, terms, family) }));
  const usable = fits.filter((candidate): candidate is { terms: ReferralTerms; fit: CountFit } => candidate.fit !== undefined);
  // The level-only model always fits when there is a referral; it is the floor every other must beat.
  const best = usable.reduce((a, b) => (b.fit.aic < a.fit.aic ? b : a));
  return {
    firstDay,
    counts: [...counts],
    centre,
    terms: best.terms,
    fit: best.fit,
    poissonDispersion: poisson?.dispersion ?? NaN,
    familyAic: { poisson: poisson?.aic ?? NaN, negbin: negbin?.aic ?? NaN },
    candidates: usable.map(({ terms, fit }) => ({ terms, label: termsLabel(terms), aic: fit.aic })),
  };
}

/** Expected referrals on `day` under the fitted coefficients. */
export function expectedReferrals(model: ReferralModel, day: number, coefficients: readonly number[] = model.fit.coefficients): number {
  const row = designRow(model.terms, day, model.centre);
  let eta = 0;
  for (let j = 0; j < row.length; j++) eta += row[j] * coefficients[j];
  return Math.exp(eta);
}

/**
 * Rate ratio of each weekday to Monday with its 95 % confidence interval (Wald, on the log
 * scale); all 1 when the chosen model has no weekday term.
 */
export function weekdayRatios(model: ReferralModel): { ratio: number; low: number; high: number }[] {
  return Array.from({ length: 7 }, (_, weekday) => {
    if (!model.terms.weekday || weekday === 0) return { ratio: 1, low: 1, high: 1 };
    const estimate = model.fit.coefficients[weekday];
    const se = Math.sqrt(model.fit.covariance[weekday][weekday]);
    return { ratio: Math.exp(estimate), low: Math.exp(estimate - 1.959964 * se), high: Math.exp(estimate + 1.959964 * se) };
  });
}
