/**
 * Running the opened team model on the server: the saved revision, with the page's
 * replications and seed. Progress comes as server-sent events until the run ends; the run
 * goes on without the page, so closing it loses nothing (the run history shows it).
 */
import { useEffect, useRef, useState } from 'react';
import type { RunEvent, RunView } from '../../server/apiTypes.js';
import { runEventsUrl, type TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';
import type { OpenedTeamModel } from './openedModel.js';

export interface ServerRunProps {
  api: TeamApi;
  workspaceId: string;
  opened?: OpenedTeamModel;
  edited: boolean;
  canEdit: boolean;
  options?: { replications: number; seed: number };
  onStarted: (run: RunView) => void;
  onFinished: (run: RunView) => void;
}

const ENDED = new Set<RunEvent['status']>(['succeeded', 'failed', 'cancelled']);

export function ServerRun({ api, workspaceId, opened, edited, canEdit, options, onStarted, onFinished }: ServerRunProps) {
  const [running, setRunning] = useState<{ run: RunView; event: RunEvent }>();
  const [error, setError] = useState<string>();
  const events = useRef<EventSource | null>(null);
  useEffect(() => () => events.current?.close(), []);

  const follow = (run: RunView) => {
    setRunning({ run, event: { status: run.status, progress: run.progress } });
    const source = new EventSource(runEventsUrl(workspaceId, run.id));
    events.current = source;
    source.addEventListener('run', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as RunEvent;
      setRunning({ run, event });
      if (!ENDED.has(event.status)) return;
      // Closed here, before the server ends the stream, or the browser would reconnect.
      source.close();
      api.run(workspaceId, run.id).then(
        (finished) => {
          setRunning(undefined);
          onFinished(finished);
        },
        (problem: Error) => setError(problem.message),
      );
    });
  };

  const start = async () => {
    if (!opened || !options) return;
    setError(undefined);
    try {
      // Only what a server run takes: the Run panel's state holds the whole saved model too,
      // and the server refuses fields it does not take.
      const run = await api.startRun(workspaceId, opened.modelId, { revision: opened.revision, replications: options.replications, seed: options.seed });
      onStarted(run);
      follow(run);
    } catch (problem) {
      setError((problem as Error).message);
    }
  };

  const cancel = async () => {
    if (!running) return;
    try {
      await api.cancelRun(workspaceId, running.run.id);
    } catch (problem) {
      setError((problem as Error).message);
    }
  };

  const why = !canEdit
    ? 'Running on the server needs the editor role.'
    : !opened
      ? 'Open a team model, or save this one, to run it on the server.'
      : edited
        ? 'Save your edits first: the server runs a saved revision.'
        : !options
          ? 'Correct the replications and seed above first.'
          : undefined;
  const percent = running ? Math.round(100 * running.event.progress) : 0;
  return (
    <div data-testid="team-run">
      {why ? (
        <p className="nhsuk-body-s">{why}</p>
      ) : (
        <p className="nhsuk-body-s">
          Runs revision {opened?.revision} of {opened?.name} on the server with {options?.replications} replications and seed {options?.seed} (the Run panel’s).
        </p>
      )}
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button" onClick={() => void start()} disabled={why !== undefined || running !== undefined} data-testid="team-run-start">
          Run on the server
        </button>
        {running && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void cancel()} data-testid="team-run-cancel">
            Cancel the run
          </button>
        )}
      </div>
      {running && (
        <div className="pf-progress">
          <label htmlFor="team-run-progress" className="nhsuk-label">
            {running.event.status === 'queued' ? 'Waiting for a worker…' : `Progress: ${percent}%`}
          </label>
          <progress id="team-run-progress" max={100} value={percent} data-testid="team-run-progress" />
        </div>
      )}
      {error && <TeamError title="The server run failed" message={error} />}
    </div>
  );
}
