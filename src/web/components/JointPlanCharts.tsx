/**
 * A network plan's cost surface: for two nodes a heatmap of the expected system cost of every
 * vector the search simulated (a gap is a vector it never needed), for one node a cost curve;
 * for more, the table alone. The surface table lists every vector with its figures.
 */
import type { TargetDecision } from '../../engine/network/jointTargetDecision.js';
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import type { JointPlanSummary, SurfacePoint } from '../jointPlanSummary.js';
import { formatPounds, formatPoundsShort, formatWhole } from '../format.js';
import { formatInterval } from '../../report/difference.js';
import { SCENARIO_COLOURS } from '../palette.js';
import { basisPhrase } from './CostBasisControl.js';
import { EChart, useNarrow, type ChartOption, type LegendEntry } from './EChart.js';

// Registered here, not in EChart.tsx: only this chart needs them.
echarts.use([HeatmapChart, LineChart, ScatterChart, VisualMapComponent]);

const INK = '#212b32';
const [BLUE, VERMILLION, , , , , BLACK] = SCENARIO_COLOURS;
/** Light to dark blue: cheaper is lighter; readable in grey and with colour-vision deficiencies. */
const SCALE = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];

const vectorText = (summary: JointPlanSummary, capacities: readonly number[]) => summary.nodes.map((node, i) => `${node.id} ${formatWhole(capacities[i])}`).join(', ');

/** A vector's confident decision in a table cell; vectors only walked for an interval were never decided. */
const DECISION_WORDS: Record<TargetDecision | 'undecided', string> = { meets: 'yes', fails: 'no', unclear: 'cannot tell', undecided: 'not decided' };

export function bestWord(summary: JointPlanSummary): string {
  return summary.objective.kind === 'cost' ? 'Optimum' : 'Least cost meeting the target';
}

function markers(summary: JointPlanSummary): { best?: SurfacePoint; baseline?: SurfacePoint } {
  return { best: summary.surface.find((p) => p.isBest), baseline: summary.surface.find((p) => p.isBaseline) };
}

/** On the heatmap the optimum is circled and the baseline boxed; on the curve they are vertical lines. */
function legendOf(summary: JointPlanSummary, onHeatmap: boolean): LegendEntry[] {
  const { best, baseline } = markers(summary);
  return [
    ...(best ? [{ label: bestWord(summary), description: `${vectorText(summary, best.capacities)}${onHeatmap ? ' (circled)' : ''}`, colour: VERMILLION, dash: 'solid' as const }] : []),
    ...(baseline ? [{ label: 'Baseline', description: `${vectorText(summary, baseline.capacities)}${onHeatmap ? ' (boxed)' : ''}`, colour: BLACK, dash: 'dashed' as const }] : []),
  ];
}

function describe(summary: JointPlanSummary, title: string): string {
  const { best, baseline } = markers(summary);
  return (
    `${title}: ${summary.surface.length} capacity vectors simulated` +
    (best ? `; the ${bestWord(summary).toLowerCase()} ${vectorText(summary, best.capacities)} costs ${formatPoundsShort(best.cost.mean)}` : '') +
    (baseline ? `; the baseline ${vectorText(summary, baseline.capacities)} costs ${formatPoundsShort(baseline.cost.mean)}` : '') +
    ' on the search’s replications. The table below gives every vector.'
  );
}

export function JointSurfaceChart({ summary }: { summary: JointPlanSummary }) {
  if (summary.nodes.length > 2) return null;
  const title = `Expected system cost of each capacity vector simulated, ${basisPhrase(summary.costBasis)} — ${summary.component}`;
  return (
    <figure className="pf-figure" data-testid="joint-plan-surface">
      <figcaption className="nhsuk-heading-xs pf-figure__caption">{title}</figcaption>
      {summary.nodes.length === 2 ? <Heatmap summary={summary} title={title} /> : <Curve summary={summary} title={title} />}
    </figure>
  );
}

function Heatmap({ summary, title }: { summary: JointPlanSummary; title: string }) {
  const narrow = useNarrow();
  const option = useMemo<ChartOption>(() => {
    const xs = [...new Set(summary.surface.map((p) => p.capacities[0]))].sort((a, b) => a - b);
    const ys = [...new Set(summary.surface.map((p) => p.capacities[1]))].sort((a, b) => a - b);
    const at = (p: SurfacePoint) => [xs.indexOf(p.capacities[0]), ys.indexOf(p.capacities[1])];
    const costs = summary.surface.map((p) => p.cost.mean);
    const { best, baseline } = markers(summary);
    const marker = (point: SurfacePoint | undefined, name: string, symbol: string, colour: string) =>
      point ? [{ name, type: 'scatter', data: [at(point)], symbol, symbolSize: 14, itemStyle: { color: 'transparent', borderColor: colour, borderWidth: 3 }, tooltip: { show: false }, z: 3 }] : [];
    // The vertical axis's name sits clear of its tick labels (up to four digits).
    const axis = (name: string, values: number[], nameGap: number) => ({
      type: 'category',
      name,
      nameLocation: 'middle',
      nameGap,
      data: values.map(String),
      axisLabel: { color: INK, hideOverlap: true },
      nameTextStyle: { color: INK },
      splitArea: { show: false },
    });
    return {
      animation: false,
      // Room on the left for the vertical axis's name, which containLabel does not count.
      grid: { left: 28, right: narrow ? 12 : 24, top: 16, bottom: 84, containLabel: true },
      tooltip: {
        formatter: (p: { value: number[] }) => `${summary.nodes[0].id} ${xs[p.value[0]]}, ${summary.nodes[1].id} ${ys[p.value[1]]}: ${formatPounds(p.value[2])}`,
      },
      xAxis: axis(`${summary.nodes[0].id} (beds)`, xs, 30),
      yAxis: axis(`${summary.nodes[1].id} (beds)`, ys, 40),
      visualMap: {
        type: 'continuous',
        min: Math.min(...costs),
        max: Math.max(...costs),
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: narrow ? 200 : 320,
        text: [formatPoundsShort(Math.max(...costs)), formatPoundsShort(Math.min(...costs))],
        textStyle: { color: INK },
        inRange: { color: SCALE },
        seriesIndex: 0,
      },
      series: [
        { name: 'Expected system cost', type: 'heatmap', data: summary.surface.map((p) => [...at(p), p.cost.mean]), itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 } },
        ...marker(best, bestWord(summary), 'circle', VERMILLION),
        ...marker(baseline, 'Baseline', 'rect', BLACK),
      ],
    };
  }, [summary, narrow]);
  return <EChart option={option} label={describe(summary, title)} legend={legendOf(summary, true)} height={narrow ? 420 : 460} testId="joint-plan-heatmap" />;
}

