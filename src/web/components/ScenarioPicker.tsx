/**
 * Which scenarios a run's results show: a filterable list of checkboxes, so runs with
 * dozens of scenarios stay readable.
 */
import { useState } from 'react';
import { TextField } from './FormField.js';

export function ScenarioPicker({ labels, hidden, onChange }: { labels: string[]; hidden: ReadonlySet<string>; onChange: (hidden: ReadonlySet<string>) => void }) {
  const [filter, setFilter] = useState('');
  const shown = labels.filter((l) => l.toLowerCase().includes(filter.trim().toLowerCase()));
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
        <TextField id="scenario-filter" label="Filter scenarios by name" width={20} type="search" value={filter} onChange={setFilter} />
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
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
    </details>
  );
}
