/**
 * A small ECharts wrapper: one chart instance per element, resized with its box, with its
 * legend as HTML beneath (ChartLegend), and exportable as PNG or SVG with that legend drawn
 * in, so charts can go straight into a report.
 *
 * The page renders with the SVG renderer: its text is in the DOM, so labels can be checked
 * for overlap and read by tests, and it stays sharp when zoomed. PNGs come from a canvas
 * instance made for the export.
 */
import { useEffect, useImperativeHandle, useRef, useSyncExternalStore, type Ref } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { ChartLegend, type LegendEntry } from './ChartLegend.js';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export type { LegendEntry } from './ChartLegend.js';

export interface ChartHandle {
  pngDataUrl(): string;
  svgText(): string;
}

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table below gives the numbers). */
  label: string;
  /** Every series shown, for the legend beneath. */
  legend: LegendEntry[];
  height?: number;
  ref?: Ref<ChartHandle>;
  testId?: string;
}

/** Phones and narrow windows, where charts need fewer, shorter labels. */
const NARROW = '(max-width: 640px)';

export function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

const LEGEND_ROW = 22;

/**
 * The option with a plain ECharts legend drawn under the plot, for the exported image: the
 * HTML legend is not part of it. Rows are counted from the labels' lengths so that the grid
 * leaves room for every row.
 */
function exportOption(option: ChartOption, legend: LegendEntry[], width: number, height: number): { option: ChartOption; height: number } {
  const text = (e: LegendEntry) => (e.description ? `${e.label}: ${e.description}` : e.label);
  let rows = 1;
  let used = 0;
  for (const entry of legend) {
    const item = 40 + text(entry).length * 6.5;
    if (used > 0 && used + item > width - 16) {
      rows++;
      used = 0;
    }
    used += item;
  }
  const extra = rows * LEGEND_ROW + 8;
  const grid = (option.grid ?? {}) as { bottom?: number };
  const byName = new Map(legend.map((e) => [e.label, e]));
  return {
    height: height + extra,
    option: {
      ...option,
      animation: false,
      backgroundColor: '#ffffff',
      grid: { ...grid, bottom: (grid.bottom ?? 40) + extra },
      legend: {
        type: 'plain',
        bottom: 4,
        left: 8,
        right: 8,
        data: legend.map((e) => e.label),
        formatter: (name: string) => text(byName.get(name) ?? { label: name, colour: '', dash: 'solid' }),
        textStyle: { color: '#212b32' },
      },
    },
  };
}

export function EChart({ option, label, legend, height = 280, ref, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...option, legend: { show: false } }, { notMerge: true, lazyUpdate: true });
  }, [option]);

  useImperativeHandle(ref, () => {
    const render = <T,>(renderer: 'svg' | 'canvas', read: (chart: echarts.ECharts) => T): T => {
      const width = element.current?.clientWidth || 800;
      const full = exportOption(option, legend, width, height);
      const instance =
        renderer === 'svg'
          ? echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height: full.height })
          : echarts.init(document.createElement('div'), undefined, { renderer: 'canvas', width, height: full.height });
      instance.setOption(full.option);
      const result = read(instance);
      instance.dispose();
      return result;
    };
    return {
      pngDataUrl: () => render('canvas', (c) => c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })),
      svgText: () => render('svg', (c) => c.renderToSVGString()),
    };
  });

  return (
    <>
      <div ref={element} role="img" aria-label={label} data-testid={testId} className="pf-chart" style={{ height }} />
      <ChartLegend entries={legend} label={`Key to ${label.split(':')[0]}`} />
    </>
  );
}
