/**
 * The two job queues doing runs: the in-process queue of a SQLite server takes up, when it
 * starts again, a run its last start left running, and stores the same bytes as a run never
 * interrupted; pg-boss on PostgreSQL hands a queued run to a worker. Worker threads load dist/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPostgresUrl, postgresSkipReason } from '../databases.js';
import { openDatabase } from '../../../src/server/storage/database.js';
import { InProcessQueue } from '../../../src/server/jobs/inProcessQueue.js';
import { PgBossQueue } from '../../../src/server/jobs/pgBossQueue.js';
import { createRunJobHandler, runFilesOf } from '../../../src/server/jobs/runJob.js';
import { createRun, getRun, runFiles, type RunRow } from '../../../src/server/jobs/runStore.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { seedModel, testModel, builtRunFilesWorker, until } from './runFixtures.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/server/storage/tables.js';

const scratch = mkdtempSync(join(tmpdir(), 'pathflow-queues-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The run directory of an uninterrupted run of the same run, computed here in process. */
async function uninterrupted(run: RunRow): Promise<Record<string, Uint8Array>> {
  const checked = validateModel(JSON.parse(modelFileText(testModel)));
  if (!checked.ok) throw new Error('the test model does not pass the schema');
  return runFilesOf(checked.model, JSON.parse(run.options), { started: run.created_at, source: 'model "Test network" revision 1 on the team server' });
}

function expectSameFiles(stored: Record<string, Uint8Array>, expected: Record<string, Uint8Array>) {
  expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
  for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
}

const progressed = (db: Kysely<Database>, runId: string) => until('the run to make progress', async () => ((await getRun(db, runId))!.progress > 0 ? true : undefined));
const finished = (db: Kysely<Database>, runId: string) =>
  until('the run to finish', async () => {
    const row = (await getRun(db, runId))!;
    return ['succeeded', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
  }, 240_000, 200);

describe('the in-process queue (SQLite)', () => {
  it('takes up again, when the server starts again, a run it was stopped in the middle of, and stores the same bytes', async () => {
    const file = join(scratch, 'restart.db');
    const first = await openDatabase(file);
    const seeded = await seedModel(first.db);
    const run = await createRun(first.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, options: { replications: 1500, seed: 11 }, pathflowVersion: '0.1.0', createdBy: seeded.userId });
    const before = new InProcessQueue(first.db);
    await before.start();
    await before.work(createRunJobHandler(first.db, { workerFile: builtRunFilesWorker() }), 1);
    await before.enqueue({ runId: run.id });
    await progressed(first.db, run.id);
    await before.stop();
    const stopped = (await getRun(first.db, run.id))!;
    expect(stopped.status).toBe('running');
    expect(stopped.progress).toBeLessThan(1);
    await first.close();

    const second = await openDatabase(file);
    const after = new InProcessQueue(second.db);
    await after.start();
    await after.work(createRunJobHandler(second.db, { workerFile: builtRunFilesWorker() }), 1);
    const done = await finished(second.db, run.id);
    await after.stop();
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    expectSameFiles(await runFiles(second.db, run.id), await uninterrupted(run));
    await second.close();
  });

  it('runs no more jobs at once than its concurrency', async () => {
    const database = await openDatabase(':memory:');
    const seeded = await seedModel(database.db);
    const queue = new InProcessQueue(database.db);
    let now = 0;
    let most = 0;
    await queue.work(async () => {
      most = Math.max(most, ++now);
      await new Promise((resolve) => setTimeout(resolve, 30));
      now--;
    }, 2);
    const runs = await Promise.all(Array.from({ length: 6 }, () => createRun(database.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, options: { replications: 1, seed: 1 }, pathflowVersion: '0.1.0', createdBy: seeded.userId })));
    for (const run of runs) await queue.enqueue({ runId: run.id });
    await until('every job to be done', async () => now === 0 && most > 0);
    await queue.stop();
    expect(most).toBe(2);
    await database.close();
  });
});

describe.skipIf(postgresSkipReason !== undefined)('the pg-boss queue (PostgreSQL)', () => {
  it('hands a queued run to a worker, which stores its files once', async () => {
    const { url, drop } = await freshPostgresUrl();
    const database = await openDatabase(url);
    const queue = new PgBossQueue({ connectionString: url, pollingIntervalSeconds: 0.5 });
    try {
      const seeded = await seedModel(database.db);
      const run = await createRun(database.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, options: { replications: 30, seed: 5 }, pathflowVersion: '0.1.0', createdBy: seeded.userId });
      await queue.start();
      await queue.enqueue({ runId: run.id });
      await queue.work(createRunJobHandler(database.db, { workerFile: builtRunFilesWorker() }), 2);
      const done = await finished(database.db, run.id);
      expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
      expectSameFiles(await runFiles(database.db, run.id), await uninterrupted(run));
    } finally {
      await queue.stop();
      await database.close();
      await drop();
    }
  });
});
