/**
 * Team mode's entry point. Served by `pathflow serve`, the page gains a team workspace
 * panel: sign in, open and save the team's models, run them on the server. Served as
 * static files it renders nothing and the page is exactly as without a server.
 */
import { useEffect, useMemo, useState } from 'react';
import type { SessionView } from '../../server/apiTypes.js';
import type { ModelSpec } from '../../engine/model.js';
import { detectTeamServer, type TeamHealth } from './teamDetection.js';
import { TeamApi } from './teamApi.js';
import { SignIn } from './SignIn.js';
import { TeamWorkspace } from './TeamWorkspace.js';
import { TeamError } from './TeamError.js';

export interface TeamModeProps {
  /** The page's model: what is saved and run. */
  model?: ModelSpec;
  /** The page's replications and seed, when both are valid. */
  runOptions?: { replications: number; seed: number };
  /** Puts a team model on the page (asking first when that would drop edits). */
  onOpen: (model: ModelSpec, source: string) => void;
  /** The page's model is now saved on the server: replacing it would drop nothing. */
  onSaved: (model: ModelSpec, source: string) => void;
}

export function TeamMode(props: TeamModeProps) {
  const api = useMemo(() => new TeamApi(), []);
  const [health, setHealth] = useState<TeamHealth>();
  // undefined: not asked yet; null: nobody signed in.
  const [session, setSession] = useState<SessionView | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    void detectTeamServer().then(async (found) => {
      if (!current || !found) return;
      setHealth(found);
      try {
        const signedIn = await api.session();
        api.useSession(signedIn);
        if (current) setSession(signedIn ?? null);
      } catch (problem) {
        if (current) setError((problem as Error).message);
      }
    });
    return () => {
      current = false;
    };
  }, [api]);

  const signedIn = (next: SessionView) => {
    api.useSession(next);
    setSession(next);
  };
  const signOut = async () => {
    try {
      await api.signOut();
      api.useSession(undefined);
      setSession(null);
    } catch (problem) {
      setError((problem as Error).message);
    }
  };

  const reread = async () => {
    try {
      const next = await api.session();
      api.useSession(next);
      setSession(next ?? null);
    } catch (problem) {
      setError((problem as Error).message);
    }
  };

  if (!health) return null;
  if (error) return <TeamError title="The team server could not be reached" message={error} />;
  if (session === undefined) return <p className="nhsuk-body-s">Connecting to the team server…</p>;
  if (session === null) return <SignIn api={api} onSignedIn={signedIn} />;
  return <TeamWorkspace {...props} api={api} session={session} health={health} onSignOut={() => void signOut()} onSessionChanged={() => void reread()} />;
}
