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
import { simulateComponent, simulateReplicationBlock, summariseComponent, type ReplicationBlock } from './network/componentRun.js';
import type { ComponentStores } from './network/componentStores.js';
import type { ComponentScenarioKey, ComponentSummary } from './network/componentSummary.js';
import {
  componentBlockTasks,
  componentTask,
  isComponentBlockTask,
  isComponentTask,
  plannedComponentScenarios,
  type ComponentBlockTask,
  type ComponentTask,
  type PlannedComponentScenario,
} from './network/componentTask.js';
import { simulateScenario, type Compatibility, type ScenarioTask, type SimulationSettings } from './replications.js';
import {
  isScenarioBlock,
  isScenarioBlockTask,
  keepSharedBuffer,
  scenarioBlockTasks,
  simulateScenarioBlock,
  summariseScenarioBlocks,
  takeSharedBuffer,
  type ScenarioBlock,
  type ScenarioBlockTask,
} from './scenarioBlocks.js';
import { nodeScenarios, type ScenarioKey } from './scenarios.js';
import type { ScenarioSummary } from './summary.js';
import { isPending, SettleWindow, type Settling } from './settleWindow.js';

export interface RunOptions {
  replications: number;
  seed: number;
  compat?: Compatibility;
  initialResidual?: InitialResidual;
  /** How many scenarios the executor is given at once. */
  concurrency?: number;
  /**
   * Restrict the run to these scenario ids (all when absent): node-scenario ids, or component
   * scenario ids. A component scenario runs whole if any of its nodes' scenario ids is wanted.
   */
  scenarioIds?: readonly string[];
  /**
   * Network monitors (time-weighted level percentiles, per-patient figures); default true.
   * Off, component summaries leave those figures out and every other figure is the same.
   */
  monitors?: boolean;
  /**
   * Threads the executor runs tasks on (default 1). When a run has fewer tasks than threads
   * (a model that is one network, as every PathSimR case is; one scenario rerun), each
   * scenario, a network component's or an isolated node's, is split into blocks of
   * replications that the threads share, in shared memory. The results are the same for any
   * split.
   */
  threads?: number;
}

export interface RunResult {
  name: string;
  dates: string[];
  replications: number;
  seed: number;
  compat: Compatibility;
  initialResidual: InitialResidual;
  /** Isolated nodes' scenarios and networked nodes' (see scenarioKeysOf for the order). */
  scenarios: ScenarioSummary[];
  /** Every component scenario, when the model has network components (see componentKeysOf). */
  components?: ComponentSummary[];
}

/**
 * A unit of work: one isolated node-scenario, or one component scenario, all replications;
 * or a block of either's replications (RunOptions.threads).
 */
export type RunTask = ScenarioTask | ComponentTask | ComponentBlockTask | ScenarioBlockTask;
/** A summary, or what a block of replications leaves besides its stores. */
export type TaskResult = ScenarioSummary | ComponentSummary | ReplicationBlock | ScenarioBlock;

export function isComponentSummary(result: TaskResult): result is ComponentSummary {
  return 'nodes' in result;
}

export function isReplicationBlock(result: TaskResult): result is ReplicationBlock {
  return 'blockedByCause' in result && 'first' in result;
}

/** What a block of either kind leaves besides its run's shared memory: its scenario is summarised once its last block is in. */
export type BlockResult = ReplicationBlock | ScenarioBlock;

export function isBlockResult(result: TaskResult): result is BlockResult {
  return isReplicationBlock(result) || isScenarioBlock(result);
}

export function isBlockTask(task: RunTask): task is ComponentBlockTask | ScenarioBlockTask {
  return isComponentBlockTask(task) || isScenarioBlockTask(task);
}

/** Simulates and summarises any task (a block: simulates into its stores), on whatever thread calls it. */
export function runTask(task: RunTask): TaskResult {
  if (isComponentBlockTask(task)) return simulateReplicationBlock(task.task, task.stores, task.first, task.count);
  if (isScenarioBlockTask(task)) return simulateScenarioBlock(task);
  return isComponentTask(task) ? simulateComponent(task) : simulateScenario(task);
}

