/**
 * The opened model's server runs, newest first: who ran which revision with what, and how
 * it ended. A finished run's result can be shown; any two finished runs compared.
 */
import { useEffect, useState } from 'react';
import type { RunView } from '../../server/apiTypes.js';
import { formatTimestamp } from '../../report/format.js';
import { formatWhole } from '../format.js';
import type { TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

export interface RunHistoryProps {
  api: TeamApi;
  workspaceId: string;
  modelId: string;
  /** Changes when a run starts or ends, so the list is read again. */
  version: number;
  onShow: (run: RunView) => void;
  onCompare: (a: RunView, b: RunView) => void;
}

const STATUS_TAGS: Record<RunView['status'], { text: string; colour: string }> = {
  queued: { text: 'Waiting', colour: 'grey' },
  running: { text: 'Running', colour: 'blue' },
  succeeded: { text: 'Finished', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
  cancelled: { text: 'Cancelled', colour: 'orange' },
};

export function RunHistory({ api, workspaceId, modelId, version, onShow, onCompare }: RunHistoryProps) {
  const [runs, setRuns] = useState<RunView[]>();
  const [error, setError] = useState<string>();
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    api.runs(workspaceId, modelId).then(
      (list) => current && (setRuns([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))), setError(undefined)),
      (problem: Error) => current && setError(problem.message),
    );
    return () => {
      current = false;
    };
  }, [api, workspaceId, modelId, version]);

  if (error) return <TeamError title="The run history could not be read" message={error} />;
  if (!runs) return <p className="nhsuk-body-s">Reading the run history…</p>;
  if (runs.length === 0) return <p className="nhsuk-body-s">No server runs of this model yet.</p>;

  // The two most recently ticked are compared: ticking a third lets go of the oldest.
  const toggle = (id: string) => setChosen((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id].slice(-2)));
  const pair = chosen.map((id) => runs.find((run) => run.id === id)).filter((run): run is RunView => run !== undefined);
  return (
    <div data-testid="team-history">
      <table className="nhsuk-table pf-team-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Server runs of this model</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Started</th>
            <th scope="col" className="nhsuk-table__header">Revision</th>
            <th scope="col" className="nhsuk-table__header">Replications, seed</th>
            <th scope="col" className="nhsuk-table__header">Status</th>
            <th scope="col" className="nhsuk-table__header">Compare</th>
            <th scope="col" className="nhsuk-table__header">
              <span className="nhsuk-u-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {runs.map((run) => (
            <tr className="nhsuk-table__row" key={run.id} data-run-id={run.id}>
              <td className="nhsuk-table__cell">
                {formatTimestamp(run.createdAt)} by {run.createdBy.displayName}
              </td>
              <td className="nhsuk-table__cell">{run.revision}</td>
              <td className="nhsuk-table__cell">
                {formatWhole(run.options.replications)}, {run.options.seed}
              </td>
              <td className="nhsuk-table__cell">
                <strong className={`nhsuk-tag nhsuk-tag--${STATUS_TAGS[run.status].colour}`}>{STATUS_TAGS[run.status].text}</strong>
                {run.error && <span className="nhsuk-body-s pf-team-run-error"> {run.error}</span>}
              </td>
              <td className="nhsuk-table__cell">
                {run.status === 'succeeded' && (
                  <div className="nhsuk-checkboxes__item pf-team-check">
                    <input className="nhsuk-checkboxes__input" id={`compare-${run.id}`} type="checkbox" checked={chosen.includes(run.id)} onChange={() => toggle(run.id)} />
                    <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`compare-${run.id}`}>
                      <span className="nhsuk-u-visually-hidden">Compare the run of {formatTimestamp(run.createdAt)}</span>
                    </label>
                  </div>
                )}
              </td>
              <td className="nhsuk-table__cell">
                {run.status === 'succeeded' && (
                  <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small pf-team-inline" onClick={() => onShow(run)} aria-label={`Show the result of the run of ${formatTimestamp(run.createdAt)}`}>
                    Show result
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="nhsuk-button nhsuk-button--secondary" disabled={pair.length !== 2} onClick={() => onCompare(pair[0], pair[1])} data-testid="team-compare">
        Compare the two ticked runs
      </button>
    </div>
  );
}
