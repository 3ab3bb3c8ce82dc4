/**
 * The form that adds a node: id, kind, label, locality, waiting places, and what the kind
 * needs to run (beds or caseload, a mean stay, arrivals from outside if any). Problems are
 * shown at their fields when the planner presses Add; costs and other scenarios are then set
 * in the Edit parameters tab.
 */
import { useState, type FormEvent } from 'react';
import { NODE_KINDS, type NodeKind } from '../../../engine/model.js';
import { addNetworkNode, NODE_KIND_LABELS, parsePlaces, type NewNode } from '../../networkModelEdits.js';
import { parseNumber } from '../../modelEdits.js';
import { SelectField, TextField } from '../FormField.js';
import type { DraftEditorProps } from './NetworkView.js';

interface Fields {
  id: string;
  kind: NodeKind;
  pathway: string;
  locality: string;
  capacity: string;
  meanStay: string;
  arrivals: string;
  queueExternal: string;
  queueInternal: string;
}

type Errors = Partial<Record<keyof Fields, string>>;

function read(fields: Fields, model: DraftEditorProps['model']): { node: NewNode } | { errors: Errors } {
  const errors: Errors = {};
  const number = (key: keyof Fields, rule: Parameters<typeof parseNumber>[1]) => {
    const parsed = parseNumber(fields[key], rule);
    if ('error' in parsed) errors[key] = parsed.error;
    return 'value' in parsed ? parsed.value : undefined;
  };
  const buffer = (key: 'queueExternal' | 'queueInternal') => {
    const parsed = parsePlaces(fields[key]);
    if ('error' in parsed) errors[key] = parsed.error;
    return 'value' in parsed ? parsed.value : undefined;
  };
  const servers = fields.kind === 'bed' || fields.kind === 'visit' || fields.kind === 'acute';
  if (fields.locality.trim() === '') errors.locality = 'Enter a locality';
  const node: NewNode = {
    id: fields.id.trim(),
    kind: fields.kind,
    pathway: fields.pathway,
    locality: fields.locality.trim(),
    capacity: servers ? number('capacity', { min: 0 }) : undefined,
    meanStay: fields.kind === 'exit' ? undefined : number('meanStay', { minExclusive: 0 }),
    arrivalsPerDay: fields.kind === 'exit' ? undefined : number('arrivals', { min: 0, optional: true }),
    queueExternal: servers ? buffer('queueExternal') : undefined,
    queueInternal: servers ? buffer('queueInternal') : undefined,
  };
  const edit = addNetworkNode(model, node);
  if (!edit.ok) errors.id = edit.reason;
  return Object.keys(errors).length > 0 ? { errors } : { node };
}

export function AddNodeForm({ model, onEdit }: Pick<DraftEditorProps, 'model' | 'onEdit'>) {
  const empty: Fields = { id: '', kind: 'bed', pathway: '', locality: model.nodes[0]?.locality ?? '', capacity: '10', meanStay: '7', arrivals: '', queueExternal: '', queueInternal: '' };
  const [fields, setFields] = useState<Fields>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const servers = fields.kind === 'bed' || fields.kind === 'visit' || fields.kind === 'acute';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = read(fields, model);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    const edit = addNetworkNode(model, result.node);
    if (!edit.ok) return;
    setErrors({});
    setFields({ ...empty, kind: fields.kind, locality: fields.locality });
    onEdit(edit.model);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="add-node-form" aria-labelledby="add-node-heading">
      <h3 id="add-node-heading" className="nhsuk-heading-s">
        Add a node
      </h3>
      <div className="pf-inline-fields">
        <TextField id="network-node-id" label="Node id" width={10} value={fields.id} error={errors.id} onChange={set('id')} />
        <SelectField id="network-node-kind" label="Kind" value={fields.kind} onChange={(v) => set('kind')(v)}>
          {NODE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}: {NODE_KIND_LABELS[kind].toLowerCase()}
            </option>
          ))}
        </SelectField>
        <TextField id="network-node-label" label="Label (e.g. P2, LTC, Home)" width={10} value={fields.pathway} error={errors.pathway} onChange={set('pathway')} />
        <TextField id="network-node-locality" label="Locality" width={5} value={fields.locality} error={errors.locality} onChange={set('locality')} />
        {servers && <TextField id="network-node-capacity" label={fields.kind === 'visit' ? 'Caseload' : 'Beds'} width={5} inputMode="decimal" value={fields.capacity} error={errors.capacity} onChange={set('capacity')} />}
        {fields.kind !== 'exit' && <TextField id="network-node-stay" label="Mean stay (days)" width={5} inputMode="decimal" value={fields.meanStay} error={errors.meanStay} onChange={set('meanStay')} />}
        {fields.kind !== 'exit' && (
          <TextField id="network-node-arrivals" label="Arrivals from outside a day (blank: none)" width={5} inputMode="decimal" value={fields.arrivals} error={errors.arrivals} onChange={set('arrivals')} />
        )}
        {servers && (
          <TextField id="network-node-queue-external" label="Waiting places for arrivals (blank: unlimited)" width={10} value={fields.queueExternal} error={errors.queueExternal} onChange={set('queueExternal')} />
        )}
        {servers && (
          <TextField id="network-node-queue-internal" label="Waiting places for other nodes’ patients (blank: 0)" width={10} value={fields.queueInternal} error={errors.queueInternal} onChange={set('queueInternal')} />
        )}
      </div>
      <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" data-testid="add-node">
        Add the node
      </button>
    </form>
  );
}