function Curve({ summary, title }: { summary: JointPlanSummary; title: string }) {
  const narrow = useNarrow();
  const option = useMemo<ChartOption>(() => {
    const { best, baseline } = markers(summary);
    const marks = [
      ...(best ? [{ xAxis: best.capacities[0], lineStyle: { color: VERMILLION, type: 'solid', width: 2 }, label: { show: false } }] : []),
      ...(baseline ? [{ xAxis: baseline.capacities[0], lineStyle: { color: BLACK, type: 'dashed', width: 2 }, label: { show: false } }] : []),
    ];
    return {
      animation: false,
      grid: { left: 8, right: narrow ? 12 : 24, top: 36, bottom: 36, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPounds(v) },
      xAxis: { type: 'value', name: `${summary.nodes[0].id} (beds)`, nameLocation: 'middle', nameGap: 28, scale: true, minInterval: 1, axisLabel: { color: INK, hideOverlap: true }, nameTextStyle: { color: INK } },
      yAxis: { type: 'value', name: '£ expected system cost', nameTextStyle: { color: INK, align: 'left' }, scale: true, axisLabel: { color: INK, hideOverlap: true, formatter: (v: number) => formatPoundsShort(v) } },
      series: [
        {
          name: 'Expected system cost',
          type: 'line',
          data: summary.surface.map((p) => [p.capacities[0], p.cost.mean]),
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: BLUE, width: 2 },
          itemStyle: { color: BLUE },
          markLine: { symbol: 'none', silent: true, data: marks },
        },
      ],
    };
  }, [summary, narrow]);
  const legend = [{ label: 'Expected system cost', description: 'mean over the search’s replications', colour: BLUE, dash: 'solid' as const }, ...legendOf(summary, false)];
  return <EChart option={option} label={describe(summary, title)} legend={legend} height={340} testId="joint-plan-curve" />;
}

const signedPounds = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatPoundsShort(Math.abs(x))}`;

export function SurfaceTable({ summary }: { summary: JointPlanSummary }) {
  const target = summary.objective.kind === 'target';
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Every capacity vector simulated, as a table ({summary.surface.length}, on the search’s replications)</span>
      </summary>
      <div className="nhsuk-details__text pf-table-scroll" tabIndex={0} role="region" aria-label="Every capacity vector simulated">
        <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid="joint-plan-surface-table">
          <thead role="rowgroup" className="pf-table__head--labels">
            <tr role="row">
              <th role="columnheader" scope="col">Capacities</th>
              <th role="columnheader" scope="col">Expected system cost (95 % CI)</th>
              <th role="columnheader" scope="col">Against the {bestWord(summary).toLowerCase()} (95 % CI)</th>
              <th role="columnheader" scope="col">Delayed bed-days</th>
              <th role="columnheader" scope="col">{target ? 'Meets the target (95 % confidence)' : 'In the interval'}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {summary.surface.map((p) => (
              <tr role="row" key={p.capacities.join(',')} data-capacities={p.capacities.join(',')}>
                <th role="rowheader" scope="row" data-label="Capacities">
                  {vectorText(summary, p.capacities)}
                  {p.isBest ? ' (best)' : ''}
                  {p.isBaseline ? ' (baseline)' : ''}
                </th>
                <td role="cell" data-label="Expected system cost (95 % CI)">
                  {formatPoundsShort(p.cost.mean)} ({formatInterval(p.cost.low, p.cost.high)})
                </td>
                <td role="cell" data-label={`Against the ${bestWord(summary).toLowerCase()} (95 % CI)`}>
                  {p.costVsBest ? `${signedPounds(p.costVsBest.mean)} (${formatInterval(p.costVsBest.low, p.costVsBest.high)})` : '—'}
                </td>
                <td role="cell" data-label="Delayed bed-days">
                  {formatWhole(p.delayedBedDays.mean)}
                </td>
                <td role="cell" data-label={target ? 'Meets the target (95 % confidence)' : 'In the interval'}>
                  {target ? DECISION_WORDS[p.decision ?? 'undecided'] : p.inInterval ? 'yes' : 'no'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
