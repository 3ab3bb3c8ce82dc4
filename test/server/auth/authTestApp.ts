/**
 * The team server (test/server/apiHarness.ts) with the given sign-in settings, plus two
 * routes that use the access checks, for the auth tests.
 */
import type { FastifyInstance } from 'fastify';
import { requireRole, requireSignedIn } from '../../../src/server/auth/access.js';
import { DEFAULT_AUTH_OPTIONS, type AuthOptions } from '../../../src/server/auth/authOptions.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import type { Role } from '../../../src/server/storage/tables.js';
import { startTestServer, type TestServer } from '../apiHarness.js';

export async function authTestServer(database: ServerDatabase, options: Partial<AuthOptions> = {}): Promise<TestServer> {
  return startTestServer(database, {
    auth: { ...DEFAULT_AUTH_OPTIONS, ...options },
    routes(app: FastifyInstance) {
      app.post('/api/v1/test/echo', async (request) => ({ userId: requireSignedIn(request).userId }));
      app.post<{ Params: { ws: string; role: Role } }>('/api/v1/test/workspaces/:ws/needs/:role', async (request) => {
        const { role } = await requireRole(database.db, request, request.params.ws, request.params.role);
        return { role };
      });
    },
  });
}

/** The `name=value` of a Set-Cookie, to send back as a Cookie header. */
export function cookieHeader(setCookie: string | string[] | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((line) => line.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return found.split(';')[0];
}
