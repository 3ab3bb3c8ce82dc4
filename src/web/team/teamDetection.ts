/**
 * Whether the app was served by `pathflow serve` (team mode) or as static files.
 *
 * Asking /api/health straight away would answer 404 on every static host, and browsers
 * print a failed request in the console. So the app first asks again for its own page,
 * which any host that just served it serves again, and looks for the header the team
 * server puts on every response; only then does it ask /api/health.
 */
export const TEAM_SERVER_HEADER = 'x-pathflow-team';

export interface TeamHealth {
  ok: boolean;
  version: string;
  database: 'sqlite' | 'postgres';
  queue: 'in-process' | 'pg-boss';
}

export async function detectTeamServer(): Promise<TeamHealth | undefined> {
  try {
    const page = await fetch(location.pathname, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    if (!page.headers.has(TEAM_SERVER_HEADER)) return undefined;
    const health = await fetch('/api/health', { cache: 'no-store' });
    if (!health.ok) return undefined;
    const body = (await health.json()) as TeamHealth;
    return body.ok ? body : undefined;
  } catch {
    // Offline, or a host that refuses HEAD: the app works as it does without a server.
    return undefined;
  }
}
