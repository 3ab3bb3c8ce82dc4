/**
 * backtest.html: the IPACS validation plot for each series (the simulated 95 % band and mean,
 * what was observed as points), its figures, and calibration when asked; one self-contained
 * page in the report's style.
 */
import { formatDate } from '../report/format.js';
import { REPORT_CSS } from '../report/html.js';
import { escapeXml as esc, lineChartSvg, lineStyle } from '../report/svgChart.js';
import type { BacktestResult, Calibration } from './backtest.js';
import type { SeriesFit } from './bandComparison.js';

export interface BacktestReportContext {
  modelName: string;
  observedFile: string;
  dates: readonly string[];
  replications: number;
  seed: number;
  compat: string;
  notes: readonly string[];
}

const BAND_COLOUR = '#0072B2';

function figure(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)} %` : '–';
}

/**
 * One x position per observed point, in date order: weekly points drawn on a daily axis would
 * leave the mean line as isolated dots, since a line breaks at every day without a value.
 */
function chartOf(fit: SeriesFit): string {
  if (fit.points.length === 0) return '';
  const column = (pick: (p: SeriesFit['points'][number]) => number) => Float64Array.from(fit.points, pick);
  return lineChartSvg({
    width: 720,
    height: 320,
    title: `${fit.name}: people delayed, simulated and observed`,
    description: `${fit.name}: the simulated mean and 95 % band of people delayed each period, with the observed figures as points; ${percent(fit.coverage)} of observed points inside the band.`,
    yLabel: 'people delayed (daily mean over each period)',
    dates: fit.points.map((p) => p.date),
    series: [{ label: 'simulated mean', values: column((p) => p.simMean), style: lineStyle(0) }],
    points: { label: 'observed', values: column((p) => p.observed), style: { ...lineStyle(1), dash: '0 100' } },
    band: { low: column((p) => p.simLow), high: column((p) => p.simHigh), colour: BAND_COLOUR, label: 'simulated 95 % band' },
    legend: true,
  });
}

function skippedText(fit: SeriesFit): string {
  const { suppressed, outsideHorizon, missing } = fit.skipped;
  const parts = [suppressed && `${suppressed} suppressed`, outsideHorizon && `${outsideHorizon} outside the model's horizon`, missing && `${missing} with no value`].filter(Boolean);
  return parts.length > 0 ? `Left out: ${parts.join(', ')}.` : '';
}

function seriesSection(fit: SeriesFit): string {
  const figures =
    `${fit.points.length} observed points; ${percent(fit.coverage)} inside the band; ` +
    `bias ${figure(fit.bias)} (simulated minus observed), mean absolute error ${figure(fit.mae)}, RMSE ${figure(fit.rmse)}. ${skippedText(fit)}`;
  const chart = chartOf(fit);
  return `<h2>${esc(fit.name)}</h2><p>${esc(figures)}</p>${chart ? `<figure>${chart.replace(' xmlns="http://www.w3.org/2000/svg"', '')}</figure>` : '<p>No observed point falls within the model’s horizon.</p>'}`;
}

function calibrationTable(calibrations: readonly Calibration[]): string {
  if (calibrations.length === 0) return '';
  const what = calibrations[0].parameter === 'capacity' ? 'capacity (beds or caseload, summed over the series’ nodes)' : 'mean length of stay in days (weighted by referrals)';
  const rows = calibrations
    .map(
      (c) =>
        `<tr><td>${esc(c.name)}</td><td class="num">${figure(c.modelValue)}</td><td class="num">${figure(c.value)}</td>` +
        `<td class="num">${figure(c.valueLow)} to ${figure(c.valueHigh)}${c.atEdge ? ' (edge of the range searched)' : ''}</td><td class="num">×${c.estimate} (×${c.low} to ×${c.high})</td>` +
        `<td>${c.fitPValue < 0.05 ? 'no: even the best multiplier does not reproduce what happened' : 'yes'} (p = ${c.fitPValue.toFixed(2)})</td></tr>`,
    )
    .join('\n');
  return (
    `<h2>Calibration (inferred)</h2><p>The effective ${esc(what)} that best reproduces the observed delays, with its 95 % interval. ` +
    `These are inferred from delays, not measured: read them as “the model behaves like what happened if …”, and check them against what you know of the service.</p>` +
    `<table><thead><tr><th scope="col">series</th><th scope="col" class="num">in the model</th><th scope="col" class="num">inferred</th><th scope="col" class="num">95 % interval</th><th scope="col" class="num">multiplier</th><th scope="col">fits what happened?</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

export function backtestHtml(result: BacktestResult, context: BacktestReportContext): string {
  const { dates } = context;
  const facts = [
    ['Model', context.modelName],
    ['Observed', context.observedFile],
    ['Horizon', `${formatDate(dates[0])} to ${formatDate(dates[dates.length - 1])}`],
    ['Scenarios', [...new Set(result.scenarios)].join(', ')],
    ['Replications', String(context.replications)],
    ['Seed', String(context.seed)],
    ...(context.compat !== 'none' ? [['Compatibility', context.compat]] : []),
  ];
  const notes = context.notes.length > 0 ? `<ul>${context.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return (
    `<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(`Backtest: ${context.modelName}`)}</title><style>${REPORT_CSS}</style></head><body>` +
    `<h1>Backtest: ${esc(context.modelName)}</h1>` +
    `<table><tbody>${facts.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>` +
    `<p>Each chart shows what the model expects (the line: the mean over replications; the shaded band: where 95 % of replications fall) and what happened (the points). ` +
    `A model that reproduces what happened has about 95 % of points inside the band, and no steady gap between the line and the points.</p>` +
    notes +
    result.fits.map(seriesSection).join('\n') +
    calibrationTable(result.calibrations) +
    `</body></html>\n`
  );
}
