/**
 * Signing in with OpenID Connect (an NHS organisation's Microsoft Entra ID): the
 * authorization code flow with PKCE, state and nonce (openid-client). What the callback
 * must check comes back in a short-lived, signed, HttpOnly cookie, so any server process
 * holding the same secret can finish a sign-in another began.
 */
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import { HttpError } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { recordAudit } from '../storage/audit.js';
import { cookiesSecure, type AuthOptions, type OidcOptions } from './authOptions.js';
import { createSession } from './sessions.js';
import { setSessionCookie } from './authRoutes.js';
import { signValue, unsignValue } from './signedCookie.js';
import { identityFromClaims, userForIdentity } from './oidcUser.js';

const PENDING_COOKIE = 'pathflow_oidc';
const CALLBACK_PATH = 'api/v1/auth/oidc/callback';
/** Long enough to type a password and approve a prompt; short enough that a left cookie is soon useless. */
const PENDING_MINUTES = 10;

interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expires: number;
}

/** Only a path on this server: `//elsewhere` or `https://...` would send a signed-in user to another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

function callbackUrl(publicUrl: string): URL {
  return new URL(CALLBACK_PATH, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
}

function isLoopback(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** Discovered once and kept; a failed discovery is tried again at the next sign-in. */
function providerConfiguration(oidc: OidcOptions): () => Promise<client.Configuration> {
  let found: Promise<client.Configuration> | undefined;
  return () => {
    const issuer = new URL(oidc.issuer);
    // Plain http only to a provider on this machine (tests, a local trial); never across a network.
    const execute = issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [];
    found ??= client.discovery(issuer, oidc.clientId, undefined, oidc.clientSecret ? client.ClientSecretPost(oidc.clientSecret) : client.None(), { execute }).catch((error: unknown) => {
      found = undefined;
      throw new HttpError(502, `could not reach the sign-in provider at ${oidc.issuer}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return found;
  };
}

function readPending(secret: string, text: string | undefined): PendingSignIn {
  const value = text ? (unsignValue(secret, text) as PendingSignIn | undefined) : undefined;
  if (!value || typeof value.state !== 'string' || !(value.expires > Date.now())) {
    throw new HttpError(400, 'this sign-in was not started here or took too long; start again from the sign-in page');
  }
  return value;
}

export async function oidcRoutes(app: FastifyInstance, { database, options }: { database: ServerDatabase; options: AuthOptions }): Promise<void> {
  const oidc = options.oidc!;
  const publicUrl = options.publicUrl!;
  const secret = options.cookieSecret!;
  const configuration = providerConfiguration(oidc);
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/api/v1/auth/oidc', secure: cookiesSecure(options) };

  app.get<{ Querystring: { returnTo?: string } }>(
    '/auth/oidc/login',
    { schema: { tags: ['auth'], summary: `Start signing in with ${oidc.label}: redirects to the provider`, querystring: { type: 'object', properties: { returnTo: { type: 'string' } } } } },
    async (request, reply) => {
      const config = await configuration();
      const pending: PendingSignIn = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
        returnTo: safeReturnTo(request.query.returnTo),
        expires: Date.now() + PENDING_MINUTES * 60_000,
      };
      const target = client.buildAuthorizationUrl(config, {
        redirect_uri: callbackUrl(publicUrl).toString(),
        scope: 'openid email profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      reply.setCookie(PENDING_COOKIE, signValue(secret, pending), { ...cookieOptions, maxAge: PENDING_MINUTES * 60 });
      return reply.redirect(target.toString(), 302);
    },
  );

  app.get('/auth/oidc/callback', { schema: { tags: ['auth'], summary: 'Where the provider sends the browser back; signs in and redirects to returnTo' } }, async (request, reply) => {
    const pending = readPending(secret, request.cookies[PENDING_COOKIE]);
    reply.clearCookie(PENDING_COOKIE, cookieOptions);
    const config = await configuration();
    const current = callbackUrl(publicUrl);
    current.search = new URL(request.url, 'http://unused').search;
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (error) {
      request.log.warn({ err: error }, 'OpenID Connect sign-in refused');
      throw new HttpError(400, `the sign-in could not be completed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!claims) throw new HttpError(400, 'the sign-in provider gave no ID token');
    const user = await userForIdentity(database.db, identityFromClaims(claims));
    const session = await createSession(database.db, user.id, options.sessionHours);
    await recordAudit(database.db, { userId: user.id, workspaceId: null, action: 'auth.login', targetType: 'user', targetId: user.id, detail: { method: 'oidc', issuer: String(claims.iss) } });
    setSessionCookie(reply, options, session);
    return reply.redirect(pending.returnTo, 302);
  });
}
