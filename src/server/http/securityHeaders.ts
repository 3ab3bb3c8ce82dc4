/**
 * The team server's security headers: the static server's policy (src/server/staticServer.ts)
 * word for word, so the app served by `pathflow serve` runs under exactly the policy it runs
 * under with `npm start`, plus what helmet adds for a server reached over a network (HSTS
 * once served over HTTPS, cross-origin isolation of its resources).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { CONTENT_SECURITY_POLICY } from '../staticServer.js';

/** "default-src 'none'; script-src 'self'" -> { 'default-src': ["'none'"], 'script-src': ["'self'"] } */
export function directivesOf(policy: string): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name] = values;
  }
  return directives;
}

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    // Only the static server's directives: helmet's defaults would add others (and upgrade-insecure-requests, which breaks plain-HTTP installs on an intranet).
    contentSecurityPolicy: { useDefaults: false, directives: directivesOf(CONTENT_SECURITY_POLICY) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
