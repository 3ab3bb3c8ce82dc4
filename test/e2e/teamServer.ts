/**
 * The built `pathflow serve` in a child process on a fresh SQLite file, with one local
 * account made by `pathflow users add`, for the team-mode browser test and the screenshots.
 * It has the static server's shape (url, port, close), so the browser harness opens the app
 * from it as from `npm start`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { builtCliWorkDirectory, cli } from '../cliHarness.js';
import type { StaticServer } from '../../src/server/staticServer.js';

export interface TeamServer extends StaticServer {
  email: string;
  password: string;
  /** What the server has written to stderr: shown when something fails. */
  log(): string;
}

const START_MS = 120_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The environment of the server: no DATABASE_URL from the caller's shell, so it is SQLite. */
function serverEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env.DATABASE_URL;
  return env;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pathflow serve exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`pathflow serve did not answer /api/health within ${START_MS / 1000} s: ${log()}`);
}

export async function startTeamServer(): Promise<TeamServer> {
  const directory = builtCliWorkDirectory('pathflow-team-');
  const database = join(directory, 'pathflow.db');
  const email = 'lead.analyst@example.nhs.uk';
  const password = 'correct horse battery staple';
  const env = serverEnvironment({ PATHFLOW_PASSWORD: password });
  const added = spawnSync(process.execPath, [cli, 'users', 'add', email, '--name', 'Lead Analyst', '--database', database], { cwd: directory, env, encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`pathflow users add failed (${added.status}): ${added.stderr}`);

  const port = await freePort();
  const child = spawn(process.execPath, [cli, 'serve', '--database', database, '--port', String(port), '--host', '127.0.0.1'], { cwd: directory, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = () => output;
  const url = `http://localhost:${port}/`;
  try {
    await waitForHealth(url, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    port,
    email,
    password,
    log,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
