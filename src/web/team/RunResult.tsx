/**
 * A finished server run's result: each node's first scenario from the stored summary.csv,
 * the very file `pathflow run` writes, with the file itself to download for the rest.
 */
import { useEffect, useState } from 'react';
import type { RunView } from '../../server/apiTypes.js';
import { parseSummary, type SummaryRow } from '../../report/runData.js';
import { formatTimestamp } from '../../report/format.js';
import { formatWhole } from '../format.js';
import { RESULT_MEASURES, shown as figure } from './measures.js';
import { API_BASE, runFilePath, type TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

function firstOfEachNode(rows: readonly SummaryRow[]): SummaryRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.node) && (seen.add(row.node), true));
}

export function RunResult({ api, workspaceId, run, onClose }: { api: TeamApi; workspaceId: string; run: RunView; onClose: () => void }) {
  const [rows, setRows] = useState<SummaryRow[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    api.runFile(workspaceId, run.id, 'summary.csv').then(
      (text) => current && setRows(parseSummary(text)),
      (problem: Error) => current && setError(problem.message),
    );
    return () => {
      current = false;
    };
  }, [api, workspaceId, run.id]);

  const shown = rows && firstOfEachNode(rows);
  return (
    <section className="pf-team-result" aria-labelledby="team-result-heading" data-testid="team-result">
      <h3 id="team-result-heading" className="nhsuk-heading-s">
        Result of the server run of {formatTimestamp(run.createdAt)} (revision {run.revision})
      </h3>
      {error && <TeamError title="The result could not be read" message={error} />}
      {shown && rows && (
        <>
          <div className="pf-team-scroll">
            <table className="nhsuk-table pf-team-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                Each node’s first scenario, {formatWhole(run.options.replications)} replications; all {formatWhole(rows.length)} scenarios are in summary.csv
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">Node</th>
                  <th scope="col" className="nhsuk-table__header">Scenario</th>
                  {RESULT_MEASURES.map((m) => (
                    <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric" key={m.column}>
                      {m.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {shown.map((row) => (
                  <tr className="nhsuk-table__row" key={row.scenario} data-scenario={row.scenario}>
                    <td className="nhsuk-table__cell">{row.node}</td>
                    <td className="nhsuk-table__cell">{row.label}</td>
                    {RESULT_MEASURES.map((m) => (
                      <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={m.column}>
                        {figure(m, row.values[m.column])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pf-button-row">
            <a className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" href={`${API_BASE}${runFilePath(workspaceId, run.id, 'summary.csv')}`} download="summary.csv" data-testid="team-result-summary">
              Download summary.csv
            </a>
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onClose}>
              Hide the result
            </button>
          </div>
        </>
      )}
    </section>
  );
}
