/** Input refused: an NHS error summary with every problem, each naming its file and place. */
import { useEffect, useRef } from 'react';

export function ProblemList({ title, problems, testId }: { title: string; problems: string[]; testId?: string }) {
  const summary = useRef<HTMLDivElement>(null);
  // Focus moves to the summary, as the NHS pattern asks, so a screen reader hears it.
  useEffect(() => summary.current?.focus(), [problems]);
  return (
    <div className="nhsuk-error-summary" ref={summary} tabIndex={-1} data-testid={testId}>
      <div role="alert">
        <h3 className="nhsuk-error-summary__title">
          {title}: {problems.length} problem{problems.length === 1 ? '' : 's'}
        </h3>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list pf-issue-list">
            {problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
