import { createServer } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { createLocalUser, setDisabled, setMembership } from '../../../src/server/auth/accounts.js';
import { safeReturnTo } from '../../../src/server/auth/oidcRoutes.js';
import type { SessionView } from '../../../src/server/apiTypes.js';
import { authTestServer } from './authTestApp.js';
import type { TestServer } from '../apiHarness.js';
import { startTestProvider, type TestAccount, type TestProvider } from './oidcTestProvider.js';
import { CookieJar, redirectTarget, visit } from './browserLike.js';

const ACCOUNT: TestAccount = { login: 'ada', password: 'provider password', subject: 'entra-object-id-1234', email: 'ada.lovelace@example.nhs.uk', name: 'Ada Lovelace' };

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.each(testDatabases)('signing in with OpenID Connect against a real provider on loopback, on $name', ({ open }) => {
  let database: ServerDatabase;
  let provider: TestProvider;
  let server: TestServer;
  let publicUrl: string;

  beforeAll(async () => {
    database = await open();
    publicUrl = `http://127.0.0.1:${await freePort()}`;
    provider = await startTestProvider(ACCOUNT, `${publicUrl}/api/v1/auth/oidc/callback`);
    server = await authTestServer(database, {
      publicUrl,
      localAccounts: false,
      oidc: { issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'Sign in with Example NHS' },
    });
    await server.app.listen({ host: '127.0.0.1', port: Number(new URL(publicUrl).port) });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await provider?.close();
    await database?.close();
  });

  /** Starts a sign-in at Pathflow and goes through the provider's login and consent pages; returns the callback address the provider sent the browser to. */
  async function throughProvider(jar: CookieJar, returnTo: string): Promise<URL> {
    const start = `${publicUrl}/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
    const started = await visit(jar, start);
    expect(started.status).toBe(302);
    expect(jar.get(publicUrl, 'pathflow_oidc')).toBeDefined();
    const authorize = redirectTarget(started, start);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    let address = authorize;
    for (let hop = 0; hop < 12; hop += 1) {
      const response = await visit(jar, address);
      if (response.status >= 300 && response.status < 400) {
        address = redirectTarget(response, address);
        if (address.origin === publicUrl) return address;
        continue;
      }
      expect(response.status, await response.clone().text()).toBe(200);
      const html = await response.text();
      const action = /<form method="post" action="([^"]+)"/.exec(html)![1];
      const form: Record<string, string> = html.includes('name="password"') ? { login: ACCOUNT.login, password: ACCOUNT.password } : {};
      const submitted = await visit(jar, new URL(action, address), { method: 'POST', form });
      address = redirectTarget(submitted, address);
    }
    throw new Error('the provider never sent the browser back');
  }

  it('goes through the provider\'s login and consent, lands signed in on the page asked for, and links the account an admin added by email', async () => {
    const invited = await createLocalUser(database.db, { email: ACCOUNT.email.toUpperCase() });
    await database.db.insertInto('workspaces').values({ id: 'w-bnssg', name: 'BNSSG planning', created_at: new Date().toISOString() }).execute();
    await setMembership(database.db, 'w-bnssg', invited.id, 'editor');

    expect(await (await fetch(`${publicUrl}/api/v1/auth/config`)).json()).toEqual({ local: false, oidc: { label: 'Sign in with Example NHS' } });
    const jar = new CookieJar();
    const callback = await throughProvider(jar, '/team/models/42?tab=runs');
    expect(callback.pathname).toBe('/api/v1/auth/oidc/callback');
    expect(callback.searchParams.get('code')).toBeTruthy();
    const landed = await visit(jar, callback);
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/team/models/42?tab=runs');
    expect(jar.get(publicUrl, 'pathflow_oidc')).toBeUndefined();
    const sessionCookie = landed.headers.getSetCookie().find((line) => line.startsWith('pathflow_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);

    const me = await visit(jar, `${publicUrl}/api/v1/auth/me`);
    expect(me.status).toBe(200);
    const view = (await me.json()) as SessionView;
    expect(view.user).toEqual({ id: invited.id, email: ACCOUNT.email, displayName: ACCOUNT.email });
    expect(view.workspaces).toEqual([{ id: 'w-bnssg', name: 'BNSSG planning', role: 'editor' }]);
    expect(view.csrfToken).toBeTruthy();
    const linked = await database.db.selectFrom('users').select(['oidc_issuer', 'oidc_subject']).where('id', '=', invited.id).executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: provider.issuer, oidc_subject: ACCOUNT.subject });

    // A second sign-in finds the same user by issuer and subject; the provider remembers the login and consent.
    const again = new CookieJar();
    const secondLanding = await visit(again, await throughProvider(again, '/'));
    expect(secondLanding.headers.get('location')).toBe('/');
    expect(((await (await visit(again, `${publicUrl}/api/v1/auth/me`)).json()) as SessionView).user.id).toBe(invited.id);
    expect(await database.db.selectFrom('users').select('id').where('email', '=', ACCOUNT.email).execute()).toHaveLength(1);
    const logins = await database.db.selectFrom('audit').select(['action', 'detail']).where('action', '=', 'auth.login').execute();
    expect(logins).toHaveLength(2);
    expect(JSON.parse(logins[0].detail)).toEqual({ method: 'oidc', issuer: provider.issuer });
  }, 60_000);

  it('refuses a callback whose state was tampered with, or whose signed cookie was, and signs nobody in', async () => {
    const jar = new CookieJar();
    const callback = await throughProvider(jar, '/');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const pendingCookie = jar.get(publicUrl, 'pathflow_oidc')!;
    const refused = await visit(jar, tampered);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/sign-in could not be completed/);
    expect(refused.headers.getSetCookie().some((line) => line.startsWith('pathflow_session=') && !line.startsWith('pathflow_session=;'))).toBe(false);
    expect((await visit(jar, `${publicUrl}/api/v1/auth/me`)).status).toBe(401);

    // The same sign-in with its state changed inside the cookie instead: the signature no longer matches.
    const [payload, signature] = pendingCookie.split('.');
    const pending = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...pending, returnTo: '/elsewhere' })).toString('base64url')}.${signature}`;
    jar.set(publicUrl, 'pathflow_oidc', forged);
    const forgedAnswer = await visit(jar, callback);
    expect(forgedAnswer.status).toBe(400);
    expect(((await forgedAnswer.json()) as { error: { message: string } }).error.message).toMatch(/not started here/);
    // And with no cookie at all (a callback opened in another browser).
    expect((await visit(new CookieJar(), callback)).status).toBe(400);
  }, 60_000);

  it('refuses a disabled user at the callback', async () => {
    const user = await database.db.selectFrom('users').select('id').where('oidc_subject', '=', ACCOUNT.subject).executeTakeFirstOrThrow();
    await setDisabled(database.db, user.id, true);
    try {
      const jar = new CookieJar();
      const answer = await visit(jar, await throughProvider(jar, '/'));
      expect(answer.status).toBe(403);
      expect((await visit(jar, `${publicUrl}/api/v1/auth/me`)).status).toBe(401);
    } finally {
      await setDisabled(database.db, user.id, false);
    }
  }, 60_000);
});

describe('where a sign-in may return to', () => {
  it('is a path on this server only', () => {
    expect(safeReturnTo('/team/models/1?x=2#y')).toBe('/team/models/1?x=2#y');
    for (const outside of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', undefined, ['/a']]) {
      expect(safeReturnTo(outside)).toBe('/');
    }
  });
});
