/**
 * `pathflow serve` as an ICB runs it: the built command in a child process on a fresh
 * SQLite file (and on PostgreSQL when one is configured for the tests), answering
 * /api/health and serving the web app at /, then stopping cleanly on SIGTERM. Bad settings
 * are refused with exit code 2 and a message naming the flag or variable, before anything
 * is opened. Needs `npm run build` (the app in dist/web, the command in dist/cli).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, cli, repoRoot } from '../cliHarness.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/staticServer.js';
import { freshPostgresUrl, postgresSkipReason } from '../server/databases.js';

/** The environment without the machine's own server settings, so the test says exactly what the command sees. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'PORT', 'PATHFLOW_WORKERS', 'PATHFLOW_RATE_LIMIT', 'PATHFLOW_PUBLIC_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID']) delete env[name];
  return { ...env, ...extra };
}

interface Served {
  address: string;
  stop(): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Starts `pathflow serve` with `args` in `cwd` and waits for the address it prints. */
async function serve(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Pathflow team server at (http:\/\/[^/\s]+)\//.exec(stdout);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 20);
    void closed.then((code) => {
      clearInterval(timer);
      reject(new Error(`pathflow serve ended (${code}) before printing its address: ${stderr}`));
    });
  });
  return {
    address,
    async stop() {
      child.kill('SIGTERM');
      return { code: await closed, stdout, stderr };
    },
  };
}

async function expectServesApiAndApp(served: Served, database: 'sqlite' | 'postgres'): Promise<void> {
  const health = await fetch(`${served.address}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true, version: expect.any(String), database, queue: database === 'sqlite' ? 'in-process' : 'pg-boss' });
  const page = await fetch(`${served.address}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  const html = await page.text();
  expect(html).toContain('<div id="root">');
  // The page's own script is served too, under the same policy.
  const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script, html).toBeDefined();
  const bundle = await fetch(`${served.address}${script}`);
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get('content-type')).toMatch(/javascript/);
}

describe('pathflow serve', () => {
  const work = builtCliWorkDirectory('pathflow-serve-');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('serves the API and the app on a new SQLite file, and stops cleanly on SIGTERM', async () => {
    expect(existsSync(join(repoRoot, 'dist/web/index.html')), 'run npm run build first').toBe(true);
    const served = await serve(work, ['--database', 'team.db'], cleanEnvironment());
    expect(served.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expectServesApiAndApp(served, 'sqlite');
    const stopped = await served.stop();
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toMatch(/stopped\n$/);
    expect(existsSync(join(work, 'team.db'))).toBe(true);
  }, 240_000);

  it('refuses bad settings with exit code 2, naming the flag or variable', () => {
    const cases: Array<[args: string[], env: Record<string, string>, message: RegExp]> = [
      [['--port', '70000'], {}, /--port must be a whole number from 0 to 65535, not '70000'/],
      [['--workers', '0'], {}, /--workers must be a whole number from 1 to 64/],
      [[], { PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535, not 'eighty'/],
      [[], { PATHFLOW_RATE_LIMIT: '0' }, /PATHFLOW_RATE_LIMIT must be a whole number from 1 to 1000000, not '0'/],
      [[], { DATABASE_URL: 'mysql://db/pathflow' }, /DATABASE_URL must be a postgres:\/\/ address/],
      [['--no-worker', '--database', 'x.db'], {}, /--no-worker needs PostgreSQL/],
      [[], { OIDC_ISSUER: 'https://login.example/' }, /OIDC_CLIENT_ID/],
    ];
    for (const [args, env, message] of cases) {
      const result = spawnSync(process.execPath, [cli, 'serve', ...args], { cwd: work, env: cleanEnvironment(env), encoding: 'utf8', timeout: 60_000 });
      expect(result.status, `${args.join(' ')} ${JSON.stringify(env)}: ${result.stderr}`).toBe(2);
      // The first line says what is wrong (commander then shows the command's help, as for every command).
      expect(result.stderr.split('\n')[0]).toMatch(message);
    }
    expect(existsSync(join(work, 'x.db')), 'nothing opened for refused settings').toBe(false);
    expect(existsSync(join(work, 'pathflow.db')), 'nothing opened for refused settings').toBe(false);
  }, 240_000);

  it.skipIf(postgresSkipReason !== undefined)(`serves on PostgreSQL named by DATABASE_URL, with the pg-boss queue${postgresSkipReason ? ` (${postgresSkipReason})` : ''}`, async () => {
    const database = await freshPostgresUrl();
    try {
      const served = await serve(work, [], cleanEnvironment({ DATABASE_URL: database.url }));
      await expectServesApiAndApp(served, 'postgres');
      const stopped = await served.stop();
      expect(stopped.code, stopped.stderr).toBe(0);
    } finally {
      await database.drop();
    }
  }, 240_000);
});
