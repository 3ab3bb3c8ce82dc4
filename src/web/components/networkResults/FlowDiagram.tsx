/**
 * The flow of patients through one component scenario as a Sankey diagram, bands as wide as
 * the mean patients moved over the horizon, with the same figures as a table for those who
 * cannot see the diagram (and for the intervals, which a band cannot show).
 */
import { useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { SankeyChart } from 'echarts/charts';
import type { NodeKind } from '../../../engine/model.js';
import type { ComponentSummary } from '../../../engine/network/componentSummary.js';
import { KIND_COLOURS, KIND_WORDS } from '../../../report/flowDiagram.js';
import { formatWhole } from '../../../report/format.js';
import { dataUrlToBytes, download } from '../../format.js';
import { safeFileStem } from '../../../csv/fileName.js';
import { EChart, useNarrow, type ChartHandle, type ChartOption, type LegendEntry } from '../EChart.js';
import { flowSankey, type SankeyNodeKind } from './flowSankey.js';
import { EstimateText } from './EstimateText.js';

// Registered here rather than in EChart.tsx: only this view draws a Sankey.
echarts.use([SankeyChart]);

const INK = '#212b32';
const COLOURS: Record<SankeyNodeKind, string> = { ...KIND_COLOURS, outside: '#212b32', return: '#AE2573' };
const WORDS: Record<SankeyNodeKind, string> = { ...KIND_WORDS, outside: 'patients arriving from outside', return: 'patients going back to an earlier node (a cycle)' };
const TYPE_WORDS = { arrivals: 'arrivals', route: 'route', overflow: 'overflow', return: 'route back', 'no onward route': 'leaves the network' } as const;

export function FlowDiagram({ summary, title, kinds }: { summary: ComponentSummary; title: string; kinds: ReadonlyMap<string, NodeKind> }) {
  const handle = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const sankey = useMemo(() => flowSankey(summary, kinds), [summary, kinds]);
  const drawn = useMemo(() => sankey.links.filter((l) => l.patients.mean > 0), [sankey]);
  const option = useMemo<ChartOption>(() => {
    const touched = new Set(drawn.flatMap((l) => [l.source, l.target]));
    return {
      animation: false,
      tooltip: { trigger: 'item', valueFormatter: (v: number) => `${formatWhole(v)} patients` },
      series: [
        {
          type: 'sankey',
          orient: narrow ? 'vertical' : 'horizontal',
          left: narrow ? 8 : 16,
          right: narrow ? 8 : 150,
          top: narrow ? 24 : 16,
          bottom: narrow ? 110 : 16,
          nodeGap: 12,
          nodeWidth: 14,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          // Upright labels above the bars on a phone: rotated ones overlapped each other.
          label: { color: INK, fontSize: narrow ? 10 : 12, ...(narrow ? { position: 'top' } : {}) },
          lineStyle: { color: 'source', opacity: 0.35, curveness: 0.5 },
          data: sankey.nodes
            .filter((n) => touched.has(n.name))
            .map((n) => ({
              name: n.name,
              itemStyle: { color: COLOURS[n.kind], borderColor: COLOURS[n.kind] },
              // On a phone the sinks sit side by side at the bottom: their labels run downwards so that they do not overlap.
              ...(narrow && (n.kind === 'exit' || n.kind === 'return') ? { label: { position: 'bottom', rotate: -90, align: 'left', verticalAlign: 'middle' } } : {}),
            })),
          links: drawn.map((l) => ({ source: l.source, target: l.target, value: l.patients.mean, ...(l.type === 'overflow' ? { lineStyle: { type: 'dashed', opacity: 0.6 } } : {}) })),
        },
      ],
    };
  }, [sankey, drawn, narrow]);

  const kindsShown = [...new Set(sankey.nodes.map((n) => n.kind))];
  const legend: LegendEntry[] = kindsShown.map((kind) => ({ label: WORDS[kind], colour: COLOURS[kind], dash: 'solid', kind: 'bar' }));
  const label = `Flow of patients, ${title}: mean patients along each route over the horizon`;
  const file = safeFileStem(`flow-${summary.key.id}`);
  return (
    <div data-testid="network-flow">
      <h3 className="nhsuk-heading-s" id="network-flow-heading">
        Flow of patients — {title}
      </h3>
      <p className="nhsuk-body-s">
        Each band is as wide as the patients who moved along it over the horizon (mean of the replications). Patients who go back to an earlier node (readmissions) are drawn to a “Back to” box,
        because the diagram cannot loop; the table lists every route with its 95 % interval.
      </p>
      <figure className="pf-figure">
        <EChart option={option} label={label} legend={legend} height={narrow ? 720 : 460} ref={handle} testId="network-sankey" />
        <div className="pf-button-row">
          <button type="button" className="pf-link-button" onClick={() => download(`${file}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
            Download PNG<span className="nhsuk-u-visually-hidden"> of the flow diagram</span>
          </button>
          <button type="button" className="pf-link-button" onClick={() => download(`${file}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
            Download SVG<span className="nhsuk-u-visually-hidden"> of the flow diagram</span>
          </button>
        </div>
      </figure>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The flows as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <div className="pf-table-scroll" tabIndex={0} role="region" aria-label="Flows along each route">
            <table className="nhsuk-table pf-table pf-table--cards" data-testid="network-flow-table">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Patients along each route over the horizon, {title}: mean of the replications and 95 % interval</caption>
              <thead className="nhsuk-table__head pf-table__head--labels">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">From</th>
                  <th scope="col" className="nhsuk-table__header">To</th>
                  <th scope="col" className="nhsuk-table__header">Route</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Patients</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {sankey.links.map((l) => (
                  <tr className="nhsuk-table__row" key={`${l.from}\u0000${l.to}\u0000${l.type}`} data-from={l.from} data-to={l.to}>
                    <td className="nhsuk-table__cell" data-label="From"><span>{l.from}</span></td>
                    <td className="nhsuk-table__cell" data-label="To"><span>{l.to}</span></td>
                    <td className="nhsuk-table__cell" data-label="Route"><span>{TYPE_WORDS[l.type]}</span></td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-label="Patients">
                      <span>
                        <EstimateText estimate={l.patients} format={formatWhole} />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </details>
    </div>
  );
}
