/**
 * A whole run: every scenario of every node, replicated, summarised.
 *
 * The engine does not know where tasks execute: the caller passes an executor (in-process,
 * a Node worker pool, a pool of Web Workers). A task is one scenario, all its replications,
 * summarised where it ran. Results are identical for any executor and any concurrency,
 * because each replication's numbers depend only on the seed, the node and the replication
 * index, and summaries are slotted back by scenario.
 */
import type { InitialResidual } from './lengthOfStay.js';
import type { ModelSpec } from './model.js';
import { simulateScenario, type Compatibility, type ScenarioTask, type SimulationSettings } from './replications.js';
import { allScenarios } from './scenarios.js';
import type { ScenarioSummary } from './summary.js';

export interface RunOptions {
  replications: number;
  seed: number;
  compat?: Compatibility;
  initialResidual?: InitialResidual;
  /** How many scenarios the executor is given at once. */
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

export type TaskExecutor = (task: ScenarioTask) => Promise<ScenarioSummary>;

/**
 * An executor that is given every task at once and schedules them itself (a pool whose
 * threads claim tasks from shared memory), calling back with each summary as it is done.
 */
export interface BatchExecutor {
  runAll(tasks: readonly ScenarioTask[], onSummary: (index: number, summary: ScenarioSummary) => void, signal?: AbortSignal): Promise<void>;
}

export interface RunProgress {
  replicationsDone: number;
  replicationsTotal: number;
}

/** Runs tasks in this thread; what tests and a single Web Worker use. */
export const inProcessExecutor: TaskExecutor = async (task) => simulateScenario(task);

export function settingsOf(options: RunOptions): SimulationSettings {
  return {
    seed: options.seed >>> 0,
    compat: options.compat ?? 'none',
    initialResidual: options.initialResidual ?? 'ipacs',
  };
}

/** Most replications whose random draws a thread keeps for a node's other scenarios. */
export const KEEP_DRAWS_UP_TO = 2000;

/** One task per scenario, in the model's order. */
export function planTasks(model: ModelSpec, options: RunOptions): ScenarioTask[] {
  const wanted = options.scenarioIds ? new Set(options.scenarioIds) : undefined;
  const settings = settingsOf(options);
  const days = model.dates.length;
  return allScenarios(model)
    .filter((key) => !wanted || wanted.has(key.id))
    .map((key) => {
      const node = model.nodes[key.nodeIndex];
      // Referral times are shared across capacity and LOS scenarios, stays across capacity
      // and arrival scenarios. Past a few thousand replications a scenario's draws no longer
      // fit the per-thread caches (32 MB each), which would only churn: nothing is kept.
      const fits = options.replications <= KEEP_DRAWS_UP_TO;
      const keep = { arrivals: fits && node.capacity.length * node.los.length > 1, stays: fits && node.capacity.length * node.arrivals.length > 1 };
      return { node, key, days, settings, replications: options.replications, keep };
    });
}

export async function runModel(
  model: ModelSpec,
  options: RunOptions,
  execute: TaskExecutor | BatchExecutor = inProcessExecutor,
  onProgress?: (progress: RunProgress) => void,
  signal?: AbortSignal,
  /** Each scenario's summary as soon as it is done, with its index in the result. */
  onScenario?: (index: number, summary: ScenarioSummary) => void,
): Promise<RunResult> {
  if (!Number.isInteger(options.replications) || options.replications < 1) {
    throw new RangeError(`replications must be a whole number of at least 1, not ${options.replications}`);
  }
  const tasks = planTasks(model, options);
  const summaries: ScenarioSummary[] = new Array(tasks.length);
  const replicationsTotal = tasks.length * options.replications;
  let replicationsDone = 0;
  const completed = (index: number, summary: ScenarioSummary) => {
    summaries[index] = summary;
    onScenario?.(index, summary);
    replicationsDone += options.replications;
    onProgress?.({ replicationsDone, replicationsTotal });
  };
  if (typeof execute === 'function') {
    // A fixed number of lanes pull tasks in order, so the executor is never handed more than
    // it can run and results can be slotted back by index whatever order they finish in.
    let nextTask = 0;
    const lane = async () => {
      while (nextTask < tasks.length) {
        const index = nextTask++;
        signal?.throwIfAborted();
        const summary = await execute(tasks[index]);
        signal?.throwIfAborted();
        completed(index, summary);
      }
    };
    const lanes = Math.max(1, Math.min(tasks.length, options.concurrency ?? 1));
    await Promise.all(Array.from({ length: lanes }, lane));
  } else {
    await execute.runAll(tasks, completed, signal);
    signal?.throwIfAborted();
  }
  const settings = settingsOf(options);
  return {
    name: model.name,
    dates: model.dates,
    replications: options.replications,
    seed: settings.seed,
    compat: settings.compat,
    initialResidual: settings.initialResidual,
    scenarios: summaries,
  };
}

/** What a run was, as its manifest (and a report's front page) record it. */
export function runDescription(result: RunResult) {
  return {
    seed: result.seed,
    runs: result.replications,
    compat: result.compat,
    initialResidual: result.initialResidual,
    scenarios: result.scenarios.length,
    days: result.dates.length,
    firstDate: result.dates[0],
    lastDate: result.dates[result.dates.length - 1],
  };
}
