/**
 * Where the replications of one component scenario are gathered before they are summarised:
 * every array a summary reads, carved out of one buffer. A replication writes only its own
 * slots, so several threads can each simulate a block of replications into one shared buffer
 * (a SharedArrayBuffer) and the summary, made once all are in, reads the same numbers in the
 * same places as if one thread had simulated them all: identical bytes for any split.
 */
import { HORIZON_FIELD_COUNT } from '../dailyRecord.js';
import type { ComponentTask } from './componentTask.js';
import { MONITORED_LEVEL_COUNT, TIME_SHARE_COUNT } from './levelMonitor.js';
import { compileNetwork, type CompiledNetwork } from './networkModel.js';
import { NETWORK_METRIC_COUNT, SUPPORT_ROW_COUNT } from './networkRecord.js';
import { PATIENT_FIGURE_COUNT } from './patientMonitor.js';

/** The system totals kept per replication, each a column of `SystemStore` (systemTotals.ts). */
export const SYSTEM_COLUMNS = ['totalCost', 'delayedDischargeBedDays', 'deadlocks', 'forcedAdmissions'] as const;
export type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

export interface MonitorStore {
  /** `[r * nodeCount * MONITORED_LEVEL_COUNT * TIME_SHARE_COUNT + i]`: each replication's record.timePercentiles. */
  levels: Float64Array;
  /** `[r * PATIENT_FIGURE_COUNT + figure]`. */
  patients: Float64Array;
  /** `[r * (nodeCount + 1) + exit]`. */
  byExit: Float64Array;
}

export interface ComponentStores {
  replications: number;
  /** Network metrics in columns across replications: `values[((node * NETWORK_METRIC_COUNT + metric) * days + day) * replications + r]`. */
  values: Float64Array;
  /** `flows[(edge * days + day) * replications + r]`. */
  flows: Float64Array;
  /**
   * NetworkRecord.support in columns across replications, as `values`:
   * `support[((row * nodeCount + node) * days + day) * replications + r]`. Each node's figures
   * in today's shape are made from these and `values` when the replications are summarised.
   */
  support: Float64Array;
  /** Each node's horizon figures in today's shape, `[r * HORIZON_FIELD_COUNT + field]`. */
  nodeHorizon: Float64Array[];
  /** Network metrics over the horizon: `[(r * nodeCount + node) * NETWORK_METRIC_COUNT + metric]`. */
  horizon: Float64Array;
  /** One column of `replications` per SYSTEM_COLUMNS entry. */
  system: Record<SystemColumn, Float64Array>;
  monitors?: MonitorStore;
}

export interface StoreShape {
  nodeCount: number;
  edgeCount: number;
  days: number;
  replications: number;
  monitors: boolean;
}

/** The size of a task's stores. */
export function componentStoreShape(task: ComponentTask): StoreShape {
  return storeShapeOf(task, compileNetwork(task.network));
}

export function storeShapeOf(task: ComponentTask, network: CompiledNetwork): StoreShape {
  return { nodeCount: network.ids.length, edgeCount: network.edgeCount, days: network.days, replications: task.replications, monitors: task.monitors ?? true };
}

/**
 * The stores of a component scenario, in one buffer from `allocate` (an ArrayBuffer, or a
 * SharedArrayBuffer for threads to fill together); zeroed, as a new buffer is.
 */
export function componentStores(shape: StoreShape, allocate: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes)): ComponentStores {
  const { nodeCount: n, edgeCount, days, replications: r, monitors } = shape;
  const lengths = {
    values: n * NETWORK_METRIC_COUNT * days * r,
    flows: edgeCount * days * r,
    support: SUPPORT_ROW_COUNT * n * days * r,
    nodeHorizon: HORIZON_FIELD_COUNT * r,
    horizon: r * n * NETWORK_METRIC_COUNT,
    levels: r * n * MONITORED_LEVEL_COUNT * TIME_SHARE_COUNT,
    patients: r * PATIENT_FIGURE_COUNT,
    byExit: r * (n + 1),
  };
  const total =
    lengths.values +
    lengths.flows +
    lengths.support +
    n * lengths.nodeHorizon +
    lengths.horizon +
    SYSTEM_COLUMNS.length * r +
    (monitors ? lengths.levels + lengths.patients + lengths.byExit : 0);
  const buffer = allocate(total * Float64Array.BYTES_PER_ELEMENT);
  let at = 0;
  const take = (length: number) => {
    const view = new Float64Array(buffer, at * Float64Array.BYTES_PER_ELEMENT, length);
    at += length;
    return view;
  };
  return {
    replications: r,
    values: take(lengths.values),
    flows: take(lengths.flows),
    support: take(lengths.support),
    nodeHorizon: Array.from({ length: n }, () => take(lengths.nodeHorizon)),
    horizon: take(lengths.horizon),
    system: Object.fromEntries(SYSTEM_COLUMNS.map((name) => [name, take(r)])) as Record<SystemColumn, Float64Array>,
    ...(monitors ? { monitors: { levels: take(lengths.levels), patients: take(lengths.patients), byExit: take(lengths.byExit) } } : {}),
  };
}
