/**
 * One node-scenario's replications shared out in blocks, so that threads can run a single
 * scenario together when a run has fewer scenarios than threads: a scenario rerun at 1,000
 * replications after a capacity is moved, or one scenario asked for at 10,000. Each block is
 * simulated into the scenario's columns in shared memory, a replication into its own slots,
 * and the scenario is summarised once every block is in. The summary reads the same numbers
 * in the same places as if one thread had simulated them all: identical bytes for any split.
 *
 * The isolated node's counterpart of a component scenario's blocks (network/componentTask.ts).
 */
import { HORIZON_FIELD_COUNT, METRIC_COUNT } from './dailyRecord.js';
import { simulateReplicationsInto, type ScenarioTask } from './replications.js';
import { summariseCollected, type ScenarioSummary } from './summary.js';

export interface ScenarioBlockTask {
  kind: 'scenarioBlock';
  task: ScenarioTask;
  /** The scenario's columns (CollectedReplications' layout), shared by all its blocks. */
  columns: Float64Array;
  /** Its horizon figures, `[r * HORIZON_FIELD_COUNT + field]`, shared likewise. */
  horizon: Float64Array;
  first: number;
  count: number;
}

/** What a block leaves besides the columns it filled: which replications it was. */
export interface ScenarioBlock {
  kind: 'scenarioBlockSimulated';
  first: number;
  count: number;
}

export function isScenarioBlockTask(task: object): task is ScenarioBlockTask {
  return (task as { kind?: unknown }).kind === 'scenarioBlock';
}

export function isScenarioBlock(result: object): result is ScenarioBlock {
  return (result as { kind?: unknown }).kind === 'scenarioBlockSimulated';
}

/**
 * `task`'s replications in `blocks` consecutive blocks, as even as whole replications allow,
 * sharing columns in one buffer made by `allocate` (a SharedArrayBuffer for threads to fill
 * together).
 */
export function scenarioBlockTasks(task: ScenarioTask, blocks: number, allocate: (bytes: number) => ArrayBufferLike): ScenarioBlockTask[] {
  const columnsLength = task.replications * METRIC_COUNT * task.days;
  const horizonLength = task.replications * HORIZON_FIELD_COUNT;
  const buffer = allocate((columnsLength + horizonLength) * Float64Array.BYTES_PER_ELEMENT);
  const columns = new Float64Array(buffer, 0, columnsLength);
  const horizon = new Float64Array(buffer, columnsLength * Float64Array.BYTES_PER_ELEMENT, horizonLength);
  return replicationRanges(task.replications, blocks).map(({ first, count }) => ({ kind: 'scenarioBlock', task, columns, horizon, first, count }));
}

/**
 * Replications 0 to `replications - 1` in `blocks` consecutive ranges, as even as whole
 * replications allow; one a replication when there are fewer replications than blocks. How a
 * scenario's blocks split, a component's (componentBlockTasks) or an isolated node's.
 */
export function replicationRanges(replications: number, blocks: number): { first: number; count: number }[] {
  const ranges = Math.max(1, Math.min(blocks, replications));
  return Array.from({ length: ranges }, (_, b) => {
    const first = Math.floor((b * replications) / ranges);
    return { first, count: Math.floor(((b + 1) * replications) / ranges) - first };
  });
}

/** Simulates the block's replications into the scenario's shared columns, on whatever thread calls it. */
export function simulateScenarioBlock(block: ScenarioBlockTask): ScenarioBlock {
  const { task, first, count } = block;
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= task.replications)) {
    throw new RangeError(`replications ${first} to ${first + count - 1} are not among the scenario's ${task.replications}`);
  }
  simulateReplicationsInto(task, block.columns, block.horizon, first, count);
  return { kind: 'scenarioBlockSimulated', first, count };
}

/**
 * The scenario's summary once every one of its blocks is in (any of them names the shared
 * columns). The columns are reordered in place to find quantiles, so this is called once.
 * The summary owns all it holds: its figures by replication are copied out of the shared
 * memory, which can then hold the next scenario's columns (keepSharedBuffer).
 */
export function summariseScenarioBlocks(block: ScenarioBlockTask): ScenarioSummary {
  const { task, columns, horizon } = block;
  return summariseCollected({ key: task.key, days: task.days, replications: task.replications, columns, horizon: horizon.slice() });
}

/** Most shared buffers kept for later scenarios' blocks, and the largest kept. */
const KEPT_BUFFERS = 2;
const LARGEST_KEPT_BYTES = 64 * 1024 * 1024;
const keptBuffers: SharedArrayBuffer[] = [];

/**
 * Shared memory for a scenario's blocks: a buffer a finished scenario gave back, or a new one.
 * A new buffer's pages are each mapped on first touch, and on a VM that is slow (the bench's
 * fresh-memory reference: up to 50 ms for 16 MB) the 11.6 MB of 1,000 replications of 181
 * days cost about 20 ms a run, a fifth of what P1 x 1,000 takes on 2 threads; a scenario rerun
 * again and again would pay it every time.
 */
export function takeSharedBuffer(bytes: number): SharedArrayBuffer {
  const at = keptBuffers.findIndex((buffer) => buffer.byteLength >= bytes);
  return at >= 0 ? keptBuffers.splice(at, 1)[0] : new SharedArrayBuffer(bytes);
}

/** Gives back the shared memory of a scenario summarised (summariseScenarioBlocks), for another's blocks. */
export function keepSharedBuffer(block: ScenarioBlockTask): void {
  const buffer = block.columns.buffer;
  if (typeof SharedArrayBuffer !== 'function' || !(buffer instanceof SharedArrayBuffer) || buffer.byteLength > LARGEST_KEPT_BYTES || keptBuffers.includes(buffer)) return;
  if (keptBuffers.length >= KEPT_BUFFERS) keptBuffers.shift();
  keptBuffers.push(buffer);
}
