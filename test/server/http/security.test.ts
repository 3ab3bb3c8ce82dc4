/**
 * What every request to the team server gets, whatever part answers it: the security
 * headers of `npm start`, a refusal of an oversize body before anything is stored, a rate
 * limit per signed-in person (or per address), and errors only as ErrorBody — a 500 never
 * carries the failure's own words.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/staticServer.js';
import type { ErrorBody } from '../../../src/server/apiTypes.js';
import { startTestServer, type TestServer, type TestServerOptions } from '../apiHarness.js';
import { testDatabases } from '../databases.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';

function expectSecurityHeaders(response: LightMyRequestResponse, what: string): void {
  expect(response.headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(response.headers['referrer-policy'], what).toBe('no-referrer');
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
}

function errorOf(response: LightMyRequestResponse): ErrorBody['error'] {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body = response.json() as ErrorBody;
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

let webRoot: string;
beforeAll(() => {
  webRoot = mkdtempSync(join(tmpdir(), 'pathflow-shell-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Pathflow</title>');
  writeFileSync(join(webRoot, 'assets', 'app-1234.js'), 'export {};');
});
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

describe.each(testDatabases)('the team server shell on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer | undefined;
  const start = async (options: TestServerOptions = {}) => {
    database = await open();
    server = await startTestServer(database, { webRoot, ...options });
    return server;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await database.close();
  });

  it('answers /api/health without sign-in: version, database and queue', async () => {
    const { app } = await start();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/), database: database.dialect, queue: 'in-process' });
  });

  it('sends the security headers on API answers, refusals and the app alike', async () => {
    const { app, as, workspaceId } = await start();
    const viewer = await as('viewer');
    const cases: Array<[url: string, status: number, headers?: Record<string, string>]> = [
      ['/api/health', 200],
      [`/api/v1/workspaces/${workspaceId}/models`, 200, viewer],
      ['/api/v1/no-such-thing', 404],
      ['/', 200],
      ['/assets/app-1234.js', 200],
      ['/assets/missing.js', 404],
      ['/api/openapi.json', 200],
    ];
    for (const [url, status, headers] of cases) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, url).toBe(status);
      expectSecurityHeaders(response, url);
    }
  });

  it('serves the app at / with the caching of npm start, and index.html for an address inside the app', async () => {
    const { app } = await start();
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.body).toContain('<title>Pathflow</title>');
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    const script = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(script.headers['cache-control']).toContain('immutable');
    expect(script.headers['content-type']).toMatch(/javascript/);
    const deep = await app.inject({ method: 'GET', url: '/workspaces/abc/models' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Pathflow</title>');
    const outside = await app.inject({ method: 'GET', url: '/../../etc/passwd' });
    expect(outside.body).not.toContain('root:');
  });

  it('refuses a body over the limit with 413 before anything is stored', async () => {
    const { app, as, workspaceId } = await start({ bodyLimitBytes: 2_000 });
    const editor = await as('editor');
    const model = { name: 'Big', dates: Array.from({ length: 200 }, () => '2025-01-01'), nodes: [] };
    const response = await app.inject({ method: 'POST', url: `/api/v1/workspaces/${workspaceId}/models`, headers: editor, payload: { name: 'Big', model } });
    expect(response.statusCode).toBe(413);
    expect(errorOf(response).message).toMatch(/larger than this server accepts/);
    expectSecurityHeaders(response, '413');
    const listed = await app.inject({ method: 'GET', url: `/api/v1/workspaces/${workspaceId}/models`, headers: editor });
    expect(listed.json()).toEqual([]);
  });

  it('limits each signed-in person on their own, and others by address, with 429', async () => {
    const { app, as, workspaceId } = await start({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const [first, second] = [await as('viewer'), await as('viewer')];
    const models = `/api/v1/workspaces/${workspaceId}/models`;
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: models, headers: first })).statusCode).toBe(200);
    const limited = await app.inject({ method: 'GET', url: models, headers: first });
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).message).toMatch(/too many requests/);
    expectSecurityHeaders(limited, '429');
    // Another person behind the same address still has their allowance, and so does the address.
    expect((await app.inject({ method: 'GET', url: models, headers: second })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(429);
  });

  it('answers an unknown API address with a 404 ErrorBody, whatever the method', async () => {
    const { app } = await start();
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const response = await app.inject({ method, url: '/api/v1/no-such-thing' });
      expect(response.statusCode, method).toBe(404);
      expect(errorOf(response).message).toBe(`${method} /api/v1/no-such-thing is not an address of this server`);
    }
    // A missing file of the app is not answered with the app's page under the wrong type.
    expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it('answers a failure it did not foresee with 500 "internal error", never the failure\'s own words', async () => {
    const { app } = await start({
      routes: (instance) =>
        instance.get('/api/v1/test-failure', async () => {
          throw new Error('connection to /var/lib/secret.db refused for user admin');
        }),
    });
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-failure' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { message: 'internal error' } });
    expect(response.body).not.toContain('secret');
    expectSecurityHeaders(response, '500');
  });
});
