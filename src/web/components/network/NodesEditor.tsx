/**
 * The network's nodes: a table (kind, label, locality, editable waiting places) with a remove button
 * that says first which routes go with the node, and the form that adds one.
 */
import { useState } from 'react';
import { kindOf } from '../../../engine/model.js';
import { edgesTouching, nodesRoutingTo, removeNetworkNode, setNodeBuffers } from '../../networkModelEdits.js';
import { PageSection } from '../PageSection.js';
import { AddNodeForm } from './AddNodeForm.js';
import { PlacesInput } from './PlacesInput.js';
import type { DraftEditorProps } from './NetworkView.js';

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
              <th scope="col">Waiting places for arrivals (blank: unlimited)</th>
              <th scope="col">Waiting places for other nodes’ patients (blank: 0)</th>
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
                {kindOf(node) === 'exit' || kindOf(node) === 'delay' ? (
                  <>
                    <td>—</td>
                    <td>—</td>
                  </>
                ) : (
                  <>
                    <td>
                      <PlacesInput
                        value={node.loseOverflow && node.queueExternal === undefined ? 0 : node.queueExternal}
                        label={`${node.id} waiting places for arrivals from outside`}
                        problem={problems.byPath.get(`nodes[${n}].queueExternal`)?.[0]}
                        onCommit={(queueExternal) => onEdit(setNodeBuffers(model, node.id, { queueExternal }))}
                        testId={`queue-external-${node.id}`}
                      />
                    </td>
                    <td>
                      <PlacesInput
                        value={node.queueInternal}
                        label={`${node.id} waiting places for patients of other nodes`}
                        problem={problems.byPath.get(`nodes[${n}].queueInternal`)?.[0]}
                        onCommit={(queueInternal) => onEdit(setNodeBuffers(model, node.id, { queueInternal }))}
                        testId={`queue-internal-${node.id}`}
                      />
                    </td>
                  </>
                )}
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
