/**
 * fit.csv: what was fitted per node, one figure a row (`node,part,quantity,value,low95,high95,note`)
 * so a spreadsheet filters it by node or part. Parts: `episodes`, `los` (every family's AIC,
 * the chosen family's mean, sd and median with 95 % intervals, fit quality), `referrals` (the
 * count model's family and terms, coefficients and weekday ratios with 95 % intervals, the
 * forecast), `initial` (in service and waiting at the snapshot, inferred capacity). Counts of
 * people from 1 to 4 are withheld when suppressing.
 */
import { csvRow, formatNumber, neutraliseFormula } from '../csv/format.js';
import { WEEKDAY_NAMES } from './calendarDays.js';
import type { EpisodeFit, NodeFit } from './fitEpisodes.js';
import { termColumns, termsLabel } from './referralDesign.js';
import { weekdayRatios } from './referralModel.js';
import { isSmallCount, SMALL_COUNT_TEXT } from './smallCounts.js';

export const FIT_COLUMNS = ['node', 'part', 'quantity', 'value', 'low95', 'high95', 'note'] as const;

interface FitRow {
  part: string;
  quantity: string;
  value?: number;
  low?: number;
  high?: number;
  note?: string;
}

export function formatFitCsv(fit: EpisodeFit, suppress: boolean): string {
  const lines = [csvRow(FIT_COLUMNS)];
  for (const node of fit.nodes) {
    for (const row of nodeRows(node, suppress)) {
      lines.push(csvRow([neutraliseFormula(node.series.node), row.part, row.quantity, number(row.value), number(row.low), number(row.high), neutraliseFormula(row.note ?? '')]));
    }
  }
  return lines.join('\n') + '\n';
}

function number(value: number | undefined): string {
  return value === undefined ? '' : formatNumber(value);
}

function nodeRows(node: NodeFit, suppress: boolean): FitRow[] {
  const people = (part: string, quantity: string, value: number, note = ''): FitRow =>
    suppress && isSmallCount(value) ? { part, quantity, note: [`suppressed (${SMALL_COUNT_TEXT})`, note].filter(Boolean).join('; ') } : { part, quantity, value, note };
  return [
    people('episodes', 'episodes', node.series.referrals.reduce((a, b) => a + b, 0), 'referred in the extract'),
    ...losRows(node, people),
    ...referralRows(node),
    people('initial', 'in_service', node.initial.inService, 'at the end of the snapshot date'),
    people('initial', 'waiting', node.initial.waiting, 'at the end of the snapshot date'),
    people(
      'initial',
      'capacity',
      node.initial.capacity.value,
      `inferred: the most people in service on one day of the last ${node.initial.capacity.days} days` +
        (node.initial.capacity.waitedInWindow ? '' : '; nobody waited then, so the capacity may be higher'),
    ),
  ];
}

function losRows(node: NodeFit, people: (part: string, quantity: string, value: number, note?: string) => FitRow): FitRow[] {
  const { fit, borrowedFrom } = node.stays;
  const chosen = fit.chosen;
  const estimate = (quantity: string, e: { value: number; lower: number; upper: number }): FitRow => ({ part: 'los', quantity, value: e.value, low: e.lower, high: e.upper, note: 'days' });
  return [
    people('los', 'completed_stays', fit.completed, borrowedFrom ? `of every ${borrowedFrom} node` : ''),
    people('los', 'in_service_stays', fit.censored, 'right-censored at the snapshot'),
    { part: 'los', quantity: 'family', note: chosen.family + (borrowedFrom ? `; borrowed from every ${borrowedFrom} stay: too few completed stays here` : '') },
    ...fit.families.map((family): FitRow => ({ part: 'los', quantity: `aic_${family.family}`, value: family.aic, note: family.family === chosen.family ? 'chosen: least AIC' : `${formatNumber(family.deltaAic)} above the least` })),
    estimate('mean', chosen.mean),
    estimate('sd', chosen.sd),
    estimate('median', chosen.median),
    ...chosen.parameters.map((parameter): FitRow => ({ part: 'los', quantity: parameter.name, value: parameter.value })),
    { part: 'los', quantity: 'fit_distance', value: chosen.distance, note: 'largest gap between the Kaplan-Meier and fitted survival curves (0 is a perfect fit)' },
  ];
}

function referralRows(node: NodeFit): FitRow[] {
  const model = node.referrals;
  const { fit } = model;
  const z = 1.959964;
  const forecastMean = node.forecast.mean.reduce((a, b) => a + b, 0) / Math.max(1, node.forecast.mean.length);
  return [
    { part: 'referrals', quantity: 'days_observed', value: model.counts.length },
    { part: 'referrals', quantity: 'family', note: fit.family === 'negbin' ? 'negative binomial (overdispersed)' : 'Poisson' },
    { part: 'referrals', quantity: 'aic_poisson', value: model.familyAic.poisson, note: 'every candidate term' },
    { part: 'referrals', quantity: 'aic_negbin', value: model.familyAic.negbin, note: 'every candidate term' },
    { part: 'referrals', quantity: 'poisson_dispersion', value: model.poissonDispersion, note: 'Pearson chi-squared / df of the Poisson fit; about 1 when not overdispersed' },
    ...(fit.family === 'negbin' ? [{ part: 'referrals', quantity: 'theta', value: fit.theta, note: 'variance = mean + mean^2 / theta' }] : []),
    { part: 'referrals', quantity: 'terms', value: fit.aic, note: `${termsLabel(model.terms)}; least AIC of ${model.candidates.length} candidates` },
    ...termColumns(model.terms).map((name, j): FitRow => {
      const se = Math.sqrt(fit.covariance[j][j]);
      return { part: 'referrals', quantity: `coef_${name}`, value: fit.coefficients[j], low: fit.coefficients[j] - z * se, high: fit.coefficients[j] + z * se, note: 'log scale' };
    }),
    ...(model.terms.weekday
      ? weekdayRatios(model).slice(1).map((r, k): FitRow => ({ part: 'referrals', quantity: `ratio_${WEEKDAY_NAMES[k + 1]}`, value: r.ratio, low: r.low, high: r.high, note: 'referrals relative to Monday' }))
      : []),
    { part: 'referrals', quantity: 'forecast_mean_per_day', value: forecastMean, note: `over the ${node.forecast.mean.length} days of the horizon` },
  ];
}
