/**
 * What the sitrep files say for the chosen organisation: the daily figures, discharges by
 * pathway each month and the delays per pathway Pathflow derives, with the notes of what the
 * data cannot tell; the skeleton model can become the current model.
 */
import { useMemo } from 'react';
import { formatObservedCsv } from '../../../observed/observedCsv.js';
import { download } from '../../format.js';
import type { SitrepData } from '../../realData/realDataTasks.js';
import { dailyChart, delaysChart, monthlyChart } from '../../realData/sitrepChartOptions.js';
import { dailyFigures, derivedDelays, monthlyDischarges } from '../../realData/sitrepSeries.js';
import { EChart, useNarrow } from '../EChart.js';

export interface SitrepObservedProps {
  data: SitrepData;
  fileNames: string[];
  onUseModel: () => void;
}

export function SitrepObserved({ data, fileNames, onUseModel }: SitrepObservedProps) {
  const narrow = useNarrow();
  const charts = useMemo(
    () => [
      { id: 'daily', title: 'Criteria to reside, by day', chart: dailyChart(dailyFigures(data.rows), narrow) },
      { id: 'monthly', title: 'Discharges by pathway, by month', chart: monthlyChart(monthlyDischarges(data.rows)) },
      { id: 'delays', title: 'Delayed discharges by pathway (derived), by day', chart: delaysChart(derivedDelays(data.rows), narrow) },
    ],
    [data, narrow],
  );
  const codes = data.orgs.map((org) => org.code).join(', ');
  return (
    <div data-testid="sitrep-observed">
      <p className="nhsuk-body">
        {codes} in {fileNames.length} file{fileNames.length === 1 ? '' : 's'}: {data.rows.length.toLocaleString('en-GB')} observed figures. The delays by pathway are Pathflow&rsquo;s estimates (the people
        remaining split by the week&rsquo;s reasons for long stays), marked “derived” in observed.csv.
      </p>
      <div className="pf-chart-grid">
        {charts.map(({ id, title, chart }) => (
          <figure className="pf-figure" key={id}>
            <figcaption className="nhsuk-body-s pf-figure__caption">
              <strong>{title}</strong>
            </figcaption>
            <EChart option={chart.option} legend={chart.legend} label={`${title}, ${codes}`} testId={`sitrep-chart-${id}`} />
          </figure>
        ))}
      </div>
      <details className="nhsuk-details" data-testid="sitrep-notes">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">What these data cannot tell</span>
        </summary>
        <div className="nhsuk-details__text">
          <pre className="pf-notes">{data.notes}</pre>
        </div>
      </details>
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button" onClick={onUseModel} data-testid="sitrep-use-model">
          Use as model
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => download('observed.csv', formatObservedCsv(data.rows), 'text/csv')} data-testid="sitrep-download">
          Download observed.csv
        </button>
      </div>
    </div>
  );
}
