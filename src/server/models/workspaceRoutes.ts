/**
 * /workspaces, their members and their audit log. Anyone signed in can make a workspace
 * (and is its admin); only its members see it, and only its admins change who is in it
 * or read its audit log.
 */
import type { FastifyInstance } from 'fastify';
import type { MemberView, WorkspaceView } from '../apiTypes.js';
import { requireSignedIn } from '../auth/access.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError, notFound } from '../httpError.js';
import type { Database, Role } from '../storage/tables.js';
import type { Kysely } from 'kysely';
import { listAudit } from './auditLog.js';
import { accessOf, needs, signedIn } from './routeAccess.js';
import { listMembers, removeMember, setMember, type MemberChange } from './members.js';
import { answers, auditQuery, memberBody, memberParams, newWorkspaceBody, workspaceParams } from './routeSchemas.js';
import { createWorkspace, listWorkspacesOf, WorkspaceNameTaken } from './workspaces.js';

const tags = ['workspaces'];
const LAST_ADMIN = 'a workspace keeps at least one admin: make someone else admin first';

function memberOrRefusal(change: MemberChange, email?: string): MemberView {
  if (change.outcome === 'done') return change.member;
  if (change.outcome === 'last-admin') throw new HttpError(409, LAST_ADMIN);
  if (change.outcome === 'no-such-user') throw new HttpError(400, `nobody with the email ${email} has an account here: they sign in once first (or an administrator adds them with pathflow users)`, { field: 'email' });
  throw notFound('the member');
}

export function workspaceRoutes(app: FastifyInstance, db: Kysely<Database>): void {
  app.get(`${API_PREFIX}/workspaces`, { schema: { tags, summary: 'The workspaces you are a member of, with your role in each', response: answers({ 200: 'WorkspaceView[]' }) }, preValidation: signedIn }, async (request): Promise<WorkspaceView[]> => {
    return listWorkspacesOf(db, requireSignedIn(request).userId);
  });

  app.post<{ Body: { name: string } }>(`${API_PREFIX}/workspaces`, { schema: { tags, summary: 'Make a workspace; you become its admin', body: newWorkspaceBody, response: answers({ 201: 'The new WorkspaceView', 409: 'A workspace of that name exists (ErrorBody, field name)' }) }, preValidation: signedIn }, async (request, reply) => {
    const principal = requireSignedIn(request);
    try {
      return reply.code(201).send(await createWorkspace(db, { name: request.body.name, userId: principal.userId }));
    } catch (error) {
      if (error instanceof WorkspaceNameTaken) throw new HttpError(409, error.message, { field: 'name' });
      throw error;
    }
  });

  app.get<{ Params: { ws: string } }>(`${API_PREFIX}/workspaces/:ws/members`, { schema: { tags, summary: 'Who is in the workspace, with their roles', params: workspaceParams, response: answers({ 200: 'MemberView[]' }) }, preValidation: needs(db, 'viewer') }, async (request) => {
    return listMembers(db, request.params.ws);
  });

  app.put<{ Params: { ws: string }; Body: { email: string; role: Role } }>(
    `${API_PREFIX}/workspaces/:ws/members`,
    { schema: { tags, summary: 'Add someone to the workspace by email, or change their role (admin)', params: workspaceParams, body: memberBody, response: answers({ 200: 'The MemberView', 400: 'No account has that email (ErrorBody, field email)', 403: 'Not an admin', 409: 'That would leave no admin' }) }, preValidation: needs(db, 'admin') },
    async (request) => {
      const { principal } = accessOf(request);
      const change = await setMember(db, { workspaceId: request.params.ws, email: request.body.email, role: request.body.role, byUserId: principal.userId });
      return memberOrRefusal(change, request.body.email);
    },
  );

  app.delete<{ Params: { ws: string; userId: string } }>(
    `${API_PREFIX}/workspaces/:ws/members/:userId`,
    { schema: { tags, summary: 'Remove someone from the workspace (admin)', params: memberParams, response: answers({ 204: 'Removed', 403: 'Not an admin', 409: 'That would leave no admin' }) }, preValidation: needs(db, 'admin') },
    async (request, reply) => {
      const { principal } = accessOf(request);
      memberOrRefusal(await removeMember(db, { workspaceId: request.params.ws, userId: request.params.userId, byUserId: principal.userId }));
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { ws: string }; Querystring: { before?: number; limit?: number } }>(
    `${API_PREFIX}/workspaces/:ws/audit`,
    { schema: { tags, summary: 'Every change and run in the workspace, newest first, a page at a time (admin)', params: workspaceParams, querystring: auditQuery, response: answers({ 200: 'AuditView[], newest first', 403: 'Not an admin' }) }, preValidation: needs(db, 'admin') },
    async (request) => {
      return listAudit(db, { workspaceId: request.params.ws, before: request.query.before, limit: request.query.limit });
    },
  );
}
