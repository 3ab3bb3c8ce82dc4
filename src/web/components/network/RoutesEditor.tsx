/**
 * The routes out of one node in one routing scenario: shares, overflow conditions and
 * transfer delays, edited as the planner types. The shares are checked to add up to 1 by the
 * validator on every keystroke; the problem is shown on the group of share fields, and the
 * draft is not used until it is fixed.
 */
import { useState } from 'react';
import { kindOf, type EdgeSpec } from '../../../engine/model.js';
import { isRouteSumProblem, removeEdge, routableNodes, routesFrom, updateEdge } from '../../networkModelEdits.js';
import { percent } from '../../networkDiagramOption.js';
import { SelectField } from '../FormField.js';
import { PageSection } from '../PageSection.js';
import { AddRouteForm } from './AddRouteForm.js';
import { DraftNumberInput } from './DraftNumberInput.js';
import type { DraftEditorProps } from './NetworkView.js';

export function RoutesEditor({ model, problems, onEdit, scenario }: DraftEditorProps & { scenario: string }) {
  const nodes = routableNodes(model);
  const [chosen, setChosen] = useState<string>();
  const from = chosen && nodes.some((n) => n.id === chosen) ? chosen : (nodes.find((n) => routesFrom(model, n.id, scenario).length > 0) ?? nodes[0])?.id;
  if (!from) return null;
  const routes = routesFrom(model, from, scenario);
  const fieldProblems = (index: number, field: string) => problems.byPath.get(`edges[${index}].${field}`) ?? [];
  const sumProblem = routes.flatMap(({ index }) => fieldProblems(index, 'probability')).find(isRouteSumProblem);
  const total = routes.filter(({ edge }) => edge.type !== 'overflow').reduce((sum, { edge }) => sum + edge.probability, 0);
  const change = (index: number, patch: Partial<EdgeSpec>) => onEdit(updateEdge(model, index, (edge) => ({ ...edge, ...patch })));
  const sumErrorId = 'routes-sum-error';

  return (
    <PageSection id="network-routes-heading" heading="Routes">
      <SelectField id="routes-from" label="Routes out of" value={from} onChange={setChosen}>
        {nodes.map((node) => (
          <option key={node.id} value={node.id}>
            {node.id}
          </option>
        ))}
      </SelectField>
      <div className={`nhsuk-form-group${sumProblem ? ' nhsuk-form-group--error' : ''}`} data-testid="routes-group">
        <fieldset className="nhsuk-fieldset" aria-describedby={sumProblem ? sumErrorId : undefined}>
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
            Routes out of {from} in routing scenario {scenario} (shares from 0 to 1, adding up to 1)
          </legend>
          {sumProblem && (
            <span className="nhsuk-error-message" id={sumErrorId} data-testid="routes-sum-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> The shares add up to {Number(total.toPrecision(12))}, not 1: change them so they add up to 1
            </span>
          )}
          {routes.length === 0 ? (
            <p className="nhsuk-body-s">No routes: patients leave the model from {from}.</p>
          ) : (
            <div className="pf-table-scroll" tabIndex={0} role="group" aria-label={`Routes out of ${from}`}>
              <table className="nhsuk-table pf-table pf-table--compact" data-testid="routes-table">
                <thead>
                  <tr>
                    <th scope="col">To</th>
                    <th scope="col">Share</th>
                    <th scope="col">Transfer delay (mean days, blank: none)</th>
                    <th scope="col">
                      <span className="nhsuk-u-visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {routes.map(({ edge, index }) => (
                    <tr key={index} data-route={`${edge.from}->${edge.to}`}>
                      <th scope="row">
                        {edge.to}
                        {edge.type === 'overflow' && ` (overflow when ${edge.condition ?? '?'})`}
                      </th>
                      <td>
                        {edge.type === 'overflow' ? (
                          '—'
                        ) : (
                          <DraftNumberInput
                            value={edge.probability}
                            label={`Share of patients from ${from} to ${edge.to}`}
                            rule={{ min: 0 }}
                            onCommit={(value) => change(index, { probability: value ?? 0 })}
                            problem={fieldProblems(index, 'probability').find((p) => !isRouteSumProblem(p))}
                            describedBy={sumProblem ? sumErrorId : undefined}
                            testId={`route-share-${edge.from}-${edge.to}`}
                            width={5}
                          />
                        )}
                      </td>
                      <td>
                        {edge.type === 'overflow' ? (
                          '—'
                        ) : (
                          <DraftNumberInput
                            value={edge.delay?.mean}
                            label={`Transfer delay from ${from} to ${edge.to}, mean days`}
                            rule={{ minExclusive: 0, optional: true }}
                            onCommit={(value) => change(index, { delay: value === undefined ? undefined : { family: 'exp', mean: value } })}
                            problem={fieldProblems(index, 'delay')[0]}
                            testId={`route-delay-${edge.from}-${edge.to}`}
                          />
                        )}
                      </td>
                      <td>
                        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onEdit(removeEdge(model, index))} aria-label={`Remove the route from ${from} to ${edge.to}`}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {routes.length > 0 && (
            <p className="nhsuk-body-s" data-testid="routes-total">
              Total: {percent(total)}
            </p>
          )}
        </fieldset>
      </div>
      <AddRouteForm model={model} from={from} scenario={scenario} onEdit={onEdit} canOverflow={kindOf(model.nodes.find((n) => n.id === from)!) !== 'delay'} />
    </PageSection>
  );
}
