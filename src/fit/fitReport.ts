/**
 * fit.html: the fit report, one self-contained page in the run report's style. What was
 * fitted for each node and how well, what is inferred rather than measured, and two charts a
 * node (fitCharts.ts). Aggregates only; with suppression on, counts of 1 to 4 people read "1–4".
 */
import type { Block, Cell } from '../report/content.js';
import { formatDate, formatOne } from '../report/format.js';
import { blockHtml, REPORT_CSS } from '../report/html.js';
import { escapeXml } from '../report/svgChart.js';
import { dateOfDay } from './days.js';
import type { EpisodeFit, NodeFit } from './fitEpisodes.js';
import { referralChartSvg, stayChartSvg } from './fitCharts.js';
import { SMALL_COUNT_STAND_IN } from './fittedModel.js';
import { termsLabel } from './referralDesign.js';
import { countText } from './smallCounts.js';

export interface FitReportInput {
  fit: EpisodeFit;
  /** The extract's file name (no path). */
  source: string;
  seed: number;
  suppress: boolean;
  version: string;
}

export function fitReportHtml(input: FitReportInput): string {
  const title = `Fit of ${input.source}`;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'table', caption: 'The extract and the fit', columns: [{ label: 'Item' }, { label: 'Value' }], rows: facts(input).map(([k, v]) => [{ text: k }, { text: v }]) },
    { kind: 'heading', level: 2, text: 'What is inferred, not measured' },
    { kind: 'bullets', items: inferredNotes(input) },
    summaryTable(input),
    ...input.fit.nodes.flatMap((node) => nodeBlocks(node, input.suppress)),
    { kind: 'heading', level: 2, text: 'How it was fitted' },
    { kind: 'bullets', items: METHOD_NOTES },
  ];
  return (
    `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeXml(title)}</title>\n<meta name="generator" content="Pathflow ${escapeXml(input.version)}">\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n` +
    blocks.map(blockHtml).join('\n') +
    `\n</body>\n</html>\n`
  );
}

function facts(input: FitReportInput): Array<[string, string]> {
  const { fit } = input;
  return [
    ['Episodes', countText(fit.episodes, input.suppress)],
    ['Referrals counted from', formatDate(dateOfDay(fit.firstDay))],
    ['Snapshot (state at the end of)', formatDate(fit.snapshot)],
    ['Planning horizon', `${formatDate(dateOfDay(fit.horizonStart))} to ${formatDate(dateOfDay(fit.horizonStart + fit.horizonDays - 1))} (${fit.horizonDays} days)`],
    ['Seed of the forecast intervals', String(input.seed)],
    ['Small counts (1–4)', input.suppress ? 'withheld in every file' : 'shown: suppression turned off (--no-suppress)'],
  ];
}

function inferredNotes(input: FitReportInput): string[] {
  const notes = [
    'Capacity: episodes record people, not places. Each node’s capacity is the most people in service on one day of the last weeks before the snapshot. If people were waiting in those weeks the service was probably full and this is its capacity; if nobody waited, the real capacity may be higher. Replace it with the commissioned figure when you know it.',
    'Costs: episodes say nothing of prices; the workbook’s costs are 0 until you enter them.',
    'Arrivals S1Arr: the upper 95 % limit of the expected referrals a day, a scenario of referrals as high as the data allow, not a forecast.',
  ];
  if (input.suppress) notes.push(`Small counts: in the workbook, a count of 1 to 4 people (in service or waiting at the snapshot, or the inferred capacity) is written as ${SMALL_COUNT_STAND_IN}, so the model runs without revealing which it was.`);
  const borrowed = input.fit.nodes.filter((node) => node.stays.borrowedFrom);
  if (borrowed.length > 0) notes.push(`Length of stay borrowed from the pathway’s stays in every locality (too few completed stays of their own): ${borrowed.map((node) => node.series.node).join(', ')}.`);
  return notes;
}

