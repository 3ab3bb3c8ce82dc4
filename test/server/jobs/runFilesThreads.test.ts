/**
 * A run's files made on the server's worker threads, as a run job makes them: a model of one
 * scenario is shared among the threads in blocks of replications, and its files are the very
 * bytes one thread makes. Worker threads load dist/.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/model.js';
import { runFilesOffThread } from '../../../src/server/jobs/runFilesThread.js';
import { dates, isolatedNodes } from '../../engine/network/runModels.js';
import { builtRunFilesWorker } from './runFixtures.js';

/** A P1 node with one scenario: a single task, which two threads can only share in blocks. */
const lone: ModelSpec = { name: 'one P1 scenario', dates, nodes: [{ ...isolatedNodes[0], capacity: isolatedNodes[0].capacity.slice(0, 1) }] };

describe("a run's files on the server's threads", () => {
  it('shares a lone scenario between 2 threads in blocks and stores the bytes one thread makes', { timeout: 120_000 }, async () => {
    const filesOn = async (threads: number) => {
      const done: number[] = [];
      const files = await runFilesOffThread(lone, { replications: 40, seed: 3 }, { started: '2026-12-07T22:00:00.000Z', source: 'the test', threads, workerFile: builtRunFilesWorker(), onProgress: (progress) => done.push(progress.replicationsDone) });
      return { files, done };
    };
    const one = await filesOn(1);
    const two = await filesOn(2);
    expect(one.done).toEqual([40]);
    // Two blocks of 20 replications, each reported as it is in.
    expect(two.done).toEqual([20, 40]);
    expect(Object.keys(two.files).sort()).toEqual(Object.keys(one.files).sort());
    for (const name of Object.keys(one.files)) expect(Buffer.from(two.files[name]).equals(Buffer.from(one.files[name])), name).toBe(true);
  });
});
