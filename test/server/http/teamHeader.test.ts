/**
 * How the web app tells a team server from a static host: the team server marks every page
 * of the app with a header, `npm start`'s static server does not, and the app looks for the
 * very header the server sends (src/web/team/teamDetection.ts keeps its own copy of the
 * name, so no server code reaches the browser bundle).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SERVER_HEADER } from '../../../src/server/http/staticWeb.js';
import { TEAM_SERVER_HEADER as APP_HEADER } from '../../../src/web/team/teamDetection.js';
import { startStaticServer } from '../../../src/server/staticServer.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { startTestServer, type TestServer } from '../apiHarness.js';
import { testDatabases } from '../databases.js';

let webRoot: string;
beforeAll(() => {
  webRoot = mkdtempSync(join(tmpdir(), 'pathflow-team-header-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Pathflow</title>');
});
afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

it('the app looks for the header the server sends', () => {
  expect(APP_HEADER).toBe(TEAM_SERVER_HEADER);
});

it("npm start's static server sends no such header, so the app stays as it is", async () => {
  const server = await startStaticServer(webRoot);
  try {
    const response = await fetch(server.url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.has(TEAM_SERVER_HEADER)).toBe(false);
  } finally {
    await server.close();
  }
});

describe.each(testDatabases)('the team server on $name', ({ open }) => {
  let database: ServerDatabase;
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await database.close();
  });

  it('marks the app at /, at an address inside the app, and for HEAD as for GET, but not the API', async () => {
    database = await open();
    server = await startTestServer(database, { webRoot });
    for (const [method, url] of [
      ['HEAD', '/'],
      ['GET', '/'],
      ['HEAD', '/models/some-model'],
    ] as const) {
      const response = await server.app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(200);
      expect(response.headers[TEAM_SERVER_HEADER], `${method} ${url}`).toBe('1');
    }
    const health = await server.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.headers[TEAM_SERVER_HEADER]).toBeUndefined();
  });
});
