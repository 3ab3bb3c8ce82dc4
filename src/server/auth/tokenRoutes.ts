/**
 * /tokens: a signed-in user lists, makes and revokes their own API tokens. A new token is
 * in the answer to its creation only.
 */
import type { FastifyInstance } from 'fastify';
import type { TokenView } from '../apiTypes.js';
import { notFound } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { recordAudit } from '../storage/audit.js';
import { requireSignedIn } from './access.js';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.js';

const tokenBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200, description: 'What the token is for, e.g. "nightly refresh script"' } },
} as const;

export async function tokenRoutes(app: FastifyInstance, { database }: { database: ServerDatabase }): Promise<void> {
  const db = database.db;

  app.get('/tokens', { schema: { tags: ['auth'], summary: "The caller's API tokens (not revoked)" } }, async (request) => {
    return listApiTokens(db, requireSignedIn(request).userId);
  });

  app.post<{ Body: { name: string } }>('/tokens', { schema: { tags: ['auth'], summary: 'Make an API token; the token is shown in this answer only', body: tokenBody } }, async (request, reply) => {
    const principal = requireSignedIn(request);
    const name = request.body.name.trim();
    const made = await db.transaction().execute(async (trx) => {
      const created = await createApiToken(trx, principal.userId, name);
      await recordAudit(trx, { userId: principal.userId, workspaceId: null, action: 'token.create', targetType: 'token', targetId: created.id, detail: { name } });
      return created;
    });
    const view: TokenView = { id: made.id, name, createdAt: made.createdAt, token: made.token };
    return reply.code(201).send(view);
  });

  app.delete<{ Params: { id: string } }>(
    '/tokens/:id',
    { schema: { tags: ['auth'], summary: 'Revoke one of your API tokens', params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } },
    async (request, reply) => {
      const principal = requireSignedIn(request);
      const revoked = await db.transaction().execute(async (trx) => {
        const done = await revokeApiToken(trx, principal.userId, request.params.id);
        if (done) await recordAudit(trx, { userId: principal.userId, workspaceId: null, action: 'token.revoke', targetType: 'token', targetId: request.params.id });
        return done;
      });
      if (!revoked) throw notFound('the token');
      return reply.code(204).send();
    },
  );
}
