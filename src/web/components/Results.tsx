/**
 * What a run shows: a headline per scenario, four charts per node with every chosen
 * scenario overlaid, and a sortable comparison table like IPACS's. There is no limit on
 * scenarios: the picker and the filters decide what is drawn.
 */
import { useMemo, useRef, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import type { ScenarioSummary } from '../../engine/summary.js';
import type { Metric } from '../../engine/dailyRecord.js';
import { dataUrlToBytes, download, formatOne, formatPounds, formatPoundsShort, formatWhole, scenarioLabel } from '../format.js';
import { scenarioStyle } from '../palette.js';
import { EChart, type ChartHandle, type ChartOption } from './EChart.js';
import { ComparisonTable } from './ComparisonTable.js';
import { ReportDownload } from './ReportDownload.js';
import { SelectField, TextField } from './FormField.js';
import type { ModelSpec } from '../../engine/model.js';
import { PageSection } from './PageSection.js';
import { safeFileStem } from '../../csv/fileName.js';
import { nodesWithScenario } from '../scenarioCoverage.js';

export interface ResultsProps {
  result: RunResult;
  stale: boolean;
  /** The model the run simulated, and the workbook it came from: for the report. */
  model: ModelSpec;
  source?: string;
}

/** Scenario labels (`cap_los_arr`) in the order the run met them. */
function labelsOf(result: RunResult): string[] {
  return [...new Set(result.scenarios.map((s) => scenarioLabel(s.key)))];
}

export function Results({ result, stale, model, source }: ResultsProps) {
  const labels = useMemo(() => labelsOf(result), [result]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const chosen = labels.filter((l) => !hidden.has(l));
  const styleOf = useMemo(() => new Map(labels.map((l, i) => [l, scenarioStyle(i)])), [labels]);

  return (
    <div className="pf-results">
      {stale && (
        <div className="nhsuk-inset-text" data-testid="stale-notice">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The parameters have changed since this run. Run the model again to see their effect.</p>
        </div>
      )}
      <ScenarioPicker labels={labels} hidden={hidden} onChange={setHidden} />
      <Headline result={result} labels={chosen} />
      <NodeCharts result={result} labels={chosen} styleOf={styleOf} />
      <ComparisonTable result={result} labels={chosen} />
      <ReportDownload model={model} result={result} source={source} scenarios={chosen} />
    </div>
  );
}

function ScenarioPicker({ labels, hidden, onChange }: { labels: string[]; hidden: ReadonlySet<string>; onChange: (hidden: ReadonlySet<string>) => void }) {
  const [filter, setFilter] = useState('');
  const shown = labels.filter((l) => l.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (label: string) => {
    const next = new Set(hidden);
    if (next.has(label)) next.delete(label);
    else next.add(label);
    onChange(next);
  };
  return (
    <details className="nhsuk-details pf-picker" open={labels.length <= 12 ? undefined : true}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Scenarios shown: {labels.length - hidden.size} of {labels.length}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <TextField id="scenario-filter" label="Filter scenarios by name" width={20} type="search" value={filter} onChange={setFilter} />
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChange(new Set(labels.filter((l) => hidden.has(l) && !shown.includes(l))))}>
            Show all listed
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChange(new Set([...hidden, ...shown]))}>
            Hide all listed
          </button>
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Scenarios (capacity_LOS_arrivals)</legend>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small pf-checkbox-grid">
            {shown.map((label) => (
              <div className="nhsuk-checkboxes__item" key={label}>
                <input className="nhsuk-checkboxes__input" id={`show-${label}`} type="checkbox" checked={!hidden.has(label)} onChange={() => toggle(label)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`show-${label}`}>
                  {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    </details>
  );
}

function Headline({ result, labels }: { result: RunResult; labels: string[] }) {
  const totals = useMemo(() => {
    const byLabel = new Map<string, { bedDays: number; cost: number; nodes: number }>();
    for (const s of result.scenarios) {
      const label = scenarioLabel(s.key);
      const t = byLabel.get(label) ?? { bedDays: 0, cost: 0, nodes: 0 };
      t.bedDays += s.horizon.delayedBedDays.mean;
      t.cost += s.horizon.totalCost.mean;
      t.nodes++;
      byLabel.set(label, t);
    }
    return byLabel;
  }, [result]);
  const nodeCount = new Set(result.scenarios.map((s) => s.key.node)).size;
  const horizon = `${result.dates[0]} to ${result.dates[result.dates.length - 1]}`;
  return (
    <PageSection id="headline-heading" heading={<>Headlines, {horizon}</>}>
      <p className="nhsuk-body-s">Totals over the horizon across all nodes; means of {result.replications} replications.</p>
      <ul className="pf-headline" data-testid="headline">
        {labels.map((label) => {
          const t = totals.get(label);
          if (!t) return null;
          return (
            <li key={label} className="pf-headline__item">
              <h3 className="nhsuk-heading-xs pf-headline__title">{label}</h3>
              <p className="pf-headline__figure">
                <span className="pf-headline__number">{formatWhole(t.bedDays)}</span> delayed bed-days
              </p>
              <p className="pf-headline__figure">
                <span className="pf-headline__number">{formatPoundsShort(t.cost)}</span> total cost
              </p>
              {t.nodes < nodeCount && <p className="nhsuk-body-s">{nodesWithScenario(t.nodes, nodeCount)}</p>}
            </li>
          );
        })}
      </ul>
    </PageSection>
  );
}

const CHARTS: Array<{ metric: Metric; title: string; unit: string }> = [
  { metric: 'occ', title: 'In service', unit: 'patients' },
  { metric: 'niq', title: 'Delayed in acute', unit: 'patients' },
  { metric: 'wait', title: 'Days delayed (patients admitted that day)', unit: 'days' },
  { metric: 'cost', title: 'Daily cost', unit: '£' },
];

type Band = 'none' | '50' | '95';

function NodeCharts({ result, labels, styleOf }: { result: RunResult; labels: string[]; styleOf: Map<string, { colour: string; dash: string }> }) {
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
