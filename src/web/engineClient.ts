/**
 * Runs a model on a pool of Web Workers, the browser twin of src/parallel/workerPool.ts.
 *
 * runModel hands out one task (a scenario, or a component scenario) at a time per lane; each
 * lane's task goes to an idle worker. Results are slotted back by task, so the number of
 * workers never changes a number. Summaries are cached by the exact task they came from (node,
 * scenario, days, settings, replications; a component task by all of itself): a task's result
 * depends on nothing else, so after an edit only the tasks of the nodes that changed are
 * simulated again.
 */
import type { ModelSpec } from '../engine/model.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import { isComponentTask } from '../engine/network/componentTask.js';
import type { ScenarioTask } from '../engine/replications.js';
import { runModel, type RunOptions, type RunProgress, type RunResult, type RunTask, type TaskResult } from '../engine/run.js';
import { unpackSummary, type PackedSummary } from '../engine/summary.js';
import type { WorkerRequest } from './engineWorker.js';

type Reply = { id: number; packed: PackedSummary } | { id: number; component: ComponentSummary } | { id: number; error: string };

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
      worker.onmessage = (event: MessageEvent<Reply>) => {
        const pending = slot.pending;
        if (!pending || pending.id !== event.data.id) return;
        slot.pending = undefined;
        if ('error' in event.data) pending.reject(new Error(event.data.error));
        else if ('component' in event.data) pending.resolve(event.data.component);
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
      const request: WorkerRequest = { id, task };
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

/** Summaries by task; bounded so a long editing session cannot grow without end. */
export class SummaryCache {
  private readonly entries = new Map<string, TaskResult>();
  constructor(private readonly limit = 5000) {}

  static keyOf(task: ScenarioTask, nodeJson: string): string {
    return `${nodeJson}\u0000${JSON.stringify(task.key)}\u0000${task.days}\u0000${task.replications}\u0000${JSON.stringify(task.settings)}`;
  }

  /** A component task is its own key: it holds its whole network; JSON would write Infinity (unlimited places) as null. */
  static componentKeyOf(task: RunTask): string {
    return `component\u0000${JSON.stringify(task, (_, value) => (value === Infinity ? 'Infinity' : value))}`;
  }

  get(key: string): TaskResult | undefined {
    return this.entries.get(key);
  }

  set(key: string, summary: TaskResult): void {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, summary);
  }

  clear(): void {
    this.entries.clear();
  }
}

export type { RunStats } from './testHooks.js';
import type { RunStats } from './testHooks.js';

export async function runInWorkers(
  pool: WorkerPool,
  model: ModelSpec,
  options: RunOptions,
  cache: SummaryCache | undefined,
  onProgress?: (progress: RunProgress) => void,
  signal?: AbortSignal,
): Promise<{ result: RunResult; stats: RunStats }> {
  const started = performance.now();
  const nodeJson = new Map<string, string>();
  const stats: RunStats = { simulated: 0, reused: 0, milliseconds: 0 };
  const keyOf = (task: RunTask): string => {
    if (isComponentTask(task)) return SummaryCache.componentKeyOf(task);
    let json = nodeJson.get(task.node.id);
    if (json === undefined) nodeJson.set(task.node.id, (json = JSON.stringify(task.node)));
    return SummaryCache.keyOf(task, json);
  };
  const execute = async (task: RunTask): Promise<TaskResult> => {
    const key = keyOf(task);
    const cached = cache?.get(key);
    if (cached) {
      stats.reused++;
      return cached;
    }
    const summary = await pool.execute(task);
    cache?.set(key, summary);
    stats.simulated++;
    return summary;
  };
  const onAbort = () => pool.terminate();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await runModel(model, { ...options, concurrency: pool.size }, execute, onProgress, signal);
    stats.milliseconds = performance.now() - started;
    return { result, stats };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
