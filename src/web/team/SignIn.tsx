/** The team server's sign-in: an email and password form and, when configured, the organisation's single sign-on. */
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionView } from '../../server/apiTypes.js';
import { TextField } from '../components/FormField.js';
import { oidcSignInUrl, type SignInOptions, type TeamApi } from './teamApi.js';
import { TeamError } from './TeamError.js';

export function SignIn({ api, onSignedIn }: { api: TeamApi; onSignedIn: (session: SessionView) => void }) {
  const [options, setOptions] = useState<SignInOptions>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.signInOptions().then(setOptions, (problem: Error) => setError(problem.message));
  }, [api]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api.signIn(email.trim(), password));
    } catch (problem) {
      setError((problem as Error).message);
      setBusy(false);
    }
  };

  // Back to this page, query included, so a shared model's link still opens it after sign-in.
  const returnTo = `${location.pathname}${location.search}`;
  return (
    <section className="pf-panel pf-team-signin" aria-labelledby="team-signin-heading" data-testid="team-signin">
      <h2 id="team-signin-heading" className="nhsuk-heading-m">
        Sign in to your team workspace
      </h2>
      <p className="nhsuk-body-s">This Pathflow is hosted by your team: sign in to open, save and run the team's shared models. The rest of the page works without signing in.</p>
      {error && <TeamError title="You are not signed in" message={error} />}
      {options?.oidc && (
        <p>
          <a className="nhsuk-button" href={oidcSignInUrl(returnTo)} data-testid="team-oidc">
            {options.oidc.label}
          </a>
        </p>
      )}
      {options?.local && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <TextField id="team-email" label="Email address" type="email" autoComplete="username" value={email} onChange={setEmail} />
          <TextField id="team-password" label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
          <button type="submit" className="nhsuk-button" disabled={busy || !email || !password} data-testid="team-signin-submit">
            Sign in
          </button>
        </form>
      )}
    </section>
  );
}
