/**
 * Runs a model on a pool of Web Workers, the browser twin of src/parallel/workerPool.ts, with
 * the run use case the command line and the team server call (src/app/run.ts).
 *
 * The use case hands out one task (a scenario, or a component scenario) at a time per lane;
 * each lane's task goes to an idle worker. Results are slotted back by task, so the number of
 * workers never changes a number. With the app's task cache (src/app/taskCache.ts), after an
 * edit only the tasks of what changed are simulated again.
 */
import type { ModelSpec } from '../engine/model.js';
import type { RunProgress, RunResult, RunTask, TaskResult } from '../engine/run.js';
import { unpackSummary } from '../engine/summary.js';
import { simulate, type RunRequest } from '../app/run.js';
import type { TaskCache } from '../app/taskCache.js';
import type { EngineWorkerReply, EngineWorkerRequest } from './workerMessages.js';

interface Slot {
  worker: Worker;
  pending?: { id: number; resolve: (summary: TaskResult) => void; reject: (error: unknown) => void };
}

export function defaultWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  // One core is left for the page, which must stay responsive while a run is going.
  return Math.max(1, Math.min(8, cores - 1));
}

export class WorkerPool {
  private slots: Slot[] = [];
  private waiting: Array<() => void> = [];
  private nextId = 1;

  constructor(readonly size: number = defaultWorkerCount()) {}

  private ensureStarted(): void {
    if (this.slots.length > 0) return;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module', name: `pathflow-engine-${i}` });
      const slot: Slot = { worker };
      worker.onmessage = (event: MessageEvent<EngineWorkerReply>) => {
        const pending = slot.pending;
        if (!pending || pending.id !== event.data.id) return;
        slot.pending = undefined;
        if ('error' in event.data) pending.reject(new Error(event.data.error));
        else if ('component' in event.data) pending.resolve(event.data.component);
        else if ('block' in event.data) pending.resolve(event.data.block);
        else pending.resolve(unpackSummary(event.data.packed));
        this.waiting.shift()?.();
      };
      worker.onerror = (event) => {
        const pending = slot.pending;
        slot.pending = undefined;
        pending?.reject(new Error(event.message || 'the simulation worker failed'));
        this.waiting.shift()?.();
      };
      this.slots.push(slot);
    }
  }

  async execute(task: RunTask): Promise<TaskResult> {
    this.ensureStarted();
    let slot = this.slots.find((s) => !s.pending);
    while (!slot) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      slot = this.slots.find((s) => !s.pending);
    }
    const id = this.nextId++;
    const claimed = slot;
    return new Promise<TaskResult>((resolve, reject) => {
      claimed.pending = { id, resolve, reject };
      const request: EngineWorkerRequest = { id, task };
      claimed.worker.postMessage(request);
    });
  }

  /** Stops every worker at once (a cancel must not wait for scenarios in flight); new ones start on the next run. */
  terminate(reason: unknown = new DOMException('The run was cancelled', 'AbortError')): void {
    for (const slot of this.slots) {
      slot.worker.terminate();
      slot.pending?.reject(reason);
    }
    this.slots = [];
    for (const wake of this.waiting.splice(0)) wake();
  }
}

export type { RunStats } from './testHooks.js';
import type { RunStats } from './testHooks.js';

/** The run use case on the pool, through `cache` when given; a cancel stops every worker at once. */
export async function runInWorkers(
  pool: WorkerPool,
  model: ModelSpec,
  request: RunRequest,
  cache: TaskCache | undefined,
  onProgress?: (progress: RunProgress) => void,
  signal?: AbortSignal,
): Promise<{ result: RunResult; stats: RunStats }> {
  const started = performance.now();
  const onAbort = () => pool.terminate();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { result, simulated, reused } = await simulate(model, request, { executor: (task) => pool.execute(task), concurrency: pool.size, progress: onProgress, signal, cache });
    return { result, stats: { simulated, reused, milliseconds: performance.now() - started } };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
