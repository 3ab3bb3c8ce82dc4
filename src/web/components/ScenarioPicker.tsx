/**
 * Which scenarios a run's results show: a filterable list of checkboxes, so runs with
 * dozens of scenarios stay readable.
 */
import { useState } from 'react';
import { TextField } from './FormField.js';

export interface ScenarioPickerProps {
  labels: string[];
  hidden: ReadonlySet<string>;
  onChange: (hidden: ReadonlySet<string>) => void;
  describe: (label: string) => string | undefined;
}

export function ScenarioPicker({ labels, hidden, onChange, describe }: ScenarioPickerProps) {
  const [filter, setFilter] = useState('');
  // The filter finds a scenario by its description too ("surge").
  const wanted = filter.trim().toLowerCase();
  const shown = labels.filter((l) => `${l} ${describe(l) ?? ''}`.toLowerCase().includes(wanted));
  const toggle = (label: string) => {
    const next = new Set(hidden);
    if (next.has(label)) next.delete(label);
    else next.add(label);
    onChange(next);
  };
  return (
    <details className="nhsuk-details pf-picker" open={labels.length <= 12 ? undefined : true}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Scenarios shown: {labels.length - hidden.size} of {labels.length}
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <TextField id="scenario-filter" label="Filter scenarios by name or description" width={20} type="search" value={filter} onChange={setFilter} />
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChange(new Set(labels.filter((l) => hidden.has(l) && !shown.includes(l))))}>
            Show all listed
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onChange(new Set([...hidden, ...shown]))}>
            Hide all listed
          </button>
        </div>
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Scenarios (capacity_LOS_arrivals)</legend>
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small pf-checkbox-grid">
            {shown.map((label) => (
              <div className="nhsuk-checkboxes__item" key={label}>
                <input className="nhsuk-checkboxes__input" id={`show-${label}`} type="checkbox" checked={!hidden.has(label)} onChange={() => toggle(label)} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`show-${label}`}>
                  {label}
                  {describe(label) && <span className="pf-scenario-description">{describe(label)}</span>}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    </details>
  );
}
