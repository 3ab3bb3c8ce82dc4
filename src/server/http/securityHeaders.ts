/**
 * The team server's security headers: the static server's content security policy
 * (src/server/staticServer.ts) byte for byte, so the app served by `pathflow serve` runs
 * under exactly the policy it runs under with `npm start`, plus what helmet adds for a
 * server reached over a network (HSTS once served over HTTPS, cross-origin isolation of
 * its resources).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../staticServer.js';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // Set below instead: helmet would write the same directives with different spacing, and
    // its defaults add upgrade-insecure-requests, which breaks a plain-HTTP install on an intranet.
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  });
}
