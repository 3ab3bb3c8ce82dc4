/**
 * Results of tasks already simulated, for any shell that runs a model again and again (the web
 * app after each edit). A task's result depends on nothing but the task: a node-scenario's on
 * its node, scenario, days, settings and replications; a component scenario's on all of itself
 * (its whole network). So after an edit only the tasks of what changed are simulated again, and
 * a reused result is the very one a fresh simulation would give.
 */
import { isComponentTask } from '../engine/network/componentTask.js';
import { isBlockTask, type BatchExecutor, type RunTask, type TaskExecutor, type TaskResult } from '../engine/run.js';

/** Results by task key; bounded, oldest first out, so a long editing session cannot grow without end. */
export class TaskCache {
  private readonly entries = new Map<string, TaskResult>();

  constructor(private readonly limit = 5000) {}

  get(key: string): TaskResult | undefined {
    return this.entries.get(key);
  }

  set(key: string, result: TaskResult): void {
    if (this.entries.size >= this.limit && !this.entries.has(key)) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, result);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** How many tasks a run simulated and how many it took from the cache. */
export interface TaskCounts {
  simulated: number;
  reused: number;
}

/**
 * Keys tasks for one run. A node's JSON is written once per run, not once per scenario; keys
 * are not shared across runs, as a node id may name a different node after an edit. A block
 * of a scenario's replications has none: what it leaves is in its run's shared memory.
 */
function taskKeys(): (task: RunTask) => string | undefined {
  const nodeJson = new Map<string, string>();
  return (task) => {
    if (isBlockTask(task)) return undefined;
    // JSON would write Infinity (unlimited places) as null, the same as a missing number.
    if (isComponentTask(task)) return `component\u0000${JSON.stringify(task, (_, value) => (value === Infinity ? 'Infinity' : value))}`;
    let json = nodeJson.get(task.node.id);
    if (json === undefined) nodeJson.set(task.node.id, (json = JSON.stringify(task.node)));
    return `${json}\u0000${JSON.stringify(task.key)}\u0000${task.days}\u0000${task.replications}\u0000${JSON.stringify(task.settings)}`;
  };
}

/** `executor` for the tasks `cache` does not hold; counts what it did in `counts`. One per run. */
export function cachingExecutor(executor: TaskExecutor | BatchExecutor, cache: TaskCache, counts: TaskCounts = { simulated: 0, reused: 0 }): TaskExecutor | BatchExecutor {
  const keyOf = taskKeys();
  if (typeof executor === 'function') {
    return async (task) => {
      const key = keyOf(task);
      const cached = key === undefined ? undefined : cache.get(key);
      if (cached) {
        counts.reused++;
        return cached;
      }
      const result = await executor(task);
      if (key !== undefined) cache.set(key, result);
      counts.simulated++;
      return result;
    };
  }
  return {
    async runAll(tasks, onSummary, signal) {
      const keys = tasks.map(keyOf);
      const fresh: number[] = [];
      keys.forEach((key, index) => {
        const cached = key === undefined ? undefined : cache.get(key);
        if (cached === undefined) fresh.push(index);
        else {
          counts.reused++;
          onSummary(index, cached);
        }
      });
      if (fresh.length === 0) return;
      await executor.runAll(
        fresh.map((index) => tasks[index]),
        (i, result) => {
          const key = keys[fresh[i]];
          if (key !== undefined) cache.set(key, result);
          counts.simulated++;
          return onSummary(fresh[i], result);
        },
        signal,
      );
    },
  };
}
