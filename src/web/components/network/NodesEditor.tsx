/**
 * The network's nodes: a table (kind, label, locality, waiting places) with a remove button
 * that says first which routes go with the node, and the form that adds one.
 */
import { useState } from 'react';
import { kindOf, placesOf, type NodeSpec, type Places } from '../../../engine/model.js';
import { edgesTouching, nodesRoutingTo, removeNetworkNode } from '../../networkModelEdits.js';
import { PageSection } from '../PageSection.js';
import { AddNodeForm } from './AddNodeForm.js';
import type { DraftEditorProps } from './NetworkView.js';

function places(value: Places | undefined, absent: number): string {
  const n = placesOf(value, absent);
  return Number.isFinite(n) ? String(n) : 'unlimited';
}

function bufferText(node: NodeSpec): string {
  const kind = kindOf(node);
  if (kind === 'exit' || kind === 'delay') return '—';
  return `${places(node.loseOverflow ? 0 : node.queueExternal, Infinity)} outside, ${places(node.queueInternal, 0)} from other nodes`;
}

export function NodesEditor({ model, problems, onEdit }: DraftEditorProps) {
  const [removing, setRemoving] = useState<string>();
  const confirmRemove = (id: string) => {
    const edit = removeNetworkNode(model, id);
    if (edit.ok) onEdit(edit.model);
    setRemoving(undefined);
  };
  return (
    <PageSection id="network-nodes-heading" heading="Nodes" className="pf-network-wide">
      <div className="pf-table-scroll" tabIndex={0} role="group" aria-label="Nodes table">
        <table className="nhsuk-table pf-table pf-table--compact" data-testid="network-nodes-table">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Kind</th>
              <th scope="col">Label</th>
              <th scope="col">Locality</th>
              <th scope="col">Waiting places</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {model.nodes.map((node, n) => (
              <tr key={node.id} data-node={node.id}>
                <th scope="row">{node.id}</th>
                <td>{kindOf(node)}</td>
                <td>{node.pathway}</td>
                <td>{node.locality}</td>
                <td>{bufferText(node)}</td>
                <td>
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-cell-button"
                    onClick={() => setRemoving(node.id)}
                    disabled={model.nodes.length <= 1}
                    aria-label={`Remove ${node.id}`}
                    data-testid={`remove-node-${node.id}`}
                  >
                    Remove
                  </button>
                  {problems.byPath.has(`nodes[${n}].arrivals`) && (
                    <span className="nhsuk-error-message pf-cell-error">
                      <span className="nhsuk-u-visually-hidden">Error:</span> needs arrivals or a route to it
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {removing && <ConfirmRemove model={model} id={removing} onConfirm={() => confirmRemove(removing)} onCancel={() => setRemoving(undefined)} />}
      <AddNodeForm model={model} onEdit={onEdit} />
    </PageSection>
  );
}

function ConfirmRemove({ model, id, onConfirm, onCancel }: { model: DraftEditorProps['model']; id: string; onConfirm: () => void; onCancel: () => void }) {
  const routes = edgesTouching(model, id).length;
  const upstream = nodesRoutingTo(model, id);
  return (
    <div className="nhsuk-warning-callout" data-testid="confirm-remove-node">
      <h3 className="nhsuk-warning-callout__label">
        <span role="text">
          <span className="nhsuk-u-visually-hidden">Important: </span>Remove {id}?
        </span>
      </h3>
      <p>
        Removing {id} also removes {routes === 0 ? 'no routes' : `its ${routes} route${routes === 1 ? '' : 's'} in and out`}.
        {upstream.length > 0 && ` The routes out of ${upstream.join(', ')} will then add up to less than 1: the change is not used until you give them routes that add up to 1.`}
      </p>
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button nhsuk-button--warning nhsuk-button--small" onClick={onConfirm} data-testid="confirm-remove-node-yes">
          Remove {id}
          {routes > 0 ? ' and its routes' : ''}
        </button>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
