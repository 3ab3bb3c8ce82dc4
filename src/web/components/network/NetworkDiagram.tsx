/**
 * The network diagram and its text alternative: the routes of one routing scenario as a
 * table, and a key to the node shapes. Drawn with ECharts' graph series through the app's
 * EChart wrapper (SVG, so its labels are in the page).
 */
import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { NODE_KINDS, kindOf, type ModelSpec } from '../../../engine/model.js';
import { EChart, type LegendEntry } from '../EChart.js';
import { edgesOfScenario, layoutNetwork } from '../../networkLayout.js';
import { diagramHeight, diagramOption, edgeLabel, hasCalendar, KIND_STYLES, OVERFLOW_COLOUR, ROUTE_COLOUR } from '../../networkDiagramOption.js';
import { NODE_KIND_LABELS } from '../../networkModelEdits.js';

echarts.use([GraphChart]);

const LEGEND: LegendEntry[] = [
  { label: 'Route', description: 'labelled with the share of patients leaving by it', colour: ROUTE_COLOUR, dash: 'solid' },
  { label: 'Overflow', description: 'taken when the first choice is full', colour: OVERFLOW_COLOUR, dash: 'dashed' },
];

export function NetworkDiagram({ model, scenario }: { model: ModelSpec; scenario: string }) {
  const layout = useMemo(() => layoutNetwork(model), [model]);
  const edges = useMemo(() => edgesOfScenario(model, scenario), [model, scenario]);
  const option = useMemo(() => diagramOption(model, edges, layout), [model, edges, layout]);
  const calendars = model.nodes.filter(hasCalendar).map((n) => n.id);
  return (
    <div data-testid="network-diagram">
      <div className="pf-network-scroll" tabIndex={0} role="group" aria-label="Network diagram (scrolls sideways on narrow screens)">
        <div className="pf-network-canvas" style={{ minWidth: Math.max(320, layout.columns * 150) }}>
          <EChart
            option={option}
            legend={LEGEND}
            height={diagramHeight(layout)}
            label={`Network diagram: ${model.nodes.length} nodes in ${layout.bands.length} localities, ${edges.length} routes in routing scenario ${scenario}; the table below lists them`}
          />
        </div>
      </div>
      <ul className="pf-kind-key" aria-label="Key to node shapes">
        {NODE_KINDS.map((kind) => (
          <li key={kind}>
            <span className={`pf-kind-swatch pf-kind-swatch--${kind}`} style={{ background: KIND_STYLES[kind].fill, borderColor: KIND_STYLES[kind].border }} aria-hidden="true" />
            <strong>{kind}</strong>: {NODE_KIND_LABELS[kind].toLowerCase()} ({KIND_STYLES[kind].shape})
          </li>
        ))}
        <li>
          <span className="pf-kind-swatch pf-kind-swatch--calendar" aria-hidden="true" />
          <strong>calendar</strong>: capacity changes over time (dashed border){calendars.length > 0 ? `: ${calendars.join(', ')}` : ''}
        </li>
      </ul>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The diagram as a table</span>
        </summary>
        <div className="nhsuk-details__text pf-table-scroll" tabIndex={0} role="group" aria-label="Routes table">
          <table className="nhsuk-table pf-table pf-table--compact" data-testid="network-edges-table">
            <caption className="nhsuk-table__caption nhsuk-u-font-size-19">Routes in routing scenario {scenario}</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Share or type</th>
                <th scope="col">Transfer delay</th>
              </tr>
            </thead>
            <tbody>
              {edges.map((edge, e) => (
                <tr key={e}>
                  <td>{edge.from}</td>
                  <td>{edge.to}</td>
                  <td>{edgeLabel(edge)}</td>
                  <td>{edge.delay ? `mean ${edge.delay.mean} days` : 'none'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="nhsuk-body-s">
            Nodes:{' '}
            {model.nodes.map((node) => `${node.id} (${kindOf(node)}${hasCalendar(node) ? ', calendar' : ''})`).join(', ')}.
          </p>
        </div>
      </details>
    </div>
  );
}
