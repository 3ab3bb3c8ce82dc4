/** A refusal or failure from the team server, in the NHS error summary, with the server's own words. */
import type { ReactNode } from 'react';

export function TeamError({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <div className="nhsuk-error-summary" role="alert" data-testid="team-error">
      <h3 className="nhsuk-error-summary__title">{title}</h3>
      <div className="nhsuk-error-summary__body">
        <p>{message}</p>
        {children}
      </div>
    </div>
  );
}
