/**
 * Day-by-day charts of a networked node's own measures (beds held against capacity, blocked,
 * in transfer, its queues, patients waiting for it upstream), every scenario of its network
 * overlaid, in the style of the per-node charts: full legends, UK dates, units on the axes.
 */
import { useMemo, useState } from 'react';
import { kindOf, type ModelSpec } from '../../../engine/model.js';
import type { ComponentSummary, NodeNetworkSummary } from '../../../engine/network/componentSummary.js';
import { componentScenarioLabel } from '../../../report/networkSection.js';
import { formatWhole } from '../../../report/format.js';
import { scenarioStyle } from '../../palette.js';
import { placesWord } from '../../nodeKinds.js';
import { SelectField } from '../FormField.js';
import { HelpLink } from '../HelpLink.js';
import { LineFigure, type Line } from './LineFigure.js';

interface MeasureChart {
  id: string;
  title: string;
  axis: string;
  help?: string;
  /** The daily means of one scenario. */
  values: (node: NodeNetworkSummary) => ArrayLike<number>;
}

const CHARTS: MeasureChart[] = [
  { id: 'occ_bed', title: 'Beds held (in service, blocked, in transfer, reserved)', axis: 'beds held', help: 'occ-bed', values: (n) => n.daily.occ_bed.mean },
  { id: 'blocked', title: 'Blocked: stay ended, waiting to move on', axis: 'patients blocked', help: 'blocked', values: (n) => n.daily.blocked.mean },
  { id: 'transfer', title: 'In transfer out', axis: 'patients in transfer', help: 'transfer', values: (n) => n.daily.transfer.mean },
  { id: 'niq', title: 'In its own queues (from outside or other nodes)', axis: 'patients queuing', values: (n) => n.daily.niq.mean },
  {
    id: 'upstream',
    title: 'Waiting upstream: blocked at another node for this one',
    axis: 'patients waiting',
    // The node's IPACS-shaped niq counts its queues and those blocked upstream for it; the network's niq its queues only.
    values: (n) => Array.from(n.scenario.daily.niq.mean, (all, day) => Math.max(0, all - n.daily.niq.mean[day])),
  },
];

const CAPACITY_COLOUR = '#4c6272';

/** One line per distinct day-by-day capacity among the scenarios, named by their capacity scenarios; none where unlimited. */
function capacityLines(scenarios: readonly ComponentSummary[], index: number, places: string): Line[] {
  const lines = new Map<string, { values: number[]; names: Set<string> }>();
  for (const s of scenarios) {
    const values = Array.from(s.nodes[index].daily.capacity.mean);
    if (!values.every(Number.isFinite)) continue;
    const key = values.join(',');
    const line = lines.get(key) ?? { values, names: new Set<string>() };
    line.names.add(s.key.capacityScenario);
    lines.set(key, line);
  }
  return [...lines.values()].map((line) => {
    const low = Math.min(...line.values);
    const high = Math.max(...line.values);
    // A day's capacity is averaged over the day, so a calendar change shows as a day between the two levels.
    const description = low === high ? `${formatWhole(low)} ${places}` : `${formatWhole(low)} to ${formatWhole(high)} ${places}, as its calendar changes them`;
    return { label: `Capacity of ${[...line.names].join(', ')}`, description, values: line.values, colour: CAPACITY_COLOUR, dash: 'dashed' };
  });
}

export function NetworkNodeCharts({ scenarios, model, dates }: { scenarios: readonly ComponentSummary[]; model: ModelSpec; dates: readonly string[] }) {
  const nodes = useMemo(() => {
    const exits = new Set(model.nodes.filter((n) => kindOf(n) === 'exit').map((n) => n.id));
    return (scenarios[0]?.nodes ?? []).map((n, index) => ({ id: n.scenario.key.node, index })).filter((n) => !exits.has(n.id));
  }, [scenarios, model]);
  const [chosen, setChosen] = useState('');
  const node = nodes.find((n) => n.id === chosen) ?? nodes[0];
  const spec = model.nodes.find((n) => n.id === node?.id);
  const places = spec ? placesWord(spec) : 'beds';
  // Memoised per node, so that a chart's option changes only when what it draws does.
  const figures = useMemo(
    () =>
      node
        ? CHARTS.map((chart) => ({
            chart,
            lines: [
              ...scenarios.map((s, i): Line => ({ label: componentScenarioLabel(s.key), values: Array.from(chart.values(s.nodes[node.index])), ...scenarioStyle(i) })),
              ...(chart.id === 'occ_bed' ? capacityLines(scenarios, node.index, places) : []),
            ],
          }))
        : [],
    [node, scenarios, places],
  );
  if (!node) return null;
  return (
    <div data-testid="network-node-charts">
      <h3 className="nhsuk-heading-s" id="network-node-charts-heading">
        Day by day, per node of the network
      </h3>
      <div className="pf-controls">
        <SelectField id="network-chart-node" label="Node" value={node.id} onChange={setChosen}>
          {nodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="pf-chart-grid">
        {figures.map(({ chart, lines }) => (
          <LineFigure
            key={chart.id}
            testId={`network-chart-${chart.id}`}
            file={`${node.id}-${chart.id}`}
            title={`${chart.title} — ${node.id}`}
            help={chart.help && <HelpLink term={chart.help} />}
            axis={chart.id === 'occ_bed' && places !== 'beds' ? 'places held' : chart.axis}
            dates={dates}
            lines={lines}
          />
        ))}
      </div>
    </div>
  );
}
