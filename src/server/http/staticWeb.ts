/**
 * The built web app (dist/web) served by the team server at /, as `npm start` serves it:
 * the same caching (hashed bundles for a year, index.html revalidated) and, through
 * helmet, the same security headers. A path that is not a file and not under /api/ gets
 * index.html, so an address inside the app survives a reload; the API's unknown paths
 * and missing files get a 404 ErrorBody.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sep } from 'node:path';
import type { ErrorBody } from '../apiTypes.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * On every page of the app this server sends: how the app tells it was served by a team
 * server (src/web/team/teamDetection.ts) without asking a static host for an API address
 * it would answer 404, which a browser prints as a console error.
 */
export const TEAM_SERVER_HEADER = 'x-pathflow-team';

function isAppAddress(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0];
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing script or image must be a 404, not the app's page under the wrong type.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

export async function serveWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    cacheControl: false,
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.includes(`${sep}assets${sep}`) ? IMMUTABLE : 'no-cache');
      reply.header(TEAM_SERVER_HEADER, '1');
    },
  });
}

export function registerNotFound(app: FastifyInstance, webRoot: string | undefined): void {
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    if (webRoot !== undefined && isAppAddress(request)) {
      return reply.header('cache-control', 'no-cache').header(TEAM_SERVER_HEADER, '1').sendFile('index.html');
    }
    return reply.status(404).send({ error: { message: `${request.method} ${request.url.split('?')[0]} is not an address of this server` } } satisfies ErrorBody);
  });
}
