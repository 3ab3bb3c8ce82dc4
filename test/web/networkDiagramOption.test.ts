/**
 * The network diagram's ECharts option: every node placed where the layout says, kinds told
 * apart by shape and by a word (not colour alone), the calendar marker, shares as labels, and
 * overflow edges drawn differently.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { diagramOption, edgeLabel, hasCalendar, KIND_STYLES, percent } from '../../src/web/networkDiagramOption.js';
import { edgesOfScenario, layoutNetwork } from '../../src/web/networkLayout.js';
import { buildNetworkExampleModel } from '../../scripts/example-network.js';

const network = buildNetworkExampleModel();

interface GraphSeries {
  data: { name: string; value: number[]; symbol: string; label: { formatter: string }; itemStyle: { borderType: string } }[];
  links: { source: string; target: string; label: { formatter: string }; lineStyle: { type: string; curveness: number } }[];
  markArea: { data: unknown[] };
}

const seriesOf = (model: ModelSpec, scenario?: string) => (diagramOption(model, edgesOfScenario(model, scenario)).series[0] as unknown as GraphSeries);

describe('diagramOption', () => {
  it('places each node at its stage and row, with its kind as a shape and a word', () => {
    const series = seriesOf(network);
    const layout = layoutNetwork(network);
    expect(series.data.map((d) => d.value)).toEqual(layout.nodes.map((n) => [n.column, n.row]));
    const p2 = series.data.find((d) => d.name === 'P2_RV')!;
    expect(p2.symbol).toBe(KIND_STYLES.bed.symbol);
    expect(p2.label.formatter).toBe('{name|P2}\n{kind|bed · calendar}');
    expect(p2.itemStyle.borderType).toBe('dashed');
    const ltc = series.data.find((d) => d.name === 'LTC_RV')!;
    expect(ltc.label.formatter).toBe('{name|LTC}\n{kind|bed}');
    expect(new Set(Object.values(KIND_STYLES).map((s) => s.symbol)).size).toBe(5);
    expect(series.markArea.data.length).toBe(3);
  });

  it('labels routes with their shares in the chosen routing scenario, curving readmissions back', () => {
    const base = seriesOf(network).links.find((l) => l.source === 'Acute_RV' && l.target === 'Home_RV')!;
    expect(base.label.formatter).toBe('66%');
    expect(seriesOf(network, 'S1Route').links.find((l) => l.source === 'Acute_RV' && l.target === 'Home_RV')!.label.formatter).toBe('70%');
    const readmission = seriesOf(network).links.find((l) => l.source === 'AtHome_RV')!;
    expect(readmission.lineStyle.curveness).toBeGreaterThan(0);
  });

  it('draws an overflow dashed, labelled with its condition', () => {
    const model: ModelSpec = { ...network, edges: [...network.edges!, { from: 'P2_RV', to: 'P3_RV', probability: 0, type: 'overflow', condition: 'wait>=3' }] };
    const overflow = seriesOf(model).links.find((l) => l.source === 'P2_RV' && l.target === 'P3_RV')!;
    expect(overflow.lineStyle.type).toBe('dashed');
    expect(overflow.label.formatter).toBe('overflow (wait>=3)');
    expect(edgeLabel({ from: 'a', to: 'b', probability: 0.075 })).toBe('7.5%');
    expect(percent(1 / 3)).toBe('33.3%');
  });

  it('marks only nodes whose capacity changes over time', () => {
    expect(network.nodes.filter(hasCalendar).map((n) => n.id)).toEqual(['P2_RV', 'P2_DN', 'P2_CT']);
  });
});
