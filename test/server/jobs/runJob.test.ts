/**
 * A run job on both databases: it claims the run, simulates it on worker threads, writes
 * progress and stores the run directory, the same bytes as the run computed here in
 * process; it stops on a cancel request; a model that fails the schema fails the run; and
 * an attempt overtaken by a newer one stores nothing. Worker threads load dist/.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../databases.js';
import type { ServerDatabase } from '../../../src/server/storage/database.js';
import { createRunJobHandler, SERVER_MADE_BY } from '../../../src/server/jobs/runJob.js';
import { claimRun, createRun, finishSucceeded, getRun, requestCancel, runFiles } from '../../../src/server/jobs/runStore.js';
import { runModel } from '../../../src/engine/run.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { dailyCsvText, runDirectoryFiles } from '../../../src/app/runDirectory.js';
import { seedModel, testModel, builtRunFilesWorker, until, type Seeded } from './runFixtures.js';

const never = new AbortController().signal;

describe.each(testDatabases)('run jobs on $name', ({ open }) => {
  let database: ServerDatabase;
  let seeded: Seeded;
  beforeEach(async () => {
    database = await open();
    seeded = await seedModel(database.db);
  });
  afterEach(async () => {
    await database.close();
  });

  const newRun = (replications: number, seed = 7) =>
    createRun(database.db, { workspaceId: seeded.workspaceId, modelId: seeded.modelId, revision: 1, options: { replications, seed }, pathflowVersion: '0.1.0', createdBy: seeded.userId });

  it('goes queued, running, succeeded and stores the run directory the model and seed make', async () => {
    const run = await newRun(40);
    expect(run.status).toBe('queued');
    const handler = createRunJobHandler(database.db, { workerFile: builtRunFilesWorker(), threads: 2 });
    const seen: string[] = [];
    let watching = true;
    const watch = (async () => {
      // One last look after the handler has returned, so the status it ended on is seen.
      for (;;) {
        const last = !watching;
        const row = (await getRun(database.db, run.id))!;
        if (seen.at(-1) !== row.status) seen.push(row.status);
        if (last) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await handler({ runId: run.id }, never);
    watching = false;
    await watch;
    const done = (await getRun(database.db, run.id))!;
    expect(done).toMatchObject({ status: 'succeeded', progress: 1, attempts: 1, error: null });
    expect(seen).toContain('running');
    expect(seen.at(-1)).toBe('succeeded');

    // The model as stored and read back through the schema, as the job reads it.
    const checked = validateModel(JSON.parse(modelFileText(testModel)));
    if (!checked.ok) throw new Error('the test model does not pass the schema');
    const result = await runModel(checked.model, { replications: 40, seed: 7 });
    const expected = await runDirectoryFiles({
      result,
      model: checked.model,
      dailyCsv: dailyCsvText(result),
      started: run.created_at,
      source: 'model "Test network" revision 1 on the team server',
      madeBy: SERVER_MADE_BY,
    });
    const stored = await runFiles(database.db, run.id);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
    for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
    const audit = await database.db.selectFrom('audit').select('action').where('target_id', '=', run.id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual(['run.start', 'run.succeed']);
  });

  it('stops between tasks when cancelled, storing nothing', async () => {
    const run = await newRun(3000);
    const handler = createRunJobHandler(database.db, { workerFile: builtRunFilesWorker(), threads: 1 });
    const working = handler({ runId: run.id }, never);
    await until('the run to make progress', async () => ((await getRun(database.db, run.id))!.progress > 0 ? true : undefined));
    expect(await requestCancel(database.db, run.id, seeded.userId)).toBe(true);
    await working;
    const done = (await getRun(database.db, run.id))!;
    expect(done.status).toBe('cancelled');
    expect(done.progress).toBeLessThan(1);
    expect(await runFiles(database.db, run.id)).toEqual({});
    expect(await requestCancel(database.db, run.id, seeded.userId)).toBe(false);
  });

  it('cancels a queued run at once, and its job then does nothing', async () => {
    const run = await newRun(10);
    await requestCancel(database.db, run.id, seeded.userId);
    expect((await getRun(database.db, run.id))!.status).toBe('cancelled');
    await createRunJobHandler(database.db, { workerFile: builtRunFilesWorker() })({ runId: run.id }, never);
    expect((await getRun(database.db, run.id))!).toMatchObject({ status: 'cancelled', attempts: 0 });
  });

  it('fails a run whose model does not pass the schema, with the problem, without retrying', async () => {
    const broken = await seedModel(database.db, JSON.stringify({ ...testModel, nodes: [{ ...testModel.nodes[0], los: [{ name: 'Blos', family: 'lnorm', mean: -5, median: 3 }] }] }));
    const run = await createRun(database.db, { workspaceId: broken.workspaceId, modelId: broken.modelId, revision: 1, options: { replications: 5, seed: 1 }, pathflowVersion: '0.1.0', createdBy: broken.userId });
    await createRunJobHandler(database.db, { workerFile: builtRunFilesWorker() })({ runId: run.id }, never);
    const done = (await getRun(database.db, run.id))!;
    expect(done.status).toBe('failed');
    expect(done.attempts).toBe(1);
    expect(done.error).toMatch(/^the model does not pass the schema: nodes\[0\]\.los\[0\]/);
  });

  it('stores the results of only the newest attempt: one overtaken writes nothing', async () => {
    const run = await newRun(5);
    const first = await claimRun(database.db, run.id);
    const second = await claimRun(database.db, run.id);
    expect([first.attempt, second.attempt]).toEqual([1, 2]);
    expect(await finishSucceeded(database.db, run.id, 1, { 'a.csv': new Uint8Array([1]) })).toBe(false);
    expect(await finishSucceeded(database.db, run.id, 2, { 'a.csv': new Uint8Array([2]) })).toBe(true);
    expect(await finishSucceeded(database.db, run.id, 2, { 'a.csv': new Uint8Array([3]) })).toBe(false);
    expect(await runFiles(database.db, run.id)).toEqual({ 'a.csv': new Uint8Array([2]) });
    expect((await claimRun(database.db, run.id)).attempt).toBeUndefined();
  });

  it('fails a run whose attempts all ended unfinished', async () => {
    const run = await newRun(5);
    for (let attempt = 1; attempt <= 3; attempt++) expect((await claimRun(database.db, run.id)).attempt).toBe(attempt);
    await createRunJobHandler(database.db, { workerFile: builtRunFilesWorker(), maxAttempts: 3 })({ runId: run.id }, never);
    const done = (await getRun(database.db, run.id))!;
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/stopped after 3 attempts/);
  });
});
