/**
 * The worker pool's backpressure: the shared cursor hands out at most its window of tasks
 * whose results are not released, and a run through the pool with a slow consumer never has
 * more than MOST_UNSETTLED_TASKS summaries waiting for it. Runs on dist/, as workerPool.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, repoRoot } from '../cliHarness.js';
import { buildNationalModel } from '../../scripts/national-model.js';
import { runModel } from '../../src/engine/run.js';
import { MOST_UNSETTLED_TASKS } from '../../src/engine/settleWindow.js';

type PoolModule = typeof import('../../src/parallel/workerPool.js');
type CursorModule = typeof import('../../src/parallel/taskCursor.js');

let pool: PoolModule;
let cursors: CursorModule;

beforeAll(async () => {
  builtCliWorkDirectory('pathflow-backpressure-');
  pool = await import(join(repoRoot, 'dist/parallel/workerPool.js'));
  cursors = await import(join(repoRoot, 'dist/parallel/taskCursor.js'));
});

describe('TaskCursor with a window', () => {
  it('hands out no more than the window until a result is released, then every task once', () => {
    const cursor = cursors.TaskCursor.create(5, 2);
    expect([cursor.claimFront(), cursor.claimBack(), cursor.claimFront()]).toEqual([0, 4, cursors.NO_PERMIT]);
    cursor.release();
    expect([cursor.claimBack(), cursor.claimBack()]).toEqual([3, cursors.NO_PERMIT]);
    cursor.release();
    cursor.release();
    expect([cursor.claimFront(), cursor.claimFront(), cursor.claimFront()]).toEqual([1, 2, -1]);
  });

  it('hands out runs whole: never fewer tasks of a run than it has while the window holds it, every task once', () => {
    // Runs [0, 3), [3, 4), [4, 9), [9, 10); a window of 4.
    const runEnds = Int32Array.from([3, 3, 3, 4, 9, 9, 9, 9, 9, 10]);
    const cursor = cursors.TaskCursor.create(10, 4);
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([0, 3]);
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([3, 1]);
    // No permit left: a run is not started on the ones there are.
    expect(cursor.claimFrontRun(runEnds)).toBe(cursors.NO_PERMIT);
    cursor.release();
    cursor.release();
    // Two permits, a run of five: it waits for as many as the window allows.
    expect(cursor.claimFrontRun(runEnds)).toBe(cursors.NO_PERMIT);
    cursor.release();
    cursor.release();
    // A run longer than the window is handed out a window at a time.
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([4, 4]);
    for (let i = 0; i < 4; i++) cursor.release();
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([8, 1]);
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([9, 1]);
    expect([cursor.claimFrontRun(runEnds), cursor.claimedLength]).toEqual([-1, 0]);
  });

  it('when cancelled, leaves nothing to claim and nothing to wait for', () => {
    const cursor = cursors.TaskCursor.create(5, 1);
    cursor.claimFront();
    cursor.cancel();
    // Returns at once: a thread waiting for a permit is woken by the cancel.
    cursor.waitForPermit();
    expect([cursor.claimFront(), cursor.claimBack()]).toEqual([-1, -1]);
  });
});

describe('a pool run with a slow consumer', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  it('never leaves more than the window of summaries waiting, and delivers each once, as in process', async () => {
    // 144 scenarios, several windows' worth.
    const model = buildNationalModel({ icbs: 2, days: 10 });
    const options = { replications: 2, seed: 5 };
    const executor = pool.createExecutor(2);
    closers.push(() => executor.close());
    let waiting = 0;
    let mostWaiting = 0;
    const taken: number[] = [];
    // Takes a summary only after a few timer turns, slower than the two threads simulate.
    const slowTake = (index: number) =>
      new Promise<void>((resolve) => {
        waiting++;
        mostWaiting = Math.max(mostWaiting, waiting);
        setTimeout(() => {
          waiting--;
          taken.push(index);
          resolve();
        }, 5);
      });
    const result = await runModel(model, options, executor.execute, undefined, undefined, slowTake);
    expect(mostWaiting).toBeLessThanOrEqual(MOST_UNSETTLED_TASKS);
    expect(waiting).toBe(0);
    expect([...taken].sort((a, b) => a - b)).toEqual(result.scenarios.map((_, index) => index));
    const inProcess = await runModel(model, options);
    expect(result.scenarios.map((s) => s.horizon.meanQueue)).toEqual(inProcess.scenarios.map((s) => s.horizon.meanQueue));
  }, 120_000);

  it('fails the run with the consumer’s error', async () => {
    const model = buildNationalModel({ icbs: 1, days: 10 });
    const executor = pool.createExecutor(2);
    closers.push(() => executor.close());
    const failing = () => Promise.reject(new Error('the disk is full'));
    await expect(runModel(model, { replications: 2, seed: 5 }, executor.execute, undefined, undefined, failing)).rejects.toThrow('the disk is full');
  }, 120_000);
});
