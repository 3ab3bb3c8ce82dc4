/**
 * The Node worker pool: threads claiming scenarios from a shared cursor. Worker threads load
 * the built JavaScript, so these tests run on dist/ (`npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, example, repoRoot } from '../cliHarness.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { planTasks, runModel } from '../../src/engine/run.js';
import type { ModelSpec } from '../../src/engine/model.js';
import type { ScenarioSummary } from '../../src/engine/summary.js';

type PoolModule = typeof import('../../src/parallel/workerPool.js');
type CursorModule = typeof import('../../src/parallel/taskCursor.js');

let pool: PoolModule;
let cursors: CursorModule;
let model: ModelSpec;

beforeAll(async () => {
  builtCliWorkDirectory('pathflow-pool-');
  pool = await import(join(repoRoot, 'dist/parallel/workerPool.js'));
  cursors = await import(join(repoRoot, 'dist/parallel/taskCursor.js'));
  const read = await readIpacsWorkbook(new Uint8Array(readFileSync(example)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  model = read.model;
});

describe('TaskCursor', () => {
  it('hands out every task exactly once from both ends, then -1', () => {
    const cursor = cursors.TaskCursor.create(5);
    expect([cursor.claimFront(), cursor.claimBack(), cursor.claimBack(), cursor.claimFront(), cursor.claimFront()]).toEqual([0, 4, 3, 1, 2]);
    expect(cursor.claimFront()).toBe(-1);
    expect(cursor.claimBack()).toBe(-1);
    expect(cursors.TaskCursor.create(0).claimFront()).toBe(-1);
  });

  it('stops handing out tasks once cancelled', () => {
    const cursor = cursors.TaskCursor.create(10);
    cursor.claimFront();
    cursor.cancel();
    expect(cursor.claimFront()).toBe(-1);
    expect(cursor.claimBack()).toBe(-1);
  });

  it('never gives one task to two threads: four threads racing over 200,000 tasks', async () => {
    const tasks = 200_000;
    const cursor = cursors.TaskCursor.create(tasks);
    const claimed = new Int32Array(new SharedArrayBuffer(tasks * 4));
    const ready = new Int32Array(new SharedArrayBuffer(4));
    const cursorUrl = new URL(join(repoRoot, 'dist/parallel/taskCursor.js'), 'file://').href;
    // Two threads claim from each end, counting every claim in shared memory. They start
    // together (each waits until all four are loaded), or one would finish before the next began.
    const racer = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.cursorUrl).then(({ TaskCursor }) => {
        const cursor = new TaskCursor(workerData.shared);
        Atomics.add(workerData.ready, 0, 1);
        while (Atomics.load(workerData.ready, 0) < 4) {}
        for (let i = workerData.front ? cursor.claimFront() : cursor.claimBack(); i >= 0; i = workerData.front ? cursor.claimFront() : cursor.claimBack()) {
          Atomics.add(workerData.claimed, i, 1);
        }
        parentPort.postMessage('done');
      });`;
    await Promise.all(
      [true, true, false, false].map(
        (front) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(racer, { eval: true, workerData: { cursorUrl, shared: cursor.shared, claimed, ready, front } });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    const counts = new Map<number, number>();
    for (const count of claimed) counts.set(count, (counts.get(count) ?? 0) + 1);
    expect(counts).toEqual(new Map([[1, tasks]]));
  });
});

describe('taskRunEnds', () => {
  it("makes a run of each node's consecutive scenarios, and of every other task one", () => {
    const tasks = planTasks(model, { replications: 1, seed: 1 });
    const ends = pool.taskRunEnds(tasks);
    for (let i = 0; i < tasks.length; i++) {
      const end = ends[i];
      expect(end).toBeGreaterThan(i);
      for (let j = i; j < end; j++) expect(tasks[j].node.id).toBe(tasks[i].node.id);
      if (end < tasks.length) expect(tasks[end].node.id).not.toBe(tasks[end - 1].node.id);
    }
    expect(new Set(ends).size).toBe(new Set(tasks.map((task) => task.node.id)).size);
  });
});

describe('createExecutor', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
  });

  it('gives the in-process summaries, each scenario once, on three threads', async () => {
    const options = { replications: 3, seed: 11 };
    const executor = pool.createExecutor(3);
    closers.push(() => executor.close());
    const delivered: number[] = [];
    const parallel = await runModel(model, options, executor.execute, undefined, undefined, (index) => delivered.push(index));
    const inProcess = await runModel(model, options);
    expect(delivered.sort((a, b) => a - b)).toEqual(planTasks(model, options).map((_, index) => index));
    const plain = (summary: ScenarioSummary) => JSON.parse(JSON.stringify({ ...summary, daily: Object.fromEntries(Object.entries(summary.daily).map(([metric, daily]) => [metric, { mean: [...daily.mean], quantiles: daily.quantiles.map((row) => [...row]) }])) }));
    expect(parallel.scenarios.map(plain)).toEqual(inProcess.scenarios.map(plain));
  });

  it('shares a lone scenario between 2 threads in blocks of replications, byte-identical to one thread', async () => {
    const executor = pool.createExecutor(2);
    closers.push(() => executor.close());
    const bytesOf = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array, String) : v));
    // A P1 node's first scenario and a bed node's, each a model of its own.
    for (const pathway of ['P1', 'P2']) {
      const node = model.nodes.find((candidate) => candidate.pathway === pathway)!;
      const lone: ModelSpec = { ...model, nodes: [{ ...node, capacity: node.capacity.slice(0, 1), los: node.los.slice(0, 1), arrivals: node.arrivals.slice(0, 1) }] };
      const options = { replications: 40, seed: 17 };
      const blocks: number[] = [];
      const shared = await runModel(lone, { ...options, threads: executor.threads }, executor.execute, (progress) => blocks.push(progress.replicationsDone));
      // Two blocks of 20 replications, one a thread.
      expect(blocks).toEqual([20, 40]);
      expect(bytesOf(shared.scenarios)).toBe(bytesOf((await runModel(lone, options)).scenarios));
    }
  });

  it('fails the run with the worker’s message when a scenario cannot be simulated, and can still be closed', async () => {
    const executor = pool.createExecutor(2);
    closers.push(() => executor.close());
    // A length of stay that cannot be fitted, on the last node only: whichever thread claims
    // its scenarios meets it after the healthy ones.
    const last = model.nodes.length - 1;
    const broken: ModelSpec = { ...model, nodes: model.nodes.map((node, i) => (i === last ? { ...node, los: node.los.map((los) => ({ ...los, mean: -1 })) } : node)) };
    await expect(runModel(broken, { replications: 2, seed: 1 }, executor.execute)).rejects.toThrow(/mean length of stay must be a positive number/);
  });
});
