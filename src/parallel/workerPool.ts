/**
 * Scenarios on Node worker threads (piscina), with the main thread as one of the threads.
 *
 * The main thread has nothing else to do while a run simulates, and it is already warm: a
 * new worker costs a module load and a cold JIT before it runs at speed, which on the IPACS
 * sample (108 small tasks) ate all the gain of a second worker. So `threads = N` is the main
 * thread plus N - 1 workers. Results are the same whichever thread runs a scenario.
 */
import { availableParallelism } from 'node:os';
import { inProcessExecutor, type TaskExecutor } from '../engine/run.js';
import { unpackSummary, type PackedSummary } from '../engine/summary.js';
import type { ScenarioTask } from '../engine/replications.js';

export interface Executor {
  execute: TaskExecutor;
  /** How many tasks to keep in flight to keep every thread busy. */
  concurrency: number;
  threads: number;
  close(): Promise<void>;
}

/**
 * Below this much work (scenarios x replications x days) one thread is fastest: each extra
 * thread first spends a few hundred milliseconds loading and compiling the engine, which a
 * run of about a second (the IPACS sample at 50 replications is a million) cannot win back.
 */
export const PARALLEL_WORK_THRESHOLD = 3_000_000;

/** Threads for a run of this size when the user does not say: all cores, unless it is small. */
export function autoThreadCount(scenarios: number, replications: number, days: number): number {
  return scenarios * replications * days < PARALLEL_WORK_THRESHOLD ? 1 : Math.max(1, availableParallelism());
}

export async function createExecutor(threads: number): Promise<Executor> {
  if (threads <= 1) {
    return { execute: inProcessExecutor, concurrency: 1, threads: 1, close: async () => {} };
  }
  // Loaded only when needed: a one-thread run should not pay for it at start-up.
  const { Piscina } = await import('piscina');
  const workers = threads - 1;
  const pool = new Piscina<ScenarioTask, PackedSummary>({
    filename: new URL('./scenarioWorker.js', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Both of a worker's tasks are posted to it at once: with one at a time, the next waits
    // in the main thread's queue, and the main thread, itself running a task, cannot post it.
    concurrentTasksPerWorker: 2,
    idleTimeout: 1000,
  });
  // The workers are kept fed first (two tasks each, posted at once); the main thread takes a
  // task only when they have theirs, since while it runs one it cannot hand out another.
  const workerSlots = workers * 2;
  let inWorkers = 0;
  let mainThreadBusy = false;
  const execute: TaskExecutor = async (task) => {
    if (inWorkers >= workerSlots && !mainThreadBusy) {
      mainThreadBusy = true;
      try {
        // Yield first, so replies from the workers are taken in between main-thread tasks.
        await new Promise((resolve) => setImmediate(resolve));
        return await inProcessExecutor(task);
      } finally {
        mainThreadBusy = false;
      }
    }
    inWorkers++;
    try {
      return unpackSummary(await pool.run(task));
    } finally {
      inWorkers--;
    }
  };
  return {
    execute,
    // One task for the main thread, and two a worker: one running, one queued.
    concurrency: 1 + workerSlots,
    threads,
    close: () => pool.destroy(),
  };
}
