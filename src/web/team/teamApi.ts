/**
 * The team server's API as the web app calls it: same-origin requests with the session
 * cookie, the CSRF token on every unsafe request, and an error's own words (the server's
 * ErrorBody) kept for the planner to read. Types only come from the server, so no server
 * code reaches the browser bundle.
 */
import type { ErrorBody, ModelView, RevisionView, RunView, SessionView, WorkspaceView } from '../../server/apiTypes.js';

export const API_BASE = '/api/v1';

/** What GET /auth/config says a user may sign in with. */
export interface SignInOptions {
  local: boolean;
  oidc: { label: string } | null;
}

/** A refusal or failure, with the server's message (or a plain one when it sent none). */
export class TeamApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: ErrorBody['error'],
  ) {
    super(message);
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function errorOf(response: Response): Promise<TeamApiError> {
  const body = (await response.json().catch(() => undefined)) as ErrorBody | undefined;
  const message = body?.error?.message ?? `The team server answered ${response.status} ${response.statusText}`.trim();
  return new TeamApiError(response.status, message, body?.error);
}

export class TeamApi {
  private csrfToken: string | undefined;

  /** Sent on unsafe requests; a session's answer (sign-in, /auth/me) carries it. */
  useSession(session: SessionView | undefined): void {
    this.csrfToken = session?.csrfToken;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method) && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new TeamApiError(0, 'The team server could not be reached: check your connection and try again.');
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  async text(path: string): Promise<string> {
    const response = await fetch(`${API_BASE}${path}`, { credentials: 'same-origin' });
    if (!response.ok) throw await errorOf(response);
    return response.text();
  }

  signInOptions = () => this.request<SignInOptions>('GET', '/auth/config');

  /** The signed-in session, or undefined when nobody is signed in. */
  async session(): Promise<SessionView | undefined> {
    try {
      return await this.request<SessionView>('GET', '/auth/me');
    } catch (error) {
      if (error instanceof TeamApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  signIn = (email: string, password: string) => this.request<SessionView>('POST', '/auth/login', { email, password });
  signOut = () => this.request<void>('POST', '/auth/logout');

  createWorkspace = (name: string) => this.request<WorkspaceView>('POST', '/workspaces', { name });

  models = (workspaceId: string) => this.request<ModelView[]>('GET', `/workspaces/${enc(workspaceId)}/models`);
  model = (workspaceId: string, modelId: string) => this.request<ModelView>('GET', `/workspaces/${enc(workspaceId)}/models/${enc(modelId)}`);
  revision = (workspaceId: string, modelId: string, revision: number) =>
    this.request<RevisionView>('GET', `/workspaces/${enc(workspaceId)}/models/${enc(modelId)}/revisions/${revision}`);
  createModel = (workspaceId: string, name: string, model: unknown, message: string) =>
    this.request<ModelView>('POST', `/workspaces/${enc(workspaceId)}/models`, { name, model, message });
  saveRevision = (workspaceId: string, modelId: string, baseRevision: number, model: unknown, message: string) =>
    this.request<RevisionView>('POST', `/workspaces/${enc(workspaceId)}/models/${enc(modelId)}/revisions`, { baseRevision, model, message });

  startRun = (workspaceId: string, modelId: string, options: { revision: number; replications: number; seed: number }) =>
    this.request<RunView>('POST', `/workspaces/${enc(workspaceId)}/models/${enc(modelId)}/runs`, options);
  runs = (workspaceId: string, modelId: string) => this.request<RunView[]>('GET', `/workspaces/${enc(workspaceId)}/runs?modelId=${enc(modelId)}`);
  run = (workspaceId: string, runId: string) => this.request<RunView>('GET', `/workspaces/${enc(workspaceId)}/runs/${enc(runId)}`);
  cancelRun = (workspaceId: string, runId: string) => this.request<RunView>('POST', `/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/cancel`);
  runFile = (workspaceId: string, runId: string, name: string) => this.text(runFilePath(workspaceId, runId, name));
  compareRuns = <T>(workspaceId: string, a: string, b: string) => this.request<T>('GET', `/workspaces/${enc(workspaceId)}/runs/compare?a=${enc(a)}&b=${enc(b)}`);
}

const enc = encodeURIComponent;

export const runFilePath = (workspaceId: string, runId: string, name: string) => `/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/files/${enc(name)}`;
export const runEventsUrl = (workspaceId: string, runId: string) => `${API_BASE}/workspaces/${enc(workspaceId)}/runs/${enc(runId)}/events`;
export const oidcSignInUrl = (returnTo: string) => `${API_BASE}/auth/oidc/login?returnTo=${enc(returnTo)}`;