/** Fewest replications in a block of a component scenario that threads share: each block builds its own simulator and staging. */
export const MIN_BLOCK_REPLICATIONS = 8;

/**
 * How many blocks each scenario's replications (a component's, or an isolated node's) are
 * split into when a run of `taskCount` tasks has `threads` threads: none while there are tasks
 * enough to go round, else one a thread. Two a thread would balance a late-starting worker
 * better, but each block pays for its own simulator and staging, fresh memory: PathSimR's
 * Stroke case on 2 threads took 2.9 user CPU s in 4 blocks and 2.1 in 2 (1.6 on one thread).
 */
export function replicationBlocks(taskCount: number, threads: number, replications: number): number {
  if (threads <= 1 || taskCount >= threads || typeof SharedArrayBuffer !== 'function') return 1;
  return Math.max(1, Math.min(threads, Math.floor(replications / MIN_BLOCK_REPLICATIONS)));
}

export type TaskExecutor = (task: RunTask) => Promise<TaskResult>;

/**
 * An executor that is given every task at once and schedules them itself (a pool whose
 * threads claim tasks from shared memory), calling back with each summary as it is done.
 * When `onSummary` returns a promise the summary is not settled until it resolves, and the
 * executor keeps a bounded number of tasks unsettled (settleWindow.ts); it resolves once all are.
 */
export interface BatchExecutor {
  runAll(tasks: readonly RunTask[], onSummary: (index: number, summary: TaskResult) => Settling, signal?: AbortSignal): Promise<void>;
}

export interface RunProgress {
  replicationsDone: number;
  replicationsTotal: number;
}

/** Runs tasks in this thread; what tests and a single Web Worker use. */
export const inProcessExecutor: TaskExecutor = async (task) => runTask(task);

export function settingsOf(options: RunOptions): SimulationSettings {
  return {
    seed: options.seed >>> 0,
    compat: options.compat ?? 'none',
    initialResidual: options.initialResidual ?? 'ipacs',
  };
}

/** Most replications whose random draws a thread keeps for a node's other scenarios. */
export const KEEP_DRAWS_UP_TO = 2000;

/** One task per scenario of the isolated nodes (those outside every network component), in the model's order. */
export function planTasks(model: ModelSpec, options: RunOptions): ScenarioTask[] {
  return isolatedTasks(model, options, networkedNodes(plannedComponentScenarios(model)));
}

function networkedNodes(planned: readonly PlannedComponentScenario[]): Set<number> {
  return new Set(planned.flatMap((p) => p.component.nodes));
}

