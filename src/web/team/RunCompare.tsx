/**
 * Two server runs side by side, as the server's compare route sets them: per scenario, each
 * run's figures and the change from the first to the second.
 */
import { useEffect, useState } from 'react';
import type { RunView } from '../../server/apiTypes.js';
import { formatTimestamp } from '../../report/format.js';
import { formatOne, formatPounds, formatWhole } from '../format.js';
import type { TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

/** What GET /runs/compare answers (apiTypes.ts). */
interface RunComparisonRow {
  scenario: string;
  a?: Record<string, number>;
  b?: Record<string, number>;
}
interface RunComparison {
  a: RunView;
  b: RunView;
  scenarios: RunComparisonRow[];
}

const MEASURES: { column: string; label: string; format: (x: number) => string }[] = [
  { column: 'mean_delayed', label: 'Mean delayed', format: formatOne },
  { column: 'delayed_bed_days', label: 'Delayed bed days', format: formatWhole },
  { column: 'total_cost', label: 'Total cost', format: formatPounds },
];

const figure = (format: (x: number) => string, x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : format(x));

export function RunCompare({ api, workspaceId, a, b, onClose }: { api: TeamApi; workspaceId: string; a: RunView; b: RunView; onClose: () => void }) {
  const [comparison, setComparison] = useState<RunComparison>();
  const [error, setError] = useState<string>();
  const [measure, setMeasure] = useState(MEASURES[0]);

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

  const name = (run: RunView) => `revision ${run.revision}, ${formatTimestamp(run.createdAt)}`;
  return (
    <section className="pf-team-result" aria-labelledby="team-compare-heading" data-testid="team-comparison">
      <h3 id="team-compare-heading" className="nhsuk-heading-s">
        Compare: A is {name(a)}; B is {name(b)}
      </h3>
      {error && <TeamError title="The runs could not be compared" message={error} />}
      {comparison && (
        <>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="team-compare-measure">
              Measure
            </label>
            <select className="nhsuk-select" id="team-compare-measure" value={measure.column} onChange={(e) => setMeasure(MEASURES.find((m) => m.column === e.target.value) ?? MEASURES[0])}>
              {MEASURES.map((m) => (
                <option key={m.column} value={m.column}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <table className="nhsuk-table pf-team-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              {measure.label} by scenario ({formatWhole(comparison.scenarios.length)} scenarios)
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Scenario</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">A</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">B</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">B − A</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {comparison.scenarios.map((row) => {
                const before = row.a?.[measure.column];
                const after = row.b?.[measure.column];
                return (
                  <tr className="nhsuk-table__row" key={row.scenario} data-scenario={row.scenario}>
                    <td className="nhsuk-table__cell">{row.scenario}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(measure.format, before)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(measure.format, after)}</td>
                    <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{before === undefined || after === undefined ? '–' : figure(measure.format, after - before)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onClose}>
        Hide the comparison
      </button>
    </section>
  );
}
