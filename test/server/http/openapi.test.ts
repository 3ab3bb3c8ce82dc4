/**
 * The OpenAPI description is the validators, not a document beside them: every route the
 * server answers is in it with its methods, every schema in it compiles and every
 * reference resolves, and a request failing a route's schema is refused 400 naming the field.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../src/server/apiTypes.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import { testDatabases } from '../databases.js';

/** Every route with its methods, from Fastify's own route tree (the tree nests a path under its longest routed prefix). */
function routesOf(app: FastifyInstance): Array<{ path: string; method: string }> {
  const stack: string[] = [];
  const routes: Array<{ path: string; method: string }> = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack.push(match[2]);
    for (const method of match[3]?.split(', ') ?? []) routes.push({ path: stack.join(''), method });
  }
  return routes;
}

/** The description and the pages showing it are not API routes; HEAD comes with every GET. */
const undescribed = (route: { path: string; method: string }) =>
  route.method === 'HEAD' || route.path === '/api/openapi.json' || route.path.startsWith('/api/docs') || !route.path.startsWith('/api/');

describe.each(testDatabases)('the OpenAPI description on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer;
  let document: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    database = await open();
    server = await startTestServer(database);
    const response = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it('is an OpenAPI 3 document naming every route the server answers, with its methods', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof document.info.title).toBe('string');
    expect(typeof document.info.version).toBe('string');
    const routes = routesOf(server.app).filter((route) => !undescribed(route));
    expect(routes.length).toBeGreaterThan(3);
    for (const { path, method } of routes) {
      const described = path.replace(/:(\w+)/g, '{$1}');
      expect(document.paths[described]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
      expect(document.paths[described][method.toLowerCase()].responses, `${method} ${path}`).toBeDefined();
    }
    // ...and nothing the server does not answer.
    const answered = new Set(routes.map(({ path, method }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`));
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations as object)) {
        if (['get', 'put', 'post', 'delete', 'patch'].includes(method)) expect(answered.has(`${method.toUpperCase()} ${path}`), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('describes a model body by the shared component Model, converted from the model schema', () => {
    const model = document.components.schemas.Model;
    expect(model.type).toBe('object');
    expect(model.required).toEqual(expect.arrayContaining(['name', 'dates', 'nodes']));
    expect(model.properties.nodes.items.properties.kind.enum).toEqual(['bed', 'visit', 'acute', 'delay', 'exit']);
    expect(JSON.stringify(document.paths)).toContain('"$ref":"#/components/schemas/Model"');
  });

  it('holds only schemas that compile, with every reference resolved inside the document', async () => {
    const pointers: string[] = [];
    const walk = (value: unknown, pointer: string) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (key === 'schema' && typeof child === 'object') pointers.push(at);
        else walk(child, at);
      }
    };
    walk(document.paths, '#/paths');
    for (const name of Object.keys(document.components.schemas)) pointers.push(`#/components/schemas/${name}`);
    expect(pointers.length).toBeGreaterThan(3);
    for (const pointer of pointers) {
      // Compiled by Fastify's own validator, as a route's body is; not strict, as the document's own fields (openapi, paths) are not schema keywords.
      const probe = Fastify({ ajv: { customOptions: { strict: false } } });
      probe.addSchema({ ...document, $id: 'openapi.json' });
      probe.post('/probe', { schema: { body: { $ref: `openapi.json${pointer}` } } }, async () => ({}));
      await expect(probe.ready(), pointer).resolves.toBeDefined();
      await probe.close();
    }
  });

  it('is what the routes validate with: a body failing the schema is refused 400 naming the field', async () => {
    const editor = await server.as('editor');
    const url = `/api/v1/workspaces/${server.workspaceId}/models`;
    const cases: Array<[payload: object, field: string]> = [
      [{ model: { name: 'A', dates: ['2025-01-01'], nodes: [] } }, 'name'],
      [{ name: 'A', model: { name: 'A', dates: ['2025-01-01'], nodes: 'none' } }, 'model.nodes'],
      [{ name: 'A', model: { name: 'A', dates: ['2025-01-01'], nodes: [{ id: 'P1_x', pathway: 'P1', kind: 'ward' }] } }, 'model.nodes[0]'],
    ];
    for (const [payload, field] of cases) {
      const response = await server.app.inject({ method: 'POST', url, headers: editor, payload });
      expect(response.statusCode, field).toBe(400);
      const { error } = response.json() as ErrorBody;
      expect(error.field, JSON.stringify(error)).toMatch(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}`));
      expect(error.message).toContain(error.field);
    }
  });
});
