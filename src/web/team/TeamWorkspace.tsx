/**
 * The signed-in team panel: the workspace's models, saving the page's model to it, running
 * it on the server, its run history, and a link for a colleague.
 */
import { useEffect, useRef, useState } from 'react';
import type { RunView, SessionView } from '../../server/apiTypes.js';
import type { ModelSpec } from '../../engine/model.js';
import { roleAtLeast } from './roles.js';
import type { TeamApi } from './teamApi.js';
import type { TeamHealth } from './teamDetection.js';
import { forgetTeamModelAddress, teamModelAddress } from './teamLink.js';
import { useTeamModel } from './useTeamModel.js';
import { ModelList } from './ModelList.js';
import { SaveModel } from './SaveModel.js';
import { ServerRun } from './ServerRun.js';
import { RunHistory } from './RunHistory.js';
import { RunResult } from './RunResult.js';
import { RunCompare } from './RunCompare.js';
import { ShareTeamLink } from './ShareTeamLink.js';
import { TeamError } from './TeamError.js';
import { CreateWorkspace } from './CreateWorkspace.js';
import { SelectField } from '../components/FormField.js';

export interface TeamWorkspaceProps {
  api: TeamApi;
  session: SessionView;
  health: TeamHealth;
  model?: ModelSpec;
  runOptions?: { replications: number; seed: number };
  onOpen: (model: ModelSpec, source: string) => void;
  onSaved: (model: ModelSpec, source: string) => void;
  onSignOut: () => void;
  /** The session's workspaces changed: read it again. */
  onSessionChanged: () => void;
}

export function TeamWorkspace({ api, session, health, model, runOptions, onOpen, onSaved, onSignOut, onSessionChanged }: TeamWorkspaceProps) {
  // Read once: opening the model drops it from the address.
  const [linked] = useState(() => teamModelAddress(location.search));
  const linkedMember = linked !== undefined && session.workspaces.some((w) => w.id === linked.workspaceId);
  const [chosenWorkspace, setWorkspaceId] = useState(linkedMember ? linked.workspaceId : undefined);
  // The first workspace until one is chosen, and again if the chosen one is no longer the user's.
  const workspaceId = session.workspaces.find((w) => w.id === chosenWorkspace)?.id ?? session.workspaces[0]?.id ?? '';
  const [listVersion, setListVersion] = useState(0);
  const [runVersion, setRunVersion] = useState(0);
  const [shown, setShown] = useState<{ run: RunView } | { pair: [RunView, RunView] }>();
  const [status, setStatus] = useState('');
  const team = useTeamModel(api, workspaceId, model, onOpen);
  const workspace = session.workspaces.find((w) => w.id === workspaceId);
  const canEdit = workspace !== undefined && roleAtLeast(workspace.role, 'editor');

  // A shared link opens its model once, after sign-in; a workspace the user is not in is said so.
  const { open } = team;
  const linkError = linked && !linkedMember ? 'The link is to a model in a workspace you are not a member of: ask its admin to add you.' : undefined;
  const linkFollowed = useRef(false);
  useEffect(() => {
    if (!linked || linkFollowed.current) return;
    linkFollowed.current = true;
    forgetTeamModelAddress();
    if (linkedMember) void open(linked.modelId);
  }, [linked, linkedMember, open]);

  return (
    <section className="pf-team" aria-labelledby="team-heading" data-testid="team-workspace">
      <div className="pf-team-bar">
        <h2 id="team-heading" className="nhsuk-heading-m">
          Team workspace
        </h2>
        <p className="nhsuk-body-s" data-testid="team-user">
          Signed in as {session.user.displayName} ({session.user.email}).{' '}
          <button type="button" className="pf-link-button" onClick={onSignOut} data-testid="team-signout">
            Sign out
          </button>
        </p>
      </div>
      {session.workspaces.length === 0 ? (
        <CreateWorkspace api={api} onCreated={onSessionChanged} />
      ) : (
        <>
          {session.workspaces.length > 1 && (
            <SelectField id="team-workspace" label="Workspace" value={workspaceId} onChange={setWorkspaceId}>
              {session.workspaces.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.name} ({w.role})
                </option>
              ))}
            </SelectField>
          )}
          {linkError && <TeamError title="The shared model could not be opened" message={linkError} />}
          {team.openError && <TeamError title="The model could not be opened" message={team.openError} />}
          <div className="pf-panels pf-team-panels">
            <div className="pf-panel">
              <ModelList api={api} workspaceId={workspaceId} version={listVersion} openedId={team.opened?.modelId} onOpen={(m) => void open(m.id)} />
            </div>
            <div className="pf-panel">
              <h3 className="nhsuk-heading-s">Save to the workspace</h3>
              {model && (
                <SaveModel
                  api={api}
                  workspaceId={workspaceId}
                  canEdit={canEdit}
                  model={model}
                  opened={team.opened}
                  edited={team.edited}
                  onSaved={(saved, message) => {
                    team.saved({ ...saved, spec: model });
                    onSaved(model, `${saved.name}, revision ${saved.revision}, from the team workspace`);
                    setListVersion((v) => v + 1);
                    setStatus(message);
                  }}
                  onReload={(revision) => void open(team.opened!.modelId, revision)}
                />
              )}
            </div>
            <div className="pf-panel">
              <h3 className="nhsuk-heading-s">Run on the server</h3>
              <ServerRun
                api={api}
                workspaceId={workspaceId}
                opened={team.opened}
                edited={team.edited}
                canEdit={canEdit}
                options={runOptions}
                onStarted={() => setRunVersion((v) => v + 1)}
                onFinished={(run) => {
                  setRunVersion((v) => v + 1);
                  setStatus(run.status === 'succeeded' ? 'The server run finished.' : `The server run ${run.status === 'failed' ? `failed: ${run.error ?? 'no reason given'}` : 'was cancelled'}.`);
                  if (run.status === 'succeeded') setShown({ run });
                }}
              />
              {team.opened && <ShareTeamLink address={{ workspaceId, modelId: team.opened.modelId }} />}
            </div>
          </div>
          <p className="nhsuk-body-s pf-status" role="status" aria-live="polite" data-testid="team-status">
            {status}
          </p>
          {team.opened && (
            <RunHistory api={api} workspaceId={workspaceId} modelId={team.opened.modelId} version={runVersion} onShow={(run) => setShown({ run })} onCompare={(a, b) => setShown({ pair: [a, b] })} />
          )}
          {shown && 'run' in shown && <RunResult key={shown.run.id} api={api} workspaceId={workspaceId} run={shown.run} onClose={() => setShown(undefined)} />}
          {shown && 'pair' in shown && <RunCompare api={api} workspaceId={workspaceId} a={shown.pair[0]} b={shown.pair[1]} onClose={() => setShown(undefined)} />}
        </>
      )}
      <p className="nhsuk-body-s pf-team-server">
        Team server: Pathflow {health.version}, {health.database === 'postgres' ? 'PostgreSQL' : 'SQLite'} database.
      </p>
    </section>
  );
}
