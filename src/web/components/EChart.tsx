/**
 * A small ECharts wrapper: one chart instance per element, resized with its box, and
 * exportable as PNG (from the canvas) or SVG (the same option rendered once more by the
 * SVG renderer), so charts can go straight into a report.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, MarkAreaComponent, MarkLineComponent, CanvasRenderer, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartHandle {
  pngDataUrl(): string;
  svgText(): string;
}

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table below gives the numbers). */
  label: string;
  height?: number;
  ref?: Ref<ChartHandle>;
  testId?: string;
}

export function EChart({ option, label, height = 280, ref, testId }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
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
    chart.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option]);

  useImperativeHandle(ref, () => ({
    pngDataUrl: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? '',
    svgText: () => {
      const width = element.current?.clientWidth || 800;
      const svg = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
      svg.setOption({ ...option, animation: false, backgroundColor: '#ffffff' });
      const text = svg.renderToSVGString();
      svg.dispose();
      return text;
    },
  }));

  return <div ref={element} role="img" aria-label={label} data-testid={testId} className="pf-chart" style={{ height }} />;
}
