import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { request, Agent, type IncomingMessage } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, startStaticServer, type StaticServer } from '../../src/server/staticServer.js';
import { REPORT_CSS } from '../../src/report/html.js';

/** A request exactly as written (fetch would tidy `/../` away before sending it), its status, headers and body. */
async function raw(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  const req = request({ host: '127.0.0.1', port, path, method });
  req.end();
  const [response] = (await once(req, 'response')) as [IncomingMessage];
  let body = '';
  for await (const chunk of response) body += chunk;
  return { status: response.statusCode!, headers: response.headers, body };
}

function expectSecurityHeaders(headers: IncomingMessage['headers'], what: string): void {
  expect(headers['content-security-policy'], what).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
}

describe('the static server behind npm start', () => {
  let server: StaticServer;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'pathflow-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(root, '..', 'secret.txt'), 'top-secret');
    server = await startStaticServer(root);
  });
  afterAll(() => server.close());

  it('serves index.html at / and files with their types, on localhost', async () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const script = await fetch(new URL('assets/app.js', server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('content-length')).toBe('10');
    expect(await script.text()).toBe('export {};');
  });

  it('never serves a file outside its root, and answers 404 and 405', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(server.url.replace(/\/$/, '') + path);
      expect([403, 404]).toContain(response.status);
      expect(await response.text()).not.toContain('top-secret');
    }
    expect((await fetch(new URL('missing.js', server.url))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('answers HEAD with the length and headers of GET and no body', async () => {
    const head = await raw(server.port, '/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('10');
    expect(head.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(head.body).toBe('');
    expectSecurityHeaders(head.headers, 'HEAD');
  });

  it('sends the security headers on every response: files, 404, traversal, a bad address, a wrong method', async () => {
    const cases: Array<[path: string, method: string, status: number]> = [
      ['/', 'GET', 200],
      ['/assets/app.js', 'GET', 200],
      ['/missing.js', 'GET', 404],
      ['/assets', 'GET', 404],
      // The URL parser resolves /../ to /, inside the root: not found there.
      ['/../secret.txt', 'GET', 404],
      ['/assets/..%2f..%2fsecret.txt', 'GET', 403],
      ['/%E0%A4%A', 'GET', 400],
      ['/', 'POST', 405],
    ];
    for (const [path, method, status] of cases) {
      const response = await raw(server.port, path, method);
      expect(response.status, `${method} ${path}`).toBe(status);
      expectSecurityHeaders(response.headers, `${method} ${path}`);
      expect(response.body, `${method} ${path}`).not.toContain('top-secret');
    }
  });

  it('allows the app’s own scripts and workers, no font from anywhere, and nothing inline but the report’s style sheet', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    // No web font: default-src 'none' refuses them, so nothing is fetched off the app's origin.
    expect(directives.has('font-src')).toBe(false);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'", `'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('the static server under load', () => {
  const SIZE = 4 * 1024 * 1024;
  const REQUESTS = 200;
  /**
   * A quarter of REQUESTS x SIZE (800 MiB), which a server reading files whole reaches (it
   * grew by 800 MiB here); streaming grew by about 50-60 MiB, mostly spent read buffers
   * not yet collected.
   */
  const BOUND = 200 * 1024 * 1024;
  let child: ChildProcess;
  let port: number;
  const ask = async (): Promise<number> => {
    child.send('rss');
    const [reply] = (await once(child, 'message')) as [{ peakRss: number }];
    return reply.peakRss;
  };

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'pathflow-web-load-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'assets', 'bundle.js'), Buffer.alloc(SIZE, 'abcdefgh'));
    child = fork(join(import.meta.dirname, 'serveInChild.ts'), [root], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const [ready] = (await once(child, 'message')) as [{ port: number }];
    port = ready.port;
  });
  afterAll(async () => {
    if (child?.connected) {
      child.send('close');
      await once(child, 'exit');
    }
  });

  it(`streams files: ${REQUESTS} concurrent requests for a 4 MiB file grow the server's peak memory by under 200 MiB`, async () => {
    // A first request brings in everything a request needs, so what follows is the requests' own cost.
    const first = await raw(port, '/assets/bundle.js');
    expect(first.body.length).toBe(SIZE);
    const before = await ask();

    // Every response is held unread until all have begun, so a server that read files whole
    // would hold them all at once.
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, async () => {
        const req = request({ host: '127.0.0.1', port, path: '/assets/bundle.js', agent });
        req.end();
        const [response] = (await once(req, 'response')) as [IncomingMessage];
        response.pause();
        return response;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = await ask();
    const received = await Promise.all(
      responses.map(async (response) => {
        expect(response.headers['content-length']).toBe(String(SIZE));
        let bytes = 0;
        for await (const chunk of response) bytes += (chunk as Buffer).length;
        return bytes;
      }),
    );
    agent.destroy();
    expect(received).toEqual(Array(REQUESTS).fill(SIZE));
    const after = await ask();
    const growth = Math.max(during, after) - before;
    expect(growth, `peak RSS grew by ${(growth / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(BOUND);
  });
});
