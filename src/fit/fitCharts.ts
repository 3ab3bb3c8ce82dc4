/**
 * The fit report's two charts per node, drawn with the report's own SVG line charts:
 * - length of stay: the Kaplan–Meier survival of the stays (censoring taken into account)
 *   against the fitted family's, by whole days of stay;
 * - referrals: the observed daily mean of each week, the fitted expected referrals, and the
 *   forecast with its 95 % prediction band.
 * With suppression on, nothing drawn shows a count of 1 to 4 people: the empirical survival
 * curve stops where fewer than 5 people remain at risk (its steps there are single people's
 * stays), and a week with 1 to 4 referrals in all is left out of the observed line.
 */
import { lineChartSvg, lineStyle, niceTicks } from '../report/svgChart.js';
import { dateOfDay } from './days.js';
import type { NodeFit } from './fitEpisodes.js';
import type { FamilyFit } from './fitLengthOfStay.js';
import { kaplanMeier } from './kaplanMeier.js';
import { daySurvival, groupStays } from './stayLikelihood.js';
import { stayDistribution } from './losFamilies.js';
import { isSmallCount } from './smallCounts.js';
import { expectedReferrals } from './referralModel.js';

const WIDTH = 620;
const HEIGHT = 300;
const BAND_COLOUR = '#005eb8';

export function stayChartSvg(node: NodeFit, suppress: boolean): string {
  const points = kaplanMeier(groupStays(node.stays.stays));
  const chosen = node.stays.fit.chosen;
  const lastDay = Math.max(1, points.length === 0 ? 1 : points[points.length - 1].day);
  const days = Array.from({ length: lastDay + 1 }, (_, day) => day);
  const observed = new Map(points.map((point) => [point.day, suppress && point.atRisk < 5 ? NaN : point.observed]));
  const { ticks } = niceTicks(0, lastDay, 6);
  return lineChartSvg({
    width: WIDTH,
    height: HEIGHT,
    title: `${node.series.node}: length of stay`,
    description: `Share of stays longer than each number of days: episodes (Kaplan–Meier) and the fitted ${chosen.family}`,
    yLabel: 'share of stays still going after the day',
    dates: days.map(String),
    xAxis: { label: 'days of stay', ticks: ticks.filter((t) => t <= lastDay).map((t) => ({ index: t, label: String(t) })) },
    series: [
      { label: node.stays.borrowedFrom ? 'episodes of this node (Kaplan–Meier)' : 'episodes (Kaplan–Meier)', values: days.map((day) => observed.get(day) ?? NaN), style: lineStyle(0) },
      { label: `fitted ${chosen.family}${node.stays.borrowedFrom ? ` (every ${node.stays.borrowedFrom} stay)` : ''}`, values: fittedSurvival(chosen, days), style: lineStyle(1) },
    ],
    formatValue: (value) => value.toFixed(1),
    legend: true,
  });
}

/** The fitted family's P(stay > day) for whole days, as the fit's own quality curve computes it. */
export function fittedSurvival(family: FamilyFit, days: readonly number[]): number[] {
  // The optimiser's scale, back from the natural parameters: lnorm (meanlog, log sdlog); gamma and Weibull (log shape, log scale).
  const [first, second] = family.parameters.map((parameter) => parameter.value);
  const theta = family.family === 'lnorm' ? [first, Math.log(second)] : [Math.log(first), Math.log(second)];
  const distribution = stayDistribution(family.family, theta);
  return days.map((day) => daySurvival(distribution, day));
}

/** Each value replaced by the mean of its week, weeks counted from index 0; NaN where `keep` says no. */
function weeklyMeans(values: readonly number[], keep: (total: number) => boolean = () => true): number[] {
  const out: number[] = [];
  for (let start = 0; start < values.length; start += 7) {
    const week = values.slice(start, start + 7);
    const total = week.reduce((a, b) => a + b, 0);
    const mean = keep(total) ? total / week.length : NaN;
    for (let i = 0; i < week.length; i++) out.push(mean);
  }
  return out;
}

/**
 * Weekly means throughout: daily counts swing with the day of the week, which would hide the
 * level and the season; the band is the forecast's interval for a week's mean.
 */
export function referralChartSvg(node: NodeFit, suppress: boolean): string {
  const { series, forecast, referrals } = node;
  const totalDays = forecast.firstDay + forecast.mean.length - series.firstDay;
  const dates = Array.from({ length: totalDays }, (_, i) => dateOfDay(series.firstDay + i));
  const observed = weeklyMeans(series.referrals, (total) => !(suppress && isSmallCount(total)));
  const fitted = weeklyMeans(series.referrals.map((_, i) => expectedReferrals(referrals, series.firstDay + i)));
  const onDates = (values: readonly number[], firstDay: number) => dates.map((_, i) => values[series.firstDay + i - firstDay] ?? NaN);
  return lineChartSvg({
    width: WIDTH,
    height: HEIGHT,
    title: `${series.node}: referrals a day, mean of each week`,
    description: 'Referrals a day, mean of each week: observed, fitted, and the forecast with its 95 % prediction band',
    yLabel: 'referrals a day (mean of the week)',
    dates,
    series: [
      { label: 'observed', values: onDates(observed, series.firstDay), style: lineStyle(0) },
      { label: 'fitted', values: onDates(fitted, series.firstDay), style: lineStyle(1) },
      { label: 'forecast (expected)', values: onDates(weeklyMeans(forecast.mean), forecast.firstDay), style: lineStyle(2) },
    ],
    band: { low: onDates(forecast.weekLow, forecast.firstDay), high: onDates(forecast.weekHigh, forecast.firstDay), colour: BAND_COLOUR, label: '95 % prediction interval of the week’s mean' },
    legend: true,
  });
}
