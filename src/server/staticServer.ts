/**
 * A tiny static file server for the built web app (dist/web): what `npm start` runs and
 * what the end-to-end tests serve the app from. Local use only: it binds to the loopback
 * interface, serves GET and HEAD, and never leaves its root directory.
 *
 * Files are streamed from disk, never read whole: memory stays flat however many requests
 * arrive at once. Every response, errors included, carries the security headers below.
 */
import { createHash } from 'node:crypto';
import { createServer, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { open, type FileHandle } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { REPORT_CSS } from '../report/html.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.webmanifest': 'application/manifest+json',
};

/**
 * What the built app needs and nothing more (docs/web.md, "The static server"): its own
 * scripts, workers and files (it fetches the bundled example); blob: workers, which fflate
 * builds from its own code to zip an exported workbook (write-excel-file has no other way);
 * a data: favicon and blob: images (the Word report's charts are drawn from SVG blobs). Styles are the app's style sheet plus, by hash, the report's one inline style
 * sheet: the printable report opens as a blob: page, which inherits this policy. No inline
 * or remote script, no eval, no frames, plugins or forms, and no page may frame the app.
 * No font-src: the app loads no web font (default-src 'none' refuses any), so it makes
 * no request off its own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  `style-src 'self' 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent on every response: a 404 or an error page is a page too. */
export const SECURITY_HEADERS: Readonly<OutgoingHttpHeaders> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

export interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function plain(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers }).end(text);
}

/** The file opened for reading, or undefined when there is no such file (absent, or a directory). */
async function openFile(file: string): Promise<{ handle: FileHandle; size: number } | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw error;
  }
  // Stat the open file, not the path: what is measured is what is sent.
  const info = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (!info.isFile()) {
    await handle.close();
    return undefined;
  }
  return { handle, size: info.size };
}

export async function startStaticServer(root: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      plain(response, 405, 'Method not allowed', { allow: 'GET, HEAD' });
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      plain(response, 400, 'Bad request');
      return;
    }
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) {
      plain(response, 403, 'Forbidden');
      return;
    }
    let opened: Awaited<ReturnType<typeof openFile>>;
    try {
      opened = await openFile(file);
    } catch {
      plain(response, 500, 'The file could not be read');
      return;
    }
    if (!opened) {
      plain(response, 404, 'Not found');
      return;
    }
    const { handle, size } = opened;
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': size,
      // Hashed bundles never change; index.html must be fetched again to see a new build.
      'cache-control': file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (request.method === 'HEAD') {
      await handle.close();
      response.end();
      return;
    }
    try {
      // The stream closes the file when it ends or fails; pipeline destroys the response on
      // a read error, so a client never takes a cut-short body for the whole file.
      await pipeline(handle.createReadStream(), response);
    } catch {
      // The client went away, or the read failed after the headers were sent: nothing more to say.
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolveListen());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${actual}/`,
    port: actual,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
