/**
 * The web app's team API client and team links, in Node with a stand-in fetch: what is
 * sent (same-origin cookies, the CSRF token on changes only) and what a refusal becomes
 * (the server's own message, its status and body kept for the caller, e.g. a 409's
 * latestRevision).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamApi, TeamApiError } from '../../src/web/team/teamApi.js';
import { teamModelAddress, teamModelLink } from '../../src/web/team/teamLink.js';
import type { SessionView } from '../../src/server/apiTypes.js';

interface Sent {
  url: string;
  init: RequestInit;
}

function answering(status: number, body?: unknown): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return sent;
}

const session: SessionView = { user: { id: 'u1', email: 'a@example.nhs.uk', displayName: 'A' }, csrfToken: 'csrf-123', workspaces: [] };
const headersOf = (sent: Sent) => sent.init.headers as Record<string, string>;

afterEach(() => vi.unstubAllGlobals());

describe('TeamApi', () => {
  it('sends the CSRF token on a change, never on a read, always with same-origin cookies', async () => {
    const api = new TeamApi();
    api.useSession(session);
    const sent = answering(200, []);
    await api.models('ws 1');
    await api.saveRevision('ws 1', 'm1', 2, { name: 'x' }, 'why');
    expect(sent[0].url).toBe('/api/v1/workspaces/ws%201/models');
    expect(headersOf(sent[0])['x-csrf-token']).toBeUndefined();
    expect(sent[1].init.method).toBe('POST');
    expect(headersOf(sent[1])['x-csrf-token']).toBe('csrf-123');
    expect(JSON.parse(sent[1].init.body as string)).toEqual({ baseRevision: 2, model: { name: 'x' }, message: 'why' });
    expect(sent.every((s) => s.init.credentials === 'same-origin')).toBe(true);
  });

  it('turns a refusal into the server message, keeping the status and the latest revision of a 409', async () => {
    const api = new TeamApi();
    answering(409, { error: { message: 'revision 3 is newer than your revision 2', latestRevision: 3 } });
    const refused = await api.saveRevision('w', 'm', 2, {}, '').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TeamApiError);
    expect((refused as TeamApiError).message).toBe('revision 3 is newer than your revision 2');
    expect((refused as TeamApiError).status).toBe(409);
    expect((refused as TeamApiError).body?.latestRevision).toBe(3);
  });

  it('says plainly when an answer has no ErrorBody, and when the server cannot be reached', async () => {
    const api = new TeamApi();
    answering(502);
    await expect(api.models('w')).rejects.toThrow(/^The team server answered 502/);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.models('w')).rejects.toThrow('The team server could not be reached');
  });

  it('reads nobody signed in (401 on /auth/me) as no session, and other failures as failures', async () => {
    const api = new TeamApi();
    answering(401, { error: { message: 'sign in first' } });
    expect(await api.session()).toBeUndefined();
    answering(500, { error: { message: 'internal error' } });
    await expect(api.session()).rejects.toThrow('internal error');
  });
});

describe('team links', () => {
  it('name the workspace and the model and read back, and a link without both is no team link', () => {
    const link = teamModelLink({ workspaceId: 'w&1', modelId: 'm=2' }, 'https://pathflow.example.nhs.uk', '/');
    expect(link).toBe('https://pathflow.example.nhs.uk/?workspace=w%261&model=m%3D2');
    expect(teamModelAddress(new URL(link).search)).toEqual({ workspaceId: 'w&1', modelId: 'm=2' });
    expect(teamModelAddress('?workspace=w1')).toBeUndefined();
    expect(teamModelAddress('')).toBeUndefined();
  });
});
