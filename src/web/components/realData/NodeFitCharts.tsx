/** One node's fit: its length of stay (observed against fitted survival, AIC table) and its referrals with the forecast. */
import { useMemo } from 'react';
import type { NodeFit } from '../../../fit/fitEpisodes.js';
import { termsLabel } from '../../../fit/referralDesign.js';
import { formatOne } from '../../format.js';
import { referralChart, survivalChart } from '../../realData/fitChartOptions.js';
import { EChart, useNarrow } from '../EChart.js';
import { LosFitTable } from './LosFitTable.js';

export function NodeFitCharts({ node }: { node: NodeFit }) {
  const narrow = useNarrow();
  const survival = useMemo(() => survivalChart(node.stays.fit), [node]);
  const referrals = useMemo(() => referralChart(node, narrow), [node, narrow]);
  const id = node.series.node;
  const forecastMean = node.forecast.mean.reduce((sum, x) => sum + x, 0) / Math.max(1, node.forecast.mean.length);
  return (
    <div data-testid="node-fit">
      {node.stays.borrowedFrom && (
        <p className="nhsuk-body-s">
          {id} has too few ended stays for a fit of its own: the length of stay is {node.stays.borrowedFrom}&rsquo;s over every locality.
        </p>
      )}
      <div className="pf-chart-grid">
        <figure className="pf-figure">
          <figcaption className="nhsuk-body-s pf-figure__caption">
            <strong>Length of stay, {id}: observed against fitted</strong>
          </figcaption>
          <EChart option={survival.option} legend={survival.legend} label={`Share still in service by days in service at ${id}: observed and the three fitted families`} testId="survival-chart" />
        </figure>
        <figure className="pf-figure">
          <figcaption className="nhsuk-body-s pf-figure__caption">
            <strong>Referrals a day, {id}, and forecast</strong>
          </figcaption>
          <EChart option={referrals.option} legend={referrals.legend} label={`Referrals a day at ${id}, observed and forecast with its 95% interval`} testId="referral-chart" />
        </figure>
      </div>
      <LosFitTable los={node.stays.fit} node={id} />
      <p className="nhsuk-body-s" data-testid="referral-model">
        Referral model: {termsLabel(node.referrals.terms)}, {node.referrals.fit.family === 'negbin' ? 'negative binomial' : 'Poisson'} counts; forecast mean{' '}
        {formatOne(forecastMean)} a day over {node.forecast.mean.length} days.
      </p>
    </div>
  );
}
