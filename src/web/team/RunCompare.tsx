/**
 * Two server runs side by side, as the server's compare route sets them: per node-scenario,
 * each run's figure for the chosen measure and the change from A to B.
 */
import { useEffect, useState } from 'react';
import type { RunComparison, RunView } from '../../server/apiTypes.js';
import { formatTimestamp } from '../../report/format.js';
import { formatWhole } from '../format.js';
import type { TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';
import { measureOf, shown } from './measures.js';

export function RunCompare({ api, workspaceId, a, b, onClose }: { api: TeamApi; workspaceId: string; a: RunView; b: RunView; onClose: () => void }) {
  const [comparison, setComparison] = useState<RunComparison>();
  const [error, setError] = useState<string>();
  const [column, setColumn] = useState('delayed_bed_days');

  useEffect(() => {
    let current = true;
    api.compareRuns<RunComparison>(workspaceId, a.id, b.id).then(
      (answer) => current && setComparison(answer),
      (problem: Error) => current && setError(problem.message),
    );
    return () => {
      current = false;
    };
  }, [api, workspaceId, a.id, b.id]);

  const name = (run: RunView) => `revision ${run.revision}, ${formatTimestamp(run.createdAt)}, ${formatWhole(run.options.replications)} replications, seed ${run.options.seed}`;
  const metrics = comparison?.metrics ?? [];
  const measure = measureOf(metrics.includes(column as never) ? column : (metrics[0] ?? column));
  return (
    <section className="pf-team-result" aria-labelledby="team-compare-heading" data-testid="team-comparison">
      <h3 id="team-compare-heading" className="nhsuk-heading-s">
        Two server runs compared
      </h3>
      <ul className="nhsuk-list nhsuk-body-s">
        <li>A: {name(a)}</li>
        <li>B: {name(b)}</li>
      </ul>
      {error && <TeamError title="The runs could not be compared" message={error} />}
      {comparison && (
        <>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="team-compare-measure">
              Measure
            </label>
            <select className="nhsuk-select" id="team-compare-measure" value={measure.column} onChange={(e) => setColumn(e.target.value)}>
              {metrics.map((metric) => (
                <option key={metric} value={metric}>
                  {measureOf(metric).label}
                </option>
              ))}
            </select>
          </div>
          <div className="pf-team-scroll">
            <table className="nhsuk-table pf-team-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                {measure.label} by node and scenario ({formatWhole(comparison.rows.length)})
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">Node</th>
                  <th scope="col" className="nhsuk-table__header">Scenario</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">A</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">B</th>
                  <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">B − A</th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {comparison.rows.map((row) => (
                  <tr className="nhsuk-table__row" key={row.scenario} data-scenario={row.scenario}>
                    <td className="nhsuk-table__cell">{row.node}</td>
                    <td className="nhsuk-table__cell">{row.label}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{shown(measure, row.a?.[measure.column as keyof typeof row.a])}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{shown(measure, row.b?.[measure.column as keyof typeof row.b])}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{shown(measure, row.difference?.[measure.column as keyof typeof row.difference])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onClose}>
        Hide the comparison
      </button>
    </section>
  );
}
