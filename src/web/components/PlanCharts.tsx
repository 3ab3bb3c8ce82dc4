/**
 * Plan capacity's charts and their tables: the cost curve against capacity and the
 * sensitivity tornado, each exportable as PNG or SVG, with the numbers as tables beside them.
 */
import { useMemo, useRef, type RefObject } from 'react';
import type { SensitivityFactor, SensitivityResult } from '../../engine/sensitivity.js';
import type { PlanSummary } from '../planSummary.js';
import type { NodeSpec } from '../../engine/model.js';
import { placesWord } from '../nodeKinds.js';
import { dataUrlToBytes, download, formatOne, formatPounds, formatPoundsShort, formatWhole } from '../format.js';
import { SCENARIO_COLOURS } from '../palette.js';
import { EChart, useNarrow, type ChartHandle, type ChartOption, type LegendEntry } from './EChart.js';
import { safeFileStem } from '../../csv/fileName.js';
import { formatInterval } from '../../report/difference.js';
import { basisPhrase } from './CostBasisControl.js';

const FACTOR_LABELS: Record<SensitivityFactor, string> = { arrivals: 'Arrivals', mean_los: 'Mean length of stay', capacity: 'Capacity' };
/** On a phone the tornado's category labels share 390 px with its bars. */
const SHORT_FACTOR_LABELS: Record<SensitivityFactor, string> = { arrivals: 'Arrivals', mean_los: 'Mean stay', capacity: 'Capacity' };

/** Caseload places for a visit node, beds for the rest (see placesWord). */
export function unitsOf(node: Pick<NodeSpec, 'kind' | 'pathway'>, count?: number): string {
  return placesWord(node, count);
}

