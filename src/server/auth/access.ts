/**
 * The two checks every route makes before doing anything: is someone signed in, and does
 * their role in this workspace allow it. A workspace the caller is not a member of answers
 * 404 exactly as one that does not exist, so its existence is not told.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { HttpError, notFound, notSignedIn } from '../httpError.js';
import type { Database, Role } from '../storage/tables.js';
import { roleAllows, type Principal } from './principal.js';
import { membershipRole } from './accounts.js';

export function requireSignedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw notSignedIn();
  return request.principal;
}

export async function requireRole(db: Kysely<Database>, request: FastifyRequest, workspaceId: string, needed: Role): Promise<{ principal: Principal; role: Role }> {
  const principal = requireSignedIn(request);
  const role = await membershipRole(db, workspaceId, principal.userId);
  if (!role) throw notFound('the workspace');
  if (!roleAllows(role, needed)) throw new HttpError(403, `this needs the ${needed} role in the workspace; you are a ${role}`);
  return { principal, role };
}
