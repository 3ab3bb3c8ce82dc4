/** A link to the opened team model for a colleague: it holds no model, so it opens only after they sign in. */
import { useState } from 'react';
import { teamModelLink, type TeamModelAddress } from './teamLink.js';

export function ShareTeamLink({ address }: { address: TeamModelAddress }) {
  const [link, setLink] = useState<string>();
  const [copied, setCopied] = useState(false);

  const make = async () => {
    const next = teamModelLink(address);
    setLink(next);
    try {
      await navigator.clipboard.writeText(next);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="pf-team-share">
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => void make()} data-testid="team-share">
        Copy a team link to this model
      </button>
      {link && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="team-share-link">
            {copied ? 'Copied. ' : ''}Team link (opens the model after signing in; only workspace members can)
          </label>
          <input className="nhsuk-input" id="team-share-link" readOnly value={link} onFocus={(e) => e.target.select()} data-testid="team-share-link" />
        </div>
      )}
    </div>
  );
}
