/**
 * /auth/config, /auth/login, /auth/logout and /auth/me: what sign-ins exist, signing in
 * with a local account, signing out, and who the caller is.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { listWorkspacesOf } from '../models/workspaces.js';
import type { SessionView } from '../apiTypes.js';
import { HttpError } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { recordAudit } from '../storage/audit.js';
import { cookiesSecure, type AuthOptions } from './authOptions.js';
import { userView, verifyPassword } from './accounts.js';
import { requireSignedIn } from './access.js';
import { createSession, deleteSession, lookUpSession, SESSION_COOKIE, type NewSession } from './sessions.js';
import type { Principal } from './principal.js';

/** The same words for an unknown email and a wrong password: which emails have accounts is not told. */
export const LOGIN_REFUSED = 'the email or password is not right';

export async function sessionView(server: ServerDatabase, principal: Principal, csrfToken?: string): Promise<SessionView> {
  return {
    user: { id: principal.userId, email: principal.email, displayName: principal.displayName },
    ...(csrfToken ? { csrfToken } : {}),
    workspaces: await listWorkspacesOf(server.db, principal.userId),
  };
}

/** Sets the session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure over https. */
export function setSessionCookie(reply: FastifyReply, options: AuthOptions, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.cookieValue, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookiesSecure(options), expires: session.expiresAt });
}

const loginBody = {
  type: 'object',
  required: ['email', 'password'],
  additionalProperties: false,
  properties: { email: { type: 'string', minLength: 1, maxLength: 320 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

export async function authRoutes(app: FastifyInstance, { database, options }: { database: ServerDatabase; options: AuthOptions }): Promise<void> {
  const db = database.db;

  app.get('/auth/config', { schema: { tags: ['auth'], summary: 'Which ways of signing in this server offers' } }, async () => ({
    local: options.localAccounts,
    oidc: options.oidc ? { label: options.oidc.label } : null,
  }));

  app.post<{ Body: { email: string; password: string } }>(
    '/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Sign in with a local account; sets the session cookie', body: loginBody },
      config: { rateLimit: { max: options.loginRateLimit.max, timeWindow: options.loginRateLimit.timeWindowMs } },
    },
    async (request, reply) => {
      if (!options.localAccounts) throw new HttpError(403, 'signing in with a password is switched off on this server; use your organisation\'s sign-in');
      const user = await verifyPassword(db, request.body.email, request.body.password);
      if (!user) throw new HttpError(401, LOGIN_REFUSED);
      const session = await createSession(db, user.id, options.sessionHours);
      await recordAudit(db, { userId: user.id, workspaceId: null, action: 'auth.login', targetType: 'user', targetId: user.id, detail: { method: 'password' } });
      setSessionCookie(reply, options, session);
      const view = userView(user);
      return sessionView(database, { userId: view.id, email: view.email, displayName: view.displayName, via: 'session' }, session.csrfToken);
    },
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out: ends the cookie session' } }, async (request, reply) => {
    const cookieValue = request.cookies[SESSION_COOKIE];
    if (cookieValue) await deleteSession(db, cookieValue);
    reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookiesSecure(options) });
    return reply.code(204).send();
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who is signed in, their workspaces, and the CSRF token of a cookie session' } }, async (request) => {
    const principal = requireSignedIn(request);
    const cookieValue = principal.via === 'session' ? request.cookies[SESSION_COOKIE] : undefined;
    const session = cookieValue ? await lookUpSession(db, cookieValue) : undefined;
    return sessionView(database, principal, session?.csrf_token);
  });
}
