/** One row of an NHS summary list (a label and its answer), as the plan results show their figures. */
import type { ReactNode } from 'react';

export function SummaryRow({ label, testId, children }: { label: ReactNode; testId?: string; children: ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
