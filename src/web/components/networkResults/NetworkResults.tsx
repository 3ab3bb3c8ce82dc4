/**
 * The results of a run's pathway networks: for a chosen network (component) and scenario,
 * the flow of patients through it and where blocked patients were held, by the node they waited for; for all the network's
 * scenarios, its totals with differences from a baseline and each node's own measures day by day.
 */
import { useMemo, useState } from 'react';
import { kindOf, type ModelSpec, type NodeKind } from '../../../engine/model.js';
import type { ComponentSummary } from '../../../engine/network/componentSummary.js';
import { componentScenarioLabel } from '../../../report/networkSection.js';
import { formatWhole } from '../../../report/format.js';
import { SelectField } from '../FormField.js';
import { PageSection } from '../PageSection.js';
import { HelpLink } from '../HelpLink.js';
import { FlowDiagram } from './FlowDiagram.js';
import { BlockedByCause } from './BlockedByCause.js';
import { NetworkSystem } from './NetworkSystem.js';
import { NetworkNodeCharts } from './NetworkNodeCharts.js';

export function NetworkResults({ components, model, dates, replications }: { components: readonly ComponentSummary[]; model: ModelSpec; dates: readonly string[]; replications: number }) {
  const names = useMemo(() => [...new Set(components.map((c) => c.key.component))], [components]);
  const kinds = useMemo(() => new Map<string, NodeKind>(model.nodes.map((n) => [n.id, kindOf(n)])), [model]);
  const [chosenName, setChosenName] = useState('');
  const [chosenId, setChosenId] = useState('');
  const name = names.includes(chosenName) ? chosenName : names[0];
  const scenarios = useMemo(() => components.filter((c) => c.key.component === name), [components, name]);
  const scenario = scenarios.find((s) => s.key.id === chosenId) ?? scenarios[0];
  if (!scenario) return null;
  const label = componentScenarioLabel(scenario.key);
  return (
    <PageSection id="network-results-heading" heading="Pathway networks" testId="network-results">
      <p className="nhsuk-body-s">
        Nodes linked by onward routes are simulated together: when a stay ends the patient moves on, and if the next node is full they stay where they are, blocked <HelpLink term="blocked" />,
        holding their bed. Figures are means of {formatWhole(replications)} replications.
      </p>
      <div className="pf-controls">
        <SelectField id="network-component" label="Network" value={name} onChange={setChosenName}>
          {names.map((n) => (
            <option key={n} value={n}>
              {n} ({components.find((c) => c.key.component === n)?.nodes.length} nodes)
            </option>
          ))}
        </SelectField>
        <SelectField id="network-scenario" label="Scenario (flow and blocked bed-days)" value={scenario.key.id} onChange={setChosenId}>
          {scenarios.map((s) => (
            <option key={s.key.id} value={s.key.id}>
              {componentScenarioLabel(s.key)}
            </option>
          ))}
        </SelectField>
      </div>
      <FlowDiagram summary={scenario} title={`${name}, ${label}`} kinds={kinds} />
      <BlockedByCause summary={scenario} title={`${name}, ${label}`} days={dates.length} />
      <NetworkSystem component={name} scenarios={scenarios} />
      <NetworkNodeCharts scenarios={scenarios} model={model} dates={dates} />
    </PageSection>
  );
}
