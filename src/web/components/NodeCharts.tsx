/** Four charts per node, every chosen scenario overlaid, with an optional spread band. */
import { useMemo, useRef, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import type { ScenarioSummary } from '../../engine/summary.js';
import type { Metric } from '../../engine/dailyRecord.js';
import { dataUrlToBytes, download, formatOne, formatPounds, scenarioLabel } from '../format.js';
import { EChart, type ChartHandle, type ChartOption } from './EChart.js';
import { SelectField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { safeFileStem } from '../../csv/fileName.js';

const CHARTS: Array<{ metric: Metric; title: string; unit: string }> = [
  { metric: 'occ', title: 'In service', unit: 'patients' },
  { metric: 'niq', title: 'Delayed in acute', unit: 'patients' },
  { metric: 'wait', title: 'Days delayed (patients admitted that day)', unit: 'days' },
  { metric: 'cost', title: 'Daily cost, occupied basis (IPACS)', unit: '£' },
];

type Band = 'none' | '50' | '95';

export function NodeCharts({ result, labels, styleOf }: { result: RunResult; labels: string[]; styleOf: Map<string, { colour: string; dash: string }> }) {
  const nodes = useMemo(() => [...new Set(result.scenarios.map((s) => s.key.node))], [result]);
  const [node, setNode] = useState(nodes[0]);
  const [bandLabel, setBandLabel] = useState('');
  const [band, setBand] = useState<Band>('95');
  const current = nodes.includes(node) ? node : nodes[0];
  const scenarios = result.scenarios.filter((s) => s.key.node === current && labels.includes(scenarioLabel(s.key)));
  const bandScenario = scenarios.find((s) => scenarioLabel(s.key) === bandLabel);
  return (
    <PageSection id="charts-heading" heading="Day by day, per node">
      <div className="pf-controls">
        <SelectField id="chart-node" label="Node" value={current} onChange={setNode}>
          {nodes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField id="band-scenario" label="Show the spread of" value={bandLabel} onChange={setBandLabel}>
          <option value="">no scenario</option>
          {scenarios.map((s) => (
            <option key={s.key.id} value={scenarioLabel(s.key)}>
              {scenarioLabel(s.key)}
            </option>
          ))}
        </SelectField>
        <SelectField id="band-width" label="Band" value={band} onChange={(value) => setBand(value as Band)} disabled={!bandScenario}>
          <option value="50">50% (25th to 75th percentile)</option>
          <option value="95">95% (2.5th to 97.5th percentile)</option>
        </SelectField>
      </div>
      {scenarios.length === 0 ? (
        <p className="nhsuk-body">No scenario of {current} is chosen: choose some under “Scenarios shown”.</p>
      ) : (
        <div className="pf-chart-grid">
          {CHARTS.map((chart) => (
            <MetricChart
              key={chart.metric}
              node={current}
              {...chart}
              dates={result.dates}
              scenarios={scenarios}
              styleOf={styleOf}
              band={bandScenario ? { scenario: bandScenario, width: band } : undefined}
            />
          ))}
        </div>
      )}
    </PageSection>
  );
}

// Quantile rows: 0 = 2.5 %, 3 = 25 %, 5 = 75 %, 8 = 97.5 % (QUANTILE_LEVELS).
const BAND_ROWS: Record<Exclude<Band, 'none'>, [number, number]> = { '50': [3, 5], '95': [0, 8] };

function MetricChart(props: {
  node: string;
  metric: Metric;
  title: string;
  unit: string;
  dates: string[];
  scenarios: ScenarioSummary[];
  styleOf: Map<string, { colour: string; dash: string }>;
  band?: { scenario: ScenarioSummary; width: Band };
}) {
  const { node, metric, title, unit, dates, scenarios, styleOf, band } = props;
  const handle = useRef<ChartHandle>(null);
  const option = useMemo<ChartOption>(() => {
    const series: object[] = [];
    if (band && band.width !== 'none') {
      const [lowRow, highRow] = BAND_ROWS[band.width];
      const daily = band.scenario.daily[metric];
      const low = Array.from(daily.quantiles[lowRow]);
      const high = Array.from(daily.quantiles[highRow]);
      const colour = styleOf.get(scenarioLabel(band.scenario.key))?.colour ?? '#000';
      // A band is two stacked series: an invisible lower edge and the width on top of it.
      series.push(
        { name: 'band-low', type: 'line', data: low, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
        {
          name: `${band.width}% band`,
          type: 'line',
          data: high.map((h, i) => h - low[i]),
          stack: 'band',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          areaStyle: { color: colour, opacity: 0.2 },
          tooltip: { show: false },
          silent: true,
        },
      );
    }
    for (const s of scenarios) {
      const label = scenarioLabel(s.key);
      const style = styleOf.get(label) ?? { colour: '#000', dash: 'solid' };
      series.push({
        name: label,
        type: 'line',
        data: Array.from(s.daily[metric].mean),
        symbol: 'none',
        lineStyle: { color: style.colour, type: style.dash, width: 2 },
        itemStyle: { color: style.colour },
      });
    }
    return {
      animation: false,
      grid: { left: 56, right: 16, top: 36, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (unit === '£' ? formatPounds(v) : formatOne(v)) },
      legend: { type: 'scroll', bottom: 0, data: scenarios.map((s) => scenarioLabel(s.key)), textStyle: { color: '#212b32' } },
      xAxis: { type: 'category', data: dates, axisLabel: { color: '#212b32' } },
      yAxis: { type: 'value', name: unit, axisLabel: { color: '#212b32' }, nameTextStyle: { color: '#212b32' } },
      series,
    };
  }, [band, dates, metric, scenarios, styleOf, unit]);

  const file = safeFileStem(`${node}-${metric}`);
  const description = `${title} at ${node}, daily mean of ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}${band ? `, with the ${band.width}% band of ${scenarioLabel(band.scenario.key)}` : ''}`;
  return (
    <figure className="pf-figure" data-testid={`chart-${metric}`}>
      <figcaption className="nhsuk-heading-xs pf-figure__caption">
        {title} — {node}
      </figcaption>
      <EChart option={option} label={description} ref={handle} />
      <div className="pf-button-row">
        <button type="button" className="pf-link-button" data-testid={`chart-${metric}-png`} onClick={() => download(`${file}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
          Download PNG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
        <button type="button" className="pf-link-button" data-testid={`chart-${metric}-svg`} onClick={() => download(`${file}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
          Download SVG<span className="nhsuk-u-visually-hidden"> of {title}</span>
        </button>
      </div>
    </figure>
  );
}
