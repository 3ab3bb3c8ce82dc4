/**
 * The team server, put together: one Fastify instance with the security every route gets
 * (headers, size and rate limits, one error shape), the OpenAPI description of every route,
 * then the parts that answer — sign-in (auth), models and workspaces, runs — and, when
 * given, the built web app at /. The order matters: hooks and the OpenAPI collector must be
 * in place before the routes they apply to are added.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { PATHFLOW_VERSION } from '../../version.js';
import type { AuthOptions } from '../auth/authOptions.js';
import { registerAuth } from '../auth/authPlugin.js';
import { HttpError } from '../httpError.js';
import { runRoutes } from '../jobs/runRoutes.js';
import type { JobQueue } from '../jobs/jobQueue.js';
import { modelRoutes } from '../models/modelRoutes.js';
import type { ServerDatabase } from '../storage/database.js';
import { registerErrorAnswers } from './errorHandler.js';
import { healthRoute } from './health.js';
import { registerOpenApi } from './openapi.js';
import { registerSecurityHeaders } from './securityHeaders.js';
import { registerNotFound, serveWebApp } from './staticWeb.js';

export interface ServerOptions {
  database: ServerDatabase;
  queue: JobQueue;
  auth: AuthOptions;
  /** dist/web: serve the app at / when given. */
  webRoot?: string;
  /** Default 10 MB; over it: 413 ErrorBody. */
  bodyLimitBytes?: number;
  /** Per principal (or per IP before sign-in); over it: 429 ErrorBody. */
  rateLimit?: { max: number; timeWindowMs: number };
  logger?: boolean;
}

export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** Generous for a person (the app makes a handful of requests a page) and for a script; it stops a runaway loop or a password guesser. */
export const DEFAULT_RATE_LIMIT = { max: 1200, timeWindowMs: 60_000 };

/** Signed-in callers are limited one by one, however many share an address (an NHS trust's proxy); others by address. */
function rateLimitKey(request: FastifyRequest): string {
  return request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`;
}

async function registerRateLimit(app: FastifyInstance, limit: { max: number; timeWindowMs: number }): Promise<void> {
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    // After sign-in has looked at the request (auth's hooks run first), so the key can be the principal.
    hook: 'preHandler',
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_request, context) => new HttpError(429, `too many requests: at most ${context.max} a ${context.after === '1 minute' ? 'minute' : `period of ${context.after}`}; try again in ${context.after}`),
  });
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Fastify's ajv strips a field a schema does not list, without a word: a misspelt option
    // or filter (`modelld=`) would be ignored while the caller believed it applied. Refused
    // instead, naming the field. The model body's schema lists no such limit: its fields
    // are the model schema's to judge (validateModel).
    ajv: { customOptions: { removeAdditional: false } },
  });
  await registerSecurityHeaders(app);
  await app.register(cookie);
  await registerRateLimit(app, options.rateLimit ?? DEFAULT_RATE_LIMIT);
  registerErrorAnswers(app);
  await registerOpenApi(app, PATHFLOW_VERSION);

  await registerAuth(app, { database: options.database, options: options.auth });
  await app.register(modelRoutes, { database: options.database });
  await app.register(runRoutes, { database: options.database, queue: options.queue });
  healthRoute(app, { ok: true, version: PATHFLOW_VERSION, database: options.database.dialect, queue: options.queue.kind });

  if (options.webRoot !== undefined) await serveWebApp(app, options.webRoot);
  registerNotFound(app, options.webRoot);
  return app;
}
