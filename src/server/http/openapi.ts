/**
 * The API's OpenAPI description, generated from the JSON Schemas the routes validate with
 * (so the description cannot drift from what is enforced), served at /api/openapi.json
 * with a browsable page at /api/docs. A model body is described by the shared component
 * `Model`, converted from the one valibot model schema; routes take it as
 * `{ $ref: 'Model#' }` and still pass the body through `validateModel` for the checks
 * across fields that JSON Schema cannot say.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { FastifyInstance } from 'fastify';
import { modelSchema } from '../../engine/modelSchema.js';

/** How a route's schema refers to a model body: `body: { type: 'object', properties: { model: MODEL_REF } }`. */
export const MODEL_REF = { $ref: 'Model#' } as const;

/**
 * The model schema's structure (types, required fields, enumerations, bounds). Text and date
 * checks written as code, and the calendar chosen by its fields (a lazy schema), cannot be
 * said in JSON Schema: `validateModel` still makes them, so they are left out here rather
 * than guessed.
 */
export function modelJsonSchema(): Record<string, unknown> {
  const converted = toJsonSchema(modelSchema, {
    target: 'draft-07',
    typeMode: 'output',
    errorMode: 'ignore',
    overrideSchema: ({ valibotSchema }) => (valibotSchema.type === 'lazy' ? { type: 'object' } : undefined),
  }) as Record<string, unknown>;
  delete converted.$schema;
  fixTupleLengths(converted);
  return { ...converted, $id: 'Model', title: 'Model', description: 'A Pathflow model (ModelSpec JSON, schema version 2): see docs/model.md.' };
}

/** A pair such as `[node, key]` converts to a list of item schemas; saying its length too makes it exactly a pair (and keeps ajv's strict mode quiet). */
function fixTupleLengths(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.items)) {
    node.minItems ??= node.items.length;
    node.maxItems ??= node.items.length;
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach(fixTupleLengths);
    else fixTupleLengths(value);
  }
}

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(modelJsonSchema());
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pathflow team server',
        version,
        description: 'Shared models, revisions and runs for a planning team. Send an API token as `Authorization: Bearer pf_...`, or sign in for a cookie session (then send its CSRF token as `x-csrf-token` on every change).',
      },
      components: {
        securitySchemes: {
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token made at /api/v1/tokens (starts pf_).' },
          session: { type: 'apiKey', in: 'cookie', name: 'pathflow_session' },
        },
      },
      security: [{ apiToken: [] }, { session: [] }],
    },
    // Shared schemas keep their own names (`Model`) as components, not def-0, def-1, ...
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
