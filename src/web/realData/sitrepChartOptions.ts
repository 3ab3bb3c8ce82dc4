/** The observed sitrep charts: daily figures, monthly discharges by pathway, derived delays by pathway. */
import { formatWhole, monthAbbreviation } from '../../report/format.js';
import { dayByDayFrame, INK } from '../components/dayByDayFrame.js';
import type { ChartOption, LegendEntry } from '../components/EChart.js';
import { SCENARIO_COLOURS } from '../palette.js';
import { lineSeries, PATHWAY_COLOURS } from './chartParts.js';
import { DAILY_MEASURES, DELAY_PATHWAYS, PATHWAYS, type DatedSeries } from './sitrepSeries.js';

export interface Chart {
  option: ChartOption;
  legend: LegendEntry[];
}

const DAILY_LABELS: Record<(typeof DAILY_MEASURES)[number], string> = {
  ctr_not_met: 'No longer meeting the criteria to reside',
  discharged: 'Of whom discharged that day',
  remaining: 'Remaining in hospital',
};
const format = (x: number) => formatWhole(x);

export function dailyChart(series: DatedSeries, narrow: boolean): Chart {
  const legend = DAILY_MEASURES.map((measure, i) => ({ label: DAILY_LABELS[measure], colour: SCENARIO_COLOURS[i], dash: 'solid' as const }));
  return {
    option: { ...dayByDayFrame(series.dates, 'people', narrow, format), series: DAILY_MEASURES.map((measure, i) => ({ ...lineSeries(legend[i].label, series.values[measure], legend[i].colour) })) },
    legend,
  };
}

export function monthlyChart(series: DatedSeries): Chart {
  const legend = PATHWAYS.map((pathway) => ({ label: pathway, colour: PATHWAY_COLOURS[pathway], dash: 'solid' as const, kind: 'bar' as const }));
  return {
    option: {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 30, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: format },
      xAxis: { type: 'category', name: 'month', nameLocation: 'middle', nameGap: 28, data: series.dates.map((d) => `${monthAbbreviation(d)} ${d.slice(0, 4)}`), axisLabel: { color: INK }, nameTextStyle: { color: INK } },
      yAxis: { type: 'value', name: 'discharges in the month', nameLocation: 'end', nameTextStyle: { color: INK, align: 'left' }, axisLabel: { color: INK } },
      series: PATHWAYS.map((pathway) => ({ name: pathway, type: 'bar', data: series.values[pathway].map((v) => (Number.isFinite(v) ? v : null)), itemStyle: { color: PATHWAY_COLOURS[pathway] } })),
    },
    legend,
  };
}

export function delaysChart(series: DatedSeries, narrow: boolean): Chart {
  const legend = DELAY_PATHWAYS.map((pathway) => ({ label: pathway, description: 'derived', colour: PATHWAY_COLOURS[pathway], dash: 'solid' as const }));
  return {
    option: { ...dayByDayFrame(series.dates, 'people delayed', narrow, format), series: DELAY_PATHWAYS.map((pathway) => lineSeries(pathway, series.values[pathway], PATHWAY_COLOURS[pathway])) },
    legend,
  };
}
