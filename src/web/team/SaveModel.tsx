/**
 * Saving the page's model to the team workspace: a new revision of the team model it was
 * opened from, or a new model. Saves never overwrite: when someone else saved first, the
 * server refuses (409) and the planner chooses to reload theirs or keep these edits as a
 * new model.
 */
import { useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { TextField } from '../components/FormField.js';
import { TeamApiError, type TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';
import type { OpenedTeamModel } from './openedModel.js';

export interface SaveModelProps {
  api: TeamApi;
  workspaceId: string;
  canEdit: boolean;
  model: ModelSpec;
  opened?: OpenedTeamModel;
  /** Whether the page's model differs from the revision opened. */
  edited: boolean;
  onSaved: (saved: { modelId: string; name: string; revision: number }, message: string) => void;
  onReload: (revision: number) => void;
}

export function SaveModel({ api, workspaceId, canEdit, model, opened, edited, onSaved, onReload }: SaveModelProps) {
  const [message, setMessage] = useState('');
  const [name, setName] = useState(model.name);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<number>();
  const [busy, setBusy] = useState(false);

  if (!canEdit) return <p className="nhsuk-body-s">You can open and read this workspace’s models; saving needs the editor role (ask a workspace admin).</p>;

  const attempt = async (save: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setConflict(undefined);
    try {
      await save();
      setMessage('');
    } catch (problem) {
      if (problem instanceof TeamApiError && problem.status === 409) setConflict(problem.body?.latestRevision ?? opened?.revision);
      else setError((problem as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const saveRevision = () =>
    attempt(async () => {
      if (!opened) return;
      const saved = await api.saveRevision(workspaceId, opened.modelId, opened.revision, model, message.trim());
      onSaved({ modelId: opened.modelId, name: opened.name, revision: saved.revision }, `Saved revision ${saved.revision} of ${opened.name}.`);
    });

  const saveAsNew = (newName: string) =>
    attempt(async () => {
      const created = await api.createModel(workspaceId, newName, model, message.trim());
      onSaved({ modelId: created.id, name: created.name, revision: created.latestRevision }, `Saved ${created.name} to the workspace as a new model (revision ${created.latestRevision}).`);
    });

  return (
    <div data-testid="team-save">
      {opened && <p className="nhsuk-body-s">{edited ? `Edited since revision ${opened.revision} of ${opened.name}.` : `No edits since revision ${opened.revision} of ${opened.name}.`}</p>}
      <TextField id="team-save-message" label="What changed (saved with the revision)" value={message} onChange={setMessage} maxLength={500} />
      {conflict !== undefined && opened && (
        <TeamError title="Someone else saved this model first" message={`Revision ${conflict} of ${opened.name} was saved after the one you opened, so yours was not saved. Your edits are still on this page.`}>
          <div className="pf-button-row">
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => onReload(conflict)} data-testid="team-conflict-reload">
              Open revision {conflict} instead
            </button>
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void saveAsNew(`${opened.name} (my edits)`)} data-testid="team-conflict-new">
              Save my edits as a new model
            </button>
          </div>
        </TeamError>
      )}
      {error && <TeamError title="The model was not saved" message={error} />}
      <div className="pf-button-row">
        {opened && (
          <button type="button" className="nhsuk-button" onClick={() => void saveRevision()} disabled={busy || !edited} data-testid="team-save-revision">
            Save revision {opened.revision + 1}
          </button>
        )}
      </div>
      <TextField id="team-new-name" label="Name for a new model" value={name} onChange={setName} maxLength={200} />
      <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void saveAsNew(name.trim())} disabled={busy || !name.trim()} data-testid="team-save-new">
        Save as a new model
      </button>
    </div>
  );
}
