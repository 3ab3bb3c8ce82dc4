/** One backtested series: the validation plot and its coverage, bias and error. */
import { useMemo } from 'react';
import type { SeriesFit } from '../../../backtest/bandComparison.js';
import { formatPercent } from '../../../report/format.js';
import { formatOne, formatWhole } from '../../format.js';
import { backtestChart } from '../../realData/backtestChartOptions.js';
import { EChart, useNarrow } from '../EChart.js';

export function BacktestSeriesResult({ fit }: { fit: SeriesFit }) {
  const narrow = useNarrow();
  const chart = useMemo(() => backtestChart(fit, narrow), [fit, narrow]);
  const skipped = fit.skipped.suppressed + fit.skipped.outsideHorizon + fit.skipped.missing;
  return (
    <figure className="pf-figure" data-testid="backtest-series">
      <figcaption className="nhsuk-body-s pf-figure__caption">
        <strong>{fit.name}</strong>: {formatWhole(fit.points.length)} points, {formatPercent(fit.coverage)} inside the band (95% expected), bias {formatOne(fit.bias)}, mean absolute error{' '}
        {formatOne(fit.mae)}
        {skipped > 0 && `; ${formatWhole(skipped)} skipped (${fit.skipped.outsideHorizon} outside the model's dates, ${fit.skipped.suppressed} withheld, ${fit.skipped.missing} missing)`}
      </figcaption>
      {fit.points.length > 0 ? (
        <EChart option={chart.option} legend={chart.legend} label={`Validation plot of ${fit.name}: observed delays against the simulated mean and 95% band`} testId="backtest-chart" />
      ) : (
        <p className="nhsuk-body-s">No observed day of this series falls within the model&rsquo;s dates.</p>
      )}
    </figure>
  );
}
