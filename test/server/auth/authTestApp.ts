/**
 * A small Fastify app with the auth plugin and the error handling buildServer gives, plus
 * two routes that use the access checks, for the auth tests. (The full server's harness,
 * test/server/apiHarness.ts, belongs to the shell slice.)
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { HttpError } from '../../../src/server/httpError.js';
import { registerAuth } from '../../../src/server/auth/authPlugin.js';
import { requireRole, requireSignedIn } from '../../../src/server/auth/access.js';
import { DEFAULT_AUTH_OPTIONS, type AuthOptions } from '../../../src/server/auth/authOptions.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { Role } from '../../../src/server/storage/tables.js';

export async function authTestApp(database: ServerDatabase, options: Partial<AuthOptions> = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof HttpError) return reply.code(error.status).send(error.body());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) return reply.code(status).send({ error: { message: (error as Error).message } });
    return reply.code(500).send({ error: { message: 'internal error', detail: String(error) } });
  });
  await registerAuth(app, { database, options: { ...DEFAULT_AUTH_OPTIONS, ...options } });
  app.post('/api/v1/test/echo', async (request) => ({ userId: requireSignedIn(request).userId }));
  app.post<{ Params: { ws: string; role: Role } }>('/api/v1/test/workspaces/:ws/needs/:role', async (request) => {
    const { role } = await requireRole(database.db, request, request.params.ws, request.params.role);
    return { role };
  });
  await app.ready();
  return app;
}

/** The `name=value` of a Set-Cookie, to send back as a Cookie header. */
export function cookieHeader(setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((line) => line.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0];
}
