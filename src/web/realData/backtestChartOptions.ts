/** The IPACS validation plot of one series: the simulated 95 % band and mean, and what was observed as points. */
import type { SeriesFit } from '../../backtest/bandComparison.js';
import { formatOne } from '../../report/format.js';
import { dayByDayFrame } from '../components/dayByDayFrame.js';
import { bandSeries, lineSeries, OBSERVED_COLOUR, pointSeries, SIMULATED_COLOUR } from './chartParts.js';
import type { Chart } from './sitrepChartOptions.js';

export function backtestChart(fit: SeriesFit, narrow: boolean): Chart {
  const legend = [
    { label: 'Simulated 95% band', colour: SIMULATED_COLOUR, dash: 'solid' as const, kind: 'band' as const },
    { label: 'Simulated mean', colour: SIMULATED_COLOUR, dash: 'solid' as const },
    { label: 'Observed', description: 'points', colour: OBSERVED_COLOUR, dash: 'dotted' as const },
  ];
  const points = fit.points;
  return {
    option: {
      ...dayByDayFrame(
        points.map((p) => p.date),
        'people delayed',
        narrow,
        (x: number) => formatOne(x),
      ),
      series: [
        ...bandSeries(legend[0].label, points.map((p) => p.simLow), points.map((p) => p.simHigh), SIMULATED_COLOUR, 'band'),
        lineSeries(legend[1].label, points.map((p) => p.simMean), SIMULATED_COLOUR),
        pointSeries(legend[2].label, points.map((p) => p.observed), OBSERVED_COLOUR),
      ],
    },
    legend,
  };
}
