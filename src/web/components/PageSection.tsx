/**
 * A titled section of a page: an NHS level-2 heading that labels the section for assistive
 * technology, written once for every panel of the app.
 */
import type { ReactNode } from 'react';

export function PageSection({ id, heading, className, testId, children }: { id: string; heading: ReactNode; className?: string; testId?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={className ? `pf-section ${className}` : 'pf-section'} data-testid={testId}>
      <h2 id={id} className="nhsuk-heading-m">
        {heading}
      </h2>
      {children}
    </section>
  );
}
