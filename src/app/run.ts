/**
 * The run use cases: `simulate` a model (the web app, which shows the result and makes files
 * only when asked), or `run` it, handing its outputs to a sink as they are ready. The command
 * line's sink streams the big files to disk from its writer thread; the in-memory sink
 * (memoryRunSink.ts) holds a run directory for the web app and the team server. Where tasks
 * run, how progress is shown and what stops a run are the caller's.
 */
import type { ModelSpec } from '../engine/model.js';
import type { Compatibility } from '../engine/replications.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import type { ScenarioSummary } from '../engine/summary.js';
import { modelFileText } from '../engine/modelSchema.js';
import { inProcessExecutor, runModel, scenarioKeysOf, type BatchExecutor, type RunProgress, type RunResult, type TaskExecutor } from '../engine/run.js';
import { summaryCsv } from '../csv/summary.js';
import { cachingExecutor, type TaskCache, type TaskCounts } from './taskCache.js';
import type { Settling } from '../engine/settleWindow.js';

/** What to simulate: the same seed and request always give the same files. */
export interface RunRequest {
  replications: number;
  seed: number;
  compat?: Compatibility;
  initialResidual?: InitialResidual;
}

/** Where a run's files go. Scenarios and components arrive in any order, with their index. */
export interface RunSink {
  /** `keys`: every scenario, in the order daily.csv lists them. */
  begin(model: ModelSpec, keys: ScenarioKey[]): void;
  /**
   * Scenario `index` (in the order of the keys) is done. A sink that takes it later (a writer
   * thread) returns a promise resolved once it has, and the run waits for it before going on
   * more than a few scenarios ahead, so a slow writer does not leave every summary in memory.
   */
  addScenario(index: number, summary: ScenarioSummary): Settling;
  /** Component scenario `index` (in RunResult.components order) is done; as addScenario. */
  addComponent(index: number, summary: ComponentSummary): Settling;
  /** A file written whole once the run is done. */
  addFile(name: string, content: string): Promise<void>;
  /**
   * Whether the sink has summary.csv made already, from the scenarios as they came (the
   * command line's writer thread makes it while the simulation goes on); then it is not
   * formatted here, nor given to addFile. Absent: false.
   */
  makesSummaryCsv?(): boolean;
  /** Every file complete; resolves with the names of those the sink wrote since the last addFile. */
  finish(result: RunResult): Promise<string[]>;
}

/** How a simulation is carried out: all optional. */
export interface SimulateDeps {
  /** In this thread when absent. */
  executor?: TaskExecutor | BatchExecutor;
  /** Tasks handed to a task executor at once (a pool's size); one when absent. */
  concurrency?: number;
  /**
   * Threads the executor runs tasks on (shared memory between them); one when absent. With
   * fewer tasks than threads, a network component's scenario is shared among them in blocks of
   * replications (RunOptions.threads): the same results, sooner.
   */
  threads?: number;
  progress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
  /** Results of earlier runs' tasks: a task held there is not simulated again (taskCache.ts). */
  cache?: TaskCache;
  /** Each scenario's summary as soon as it is done, with its index in the result; a promise returned holds the run back until it settles (settleWindow.ts). */
  onScenario?: (index: number, summary: ScenarioSummary) => Settling;
  /** Each component scenario's summary as soon as it is done, with its index in `components`; as onScenario. */
  onComponent?: (index: number, summary: ComponentSummary) => Settling;
}

export interface Simulation extends TaskCounts {
  result: RunResult;
}

export async function simulate(model: ModelSpec, request: RunRequest, deps: SimulateDeps = {}): Promise<Simulation> {
  const options = { ...request, ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }), ...(deps.threads === undefined ? {} : { threads: deps.threads }) };
  const executor = deps.executor ?? inProcessExecutor;
  const counts: TaskCounts = { simulated: 0, reused: 0 };
  const counted = deps.cache ? cachingExecutor(executor, deps.cache, counts) : countingExecutor(executor, counts);
  const result = await runModel(model, options, counted, deps.progress, deps.signal, deps.onScenario, deps.onComponent);
  return { result, ...counts };
}

/** Without a cache every task is simulated; counted the same way, so a shell reads one figure. */
function countingExecutor(executor: TaskExecutor | BatchExecutor, counts: TaskCounts): TaskExecutor | BatchExecutor {
  if (typeof executor === 'function') {
    return async (task) => {
      const result = await executor(task);
      counts.simulated++;
      return result;
    };
  }
  return {
    runAll: (tasks, onSummary, signal) =>
      executor.runAll(
        tasks,
        (index, result) => {
          counts.simulated++;
          return onSummary(index, result);
        },
        signal,
      ),
  };
}

/** How the run is carried out: all optional but the sink. */
export interface RunDeps extends Omit<SimulateDeps, 'onScenario' | 'onComponent'> {
  sink: RunSink;
}

export async function run(model: ModelSpec, request: RunRequest, deps: RunDeps): Promise<{ result: RunResult; files: string[] }> {
  const { sink } = deps;
  sink.begin(model, scenarioKeysOf(model, request));
  const { result } = await simulate(model, request, {
    ...deps,
    onScenario: (index, summary) => sink.addScenario(index, summary),
    onComponent: (index, summary) => sink.addComponent(index, summary),
  });
  if (!sink.makesSummaryCsv?.()) await sink.addFile('summary.csv', summaryCsv(result, model));
  await sink.addFile('model.json', modelFileText(model));
  const streamed = await sink.finish(result);
  return { result, files: ['summary.csv', 'model.json', ...streamed] };
}
