/**
 * Authentication for every request, and the auth routes. Called directly on the root
 * instance (not through app.register) so `request.principal` and the CSRF check reach the
 * routes every other plugin registers.
 *
 * A request is signed in by an `Authorization: Bearer pf_...` API token or by the
 * `pathflow_session` cookie. A cookie is sent by the browser whatever page asked, so an
 * unsafe request (POST, PUT, PATCH, DELETE) on a cookie session must also carry the
 * session's CSRF token in `x-csrf-token`, which another site's page cannot read. A token
 * is never sent by a browser on its own, so it needs none.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
// Types only: routes here carry OpenAPI tags and a per-route rate limit, which these plugins read when buildServer registers them.
import type {} from '@fastify/swagger';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { DEFAULT_AUTH_OPTIONS, type AuthOptions } from './authOptions.js';
import type { Principal } from './principal.js';
import { lookUpApiToken } from './tokens.js';
import { lookUpSession, SESSION_COOKIE } from './sessions.js';
import { authRoutes } from './authRoutes.js';
import { tokenRoutes } from './tokenRoutes.js';
import { oidcRoutes } from './oidcRoutes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; null when nobody is signed in. Set before any route runs. */
    principal: Principal | null;
  }
}

export interface AuthPluginOptions {
  database: ServerDatabase;
  options: AuthOptions;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const API_PREFIX = '/api/v1';
/**
 * Signing in again over a live session (a second tab, a page reloaded without its CSRF
 * token) must work; the login acts on nothing of the old session's, so it needs no CSRF token.
 */
const LOGIN_ROUTE = `${API_PREFIX}/auth/login`;

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function principalOf(database: ServerDatabase, request: FastifyRequest): Promise<Principal | null> {
  const db = database.db;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const userId = token ? await lookUpApiToken(db, token) : undefined;
    // A script with a bad token should hear so, not carry on as if signed out.
    if (!userId) throw new HttpError(401, 'the API token is not valid: it is unknown, revoked, or its user is disabled (send Authorization: Bearer pf_...)');
    return principalFor(database, userId, 'token');
  }
  const cookieValue = request.cookies[SESSION_COOKIE];
  if (!cookieValue) return null;
  const session = await lookUpSession(db, cookieValue);
  if (!session) return null;
  if (UNSAFE_METHODS.has(request.method) && request.routeOptions.url !== LOGIN_ROUTE) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameText(sent, session.csrf_token)) {
      throw new HttpError(403, 'the x-csrf-token header is missing or wrong: send the csrfToken that /api/v1/auth/me gave this session');
    }
  }
  return principalFor(database, session.user_id, 'session');
}

async function principalFor(database: ServerDatabase, userId: string, via: Principal['via']): Promise<Principal> {
  const user = await database.db.selectFrom('users').select(['id', 'email', 'display_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { userId: user.id, email: user.email, displayName: user.display_name, via };
}

export async function registerAuth(app: FastifyInstance, { database, options }: AuthPluginOptions): Promise<void> {
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  // Settings left out take their defaults, so a caller names only what it changes.
  const resolved: AuthOptions = { ...DEFAULT_AUTH_OPTIONS, ...options, cookieSecret: options.cookieSecret ?? randomBytes(32).toString('base64url') };
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    request.principal = await principalOf(database, request);
  });
  await app.register(authRoutes, { prefix: API_PREFIX, database, options: resolved });
  await app.register(tokenRoutes, { prefix: API_PREFIX, database });
  if (resolved.oidc) await app.register(oidcRoutes, { prefix: API_PREFIX, database, options: resolved });
}
