/**
 * The NHS error summary over the network editor while its draft fails the validator: the
 * changes are not used (by runs, links or exports) until every problem is fixed.
 */
import type { DraftProblems } from '../../networkModelEdits.js';

const SHOWN = 8;

export function DraftSummary({ problems, onDiscard }: { problems: DraftProblems; onDiscard: () => void }) {
  if (problems.ok) return null;
  const rest = problems.all.length - SHOWN;
  return (
    <div className="nhsuk-error-summary" role="alert" aria-labelledby="network-draft-title" data-testid="network-draft-problems">
      <h2 className="nhsuk-error-summary__title" id="network-draft-title">
        These changes are not used yet: fix {problems.all.length === 1 ? 'this problem' : `these ${problems.all.length} problems`}
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>Runs, share links and the workbook export use the model as it was before these changes.</p>
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {problems.all.slice(0, SHOWN).map((problem, i) => (
            <li key={i}>
              {problem.path ? `${problem.path}: ` : ''}
              {problem.message}
            </li>
          ))}
          {rest > 0 && <li>and {rest} more</li>}
        </ul>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onDiscard} data-testid="network-discard">
          Undo the changes not used
        </button>
      </div>
    </div>
  );
}
