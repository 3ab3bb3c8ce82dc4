/**
 * A whole run: every scenario of every node, replicated, summarised.
 *
 * The engine does not know where tasks execute: the caller passes an executor (in-process,
 * a Node worker pool, a pool of Web Workers). Results are identical for any executor and
 * any concurrency, because each replication's numbers depend only on the seed, the node
 * and the replication index, and chunks are slotted back by index.
 */
import type { InitialResidual } from './lengthOfStay.js';
import type { ModelSpec } from './model.js';
import { runReplications, type Compatibility, type ReplicationTask, type SimulationSettings } from './replications.js';
import { allScenarios, type ScenarioKey } from './scenarios.js';
import { ScenarioAccumulator, type ReplicationChunk, type ScenarioSummary } from './summary.js';

export interface RunOptions {
  replications: number;
  seed: number;
  compat?: Compatibility;
  initialResidual?: InitialResidual;
  /** How many tasks the executor runs at once; only the split of work depends on it. */
  concurrency?: number;
  /** Restrict the run to these scenario ids (all when absent). */
  scenarioIds?: readonly string[];
}

export interface RunResult {
  name: string;
  dates: string[];
  replications: number;
  seed: number;
  compat: Compatibility;
  initialResidual: InitialResidual;
  scenarios: ScenarioSummary[];
}

export type TaskExecutor = (task: ReplicationTask) => Promise<ReplicationChunk>;

export interface RunProgress {
  replicationsDone: number;
  replicationsTotal: number;
}

/** Runs tasks in this thread; what tests and a single Web Worker use. */
export const inProcessExecutor: TaskExecutor = async (task) => runReplications(task);

export function settingsOf(options: RunOptions): SimulationSettings {
  return {
    seed: options.seed >>> 0,
    compat: options.compat ?? 'none',
    initialResidual: options.initialResidual ?? 'ipacs',
  };
}

/** Splits the run into tasks: whole scenarios when there are plenty, replication ranges when few. */
export function planTasks(model: ModelSpec, options: RunOptions): { keys: ScenarioKey[]; tasks: ReplicationTask[] } {
  const wanted = options.scenarioIds ? new Set(options.scenarioIds) : undefined;
  const keys = allScenarios(model).filter((key) => !wanted || wanted.has(key.id));
  const replications = options.replications;
  const settings = settingsOf(options);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const chunksPerScenario = Math.max(1, Math.min(replications, Math.ceil((8 * concurrency) / Math.max(1, keys.length))));
  const chunkSize = Math.ceil(replications / chunksPerScenario);
  const days = model.dates.length;
  const tasks: ReplicationTask[] = [];
  for (const key of keys) {
    const node = model.nodes[key.nodeIndex];
    for (let first = 0; first < replications; first += chunkSize) {
      tasks.push({ node, key, days, settings, firstReplication: first, count: Math.min(chunkSize, replications - first) });
    }
  }
  return { keys, tasks };
}

export async function runModel(
  model: ModelSpec,
  options: RunOptions,
  execute: TaskExecutor = inProcessExecutor,
  onProgress?: (progress: RunProgress) => void,
  signal?: AbortSignal,
): Promise<RunResult> {
  if (!Number.isInteger(options.replications) || options.replications < 1) {
    throw new RangeError(`replications must be a whole number of at least 1, not ${options.replications}`);
  }
  const { keys, tasks } = planTasks(model, options);
  const days = model.dates.length;
  const accumulators = new Map<string, ScenarioAccumulator>();
  const summaries = new Map<string, ScenarioSummary>();
  const replicationsTotal = keys.length * options.replications;
  let replicationsDone = 0;
  // A fixed number of lanes pull tasks in scenario order, so only the scenarios in flight
  // hold their traces and the executor is never handed more than it can run.
  let nextTask = 0;
  const lane = async () => {
    while (nextTask < tasks.length) {
      const task = tasks[nextTask++];
      signal?.throwIfAborted();
      const chunk = await execute(task);
      signal?.throwIfAborted();
      let accumulator = accumulators.get(task.key.id);
      if (!accumulator) {
        accumulator = new ScenarioAccumulator(task.key, days, options.replications);
        accumulators.set(task.key.id, accumulator);
      }
      accumulator.add(chunk);
      if (accumulator.complete) {
        summaries.set(task.key.id, accumulator.finish());
        accumulators.delete(task.key.id);
      }
      replicationsDone += task.count;
      onProgress?.({ replicationsDone, replicationsTotal });
    }
  };
  const lanes = Math.max(1, Math.min(tasks.length, options.concurrency ?? 1));
  await Promise.all(Array.from({ length: lanes }, lane));
  const settings = settingsOf(options);
  return {
    name: model.name,
    dates: model.dates,
    replications: options.replications,
    seed: settings.seed,
    compat: settings.compat,
    initialResidual: settings.initialResidual,
    scenarios: keys.map((key) => summaries.get(key.id) as ScenarioSummary),
  };
}
