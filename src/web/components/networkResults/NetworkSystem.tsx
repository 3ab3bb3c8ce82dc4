/**
 * A network's system totals per scenario (cost, delayed-discharge bed-days, deadlocks,
 * patients out by each exit), each with its 95 % interval, and each scenario's difference
 * from a baseline scenario of the same network, paired replication by replication and worded
 * as the whole-system view words it.
 */
import { useState } from 'react';
import type { ComponentSummary } from '../../../engine/network/componentSummary.js';
import { componentScenarioLabel, exitName } from '../../../report/networkSection.js';
import { formatOne, formatPoundsShort, formatWhole } from '../../../report/format.js';
import { SelectField } from '../FormField.js';
import { HelpLink } from '../HelpLink.js';
import { EstimateText } from './EstimateText.js';
import { networkDifferenceWords } from './networkDifference.js';

export function NetworkSystem({ component, scenarios }: { component: string; scenarios: readonly ComponentSummary[] }) {
  const [chosen, setChosen] = useState('');
  const baseline = scenarios.find((s) => s.key.id === chosen) ?? scenarios[0];
  return (
    <div data-testid="network-system">
      <h3 className="nhsuk-heading-s" id="network-system-heading">
        Network {component} as a whole
      </h3>
      <p className="nhsuk-body-s">
        Totals over the horizon for every node of the network: cost, bed-days of people delayed in acute beds <HelpLink term="delayed-bed-days" />, deadlocks and the patients who left by each
        exit, with 95 % intervals <HelpLink term="confidence-interval" />. Differences from the baseline are paired replication by replication <HelpLink term="common-random-numbers" />.
      </p>
      <SelectField id="network-baseline" label="Compare with (baseline)" value={baseline.key.id} onChange={setChosen}>
        {scenarios.map((s) => (
          <option key={s.key.id} value={s.key.id}>
            {componentScenarioLabel(s.key)}
          </option>
        ))}
      </SelectField>
      <ul className="pf-headline pf-system" data-testid="network-system-scenarios">
        {scenarios.map((s) => (
          <SystemCard key={s.key.id} scenario={s} baseline={baseline} />
        ))}
      </ul>
    </div>
  );
}

function SystemCard({ scenario, baseline }: { scenario: ComponentSummary; baseline: ComponentSummary }) {
  const label = componentScenarioLabel(scenario.key);
  const system = scenario.system;
  const words = scenario === baseline ? undefined : networkDifferenceWords(system, baseline.system);
  return (
    <li className="pf-headline__item" data-testid={`network-system-${scenario.key.id}`}>
      <h4 className="nhsuk-heading-xs pf-headline__title">{label}</h4>
      <p className="pf-headline__figure" data-testid="network-system-cost">
        <span className="pf-headline__number">
          <EstimateText estimate={system.totalCost} format={formatPoundsShort} unit="pounds" />
        </span>{' '}
        total cost
      </p>
      <p className="pf-headline__figure" data-testid="network-system-bed-days">
        <span className="pf-headline__number">
          <EstimateText estimate={system.delayedDischargeBedDays} format={formatWhole} />
        </span>{' '}
        delayed-discharge bed-days
      </p>
      <p className="nhsuk-body-s" data-testid="network-system-deadlocks">
        Deadlocks: <EstimateText estimate={system.deadlocks} format={(x) => (x === 0 ? '0' : formatOne(x))} />
      </p>
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">Patients who left, by exit:</p>
      <ul className="nhsuk-list nhsuk-u-font-size-16" data-testid="network-system-throughput">
        {Object.entries(system.throughputByExit)
          .filter(([, estimate]) => estimate.mean > 0)
          .map(([exit, estimate]) => (
            <li key={exit}>
              {exitName(exit)}: <EstimateText estimate={estimate} format={formatWhole} />
            </li>
          ))}
      </ul>
      {words ? (
        <div className="nhsuk-body-s" data-testid="network-system-difference">
          <p className="nhsuk-u-margin-bottom-1">Against {componentScenarioLabel(baseline.key)}:</p>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-font-size-16">
            <li>{words.cost}</li>
            <li>{words.bedDays}</li>
            <li>{words.deadlocks}</li>
          </ul>
        </div>
      ) : (
        <p className="nhsuk-body-s">The baseline</p>
      )}
    </li>
  );
}
