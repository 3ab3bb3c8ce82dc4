/**
 * The shape of arrivals within the day (six four-hour blocks) or the week (seven days) for
 * one node and arrival scenario: relative weights, each day keeping its mean. A profile with
 * other periods (from a workbook) opens as the weights of these blocks, and is replaced by
 * them only when a weight is changed.
 */
import { useState } from 'react';
import { profileFromWeights, setArrivalProfile, weightsOfProfile } from '../../networkModelEdits.js';
import { WEEKDAYS } from '../../modelEdits.js';
import { SelectField } from '../FormField.js';
import { PageSection } from '../PageSection.js';
import { DraftNumberInput } from './DraftNumberInput.js';
import type { DraftEditorProps } from './NetworkView.js';

const DAY_BLOCKS = ['midnight to 4 am', '4 am to 8 am', '8 am to noon', 'noon to 4 pm', '4 pm to 8 pm', '8 pm to midnight'];

export function ProfileEditor({ model, problems, onEdit }: DraftEditorProps) {
  const nodes = model.nodes.filter((node) => node.arrivals.length > 0);
  const [chosenNode, setNode] = useState<string>();
  const [chosenScenario, setScenario] = useState<string>();
  const node = nodes.find((n) => n.id === chosenNode) ?? nodes.find((n) => n.arrivals.some((a) => a.profile)) ?? nodes[0];
  if (!node) return null;
  const scenario = node.arrivals.find((a) => a.name === chosenScenario) ?? node.arrivals[0];
  const profile = scenario.profile;
  const cycle = profile?.cycleDays;
  const slots = cycle === 7 ? [...WEEKDAYS] : DAY_BLOCKS;
  const weights = cycle ? weightsOfProfile(profile, cycle, slots.length) : [];
  const n = model.nodes.indexOf(node);
  const a = node.arrivals.indexOf(scenario);
  const problem = [...problems.byPath.entries()].find(([path]) => path.startsWith(`nodes[${n}].arrivals[${a}].profile`))?.[1][0];
  const setCycle = (value: string) => {
    const days = value === '1' ? 1 : value === '7' ? 7 : undefined;
    onEdit(setArrivalProfile(model, node.id, scenario.name, days ? profileFromWeights(days, new Array<number>(days === 7 ? 7 : DAY_BLOCKS.length).fill(1)) : undefined));
  };
  const setWeight = (i: number, weight: number) => {
    if (!cycle) return;
    onEdit(setArrivalProfile(model, node.id, scenario.name, profileFromWeights(cycle, weights.map((w, j) => (j === i ? weight : w)))));
  };

  return (
    <PageSection id="network-profile-heading" heading="Arrivals within the day or week" className="pf-network-wide">
      <div className="pf-inline-fields">
        <SelectField id="profile-node" label="Node" value={node.id} onChange={setNode}>
          {nodes.map((option) => (
            <option key={option.id} value={option.id}>
              {option.id}
            </option>
          ))}
        </SelectField>
        <SelectField id="profile-scenario" label="Arrival scenario" value={scenario.name} onChange={setScenario}>
          {node.arrivals.map((option) => (
            <option key={option.name} value={option.name}>
              {option.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="profile-cycle" label="Shape" value={String(cycle ?? '')} onChange={setCycle}>
          <option value="">even through the day</option>
          <option value="1">within the day</option>
          <option value="7">within the week</option>
        </SelectField>
      </div>
      {cycle && (
        <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={problem ? 'profile-error' : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Relative weights (each day keeps its mean arrivals)</legend>
            {problem && (
              <span className="nhsuk-error-message" id="profile-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
              </span>
            )}
            <div className="pf-inline-fields">
              {slots.map((slot, i) => (
                <div key={slot}>
                  <span className="nhsuk-body-s" aria-hidden="true">
                    {slot}
                  </span>
                  <DraftNumberInput value={weights[i]} label={`Weight of ${slot}`} rule={{ min: 0 }} onCommit={(w) => setWeight(i, w ?? 0)} width={3} testId={`profile-weight-${i}`} />
                </div>
              ))}
            </div>
          </fieldset>
        </div>
      )}
    </PageSection>
  );
}
