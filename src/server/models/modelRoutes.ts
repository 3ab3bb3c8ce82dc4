/**
 * The models slice of the API: workspaces and members (workspaceRoutes), a workspace's
 * models, their revisions and the diff between two, and importing an IPACS workbook as a
 * new model. Every path is inside a workspace and checked against the caller's role there;
 * a model of another workspace answers 404, as one that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import type { ModelView, RevisionDiffView, RevisionView } from '../apiTypes.js';
import { API_PREFIX } from '../auth/authPlugin.js';
import { HttpError, notFound } from '../httpError.js';
import type { ServerDatabase } from '../storage/database.js';
import { importRoute } from './importRoute.js';
import { checkedModel } from './modelBody.js';
import { accessOf, decorateWorkspaceAccess, needs } from './routeAccess.js';
import { createModel, deleteModel, getModel, listModels } from './modelStore.js';
import { getRevision, listRevisions, reviseModel, revisionDiff } from './revisions.js';
import { answers, diffQuery, modelParams, newModelBody, revisionBody, revisionParams, workspaceParams } from './routeSchemas.js';
import { workspaceRoutes } from './workspaceRoutes.js';

const tags = ['models'];
const MODELS = `${API_PREFIX}/workspaces/:ws/models`;

type ModelParams = { ws: string; modelId: string };

export async function modelRoutes(app: FastifyInstance, { database }: { database: ServerDatabase }): Promise<void> {
  const db = database.db;
  decorateWorkspaceAccess(app);
  workspaceRoutes(app, db);
  importRoute(app, db);

  app.get<{ Params: { ws: string } }>(MODELS, { schema: { tags, summary: 'The workspace’s models, by name', params: workspaceParams, response: answers({ 200: 'ModelView[]' }) }, preValidation: needs(db, 'viewer') }, async (request): Promise<ModelView[]> => {
    return listModels(db, request.params.ws);
  });

  app.post<{ Params: { ws: string }; Body: { name: string; model: unknown; message?: string } }>(
    MODELS,
    { schema: { tags, summary: 'Save a new model as its revision 1 (editor)', params: workspaceParams, body: newModelBody, response: answers({ 201: 'The new ModelView', 400: 'The model fails the schema (ErrorBody with field and issues)', 403: 'Not an editor' }) }, preValidation: needs(db, 'editor') },
    async (request, reply) => {
      const { principal } = accessOf(request);
      const model = checkedModel(request.body.model);
      const created = await createModel(db, { workspaceId: request.params.ws, name: request.body.name, model, message: request.body.message, userId: principal.userId });
      return reply.code(201).send(created.model);
    },
  );

  app.get<{ Params: ModelParams }>(`${MODELS}/:modelId`, { schema: { tags, summary: 'One model: its name and newest revision', params: modelParams, response: answers({ 200: 'ModelView' }) }, preValidation: needs(db, 'viewer') }, async (request): Promise<ModelView> => {
    return (await getModel(db, request.params.ws, request.params.modelId)) ?? notFoundModel();
  });

  app.delete<{ Params: ModelParams }>(
    `${MODELS}/:modelId`,
    { schema: { tags, summary: 'Delete a model (admin); its revisions and runs are kept for the audit', params: modelParams, response: answers({ 204: 'Deleted', 403: 'Not an admin' }) }, preValidation: needs(db, 'admin') },
    async (request, reply) => {
      const { principal } = accessOf(request);
      if (!(await deleteModel(db, { workspaceId: request.params.ws, modelId: request.params.modelId, userId: principal.userId }))) notFoundModel();
      return reply.code(204).send();
    },
  );

  app.get<{ Params: ModelParams }>(`${MODELS}/:modelId/revisions`, { schema: { tags, summary: 'The model’s revisions, newest first', params: modelParams, response: answers({ 200: 'RevisionView[] without the models' }) }, preValidation: needs(db, 'viewer') }, async (request): Promise<RevisionView[]> => {
    const revisions = await listRevisions(db, request.params.ws, request.params.modelId);
    return revisions.length > 0 ? revisions : notFoundModel();
  });

  app.get<{ Params: ModelParams & { rev: number } }>(
    `${MODELS}/:modelId/revisions/:rev`,
    { schema: { tags, summary: 'One revision, with the model as saved', params: revisionParams, response: answers({ 200: 'RevisionView with model' }) }, preValidation: needs(db, 'viewer') },
    async (request): Promise<RevisionView> => {
      return (await getRevision(db, { workspaceId: request.params.ws, modelId: request.params.modelId, revision: request.params.rev })) ?? notFoundRevision();
    },
  );

  app.post<{ Params: ModelParams; Body: { baseRevision: number; model: unknown; message?: string } }>(
    `${MODELS}/:modelId/revisions`,
    { schema: { tags, summary: 'Save a new revision on the newest one (editor); 409 with latestRevision when someone saved since', params: modelParams, body: revisionBody, response: answers({ 201: 'The new RevisionView', 400: 'The model fails the schema (ErrorBody with field and issues)', 403: 'Not an editor', 409: 'Someone saved since baseRevision (ErrorBody with latestRevision)' }) }, preValidation: needs(db, 'editor') },
    async (request, reply) => {
      const { principal } = accessOf(request);
      const model = checkedModel(request.body.model);
      const { baseRevision, message } = request.body;
      const saved = await reviseModel(db, { workspaceId: request.params.ws, modelId: request.params.modelId, baseRevision, model, message, userId: principal.userId });
      if (saved.outcome === 'not-found') notFoundModel();
      if (saved.outcome === 'conflict') {
        throw new HttpError(409, `revision ${baseRevision} is not the newest: revision ${saved.latestRevision} was saved since; open it, make your change again and save on it`, { field: 'baseRevision', latestRevision: saved.latestRevision });
      }
      return reply.code(201).send(saved.revision);
    },
  );

  app.get<{ Params: ModelParams; Querystring: { from: number; to: number } }>(
    `${MODELS}/:modelId/diff`,
    { schema: { tags, summary: 'What changed from one revision to another, field by field', params: modelParams, querystring: diffQuery, response: answers({ 200: 'RevisionDiffView: { from, to, changes: RevisionChange[] }' }) }, preValidation: needs(db, 'viewer') },
    async (request): Promise<RevisionDiffView> => {
      const { from, to } = request.query;
      return (await revisionDiff(db, { workspaceId: request.params.ws, modelId: request.params.modelId, from, to })) ?? notFoundRevision();
    },
  );
}

function notFoundModel(): never {
  throw notFound('the model');
}

function notFoundRevision(): never {
  throw notFound('the model or that revision of it');
}