function interval(estimate: { value: number; lower: number; upper: number }): Cell {
  return { text: formatOne(estimate.value), sub: Number.isFinite(estimate.lower) ? `${formatOne(estimate.lower)} to ${formatOne(estimate.upper)}` : 'interval not available' };
}

function summaryTable(input: FitReportInput): Block {
  const count = (value: number): Cell => ({ text: countText(value, input.suppress) });
  return {
    kind: 'table',
    caption: 'Per node',
    compact: true,
    columns: [
      { label: 'Node' },
      { label: 'Stay family' },
      { label: 'Mean stay, days', numeric: true },
      { label: 'Sd, days', numeric: true },
      { label: 'Referrals a day (forecast)', numeric: true },
      { label: 'In service', numeric: true },
      { label: 'Waiting', numeric: true },
      { label: 'Capacity*', numeric: true },
    ],
    rows: input.fit.nodes.map((node) => {
      const chosen = node.stays.fit.chosen;
      const forecastMean = node.forecast.mean.reduce((a, b) => a + b, 0) / node.forecast.mean.length;
      return [
        { text: node.series.node },
        { text: chosen.family + (node.stays.borrowedFrom ? ' (pathway)' : '') },
        interval(chosen.mean),
        interval(chosen.sd),
        { text: formatOne(forecastMean) },
        count(node.initial.inService),
        count(node.initial.waiting),
        count(node.initial.capacity.value),
      ];
    }),
    note: 'Mean and sd of the chosen length-of-stay family with 95 % confidence intervals; referrals a day are the forecast’s mean over the horizon. *Capacity is inferred (see above).',
  };
}

function nodeBlocks(node: NodeFit, suppress: boolean): Block[] {
  const fit = node.stays.fit;
  const aics = fit.families.map((family) => `${family.family} ${formatOne(family.aic)}${family.family === fit.chosen.family ? ' (chosen)' : ''}`).join(', ');
  return [
    { kind: 'heading', level: 2, text: node.series.node, newPage: true },
    {
      kind: 'paragraph',
      text:
        `Length of stay: ${fit.chosen.family} chosen by AIC (${aics}); ${countText(fit.completed, suppress)} completed stays and ${countText(fit.censored, suppress)} still in service at the snapshot. ` +
        `Largest gap between the curves: ${formatOne(100 * fit.chosen.distance)} percentage points.`,
    },
    {
      kind: 'paragraph',
      text: `Referrals: ${node.referrals.fit.family === 'negbin' ? 'negative binomial' : 'Poisson'} regression on ${termsLabel(node.referrals.terms)} (least AIC of ${node.referrals.candidates.length} candidates), over ${node.referrals.counts.length} days.`,
    },
    {
      kind: 'charts',
      perRow: 1,
      charts: [
        { svg: stayChartSvg(node, suppress), width: 620, height: 300, title: `${node.series.node}: length of stay` },
        { svg: referralChartSvg(node, suppress), width: 620, height: 300, title: `${node.series.node}: referrals a day, mean of each week` },
      ],
    },
  ];
}

const METHOD_NOTES = [
  'Length of stay: lognormal, gamma and Weibull fitted by maximum likelihood to stays counted in whole days, people still in service at the snapshot censored; the family with the least AIC is chosen. The empirical curve is the Kaplan–Meier estimate.',
  'Referrals: daily counts as a Poisson or negative binomial regression (negative binomial when its AIC is lower: the counts vary more than a Poisson’s). Terms chosen by AIC from day of week (two weeks of data and a referral on every weekday needed), a linear trend (eight weeks), and one or two annual harmonics (a full year).',
  'Forecast interval: 2,000 simulations, each drawing the coefficients from their estimated sampling distribution and then a count for each day; the band holds 95 % of them. Seeded: the same seed gives the same band.',
  'Privacy: only counts and fitted figures leave the extract; no person’s row is written anywhere.',
];
