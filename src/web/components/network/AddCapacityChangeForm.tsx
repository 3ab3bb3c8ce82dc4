/**
 * "Add 10 beds from 1 Dec to 31 Mar": a change to the scenario's own capacity over dated
 * days (negative for beds closed), added as one period of its calendar.
 */
import { useState, type FormEvent } from 'react';
import type { NodeSpec } from '../../../engine/model.js';
import { addCapacityChange } from '../../networkModelEdits.js';
import { parseNumber } from '../../modelEdits.js';
import { placesWord } from '../../nodeKinds.js';
import { formatDate } from '../../../report/format.js';
import { TextField } from '../FormField.js';
import type { DraftEditorProps } from './NetworkView.js';

interface Props extends Pick<DraftEditorProps, 'model' | 'onEdit'> {
  node: NodeSpec;
  scenario: NodeSpec['capacity'][number];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function AddCapacityChangeForm({ model, node, scenario, onEdit }: Props) {
  const [change, setChange] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const unit = placesWord(node);
  const first = model.dates[0];
  const last = model.dates.at(-1)!;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const amount = parseNumber(change, { integer: node.kind !== 'visit' });
    if ('error' in amount) found.change = amount.error;
    else if (amount.value === 0) found.change = `Enter the ${unit} to add (or, with a minus sign, to close)`;
    if (!ISO.test(from)) found.from = 'Enter the first day';
    if (!ISO.test(to)) found.to = 'Enter the last day';
    else if (ISO.test(from) && to < from) found.to = 'Enter a last day on or after the first';
    if (Object.keys(found).length === 0 && 'value' in amount) {
      const edit = addCapacityChange(model, node.id, scenario.name, { from, to, change: amount.value ?? 0 });
      if (!edit.ok) found.change = edit.reason;
      else {
        setErrors({});
        setChange('');
        onEdit(edit.model);
        return;
      }
    }
    setErrors(found);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="add-capacity-change" aria-labelledby="add-capacity-change-heading">
      <h3 id="add-capacity-change-heading" className="nhsuk-heading-s">
        Change capacity for a period
      </h3>
      <p className="nhsuk-body-s">
        For example 10 more {unit} from 1 December to 31 March; a minus sign closes {unit}. The horizon runs from {formatDate(first)} to {formatDate(last)}.
      </p>
      <div className="pf-inline-fields">
        <TextField id="calendar-change" label={`${unit[0].toUpperCase()}${unit.slice(1)} to add`} width={5} inputMode="numeric" value={change} error={errors.change} onChange={setChange} />
        <TextField id="calendar-from" label="From" type="date" min={first} max={last} value={from} error={errors.from} onChange={setFrom} />
        <TextField id="calendar-to" label="To (included)" type="date" min={first} max={last} value={to} error={errors.to} onChange={setTo} />
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="add-capacity-change-submit">
        Add the period
      </button>
    </form>
  );
}
