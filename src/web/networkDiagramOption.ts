/**
 * The network diagram as an ECharts option: a graph series on hidden cartesian axes, so nodes
 * sit exactly where layoutNetwork puts them (the graph's own view would rescale them), one
 * shaded band per locality, and edges labelled with their probabilities.
 *
 * Kinds differ by shape and by the word under the label, not by colour alone.
 */
import { kindOf, type EdgeSpec, type ModelSpec, type NodeKind, type NodeSpec } from '../engine/model.js';
import { layoutNetwork, type NetworkLayout } from './networkLayout.js';

export interface KindStyle {
  symbol: string;
  fill: string;
  border: string;
  /** What the shape is, for the key beside the diagram. */
  shape: string;
}

/** Light fills with dark borders and text, so labels keep their contrast. */
export const KIND_STYLES: Record<NodeKind, KindStyle> = {
  acute: { symbol: 'rect', fill: '#f8d7d4', border: '#8a1538', shape: 'square box' },
  bed: { symbol: 'roundRect', fill: '#d5e6f5', border: '#003087', shape: 'rounded box' },
  visit: { symbol: 'circle', fill: '#d7f0e4', border: '#006747', shape: 'oval' },
  delay: { symbol: 'diamond', fill: '#fff3c4', border: '#6b4e00', shape: 'diamond' },
  exit: { symbol: 'path://M0,0 L80,0 L100,20 L80,40 L0,40 Z', fill: '#e8edee', border: '#425563', shape: 'arrow' },
};

export const ROUTE_COLOUR = '#425563';
export const OVERFLOW_COLOUR = '#ae2573';
const ROW_HEIGHT = 64;

/** Whether a node's capacity changes over the horizon in any of its capacity scenarios. */
export function hasCalendar(node: NodeSpec): boolean {
  return node.capacity.some((scenario) => scenario.calendar !== undefined && scenario.calendar.periods.length > 0);
}

export function percent(probability: number): string {
  return `${Number((probability * 100).toFixed(1))}%`;
}

/** What an edge's label says: its probability, or that it is an overflow and when. */
export function edgeLabel(edge: EdgeSpec): string {
  if (edge.type === 'overflow') return `overflow${edge.condition ? ` (${edge.condition})` : ''}`;
  return percent(edge.probability);
}

/** ECharts' rich text reads braces and bars as markup: a label keeps its other characters. */
function richText(text: string): string {
  return text.replace(/[{}|]/g, '');
}

export function diagramHeight(layout: NetworkLayout): number {
  return Math.max(160, layout.rows * ROW_HEIGHT + 24);
}

export function diagramOption(model: ModelSpec, edges: readonly EdgeSpec[], layout: NetworkLayout = layoutNetwork(model)) {
  const placed = new Map(layout.nodes.map((n) => [n.id, n]));
  const nodes = model.nodes.map((node) => {
    const at = placed.get(node.id)!;
    const kind = kindOf(node);
    const style = KIND_STYLES[kind];
    const marker = hasCalendar(node) ? ' · calendar' : '';
    return {
      name: node.id,
      value: [at.column, at.row],
      symbol: style.symbol,
      symbolSize: kind === 'delay' ? [104, 44] : [100, 38],
      itemStyle: { color: style.fill, borderColor: style.border, borderWidth: hasCalendar(node) ? 3 : 1.5, borderType: hasCalendar(node) ? 'dashed' : 'solid' },
      label: { formatter: `{name|${richText(node.pathway)}}\n{kind|${kind}${marker}}` },
      tooltip: { formatter: `${node.id}: ${kind}${marker ? ', capacity changes over time' : ''}` },
    };
  });
  const links = edges.map((edge) => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    // A route back (a readmission) or within a stage curves, so it does not run through the nodes
    // between; so does one that skips a stage, so that its label is not drawn on the shorter routes'.
    const back = from && to && to.column <= from.column;
    const skips = from && to && to.column - from.column > 1;
    const overflow = edge.type === 'overflow';
    return {
      source: edge.from,
      target: edge.to,
      label: { show: true, formatter: edgeLabel(edge), color: overflow ? OVERFLOW_COLOUR : '#212b32', fontSize: 10 },
      lineStyle: { color: overflow ? OVERFLOW_COLOUR : ROUTE_COLOUR, type: overflow ? 'dashed' : 'solid', width: 1.2, curveness: back ? 0.35 : overflow ? 0.15 : skips ? 0.12 : 0 },
    };
  });
  const bands = layout.bands.map((band, b) => [
    {
      yAxis: band.top - 0.5,
      xAxis: -0.5,
      name: band.locality,
      itemStyle: { color: b % 2 === 0 ? '#f0f4f5' : '#ffffff' },
      label: { show: true, position: 'insideTopLeft', color: '#212b32', fontWeight: 'bold', formatter: band.locality },
    },
    { yAxis: band.top + band.rows - 0.5, xAxis: layout.columns - 0.5 },
  ]);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 8, bottom: 8 },
    xAxis: { type: 'value', min: -0.5, max: layout.columns - 0.5, show: false },
    yAxis: { type: 'value', min: -0.5, max: Math.max(0.5, layout.rows - 0.5), inverse: true, show: false },
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        data: nodes,
        links,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 7,
        label: {
          show: true,
          position: 'inside',
          rich: { name: { fontSize: 12, fontWeight: 'bold', color: '#212b32' }, kind: { fontSize: 10, color: '#212b32' } },
        },
        markArea: { silent: true, data: bands },
        z: 2,
      },
    ],
  };
}
