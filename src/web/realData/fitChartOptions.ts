/**
 * The fit charts of one node: the stays that ended, as the Kaplan–Meier survival curve,
 * beside each fitted family's survival; and the referrals a day with the forecast and its
 * 95 % prediction interval.
 */
import { dateOfDay } from '../../fit/days.js';
import type { NodeFit } from '../../fit/fitEpisodes.js';
import type { LosFit } from '../../fit/fitLengthOfStay.js';
import { formatOne, formatWhole } from '../../report/format.js';
import { dayByDayFrame, INK } from '../components/dayByDayFrame.js';
import { SCENARIO_COLOURS } from '../palette.js';
import { bandSeries, lineSeries, OBSERVED_COLOUR } from './chartParts.js';
import type { Chart } from './sitrepChartOptions.js';

export const FAMILY_NAMES = { lnorm: 'lognormal', gamma: 'gamma', weibull: 'Weibull' } as const;

export function survivalChart(los: LosFit): Chart {
  const observed = { label: 'Observed (Kaplan–Meier)', colour: OBSERVED_COLOUR, dash: 'solid' as const };
  const fitted = los.families.map((family, i) => ({
    label: `${FAMILY_NAMES[family.family]}${family === los.chosen ? ' (chosen)' : ''}`,
    colour: SCENARIO_COLOURS[i],
    dash: family === los.chosen ? ('solid' as const) : ('dashed' as const),
  }));
  const pairs = (values: Array<{ day: number; value: number }>) => values.map(({ day, value }) => [day, value]);
  return {
    option: {
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 30, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (x: number) => formatOne(100 * x) + '%' },
      xAxis: { type: 'value', name: 'days in service', nameLocation: 'middle', nameGap: 28, min: 0, axisLabel: { color: INK }, nameTextStyle: { color: INK } },
      yAxis: { type: 'value', name: 'still in service', nameLocation: 'end', min: 0, max: 1, nameTextStyle: { color: INK, align: 'left' }, axisLabel: { color: INK, formatter: (x: number) => `${Math.round(100 * x)}%` } },
      series: [
        { name: observed.label, type: 'line', step: 'end', symbol: 'none', data: pairs(los.chosen.curve.map((p) => ({ day: p.day, value: p.observed }))), lineStyle: { color: OBSERVED_COLOUR, width: 2.5 }, itemStyle: { color: OBSERVED_COLOUR } },
        ...los.families.map((family, i) => ({
          name: fitted[i].label,
          type: 'line',
          symbol: 'none',
          data: pairs(family.curve.map((p) => ({ day: p.day, value: p.fitted }))),
          lineStyle: { color: fitted[i].colour, width: 2, type: fitted[i].dash },
          itemStyle: { color: fitted[i].colour },
        })),
      ],
    },
    legend: [observed, ...fitted],
  };
}

export function referralChart(node: NodeFit, narrow: boolean): Chart {
  const observedDays = node.series.waiting.length;
  const first = node.series.firstDay;
  const forecastFirst = node.forecast.firstDay;
  const last = forecastFirst + node.forecast.mean.length - 1;
  const dates = Array.from({ length: last - first + 1 }, (_, i) => dateOfDay(first + i));
  const observed = dates.map((_, i) => (i < observedDays ? node.series.referrals[i] : NaN));
  const ahead = (values: readonly number[]) => dates.map((_, i) => values[first + i - forecastFirst] ?? NaN);
  const legend = [
    { label: 'Referrals a day (observed)', colour: OBSERVED_COLOUR, dash: 'solid' as const },
    { label: 'Forecast (expected)', colour: SCENARIO_COLOURS[0], dash: 'solid' as const },
    { label: '95% prediction interval', colour: SCENARIO_COLOURS[0], dash: 'solid' as const, kind: 'band' as const },
  ];
  return {
    option: {
      ...dayByDayFrame(dates, 'referrals a day', narrow, (x: number) => formatWhole(x)),
      series: [
        ...bandSeries(legend[2].label, ahead(node.forecast.low), ahead(node.forecast.high), SCENARIO_COLOURS[0], 'forecast'),
        { ...lineSeries(legend[0].label, observed, OBSERVED_COLOUR), lineStyle: { color: OBSERVED_COLOUR, width: 1 } },
        lineSeries(legend[1].label, ahead(node.forecast.mean), SCENARIO_COLOURS[0]),
      ],
    },
    legend,
  };
}