export const interval = (low: number, high: number) => (Number.isFinite(low) ? `${formatWhole(low)} to ${Number.isFinite(high) ? formatWhole(high) : 'no upper limit'}` : '—');
const signedPounds = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatPoundsShort(Math.abs(x))}`;
export const signedWhole = (x: number) => `${Math.round(x) > 0 ? '+' : Math.round(x) < 0 ? '−' : ''}${formatWhole(Math.abs(x))}`;

function ChartExport({ handle, file, title }: { handle: RefObject<ChartHandle | null>; file: string; title: string }) {
  return (
    <div className="pf-button-row">
      <button type="button" className="pf-link-button" data-testid={`${file}-png`} onClick={() => download(`${file}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
        Download PNG<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
      <button type="button" className="pf-link-button" data-testid={`${file}-svg`} onClick={() => download(`${file}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
        Download SVG<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
    </div>
  );
}

const INK = '#212b32';
const [BLUE, VERMILLION, GREEN, , , , BLACK] = SCENARIO_COLOURS;

export function CostCurveChart({ summary }: { summary: PlanSummary }) {
  const handle = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const units = unitsOf(summary);
  const bestName = summary.objective.kind === 'cost' ? 'Optimum' : 'Least capacity';
  // The vertical lines are named in the legend, not on the plot: close capacities would put their labels on top of each other.
  const marks = useMemo(() => {
    const list: Array<{ name: string; x: number; colour: string; dash: 'solid' | 'dashed' | 'dotted' }> = [];
    if (Number.isFinite(summary.capacity)) list.push({ name: bestName, x: summary.capacity, colour: VERMILLION, dash: 'solid' });
    if (summary.baseline) list.push({ name: 'Baseline', x: summary.baseline.capacity, colour: BLACK, dash: 'dashed' });
    if (Number.isFinite(summary.analytic.capacity)) list.push({ name: 'Analytic estimate', x: summary.analytic.capacity, colour: GREEN, dash: 'dotted' });
    return list;
  }, [summary, bestName]);
  const option = useMemo<ChartOption>(() => {
    const points = summary.curve;
    const xs = points.map((p) => p.capacity);
    const maxX = Math.max(...xs);
    const markLines = marks.map((m) => ({ xAxis: m.x, name: m.name, lineStyle: { color: m.colour, type: m.dash, width: 2 }, label: { show: false } }));
    const markArea = Number.isFinite(summary.low)
      ? { silent: true, itemStyle: { color: 'rgba(213, 94, 0, 0.12)' }, label: { show: false }, data: [[{ xAxis: summary.low }, { xAxis: Number.isFinite(summary.high) ? summary.high : maxX }]] }
      : undefined;
    return {
      animation: false,
      grid: { left: 8, right: narrow ? 12 : 24, top: 36, bottom: 36, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPounds(v) },
      xAxis: {
        type: 'value',
        name: units,
        nameLocation: 'middle',
        nameGap: 28,
        scale: true,
        minInterval: 1,
        splitNumber: narrow ? 4 : 8,
        axisLabel: { color: INK, hideOverlap: true },
        nameTextStyle: { color: INK },
      },
      yAxis: {
        type: 'value',
        name: '£ expected total cost',
        nameTextStyle: { color: INK, align: 'left' },
        scale: true,
        splitNumber: narrow ? 4 : 5,
        axisLabel: { color: INK, hideOverlap: true, formatter: (v: number) => formatPoundsShort(v) },
      },
      series: [
        { name: 'band-low', type: 'line', data: points.map((p) => [p.capacity, p.cost.low]), stack: 'ci', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
        {
          name: '95 % CI',
          type: 'line',
          data: points.map((p) => [p.capacity, p.cost.high - p.cost.low]),
          stack: 'ci',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          itemStyle: { color: BLUE },
          areaStyle: { color: BLUE, opacity: 0.2 },
          tooltip: { show: false },
          silent: true,
        },
        {
          name: 'Expected total cost',
          type: 'line',
          data: points.map((p) => [p.capacity, p.cost.mean]),
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: BLUE, width: 2 },
          itemStyle: { color: BLUE },
          markLine: { symbol: 'none', silent: true, data: markLines },
          ...(markArea ? { markArea } : {}),
        },
      ],
    };
  }, [summary, marks, narrow, units]);
  const legend: LegendEntry[] = [
    { label: 'Expected total cost', description: 'mean over the replications', colour: BLUE, dash: 'solid' },
    { label: '95 % CI', description: 'of the expected cost', colour: BLUE, dash: 'solid', kind: 'band' },
    ...marks.map((m) => ({ label: m.name, description: `${formatWhole(m.x)} ${unitsOf(summary, m.x)}`, colour: m.colour, dash: m.dash })),
    ...(Number.isFinite(summary.low) ? [{ label: `95 % interval of the ${bestName.toLowerCase()}`, description: interval(summary.low, summary.high), colour: VERMILLION, dash: 'solid' as const, kind: 'band' as const }] : []),
  ];
  const title = `Expected total cost against capacity, ${basisPhrase(summary.costBasis)} — ${summary.nodeId}`;
  const best = summary.curve.find((p) => p.capacity === summary.capacity);
  const baseline = summary.curve.find((p) => p.capacity === summary.baseline?.capacity);
  // The curve is the search's replications throughout, so its points compare like with like.
  const description =
    `${title}: ${summary.curve.length} capacities simulated from ${formatWhole(summary.curve[0]?.capacity ?? 0)} to ${formatWhole(summary.curve.at(-1)?.capacity ?? 0)} ${unitsOf(summary)}` +
    (best ? `; the ${summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} ${formatWhole(best.capacity)} costs ${formatPoundsShort(best.cost.mean)}, 95 % interval ${interval(summary.low, summary.high)}` : '') +
    (baseline ? `; the baseline ${formatWhole(baseline.capacity)} costs ${formatPoundsShort(baseline.cost.mean)}` : '') +
    ' on the search’s replications. The table below the charts gives every point.';
  return (
    <figure className="pf-figure" data-testid="plan-cost-curve">
      <figcaption className="nhsuk-heading-xs pf-figure__caption">{title}</figcaption>
      <EChart option={option} label={description} legend={legend} ref={handle} height={340} />
      <ChartExport handle={handle} file={safeFileStem(`${summary.nodeId}-cost-curve`)} title={title} />
    </figure>
  );
}

export function TornadoChart({ summary, result, measure }: { summary: PlanSummary; result: SensitivityResult; measure: 'cost' | 'delayedBedDays' }) {
  const handle = useRef<ChartHandle>(null);
  const percent = `${formatOne(result.change * 100).replace(/\.0$/, '')} %`;
  const isCost = measure === 'cost';
  const value = (row: SensitivityResult['rows'][number], side: 'minus' | 'plus') => (isCost ? row[side].costChange.mean : row[side].delayedBedDaysChange.mean);
  const show = (v: number) => (isCost ? signedPounds(v) : signedWhole(v));
  const narrow = useNarrow();
  const option = useMemo<ChartOption>(() => {
    const categories = result.rows.map((r) => (narrow ? SHORT_FACTOR_LABELS : FACTOR_LABELS)[r.factor]);
    const bar = (side: 'minus' | 'plus', name: string, colour: string) => ({
      name,
      type: 'bar',
      data: result.rows.map((r) => value(r, side)),
      itemStyle: { color: colour },
      barGap: '10%',
      label: { show: true, position: 'right', color: INK, formatter: (p: { value: number }) => show(p.value) },
    });
    return {
      animation: false,
      // Room on the right for the value beside the longest bar.
      grid: { left: 8, right: narrow ? 48 : 72, top: 28, bottom: 36, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => show(v) },
      // No axis name: the categories name themselves, and an inverse axis would put it on the x axis's labels.
      yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { color: INK } },
      xAxis: {
        type: 'value',
        name: isCost ? 'change in £ total cost' : 'change in delayed bed-days (days)',
        nameLocation: 'middle',
        nameGap: 26,
        nameTextStyle: { color: INK },
        splitNumber: narrow ? 2 : 5,
        axisLabel: { color: INK, hideOverlap: true, formatter: (v: number) => show(v) },
      },
      series: [bar('minus', `−${percent}`, BLUE), bar('plus', `+${percent}`, VERMILLION)],
    };
    // value and show depend only on measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, measure, percent, narrow]);
  const legend: LegendEntry[] = [
    { label: `−${percent}`, description: 'each input that much lower, one at a time', colour: BLUE, dash: 'solid', kind: 'bar' },
    { label: `+${percent}`, description: 'each input that much higher', colour: VERMILLION, dash: 'solid', kind: 'bar' },
  ];
  const what = isCost ? 'total cost' : 'delayed bed-days';
  const title = `Change in ${what} for ±${percent} — ${summary.nodeId} at ${formatWhole(result.capacity)}`;
  const description = `${title}: ${result.rows.map((r) => `${FACTOR_LABELS[r.factor]} −${percent} ${show(value(r, 'minus'))}, +${percent} ${show(value(r, 'plus'))}`).join('; ')}.`;
  return (
    <figure className="pf-figure pf-figure--stacked" data-testid={`plan-tornado-${measure}`}>
      <figcaption className="nhsuk-heading-xs pf-figure__caption">{title}</figcaption>
      <EChart option={option} label={description} legend={legend} ref={handle} height={narrow ? 230 : 210} />
      <ChartExport handle={handle} file={safeFileStem(`${summary.nodeId}-tornado-${isCost ? 'cost' : 'delays'}`)} title={title} />
    </figure>
  );
}

export function TornadoTable({ result }: { result: SensitivityResult }) {
  const percent = `${formatOne(result.change * 100).replace(/\.0$/, '')} %`;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">The tornado as a table, with 95 % intervals</span>
      </summary>
      <div className="nhsuk-details__text pf-table-scroll">
        <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid="plan-tornado-table">
          <caption className="nhsuk-table__caption nhsuk-u-font-size-16">Change from the base case at {formatWhole(result.capacity)}, paired by replication</caption>
          <thead role="rowgroup" className="pf-table__head--labels">
            <tr role="row">
              <th role="columnheader" scope="col">Input</th>
              <th role="columnheader" scope="col">Cost, −{percent}</th>
              <th role="columnheader" scope="col">Cost, +{percent}</th>
              <th role="columnheader" scope="col">Delayed bed-days, −{percent}</th>
              <th role="columnheader" scope="col">Delayed bed-days, +{percent}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {result.rows.map((r) => (
              <tr role="row" key={r.factor}>
                <th role="rowheader" scope="row" data-label="Input">
                  {FACTOR_LABELS[r.factor]}
                </th>
                <td role="cell" data-label={`Cost, −${percent}`}>
                  {signedPounds(r.minus.costChange.mean)} ({signedPounds(r.minus.costChange.low)} to {signedPounds(r.minus.costChange.high)})
                </td>
                <td role="cell" data-label={`Cost, +${percent}`}>
                  {signedPounds(r.plus.costChange.mean)} ({signedPounds(r.plus.costChange.low)} to {signedPounds(r.plus.costChange.high)})
                </td>
                <td role="cell" data-label={`Delayed bed-days, −${percent}`}>
                  {signedWhole(r.minus.delayedBedDaysChange.mean)} ({signedWhole(r.minus.delayedBedDaysChange.low)} to {signedWhole(r.minus.delayedBedDaysChange.high)})
                </td>
                <td role="cell" data-label={`Delayed bed-days, +${percent}`}>
                  {signedWhole(r.plus.delayedBedDaysChange.mean)} ({signedWhole(r.plus.delayedBedDaysChange.low)} to {signedWhole(r.plus.delayedBedDaysChange.high)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function CurveTable({ summary }: { summary: PlanSummary }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">The cost curve as a table ({summary.curve.length} capacities, on the search’s replications)</span>
      </summary>
      <div className="nhsuk-details__text pf-table-scroll">
        <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid="plan-curve-table">
          <thead role="rowgroup" className="pf-table__head--labels">
            <tr role="row">
              <th role="columnheader" scope="col">Capacity</th>
              <th role="columnheader" scope="col">Expected total cost, {basisPhrase(summary.costBasis)} (95 % CI)</th>
              <th role="columnheader" scope="col">Against the {summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} (95 % CI)</th>
              <th role="columnheader" scope="col">Delayed bed-days</th>
              <th role="columnheader" scope="col">In the interval</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {summary.curve.map((p) => (
              <tr role="row" key={p.capacity} data-capacity={p.capacity}>
                <th role="rowheader" scope="row" data-label="Capacity">
                  {formatWhole(p.capacity)}
                  {p.capacity === summary.capacity ? ' (best)' : ''}
                  {p.capacity === summary.baseline?.capacity ? ' (baseline)' : ''}
                </th>
                <td role="cell" data-label="Expected total cost (95 % CI)">
                  {formatPoundsShort(p.cost.mean)} ({formatInterval(p.cost.low, p.cost.high)})
                </td>
                <td role="cell" data-label={`Against the ${summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} (95 % CI)`}>{Number.isFinite(p.difference.mean) ? `${signedPounds(p.difference.mean)} (${formatInterval(p.difference.low, p.difference.high)})` : '—'}</td>
                <td role="cell" data-label="Delayed bed-days">{formatWhole(p.delayedBedDays.mean)}</td>
                <td role="cell" data-label="In the interval">{p.inInterval ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
