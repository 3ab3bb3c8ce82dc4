import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { createLocalUser, setDisabled, setMembership } from '../../../src/server/auth/accounts.js';
import { createApiToken } from '../../../src/server/auth/tokens.js';
import { LOGIN_REFUSED } from '../../../src/server/auth/authRoutes.js';
import type { SessionView, TokenView } from '../../../src/server/apiTypes.js';
import { authTestServer, cookieHeader } from './authTestApp.js';
import type { TestServer } from '../apiHarness.js';

const PASSWORD = 'correct horse battery staple';

describe.each(testDatabases)('local accounts, sessions, tokens and roles on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let app: TestServer['app'];

  beforeEach(async () => {
    database = await open();
    server = await authTestServer(database);
    app = server.app;
    await createLocalUser(database.db, { email: 'Ada@Example.NHS.uk', displayName: 'Ada', password: PASSWORD });
  }, 60_000);

  afterEach(async () => {
    await server.close();
    await database.close();
  });

  async function login(email = 'ada@example.nhs.uk', password = PASSWORD) {
    return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  }

  async function signedIn(): Promise<{ cookie: string; csrfToken: string; session: SessionView }> {
    const response = await login();
    expect(response.statusCode).toBe(200);
    const session = response.json() as SessionView;
    return { cookie: cookieHeader(response.headers['set-cookie'], 'pathflow_session'), csrfToken: session.csrfToken!, session };
  }

  it('signs in with the right password (any case of email), setting an HttpOnly, SameSite=Lax session cookie, and /auth/me knows who it is', async () => {
    const response = await login(' ADA@example.nhs.uk ');
    expect(response.statusCode).toBe(200);
    const view = response.json() as SessionView;
    expect(view.user).toMatchObject({ email: 'ada@example.nhs.uk', displayName: 'Ada' });
    expect(view.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = response.cookies.find((c) => c.name === 'pathflow_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The cookie lasts as long as its session: 12 hours from the session's creation.
    const session = await database.db.selectFrom('sessions').select(['created_at', 'expires_at']).executeTakeFirstOrThrow();
    expect(new Date(session.expires_at).getTime() - new Date(session.created_at).getTime()).toBe(12 * 3_600_000);
    expect(Math.floor(new Date(cookie.expires!).getTime() / 1000)).toBe(Math.floor(new Date(session.expires_at).getTime() / 1000));
    // The table holds a hash of the cookie, never the cookie itself.
    const stored = await database.db.selectFrom('sessions').select('id').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].id).not.toBe(cookie.value);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `pathflow_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: view.user, csrfToken: view.csrfToken, workspaces: [] });
  });

  it('refuses an unknown email, a wrong password and an account without a password with the same 401 words', async () => {
    await createLocalUser(database.db, { email: 'oidc-only@example.nhs.uk' });
    const answers = await Promise.all([login('nobody@example.nhs.uk'), login('ada@example.nhs.uk', 'wrong'), login('oidc-only@example.nhs.uk', 'anything')]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toEqual({ error: { message: LOGIN_REFUSED } });
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    expect(await database.db.selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('marks the session cookie Secure when the public address is https', async () => {
    const secure = await authTestServer(database, { publicUrl: 'https://pathflow.example.nhs.uk' });
    try {
      const response = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ada@example.nhs.uk', password: PASSWORD } });
      expect(response.cookies.find((c) => c.name === 'pathflow_session')).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await secure.close();
    }
  });

  it('refuses a password sign-in when local accounts are switched off, and says what sign-ins exist', async () => {
    const oidcOnly = await authTestServer(database, { localAccounts: false });
    try {
      const response = await oidcOnly.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ada@example.nhs.uk', password: PASSWORD } });
      expect(response.statusCode).toBe(403);
      expect((await oidcOnly.app.inject({ url: '/api/v1/auth/config' })).json()).toEqual({ local: false, oidc: null });
    } finally {
      await oidcOnly.close();
    }
    expect((await app.inject({ url: '/api/v1/auth/config' })).json()).toEqual({ local: true, oidc: null });
  });

  it('refuses an unsafe request on a cookie session without the CSRF header or with a wrong one, and accepts it with the right one', async () => {
    const { cookie, csrfToken } = await signedIn();
    const post = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: { cookie, ...headers } });
    const missing = await post({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.message).toMatch(/x-csrf-token/);
    const wrongSameLength = `${csrfToken.slice(0, -1)}${csrfToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await post({ 'x-csrf-token': wrongSameLength })).statusCode).toBe(403);
    expect((await post({ 'x-csrf-token': 'short' })).statusCode).toBe(403);
    const right = await post({ 'x-csrf-token': csrfToken });
    expect(right.statusCode).toBe(200);
    // A safe request needs no CSRF token.
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    // Nor does signing in again over a live session.
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie }, payload: { email: 'ada@example.nhs.uk', password: PASSWORD } })).statusCode).toBe(200);
  });

  it('ends the session at logout: the cookie no longer signs in', async () => {
    const { cookie, csrfToken } = await signedIn();
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'pathflow_session')?.value).toBe('');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await database.db.selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('does not accept an expired session, and a later sign-in removes it', async () => {
    const { cookie } = await signedIn();
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    // The next sign-in sweeps the dead session out of the table.
    await signedIn();
    expect(await database.db.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });

  it('makes an API token shown once, which works as a Bearer token without CSRF, records its use, and stops working when revoked', async () => {
    const { cookie, csrfToken } = await signedIn();
    const made = await app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { name: 'nightly script' } });
    expect(made.statusCode).toBe(201);
    const token = made.json() as TokenView;
    expect(token.token).toMatch(/^pf_[A-Za-z0-9_-]{43}$/);
    const bearer = { authorization: `Bearer ${token.token}` };
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ user: expect.objectContaining({ email: 'ada@example.nhs.uk' }), workspaces: [] });
    expect((await app.inject({ method: 'POST', url: '/api/v1/test/echo', headers: bearer })).statusCode).toBe(200);
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: bearer })).json() as TokenView[];
    expect(listed).toEqual([{ id: token.id, name: 'nightly script', createdAt: token.createdAt, lastUsedAt: expect.any(String) }]);
    expect(JSON.stringify(listed)).not.toContain(token.token);
    const stored = await database.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.token!.slice(3));

    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(revoked.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/API token is not valid/);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${token.id}`, headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(404);
    // (The harness made its workspace's owner first; only this person's entries are looked at.)
    const actions = (await database.db.selectFrom('audit').select('action').where('user_id', '=', me.json().user.id).orderBy('id').execute()).map((row) => row.action);
    expect(actions).toEqual(['auth.login', 'token.create', 'token.revoke']);
  });

  it('refuses a made-up token and another user\'s token id', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer pf_madeup' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    const other = await createLocalUser(database.db, { email: 'other@example.nhs.uk' });
    const theirs = await createApiToken(database.db, other.id, 'theirs');
    const { cookie, csrfToken } = await signedIn();
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${theirs.id}`, headers: { cookie, 'x-csrf-token': csrfToken } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${theirs.token}` } })).statusCode).toBe(200);
  });

  it("stops a disabled user's sessions and tokens working, and refuses their password", async () => {
    const { cookie, session } = await signedIn();
    const { token } = await createApiToken(database.db, session.user.id, 'script');
    await setDisabled(database.db, session.user.id, true);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    const again = await login();
    expect(again.statusCode).toBe(401);
    expect(again.json()).toEqual({ error: { message: LOGIN_REFUSED } });
    await setDisabled(database.db, session.user.id, false);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it('checks roles: 401 signed out, 404 for a non-member or a workspace that does not exist, 403 for too low a role, and lists workspaces with roles', async () => {
    const { session } = await signedIn();
    const { token } = await createApiToken(database.db, session.user.id, 'roles');
    const now = new Date().toISOString();
    await database.db.insertInto('workspaces').values([{ id: 'w-riverside', name: 'Riverside', created_at: now }, { id: 'w-hillside', name: 'Hillside', created_at: now }]).execute();
    await setMembership(database.db, 'w-riverside', session.user.id, 'viewer');
    const ask = (ws: string, role: string, headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
      app.inject({ method: 'POST', url: `/api/v1/test/workspaces/${ws}/needs/${role}`, headers });
    expect((await ask('w-riverside', 'viewer', {})).statusCode).toBe(401);
    expect((await ask('w-riverside', 'viewer')).json()).toEqual({ role: 'viewer' });
    const tooLow = await ask('w-riverside', 'editor');
    expect(tooLow.statusCode).toBe(403);
    expect(tooLow.json().error.message).toMatch(/editor/);
    const notMember = await ask('w-hillside', 'viewer');
    const missing = await ask('w-nowhere', 'viewer');
    expect(notMember.statusCode).toBe(404);
    expect(notMember.json()).toEqual(missing.json());
    // Changing a role replaces it, it does not add a second membership.
    await setMembership(database.db, 'w-riverside', session.user.id, 'admin');
    expect((await ask('w-riverside', 'editor')).json()).toEqual({ role: 'admin' });
    await setMembership(database.db, 'w-hillside', session.user.id, 'editor');
    const me = (await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).json() as SessionView;
    expect(me.workspaces).toEqual([
      { id: 'w-hillside', name: 'Hillside', role: 'editor' },
      { id: 'w-riverside', name: 'Riverside', role: 'admin' },
    ]);
  });

  it('limits password attempts to 10 a minute from one address, right ones included', async () => {
    for (let attempt = 1; attempt <= 10; attempt += 1) expect((await login('ada@example.nhs.uk', `guess ${attempt}`)).statusCode, `attempt ${attempt}`).toBe(401);
    const limited = await login();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.message).toMatch(/too many requests/);
  });

  it('guards the other parts\' routes too: a workspace is made with the CSRF token and refused without it', async () => {
    const { cookie, csrfToken } = await signedIn();
    const refused = await app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { cookie }, payload: { name: 'Riverside' } });
    expect(refused.statusCode).toBe(403);
    expect(await database.db.selectFrom('workspaces').select('name').where('name', '=', 'Riverside').execute()).toEqual([]);
    const made = await app.inject({ method: 'POST', url: '/api/v1/workspaces', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { name: 'Riverside' } });
    expect(made.statusCode).toBe(201);
  });

  it('refuses a login body that is not an email and password', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'ada@example.nhs.uk' } });
    expect(response.statusCode).toBe(400);
  });
});
