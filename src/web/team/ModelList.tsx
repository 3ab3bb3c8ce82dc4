/** The workspace's models, newest change first, each with who changed it last and an Open button. */
import { useEffect, useState } from 'react';
import type { ModelView } from '../../server/apiTypes.js';
import { formatTimestamp } from '../../report/format.js';
import type { TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

export interface ModelListProps {
  api: TeamApi;
  workspaceId: string;
  /** Changes when a model is saved, so the list is read again. */
  version: number;
  openedId?: string;
  onOpen: (model: ModelView) => void;
}

export function ModelList({ api, workspaceId, version, openedId, onOpen }: ModelListProps) {
  const [models, setModels] = useState<ModelView[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    api.models(workspaceId).then(
      (list) => current && (setModels([...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))), setError(undefined)),
      (problem: Error) => current && setError(problem.message),
    );
    return () => {
      current = false;
    };
  }, [api, workspaceId, version]);

  if (error) return <TeamError title="The models could not be listed" message={error} />;
  if (!models) return <p className="nhsuk-body-s">Reading the workspace’s models…</p>;
  if (models.length === 0) return <p className="nhsuk-body-s" data-testid="team-no-models">No models in this workspace yet: save the model on this page to start one.</p>;
  return (
    <table className="nhsuk-table pf-team-table" data-testid="team-models">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">Models in this workspace</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Model</th>
          <th scope="col" className="nhsuk-table__header">Last saved</th>
          <th scope="col" className="nhsuk-table__header">
            <span className="nhsuk-u-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {models.map((model) => (
          <tr className="nhsuk-table__row" key={model.id} data-model-id={model.id}>
            <td className="nhsuk-table__cell">
              {model.name}
              {model.id === openedId && <strong className="nhsuk-tag nhsuk-tag--blue pf-team-tag">Open</strong>}
            </td>
            <td className="nhsuk-table__cell">
              Revision {model.latestRevision}, {formatTimestamp(model.updatedAt)} by {model.updatedBy.displayName}
            </td>
            <td className="nhsuk-table__cell">
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-team-inline" onClick={() => onOpen(model)} aria-label={`Open ${model.name}`}>
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
