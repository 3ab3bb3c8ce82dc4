/**
 * What the episodes say about a node at the snapshot date: who is in service, who is waiting,
 * and the capacity, which episodes cannot tell directly. The capacity is inferred as the most
 * people in service on any one day of the last weeks before the snapshot: when people were
 * waiting in those weeks the service was probably full, and that peak is its capacity; when
 * nobody waited it is only a lower bound.
 */
import type { NodeSeries } from './nodeSeries.js';

export const CAPACITY_WINDOW_WEEKS = 8;

export interface NodeInitialState {
  /** In service at the snapshot: started on or before it, not ended by it. */
  inService: number;
  /** Waiting at the snapshot: referred on or before it, not started. */
  waiting: number;
  capacity: InferredCapacity;
}

export interface InferredCapacity {
  value: number;
  /** Days the inference looked at (fewer than the window when the extract is shorter). */
  days: number;
  /** Whether anyone waited on a day of the window: if not, `value` is only a lower bound. */
  waitedInWindow: boolean;
}

/** The snapshot is the series' last day. */
export function initialStateOf(series: NodeSeries): NodeInitialState {
  const last = series.inService.length - 1;
  const days = Math.min(series.inService.length, CAPACITY_WINDOW_WEEKS * 7);
  const window = series.inService.slice(last + 1 - days);
  return {
    inService: series.inService[last],
    waiting: series.waiting[last],
    capacity: {
      value: Math.max(0, ...window),
      days,
      waitedInWindow: series.waiting.slice(last + 1 - days).some((count) => count > 0),
    },
  };
}
