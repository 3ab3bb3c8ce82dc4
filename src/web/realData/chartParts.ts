/**
 * Pieces the "Real data" charts share: a 95 % band as ECharts draws one (an invisible lower
 * edge with the width stacked on it), observed points drawn as marks without a line, and
 * the colours of pathways and of "observed" beside "simulated".
 */
import { SCENARIO_COLOURS } from '../palette.js';

export const PATHWAY_COLOURS: Record<string, string> = { P0: SCENARIO_COLOURS[5], P1: SCENARIO_COLOURS[0], P2: SCENARIO_COLOURS[1], P3: SCENARIO_COLOURS[2] };
export const OBSERVED_COLOUR = '#212b32';
export const SIMULATED_COLOUR = SCENARIO_COLOURS[0];

export function bandSeries(name: string, low: readonly number[], high: readonly number[], colour: string, stack: string): object[] {
  return [
    { name: `${name} low`, type: 'line', data: [...low], stack, symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
    {
      name,
      type: 'line',
      data: high.map((h, i) => h - low[i]),
      stack,
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color: colour, opacity: 0.2 },
      tooltip: { show: false },
      silent: true,
    },
  ];
}

/** Marks at each finite value with no line between them: what happened, beside a model's lines. */
export function pointSeries(name: string, values: readonly number[], colour: string): object {
  return {
    name,
    type: 'line',
    data: values.map((v) => (Number.isFinite(v) ? v : null)),
    symbol: 'circle',
    symbolSize: 5,
    showSymbol: true,
    // On a category axis ECharts thins the marks of a long series; every observation must show.
    showAllSymbol: true,
    lineStyle: { opacity: 0 },
    itemStyle: { color: colour },
    connectNulls: false,
  };
}

export function lineSeries(name: string, values: readonly number[], colour: string, dash: 'solid' | 'dashed' | 'dotted' = 'solid'): object {
  return { name, type: 'line', data: values.map((v) => (Number.isFinite(v) ? v : null)), symbol: 'none', lineStyle: { color: colour, width: 2, type: dash }, itemStyle: { color: colour } };
}