function isolatedTasks(model: ModelSpec, options: RunOptions, networked: ReadonlySet<number>): ScenarioTask[] {
  const wanted = options.scenarioIds ? new Set(options.scenarioIds) : undefined;
  const settings = settingsOf(options);
  const days = model.dates.length;
  return model.nodes
    .flatMap((node, index) => (networked.has(index) ? [] : nodeScenarios(node, index)))
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

/** The component scenarios a run simulates: all, or those with a wanted id or a wanted node-scenario id. */
function wantedComponentScenarios(planned: PlannedComponentScenario[], options: Pick<RunOptions, 'scenarioIds'>): PlannedComponentScenario[] {
  if (!options.scenarioIds) return planned;
  const wanted = new Set(options.scenarioIds);
  return planned.filter((p) => wanted.has(p.key.id) || p.nodeKeys.some((key) => wanted.has(key.id)));
}

/** Where a task's results go in RunResult: `scenarios` indices (one per node of a component), and its component index. */
interface TaskSlots {
  scenarios: number[];
  component: number;
  /** A block's: the component scenario it is part of, summarised once its last block is in. */
  blocks?: BlockGroup;
  /** The same for a block of an isolated node's scenario. */
  scenarioBlocks?: ScenarioBlockGroup;
}

interface BlockGroup {
  task: ComponentTask;
  stores: ComponentStores;
  done: ReplicationBlock[];
  remaining: number;
}

interface ScenarioBlockGroup {
  /** Any of the scenario's blocks: each names its shared columns. */
  block: ScenarioBlockTask;
  remaining: number;
}

interface RunPlan {
  tasks: RunTask[];
  slots: TaskSlots[];
  scenarioKeys: ScenarioKey[];
  componentKeys: ComponentScenarioKey[];
  hasComponents: boolean;
}

/**
 * The tasks of a run and where their results go. Scenarios are in model node order; a
 * networked node's in its component's scenario order. Tasks follow their first node, so a
 * model without networks plans exactly what it always did.
 */
function planRun(model: ModelSpec, options: RunOptions): RunPlan {
  const allPlanned = plannedComponentScenarios(model);
  const planned = wantedComponentScenarios(allPlanned, options);
  const isolated = isolatedTasks(model, options, networkedNodes(allPlanned));
  const settings = settingsOf(options);
  const scenarioKeys: ScenarioKey[] = [];
  const scenarioSlot = new Map<ScenarioKey, number>();
  const keysByNode = new Map<number, ScenarioKey[]>();
  for (const task of isolated) append(keysByNode, task.key.nodeIndex, task.key);
  for (const p of planned) p.nodeKeys.forEach((key) => append(keysByNode, key.nodeIndex, key));
  model.nodes.forEach((_, index) => {
    for (const key of keysByNode.get(index) ?? []) {
      scenarioSlot.set(key, scenarioKeys.length);
      scenarioKeys.push(key);
    }
  });
  const tasks: RunTask[] = [];
  const slots: TaskSlots[] = [];
  const componentStart = new Map<number, PlannedComponentScenario[]>();
  for (const p of planned) append(componentStart, p.component.nodes[0], p);
  let isolatedAt = 0;
  model.nodes.forEach((_, index) => {
    for (const p of componentStart.get(index) ?? []) {
      slots.push({ scenarios: p.nodeKeys.map((key) => scenarioSlot.get(key)!), component: planned.indexOf(p) });
      tasks.push(componentTask(model, p, { seed: settings.seed, initialResidual: settings.initialResidual, monitors: options.monitors }, options.replications));
    }
    while (isolatedAt < isolated.length && isolated[isolatedAt].key.nodeIndex === index) {
      slots.push({ scenarios: [scenarioSlot.get(isolated[isolatedAt].key)!], component: -1 });
      tasks.push(isolated[isolatedAt++]);
    }
  });
  const blocks = replicationBlocks(tasks.length, options.threads ?? 1, options.replications);
  const plan = { tasks, slots, scenarioKeys, componentKeys: planned.map((p) => p.key), hasComponents: allPlanned.length > 0 };
  return blocks > 1 ? inBlocks(plan, blocks) : plan;
}

/** The plan with each scenario split into `blocks` blocks of replications, in shared memory. */
function inBlocks(plan: RunPlan, blocks: number): RunPlan {
  const tasks: RunTask[] = [];
  const slots: TaskSlots[] = [];
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  plan.tasks.forEach((task, index) => {
    if (isBlockTask(task)) throw new Error('a plan is split into blocks once');
    if (!isComponentTask(task)) {
      const split = scenarioBlockTasks(task, blocks, takeSharedBuffer);
      const group: ScenarioBlockGroup = { block: split[0], remaining: split.length };
      for (const block of split) {
        tasks.push(block);
        slots.push({ ...plan.slots[index], scenarioBlocks: group });
      }
      return;
    }
    const split = componentBlockTasks(task, blocks, shared);
    const group: BlockGroup = { task, stores: split[0].stores, done: [], remaining: split.length };
    for (const block of split) {
      tasks.push(block);
      slots.push({ ...plan.slots[index], blocks: group });
    }
  });
  return { ...plan, tasks, slots };
}

function replicationsOf(task: RunTask): number {
  return isBlockTask(task) ? task.count : task.replications;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The keys of `RunResult.scenarios`, in order, without running anything (for writers that start first). */
export function scenarioKeysOf(model: ModelSpec, options: Partial<RunOptions> = {}): ScenarioKey[] {
  return planRun(model, { replications: 1, seed: 0, ...options }).scenarioKeys;
}

/** The keys of `RunResult.components`, in order (empty for a model without networks). */
export function componentKeysOf(model: ModelSpec, options: Partial<RunOptions> = {}): ComponentScenarioKey[] {
  return wantedComponentScenarios(plannedComponentScenarios(model), options).map((p) => p.key);
}

export async function runModel(
  model: ModelSpec,
  options: RunOptions,
  execute: TaskExecutor | BatchExecutor = inProcessExecutor,
  onProgress?: (progress: RunProgress) => void,
  signal?: AbortSignal,
  /**
   * Each scenario's summary as soon as it is done, with its index in the result (networked
   * nodes' too). A promise returned holds the run back once too many are unresolved.
   */
  onScenario?: (index: number, summary: ScenarioSummary) => Settling,
  /** Each component scenario's summary as soon as it is done, with its index in `components`; as onScenario. */
  onComponent?: (index: number, summary: ComponentSummary) => Settling,
): Promise<RunResult> {
  if (!Number.isInteger(options.replications) || options.replications < 1) {
    throw new RangeError(`replications must be a whole number of at least 1, not ${options.replications}`);
  }
  const { tasks, slots, scenarioKeys, componentKeys, hasComponents } = planRun(model, options);
  const summaries: ScenarioSummary[] = new Array(scenarioKeys.length);
  const components: ComponentSummary[] = new Array(componentKeys.length);
  const replicationsTotal = tasks.reduce((total, task) => total + replicationsOf(task), 0);
  let replicationsDone = 0;
  const completed = (index: number, done: TaskResult): Settling => {
    const slot = slots[index];
    replicationsDone += replicationsOf(tasks[index]);
    let result: ScenarioSummary | ComponentSummary;
    if (isReplicationBlock(done)) {
      const group = slot.blocks!;
      group.done.push(done);
      if (--group.remaining > 0) {
        onProgress?.({ replicationsDone, replicationsTotal });
        return undefined;
      }
      result = summariseComponent(group.task, group.stores, group.done);
    } else if (isScenarioBlock(done)) {
      const group = slot.scenarioBlocks!;
      if (--group.remaining > 0) {
        onProgress?.({ replicationsDone, replicationsTotal });
        return undefined;
      }
      result = summariseScenarioBlocks(group.block);
      keepSharedBuffer(group.block);
    } else result = done;
    const settling: Settling[] = [];
    if (isComponentSummary(result)) {
      components[slot.component] = result;
      result.nodes.forEach((node, i) => {
        summaries[slot.scenarios[i]] = node.scenario;
        settling.push(onScenario?.(slot.scenarios[i], node.scenario));
      });
      settling.push(onComponent?.(slot.component, result));
    } else {
      summaries[slot.scenarios[0]] = result;
      settling.push(onScenario?.(slot.scenarios[0], result));
    }
    onProgress?.({ replicationsDone, replicationsTotal });
    return settling.some(isPending) ? Promise.all(settling) : undefined;
  };
  if (typeof execute === 'function') {
    // A fixed number of lanes pull tasks in order, so the executor is never handed more than
    // it can run and results can be slotted back by index whatever order they finish in; and
    // none while too many results are unsettled (the consumer is behind).
    const unsettled = new SettleWindow();
    let nextTask = 0;
    const lane = async () => {
      for (;;) {
        await unsettled.reserve();
        if (nextTask >= tasks.length) return unsettled.settle(undefined);
        const index = nextTask++;
        signal?.throwIfAborted();
        const summary = await execute(tasks[index]);
        signal?.throwIfAborted();
        unsettled.settle(completed(index, summary));
      }
    };
    const lanes = Math.max(1, Math.min(tasks.length, options.concurrency ?? 1));
    await Promise.all(Array.from({ length: lanes }, lane));
    await unsettled.drained();
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
    ...(hasComponents ? { components } : {}),
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
