/**
 * Fault tests of `pathflow worker` processes on PostgreSQL (the built CLI, spawned): a worker
 * killed with SIGKILL in the middle of a run loses nothing (once its job expires another
 * worker does the run, which succeeds once, with the bytes of an uninterrupted run), and a
 * run goes on to succeed when the database restarts under it. The restart is of a
 * PostgreSQL cluster of the test's own (the shared one on port 55432 is never restarted),
 * made with .ci/postgres.sh and restarted with pg_ctl restart: a real restart, every
 * connection cut, which is what an ICB's database failover or patching does.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshPostgresUrl, postgresSkipReason } from '../databases.js';
import { openDatabase, type ServerDatabase } from '../../../src/server/storage/database.js';
import { runFilesOf } from '../../../src/server/jobs/runJob.js';
import { createRun, getRun, runFiles, type RunRow } from '../../../src/server/jobs/runStore.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { cli, pathflow, repoRoot } from '../../cliHarness.js';
import { seedModel, testModel, until } from './runFixtures.js';

const workers: ChildProcess[] = [];
const output: string[] = [];

/** A worker, once it is taking runs (so the queue has its expiry before a run is sent). */
async function startWorker(url: string, jobExpirySeconds: number): Promise<ChildProcess> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [cli, 'worker', '--database', url, '--job-expiry', String(jobExpirySeconds), '--queue-check', '1'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  workers.push(child);
  let said = '';
  child.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  await until('the worker to take runs', async () => said.includes('taking runs from') || (child.exitCode !== null ? Promise.reject(new Error(said)) : undefined), 60_000, 50);
  return child;
}

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker.once('exit', resolve));
    }
  }
  output.length = 0;
});

async function uninterrupted(run: RunRow): Promise<Record<string, Uint8Array>> {
  const checked = validateModel(JSON.parse(modelFileText(testModel)));
  if (!checked.ok) throw new Error('the test model does not pass the schema');
  return runFilesOf(checked.model, JSON.parse(run.options), { started: run.created_at, source: 'model "Test network" revision 1 on the team server' });
}

function expectSameFiles(stored: Record<string, Uint8Array>, expected: Record<string, Uint8Array>) {
  expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
  for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
}

async function newRun(database: ServerDatabase, replications: number): Promise<RunRow> {
  const seeded = await seedModel(database.db);
  return createRun(database.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, options: { replications, seed: 3 }, pathflowVersion: '0.1.0', createdBy: seeded.userId });
}

/** The run running with some progress made and some left. */
const midRun = (database: ServerDatabase, runId: string) =>
  until('the run to be part done', async () => {
    const row = (await getRun(database.db, runId))!;
    return row.status === 'running' && row.progress > 0 && row.progress < 1 ? row : undefined;
  }, 180_000, 20);

const finished = (database: ServerDatabase, runId: string) =>
  until('the run to finish', async () => {
    const row = (await getRun(database.db, runId))!;
    return ['succeeded', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
  }, 300_000, 250);

/** As the server sends a run: with no expiry of its own, so the workers' stands. */
async function enqueue(url: string, runId: string): Promise<void> {
  const { PgBossQueue } = await import('../../../src/server/jobs/pgBossQueue.js');
  const queue = new PgBossQueue({ connectionString: url });
  await queue.start();
  await queue.enqueue({ runId });
  await queue.stop();
}

describe('pathflow worker', () => {
  it('refuses SQLite with a clear message: the server runs its jobs', () => {
    const result = pathflow('worker', '--database', 'pathflow.db');
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "error: pathflow worker takes runs from a PostgreSQL database (--database or DATABASE_URL as postgres://...), not 'pathflow.db': with SQLite, `pathflow serve` runs the jobs itself",
    );
  });

  it('refuses a PATHFLOW_WORKERS that is not a whole number, naming it, before connecting', () => {
    const result = spawnSync(process.execPath, [cli, 'worker', '--database', 'postgres://nobody@127.0.0.1:1/none'], { cwd: repoRoot, env: { ...process.env, PATHFLOW_WORKERS: '2x' }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("error: PATHFLOW_WORKERS must be a whole number from 1 to 64, not '2x'");
  });
});

describe.skipIf(postgresSkipReason !== undefined)('a pathflow worker killed mid-run (PostgreSQL)', () => {
  it('loses nothing: another worker does the run once its job expires, once, with the same bytes', async () => {
    const { url, drop } = await freshPostgresUrl();
    const database = await openDatabase(url);
    try {
      // The expiry is the longest a run may take: several times this run's length even on a busy 2-core machine.
      const expiry = 45;
      const run = await newRun(database, 600);
      const first = await startWorker(url, expiry);
      await enqueue(url, run.id);
      const part = await midRun(database, run.id);
      expect(part.attempts).toBe(1);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      expect((await getRun(database.db, run.id))!.status).toBe('running');

      await startWorker(url, expiry);
      const done = await finished(database, run.id);
      expect(done, output.join('')).toMatchObject({ status: 'succeeded', attempts: 2, progress: 1 });
      expectSameFiles(await runFiles(database.db, run.id), await uninterrupted(run));
      const succeeded = await database.db.selectFrom('audit').select('detail').where('target_id', '=', run.id).where('action', '=', 'run.succeed').execute();
      expect(succeeded.map((row) => JSON.parse(row.detail).attempt)).toEqual([2]);
    } finally {
      await database.close();
      await drop();
    }
  }, 400_000);
});

const pgCtl = spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
const ownClusterSkipReason =
  process.getuid?.() !== 0 ? 'not root: .ci/postgres.sh starts PostgreSQL as the postgres user with su'
  : !pgCtl && !process.env.CI ? 'PostgreSQL is not installed here (.ci/postgres.sh installs it in CI)'
  : undefined;
if (ownClusterSkipReason && !process.env.CI) process.stderr.write(`note: the database-restart test is skipped: ${ownClusterSkipReason}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(ownClusterSkipReason !== undefined && !process.env.CI)('the database restarted during a run (PostgreSQL)', () => {
  it('the run still succeeds, with the bytes of an uninterrupted run', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'pathflow-restart-pg-'));
    // The cluster runs as the postgres user, who must reach its data directory inside.
    chmodSync(directory, 0o755);
    const environment = { ...process.env, PATHFLOW_PG_DIR: join(directory, 'data'), PATHFLOW_PG_PORT: String(await freePort()) };
    const started = spawnSync('bash', [join(repoRoot, '.ci/postgres.sh')], { env: environment, encoding: 'utf8' });
    expect(started.status, started.stderr).toBe(0);
    const url = started.stdout.trim();
    const database = await openDatabase(url);
    try {
      const run = await newRun(database, 1500);
      await startWorker(url, 120);
      await enqueue(url, run.id);
      await midRun(database, run.id);
      const ctl = pgCtl || spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim();
      // -l: the new server writes its log to the file, not to pipes this test would wait on for ever.
      const restarted = spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', `'${ctl}' -D '${environment.PATHFLOW_PG_DIR}' -l '${environment.PATHFLOW_PG_DIR}/log' restart -m fast -w`], { stdio: 'ignore' });
      expect(restarted.status).toBe(0);
      const done = await finished(database, run.id);
      expect(done, output.join('')).toMatchObject({ status: 'succeeded', progress: 1 });
      expectSameFiles(await runFiles(database.db, run.id), await uninterrupted(run));
    } finally {
      await database.close();
      spawnSync('bash', [join(repoRoot, '.ci/postgres.sh'), 'stop'], { env: environment });
      rmSync(directory, { recursive: true, force: true });
    }
  }, 400_000);
});
