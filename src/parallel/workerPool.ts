/**
 * Replications on Node worker threads (piscina). One thread runs in-process: starting a
 * worker costs more than a small run takes, and the results are the same either way.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { inProcessExecutor, type TaskExecutor } from '../engine/run.js';
import type { ScenarioTask } from '../engine/replications.js';
import type { ScenarioSummary } from '../engine/summary.js';

export interface Executor {
  execute: TaskExecutor;
  /** How many tasks to keep in flight to keep every thread busy. */
  concurrency: number;
  threads: number;
  close(): Promise<void>;
}

export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism());
}

export function createExecutor(threads: number): Executor {
  if (threads <= 1) {
    return { execute: inProcessExecutor, concurrency: 1, threads: 1, close: async () => {} };
  }
  const pool = new Piscina<ScenarioTask, ScenarioSummary>({
    filename: new URL('./scenarioWorker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 1000,
  });
  return {
    execute: (task) => pool.run(task),
    // Two tasks a thread: one running, one queued, so no thread waits on the main thread.
    concurrency: threads * 2,
    threads,
    close: () => pool.destroy(),
  };
}
