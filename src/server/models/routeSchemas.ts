/**
 * The JSON Schemas of the workspace and model routes: Fastify validates every request with
 * them and the OpenAPI description at /api/docs is generated from them, so what is
 * documented is what is enforced. A model body is the shared `Model` component (MODEL_REF);
 * validateModel then makes the checks across fields JSON Schema cannot express.
 */
import { MODEL_REF } from '../http/openapi.js';
import { ROLES } from '../storage/tables.js';
import { MOST_AUDIT_PAGE } from './auditLog.js';
import { MAX_MESSAGE_LENGTH, MAX_MODEL_NAME_LENGTH } from './modelStore.js';
import { MAX_WORKSPACE_NAME_LENGTH } from './workspaces.js';

const id = (description: string) => ({ type: 'string', minLength: 1, maxLength: 100, description }) as const;
const revisionNumber = (description: string) => ({ type: 'integer', minimum: 1, description }) as const;
const message = { type: 'string', maxLength: MAX_MESSAGE_LENGTH, description: 'Why this revision was made, in a sentence (shown in the history)' } as const;

export const workspaceParams = { type: 'object', required: ['ws'], properties: { ws: id('The workspace id') } } as const;
export const modelParams = { type: 'object', required: ['ws', 'modelId'], properties: { ws: id('The workspace id'), modelId: id('The model id') } } as const;
export const revisionParams = {
  type: 'object',
  required: ['ws', 'modelId', 'rev'],
  properties: { ws: id('The workspace id'), modelId: id('The model id'), rev: revisionNumber('The revision number (1 is the first)') },
} as const;
export const memberParams = { type: 'object', required: ['ws', 'userId'], properties: { ws: id('The workspace id'), userId: id('The member’s user id') } } as const;

export const newWorkspaceBody = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: MAX_WORKSPACE_NAME_LENGTH, pattern: '\\S', description: 'The team’s name, unique on this server' } },
} as const;

export const memberBody = {
  type: 'object',
  required: ['email', 'role'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 320, description: 'The email of someone with an account on this server (they signed in once, or were made with `pathflow users`)' },
    role: { type: 'string', enum: [...ROLES], description: 'viewer reads; editor also saves models and starts runs; admin also manages members and reads the audit log' },
  },
} as const;

export const newModelBody = {
  type: 'object',
  required: ['name', 'model'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: MAX_MODEL_NAME_LENGTH, pattern: '\\S', description: 'The model’s name in the workspace' },
    model: MODEL_REF,
    message,
  },
} as const;

export const revisionBody = {
  type: 'object',
  required: ['baseRevision', 'model'],
  additionalProperties: false,
  properties: {
    baseRevision: revisionNumber('The revision this edit started from; refused with 409 when someone has saved since'),
    model: MODEL_REF,
    message,
  },
} as const;

export const diffQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: { from: revisionNumber('The earlier revision'), to: revisionNumber('The later revision') },
} as const;

export const importQuery = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: { type: 'string', minLength: 1, maxLength: MAX_MODEL_NAME_LENGTH, pattern: '\\S', description: 'The new model’s name' }, message },
} as const;

export const auditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    before: { type: 'integer', minimum: 1, description: 'Entries older than this id: the last id of the previous page' },
    limit: { type: 'integer', minimum: 1, maximum: MOST_AUDIT_PAGE, description: 'Entries on the page (default 50)' },
  },
} as const;

/**
 * What a route answers, for the OpenAPI description: described, not given a JSON Schema,
 * since a response schema would also make Fastify drop every field it does not list.
 * The shapes are apiTypes.ts's; every refusal is an ErrorBody.
 */
export function answers(described: Record<number, string>): Record<number, { description: string }> {
  const refusals = { 401: 'Not signed in (ErrorBody)', 404: 'No such workspace, or you are not a member of it; or nothing of that id in it (ErrorBody)' };
  return Object.fromEntries(Object.entries({ ...refusals, ...described }).map(([status, description]) => [status, { description }]));
}
