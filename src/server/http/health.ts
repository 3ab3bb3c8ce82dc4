/** GET /api/health: for load balancers and the people running the server; needs no sign-in and says nothing secret. */
import type { FastifyInstance } from 'fastify';
import type { DatabaseDialect } from '../storage/database.js';
import type { JobQueue } from '../jobs/jobQueue.js';

export interface HealthView {
  ok: true;
  version: string;
  database: DatabaseDialect;
  queue: JobQueue['kind'];
}

export function healthRoute(app: FastifyInstance, health: HealthView): void {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Is the server up',
        tags: ['server'],
        security: [],
        response: {
          200: {
            type: 'object',
            required: ['ok', 'version', 'database', 'queue'],
            properties: {
              ok: { type: 'boolean', const: true },
              version: { type: 'string' },
              database: { type: 'string', enum: ['sqlite', 'postgres'] },
              queue: { type: 'string', enum: ['in-process', 'pg-boss'] },
            },
          },
        },
      },
    },
    () => health,
  );
}
