/**
 * Four charts per node, every chosen scenario overlaid, with an optional spread band, dates
 * as a UK reader writes them, units on both axes, and each scenario's capacity drawn on the
 * "In service" chart.
 */
import { useMemo, useRef, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import type { ScenarioSummary } from '../../engine/summary.js';
import type { Metric } from '../../engine/dailyRecord.js';
import { isUnrestricted, type ModelSpec } from '../../engine/model.js';
import { placesWord } from '../nodeKinds.js';
import { dataUrlToBytes, download, formatOne, formatPounds, formatWhole, scenarioLabel } from '../format.js';
import { dayByDayFrame, INK } from './dayByDayFrame.js';
import { EChart, useNarrow, type ChartHandle, type ChartOption, type LegendEntry } from './EChart.js';
import { SelectField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { HelpLink } from './HelpLink.js';

/** The glossary entry behind each chart's title. */
const METRIC_HELP: Partial<Record<Metric, string>> = { occ: 'occupancy', niq: 'niq', wait: 'mean-days-delayed', cost: 'total-cost' };
import { safeFileStem } from '../../csv/fileName.js';

const CHARTS: Array<{ metric: Metric; title: string; unit: string; axis: string }> = [
  { metric: 'occ', title: 'In service', unit: 'patients', axis: 'patients in service' },
  { metric: 'niq', title: 'Delayed in acute', unit: 'patients', axis: 'patients delayed' },
  { metric: 'wait', title: 'Days delayed (patients admitted that day)', unit: 'days', axis: 'days delayed' },
  { metric: 'cost', title: 'Daily cost, occupied basis (IPACS)', unit: '£', axis: '£ a day' },
];

/** The capacity line: dark grey and long-dashed, unlike any scenario's line. */
const CAPACITY_COLOUR = '#4c6272';

type Band = 'none' | '50' | '95';

export interface NodeChartsProps {
  result: RunResult;
  /** The model the run simulated: a node's kind says whether its capacity is beds or a caseload. */
  model: ModelSpec;
  labels: string[];
  styleOf: Map<string, { colour: string; dash: 'solid' | 'dashed' | 'dotted' }>;
  /** A scenario label's description, when its parts have one. */
  describe: (label: string) => string | undefined;
}

export function NodeCharts({ result, model, labels, styleOf, describe }: NodeChartsProps) {
  const nodes = useMemo(() => [...new Set(result.scenarios.map((s) => s.key.node))], [result]);
  const [node, setNode] = useState(nodes[0]);
  const [bandLabel, setBandLabel] = useState('');
  const [band, setBand] = useState<Band>('95');
  const current = nodes.includes(node) ? node : nodes[0];
  const scenarios = result.scenarios.filter((s) => s.key.node === current && labels.includes(scenarioLabel(s.key)));
  const bandScenario = scenarios.find((s) => scenarioLabel(s.key) === bandLabel);
  const places = placesWord(model.nodes.find((n) => n.id === current) ?? { pathway: scenarios[0]?.key.pathway ?? '' });
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
              places={places}
              scenarios={scenarios}
              styleOf={styleOf}
              describe={describe}
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

/** One line per distinct capacity among the scenarios shown, labelled with its scenarios' names; none for unrestricted. */
function capacityLines(scenarios: ScenarioSummary[]): Array<{ capacity: number; names: string[] }> {
  const lines = new Map<number, Set<string>>();
  for (const s of scenarios) {
    if (isUnrestricted(s.key.capacity)) continue;
    const names = lines.get(s.key.capacity) ?? new Set<string>();
    names.add(s.key.capacityScenario);
    lines.set(s.key.capacity, names);
  }
  return [...lines].map(([capacity, names]) => ({ capacity, names: [...names] }));
}

function MetricChart(props: {
  node: string;
  metric: Metric;
  title: string;
  unit: string;
  axis: string;
  dates: string[];
  /** What capacity counts: beds or caseload places. */
  places: string;
  scenarios: ScenarioSummary[];
  styleOf: NodeChartsProps['styleOf'];
  describe: NodeChartsProps['describe'];
  band?: { scenario: ScenarioSummary; width: Band };
}) {
  const { node, metric, title, unit, axis, dates, places, scenarios, styleOf, describe, band } = props;
  const handle = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const capacities = useMemo(() => (metric === 'occ' ? capacityLines(scenarios) : []), [metric, scenarios]);
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
    scenarios.forEach((s, k) => {
      const label = scenarioLabel(s.key);
      const style = styleOf.get(label) ?? { colour: '#000', dash: 'solid' };
      series.push({
        name: label,
        type: 'line',
        data: Array.from(s.daily[metric].mean),
        symbol: 'none',
        lineStyle: { color: style.colour, type: style.dash, width: 2 },
        itemStyle: { color: style.colour },
        // The capacity lines ride on the first scenario's series: ECharts draws a mark line only with a series.
        ...(k === 0 && capacities.length > 0
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                // Labels alternate ends, so that two close capacities' labels do not overlap, and sit
                // under their line, away from the axis name above the plot.
                data: capacities.map((c, i) => ({
                  yAxis: c.capacity,
                  name: `capacity ${c.names.join(', ')}`,
                  lineStyle: { color: CAPACITY_COLOUR, type: [10, 4], width: 1.5 },
                  label: { formatter: `${c.names.join(', ')}: ${formatWhole(c.capacity)} ${places}`, color: INK, position: i % 2 === 0 ? 'insideEndBottom' : 'insideStartBottom' },
                })),
              },
            }
          : {}),
      });
    });
    const highestCapacity = Math.max(0, ...capacities.map((c) => c.capacity));
    // An invisible series at the highest capacity, so that the axis's own round ticks reach
    // the capacity line even when no day comes near it (mark lines do not stretch an axis).
    if (highestCapacity > 0) {
      series.push({ name: 'capacity-extent', type: 'line', data: dates.map(() => highestCapacity), symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true });
    }
    return {
      ...dayByDayFrame(dates, axis, narrow, (v: number) => (unit === '£' ? formatPounds(v) : formatOne(v))),
      series,
    };
  }, [axis, band, capacities, dates, metric, narrow, places, scenarios, styleOf, unit]);

  const legend: LegendEntry[] = [
    ...scenarios.map((s) => {
      const label = scenarioLabel(s.key);
      const style = styleOf.get(label) ?? { colour: '#000', dash: 'solid' as const };
      return { label, description: describe(label), colour: style.colour, dash: style.dash };
    }),
    ...(band && band.width !== 'none'
      ? [{ label: `${band.width}% band of ${scenarioLabel(band.scenario.key)}`, colour: styleOf.get(scenarioLabel(band.scenario.key))?.colour ?? '#000', dash: 'solid' as const, kind: 'band' as const }]
      : []),
    ...capacities.map((c) => ({ label: `Capacity of ${c.names.join(', ')}`, description: `${formatWhole(c.capacity)} ${places}`, colour: CAPACITY_COLOUR, dash: 'dashed' as const })),
  ];

  const file = safeFileStem(`${node}-${metric}`);
  const description = `${title} at ${node}, daily mean of ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}${band ? `, with the ${band.width}% band of ${scenarioLabel(band.scenario.key)}` : ''}`;
  return (
    <figure className="pf-figure" data-testid={`chart-${metric}`} data-capacity-lines={capacities.map((c) => c.capacity).join(' ')}>
      <figcaption className="nhsuk-heading-xs pf-figure__caption">
        {title} — {node} {METRIC_HELP[metric] && <HelpLink term={METRIC_HELP[metric]} />}
      </figcaption>
      <EChart option={option} label={description} legend={legend} ref={handle} />
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
