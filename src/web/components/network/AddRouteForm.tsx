/**
 * The form that adds a route (or an overflow) out of the node the routes editor shows, in a
 * routing scenario (the one shown, or a new name). The other routes' shares are then
 * changed so that they add up to 1 again; until then the draft is not used.
 */
import { useState, type FormEvent } from 'react';
import { addEdge } from '../../networkModelEdits.js';
import { parseNumber } from '../../modelEdits.js';
import { SelectField, TextField } from '../FormField.js';
import type { DraftEditorProps } from './NetworkView.js';

interface Props extends Pick<DraftEditorProps, 'model' | 'onEdit'> {
  from: string;
  scenario: string;
  canOverflow: boolean;
}

const SCENARIO_NAME = /^[A-Za-z0-9-]+$/;

export function AddRouteForm({ model, from, scenario, onEdit, canOverflow }: Props) {
  const targets = model.nodes.filter((node) => node.id !== from);
  const [to, setTo] = useState('');
  const [share, setShare] = useState('');
  const [type, setType] = useState<'route' | 'overflow'>('route');
  const [condition, setCondition] = useState('full');
  const [delay, setDelay] = useState('');
  const [routing, setRouting] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const target = targets.some((node) => node.id === to) ? to : (targets[0]?.id ?? '');
  const routingName = routing ?? scenario;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    const probability = type === 'route' ? parseNumber(share, { minExclusive: 0 }) : { value: 0 };
    if ('error' in probability) found.share = probability.error;
    else if ((probability.value ?? 0) > 1) found.share = 'Enter a share from 0 to 1 (0.25 is a quarter)';
    const mean = parseNumber(delay, { minExclusive: 0, optional: true });
    if ('error' in mean) found.delay = mean.error;
    if (!SCENARIO_NAME.test(routingName)) found.routing = 'Use only letters, digits and hyphens (no spaces or underscores)';
    if (type === 'overflow' && !/^(full|wait>=\d+)$/.test(condition.replace(/\s/g, ''))) found.condition = 'Enter full, or wait>=N for N whole days';
    setErrors(found);
    if (Object.keys(found).length > 0 || !target) return;
    onEdit(
      addEdge(model, {
        from,
        to: target,
        scenario: routingName,
        probability: 'value' in probability ? (probability.value ?? 0) : 0,
        type,
        condition: type === 'overflow' ? condition.replace(/\s/g, '') : undefined,
        delay: 'value' in mean && mean.value !== undefined ? { family: 'exp', mean: mean.value } : undefined,
      }),
    );
    setShare('');
    setDelay('');
  };

  return (
    <form onSubmit={submit} noValidate data-testid="add-route-form" aria-labelledby="add-route-heading">
      <h3 id="add-route-heading" className="nhsuk-heading-s">
        Add a route out of {from}
      </h3>
      <div className="pf-inline-fields">
        <SelectField id="network-route-to" label="To" value={target} onChange={setTo}>
          {targets.map((node) => (
            <option key={node.id} value={node.id}>
              {node.id}
            </option>
          ))}
        </SelectField>
        {canOverflow && (
          <SelectField id="network-route-type" label="Type" value={type} onChange={(v) => setType(v as 'route' | 'overflow')}>
            <option value="route">route</option>
            <option value="overflow">overflow (when {from} is full)</option>
          </SelectField>
        )}
        {type === 'route' ? (
          <TextField id="network-route-share" label="Share (0 to 1)" width={5} inputMode="decimal" value={share} error={errors.share} onChange={setShare} />
        ) : (
          <TextField id="network-route-condition" label="Condition (full or wait>=N)" width={10} value={condition} error={errors.condition} onChange={setCondition} />
        )}
        {type === 'route' && <TextField id="network-route-delay" label="Transfer delay, mean days (blank: none)" width={5} inputMode="decimal" value={delay} error={errors.delay} onChange={setDelay} />}
        <TextField id="network-route-scenario" label="Routing scenario" width={10} value={routingName} error={errors.routing} onChange={setRouting} />
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="add-route">
        Add the route
      </button>
    </form>
  );
}
