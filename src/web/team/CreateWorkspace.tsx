/** A new workspace for a team, made by a signed-in user who becomes its admin. */
import { useState, type FormEvent } from 'react';
import { TextField } from '../components/FormField.js';
import type { TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

export function CreateWorkspace({ api, onCreated }: { api: TeamApi; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.createWorkspace(name.trim());
      onCreated();
    } catch (problem) {
      setError((problem as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="team-create-workspace">
      <p className="nhsuk-body">You are not a member of any workspace yet: ask your team’s admin to add you, or start one for your team (you will be its admin).</p>
      {error && <TeamError title="The workspace was not made" message={error} />}
      <TextField id="team-workspace-name" label="Name of the new workspace" value={name} onChange={setName} maxLength={200} />
      <button type="submit" className="nhsuk-button nhsuk-button--secondary" disabled={busy || !name.trim()}>
        Start a workspace
      </button>
    </form>
  );
}
