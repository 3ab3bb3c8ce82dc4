/**
 * The choices of a network plan: the network (component) and its scenario, the bed nodes to
 * plan with the capacities to try, and the objective. State lives in JointPlan.tsx.
 */
import type { ModelSpec } from '../../engine/model.js';
import type { Component } from '../../engine/network/fromModel.js';
import { JOINT_TARGET_METRICS, type JointTargetMetric } from '../../engine/network/jointPlan.js';
import { defaultRange, fixedCapacityIn, JOINT_TARGETS, type JointFormErrors, type JointFormState, type RangeText } from '../jointPlanForm.js';
import { formatWhole } from '../format.js';
import { SelectField, TextField } from './FormField.js';

export interface JointFieldsProps {
  model: ModelSpec;
  component: Component;
  bedNodes: string[];
  state: JointFormState;
  errors: JointFormErrors;
  onChange: (change: Partial<JointFormState>) => void;
}

export function JointNodeFields({ model, component, bedNodes, state, errors, onChange }: JointFieldsProps) {
  const toggle = (id: string, on: boolean) => onChange({ chosen: on ? [...state.chosen, id] : state.chosen.filter((other) => other !== id) });
  const setRange = (id: string, text: RangeText) => onChange({ ranges: { ...state.ranges, [id]: text } });
  return (
    <div className={`nhsuk-form-group${errors.nodes ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby="joint-nodes-hint">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Nodes to plan together, and the beds to try</legend>
        <div className="nhsuk-hint" id="joint-nodes-hint">
          Bed nodes only (P2, P3, care homes). Acute beds are not planned (the model prices their delayed days, not the beds); visit, delay and exit nodes have no beds to plan.
          The range starts as 0 to twice the beds plus 10, as <code>pathflow optimise --component</code> does; a narrower one is quicker.
        </div>
        {errors.nodes && (
          <span className="nhsuk-error-message" id="joint-nodes-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {errors.nodes}
          </span>
        )}
        <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
          {bedNodes.map((id, index) => {
            const fixed = fixedCapacityIn(model, component, state.scenarioId, id);
            const checked = state.chosen.includes(id);
            const range = state.ranges[id] ?? defaultRange(fixed);
            const rangeErrors = errors.ranges[id] ?? {};
            return (
              <div key={id} className="pf-joint-node" data-testid={`joint-node-${id}`}>
                <div className="nhsuk-checkboxes__item">
                  <input className="nhsuk-checkboxes__input" id={`joint-node-${index}`} type="checkbox" checked={checked} onChange={(event) => toggle(id, event.target.checked)} />
                  <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`joint-node-${index}`}>
                    {id} <span className="nhsuk-body-s">({fixed === undefined ? 'capacity follows a calendar or is unlimited' : `${formatWhole(fixed)} beds in this scenario`})</span>
                  </label>
                </div>
                {checked && (
                  <div className="pf-inline-form pf-joint-node__range">
                    <TextField id={`joint-low-${index}`} label={<><span className="nhsuk-u-visually-hidden">{id}: </span>Fewest beds</>} width={5} inputMode="numeric" value={range.low} error={rangeErrors.low} onChange={(low) => setRange(id, { ...range, low })} />
                    <TextField id={`joint-high-${index}`} label={<><span className="nhsuk-u-visually-hidden">{id}: </span>Most beds</>} width={5} inputMode="numeric" value={range.high} error={rangeErrors.high} onChange={(high) => setRange(id, { ...range, high })} />
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function JointObjectiveFields({ state, errors, onChange, targetNodes }: Pick<JointFieldsProps, 'state' | 'errors' | 'onChange'> & { targetNodes: string[] }) {
  const radio = (kind: 'cost' | 'target', label: string) => (
    <div className="nhsuk-radios__item">
      <input className="nhsuk-radios__input" id={`joint-objective-${kind}`} type="radio" name="joint-objective" checked={state.objectiveKind === kind} onChange={() => onChange({ objectiveKind: kind })} />
      <label className="nhsuk-label nhsuk-radios__label" htmlFor={`joint-objective-${kind}`}>
        {label}
      </label>
    </div>
  );
  return (
    <>
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Objective</legend>
        <div className="nhsuk-radios nhsuk-radios--small">
          {radio('cost', 'Least expected system cost')}
          {radio('target', 'Least commissioned cost meeting a service target')}
        </div>
      </fieldset>
      {state.objectiveKind === 'target' && (
        <div className="pf-controls">
          <SelectField id="joint-target-metric" label="Service target" value={state.metric} onChange={(value) => onChange({ metric: value as JointTargetMetric, limitText: JOINT_TARGETS[value as JointTargetMetric].defaultLimit })}>
            {JOINT_TARGET_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {JOINT_TARGETS[metric].label}
              </option>
            ))}
          </SelectField>
          {state.metric !== 'delayed-per-day' && (
            <SelectField id="joint-target-node" label="At node" value={state.targetNode} onChange={(targetNode) => onChange({ targetNode })}>
              {targetNodes.map((id) => (
                <option key={id}>{id}</option>
              ))}
            </SelectField>
          )}
          <TextField id="joint-target-limit" label={`${JOINT_TARGETS[state.metric].hint} (mean over the days)`} width={5} inputMode="decimal" value={state.limitText} error={errors.limit} onChange={(limitText) => onChange({ limitText })} />
        </div>
      )}
      {state.objectiveKind === 'target' && (
        <p className="nhsuk-body-s" data-testid="joint-target-hint">
          The answer meets the target with 95 % confidence: a set of capacities counts as meeting it only when, on at least 40 replications, the upper end of its metric’s confidence
          interval is at or below the limit. Near the limit more replications are simulated, up to 16 times those per vector, so a search for a target takes longer than one for the least cost.
        </p>
      )}
    </>
  );
}
