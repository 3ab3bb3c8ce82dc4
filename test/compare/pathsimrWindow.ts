/**
 * PathSimR's averaging window, measured on Pathflow's own patients.
 *
 * PathSimR averages a node's level from the node's first event after the warm-up to its last
 * event (semantics.md §2): the time before the first and after the last is left out. To
 * measure what that does, this rebuilds each node's stays and queue waits from a replication's
 * NetworkObserver callbacks, and averages them twice: over the whole window (which must give
 * Pathflow's own figure, the check that the rebuild is right) and over PathSimR's.
 *
 * The rebuild reads a patient's time at a node as PathSimR's "patient occupancy" does, from
 * the start of their stay to their departure: at the end of their stay if the next node has
 * an internal queue they can wait in, else when they are next admitted or leave the network
 * (blocked, or in a transfer delay, until then). Transfer delays into a queue are not modelled
 * here: none of the Use Case Library's cases has one.
 */
import type { NetworkObserver } from '../../src/engine/network/networkSimulation.js';

/** A node's level as the intervals of each patient's presence; zero-length ones still count as events. */
export interface NodeIntervals {
  starts: number[];
  ends: number[];
}

export interface ReplicationIntervals {
  /** Per node: from the start of a stay to the departure. */
  occupancy: NodeIntervals[];
  /** Per node: from joining its external or internal queue to admission (zero-length: admitted at once, or lost). */
  queue: NodeIntervals[];
}

interface OpenVisit {
  node: number;
  admitted: number;
  stayEnd: number;
}

const key = (origin: number, ordinal: number) => origin * 2 ** 26 + ordinal;
const newIntervals = (n: number): NodeIntervals[] => Array.from({ length: n }, () => ({ starts: [], ends: [] }));

/**
 * An observer that collects a replication's intervals, and `finish` to close them at the horizon.
 * `internalQueue[j]` and `externalQueue[j]`: node j's queue sizes (0: none; a patient who cannot
 * start is blocked upstream, or lost).
 */
export function intervalObserver(internalQueue: readonly number[], externalQueue: readonly number[]): { observer: NetworkObserver; finish(): ReplicationIntervals } {
  const n = internalQueue.length;
  const occupancy = newIntervals(n);
  const queue = newIntervals(n);
  const open = new Map<number, OpenVisit>();
  /** External arrivals not yet admitted: their arrival time and node. */
  const waiting = new Map<number, { node: number; time: number }>();
  const close = (visit: OpenVisit, departure: number) => {
    occupancy[visit.node].starts.push(visit.admitted);
    occupancy[visit.node].ends.push(departure);
  };
  const observer: NetworkObserver = {
    arrived(origin, ordinal, time) {
      waiting.set(key(origin, ordinal), { node: origin, time });
    },
    admitted(origin, ordinal, node, time, stay) {
      const k = key(origin, ordinal);
      const previous = open.get(k);
      let request = time;
      if (previous) {
        const departure = internalQueue[node] > 0 ? Math.min(previous.stayEnd, time) : time;
        close(previous, departure);
        request = departure;
      } else {
        const arrival = waiting.get(k);
        if (arrival) {
          request = arrival.time;
          waiting.delete(k);
        }
      }
      queue[node].starts.push(request);
      queue[node].ends.push(time);
      open.set(k, { node, admitted: time, stayEnd: time + stay });
    },
    exited(origin, ordinal, time) {
      const k = key(origin, ordinal);
      const visit = open.get(k);
      if (visit) close(visit, time);
      open.delete(k);
    },
  };
  return {
    observer,
    finish() {
      for (const visit of open.values()) close(visit, Infinity);
      // Never admitted: lost at once where the node has no external queue, else still waiting.
      for (const { node, time } of waiting.values()) {
        queue[node].starts.push(time);
        queue[node].ends.push(externalQueue[node] > 0 ? Infinity : time);
      }
      return { occupancy, queue };
    },
  };
}

/** ∫ level over [from, to] of the intervals. */
function area(intervals: NodeIntervals, from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < intervals.starts.length; i++) {
    const overlap = Math.min(intervals.ends[i], to) - Math.max(intervals.starts[i], from);
    if (overlap > 0) sum += overlap;
  }
  return sum;
}

/** The node's level averaged over the whole window [0, horizon), as Pathflow reports it. */
export function wholeWindowMean(intervals: NodeIntervals, horizon: number): number {
  return area(intervals, 0, horizon) / horizon;
}

/**
 * The level averaged as PathSimR does: from the first event in [0, horizon) to the last (an
 * event is any start or end of an interval). NaN when the node has fewer than two events.
 */
export function pathsimrWindowMean(intervals: NodeIntervals, horizon: number): number {
  let first = Infinity;
  let last = -Infinity;
  const see = (t: number) => {
    if (t >= 0 && t < horizon) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
  };
  for (let i = 0; i < intervals.starts.length; i++) {
    see(intervals.starts[i]);
    see(intervals.ends[i]);
  }
  return last > first ? area(intervals, first, last) / (last - first) : NaN;
}
