/**
 * Who may call a workspace route, checked before the request's body is validated: a caller
 * with no token hears 401, an outsider 404 and too low a role 403, whatever they sent, so
 * a refused body tells nobody anything about the workspace or what it accepts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { requireRole, requireSignedIn } from '../auth/access.js';
import type { Database, Role } from '../storage/tables.js';

export interface WorkspaceAccess {
  principal: Principal;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `needs` before the handler runs. */
    workspaceAccess: WorkspaceAccess | null;
  }
}

export function decorateWorkspaceAccess(app: FastifyInstance): void {
  app.decorateRequest('workspaceAccess', null);
}

/** A route's preValidation: the caller must hold `role` in the workspace named by the `:ws` parameter. */
export function needs(db: Kysely<Database>, role: Role) {
  return async (request: FastifyRequest): Promise<void> => {
    request.workspaceAccess = await requireRole(db, request, (request.params as { ws: string }).ws, role);
  };
}

/** A route's preValidation for what any signed-in person may do. */
export async function signedIn(request: FastifyRequest): Promise<void> {
  requireSignedIn(request);
}

/** The caller, as `needs` found them. */
export function accessOf(request: FastifyRequest): WorkspaceAccess {
  if (!request.workspaceAccess) throw new Error(`${request.routeOptions.url} has no needs() check`);
  return request.workspaceAccess;
}
