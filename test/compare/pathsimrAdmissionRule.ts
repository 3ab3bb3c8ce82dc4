/**
 * PathSimR's admission after a capacity rise, measured on Pathflow's own patients.
 *
 * When a node's capacity rises, Pathflow admits min(free beds, waiting) at once, in FIFO order
 * (spec §2.6). PathSimR (PathSimR_Shiny_v1.R, CAPACITY CHANGE 1, l. 9343) follows one backfill
 * chain per capacity event: with nobody blocked upstream it ends after one admission, from the
 * external or the internal queue alike (semantics.md's "internal-queue admissions go on filling"
 * holds only while blocked patients feed the chain, l. 9709). Its events come in copies
 * (pathsimrCapacityEvents.ts), so a clinic opening with a queue starts two or three patients;
 * the other servers fill only as patients arrive (who then start at once, ahead of the queue)
 * or as stays end, one for each.
 *
 * To measure what that rule does, a replication's patients are recorded from Pathflow (each
 * one's arrival and, at every node, their stay, routing being drawn per patient and not by
 * congestion), then replayed through a small queueing network under either rule. Replayed
 * under Pathflow's rule it must give Pathflow's own figures: the check that the replay is
 * faithful. It handles what the cases it is used on need: every queue unlimited, no blocking,
 * no transfer delays (notReplayable() says why a network does not qualify).
 */
import type { NetworkObserver } from '../../src/engine/network/networkSimulation.js';
import { Kind, type CompiledNetwork } from '../../src/engine/network/networkModel.js';
import type { CapacityEvent } from './pathsimrCapacityEvents.js';
import type { NodeIntervals, ReplicationIntervals } from './pathsimrWindow.js';

export type AdmissionRule = 'pathflow' | 'pathsimr';

interface Journey {
  arrival: number;
  origin: number;
  /** Nodes visited in order, and the stay at each. */
  nodes: number[];
  stays: number[];
}

/** Why the replay cannot stand for this network, or undefined when it can. */
export function notReplayable(network: CompiledNetwork): string | undefined {
  const fed = new Set(network.edgeTarget);
  for (let i = 0; i < network.ids.length; i++) {
    if (fed.has(i) && network.queueInternal[i] !== Infinity && network.kinds[i] !== Kind.Exit) return `${network.ids[i]} has a limited internal queue (patients could block upstream)`;
    if (network.arrivals[i]?.some((rate) => rate > 0) && network.queueExternal[i] !== Infinity) return `${network.ids[i]} has a limited external queue (arrivals could be lost)`;
  }
  if (network.edgeDelay.some((delay) => delay !== undefined)) return 'it has transfer delays';
  return undefined;
}

/** An observer recording every patient's journey; `journeys()` after the replication. */
export function journeyObserver(): { observer: NetworkObserver; journeys(): Journey[] } {
  const byPatient = new Map<number, Journey>();
  const key = (origin: number, ordinal: number) => origin * 2 ** 26 + ordinal;
  const observer: NetworkObserver = {
    arrived(origin, ordinal, time) {
      byPatient.set(key(origin, ordinal), { arrival: time, origin, nodes: [], stays: [] });
    },
    admitted(origin, ordinal, node, _time, stay) {
      const journey = byPatient.get(key(origin, ordinal));
      if (!journey) throw new Error('the replay needs every patient to arrive from outside (no initial occupancy)');
      journey.nodes.push(node);
      journey.stays.push(stay);
    },
  };
  return { observer, journeys: () => [...byPatient.values()].sort((a, b) => a.arrival - b.arrival || a.origin - b.origin) };
}

/** One waiting or serving patient in the replay. */
interface Visit {
  journey: Journey;
  step: number;
  request: number;
  external: boolean;
  order: number;
}

/**
 * Replays `journeys` over [start, horizon) under `rule`; returns each node's stays and queue
 * waits as intervals (those unfinished at the horizon end there). A patient whose recorded
 * journey ends before the replay needs their next node leaves the network. Under PathSimR's
 * rule the capacity changes are `pathsimrEvents` (pathsimrCapacityEvents.ts: its copies and
 * split rows), each processed on its own; under Pathflow's, the network's schedules.
 */
export function replay(network: CompiledNetwork, journeys: readonly Journey[], rule: AdmissionRule, start: number, horizon: number, pathsimrEvents?: readonly CapacityEvent[]): ReplicationIntervals {
  const n = network.ids.length;
  const occupancy: NodeIntervals[] = Array.from({ length: n }, () => ({ starts: [], ends: [] }));
  const queue: NodeIntervals[] = Array.from({ length: n }, () => ({ starts: [], ends: [] }));
  const capacity = Float64Array.from(network.schedules, (s) => s.capacityAt(start));
  const busy = new Int32Array(n);
  const waiting: Visit[][] = Array.from({ length: n }, () => []);
  // Events: [time, kind (0 capacity change, 1 end of stay), payload]; arrivals are merged from `journeys`.
  const ends: { time: number; node: number; visit: Visit; admitted: number }[] = [];
  const changes: CapacityEvent[] = rule === 'pathsimr' && pathsimrEvents ? pathsimrEvents.filter((e) => e.time > start && e.time < horizon) : [];
  if (!(rule === 'pathsimr' && pathsimrEvents)) network.schedules.forEach((schedule, node) => {
    for (let i = 0; i < schedule.starts.length; i++) {
      const time = schedule.starts[i];
      if (time > start && time < horizon) changes.push({ time, node, level: schedule.levels[i] });
    }
  });
  changes.sort((a, b) => a.time - b.time || a.node - b.node);
  let order = 0;
  let nextChange = 0;

  const begin = (node: number, visit: Visit, t: number) => {
    queue[node].starts.push(visit.request);
    queue[node].ends.push(t);
    busy[node]++;
    const end = t + visit.journey.stays[visit.step];
    const at = ends.findIndex((e) => e.time > end);
    const event = { time: end, node, visit, admitted: t };
    if (at < 0) ends.push(event);
    else ends.splice(at, 0, event);
  };
  const earliest = (node: number): number => {
    const list = waiting[node];
    let best = -1;
    for (let i = 0; i < list.length; i++) if (best < 0 || list[i].request < list[best].request || (list[i].request === list[best].request && list[i].order < list[best].order)) best = i;
    return best;
  };
  // PathSimR follows one backfill chain from a freed place or a capacity event. An admission
  // from the external queue ends it; one from the internal queue ends it too unless a patient
  // is blocked upstream waiting for this node (l. 9709: never, with the unlimited internal
  // queues the replay requires). So each chain admits one patient, even with places still free.
  const fill = (node: number, t: number) => {
    while (busy[node] < capacity[node]) {
      const i = earliest(node);
      if (i < 0) return;
      const [visit] = waiting[node].splice(i, 1);
      begin(node, visit, t);
      if (rule === 'pathsimr') return;
    }
  };
  const enter = (visit: Visit, t: number) => {
    const node = visit.journey.nodes[visit.step];
    // Pathflow never leaves a bed free while someone waits (except after a fall in capacity); PathSimR's arrival takes a free bed at once.
    if (busy[node] < capacity[node] && (rule === 'pathsimr' || waiting[node].length === 0)) begin(node, visit, t);
    else waiting[node].push(visit);
  };

  let nextJourney = journeys.findIndex((j) => j.arrival >= start);
  if (nextJourney < 0) nextJourney = journeys.length;
  for (;;) {
    const tChange = nextChange < changes.length ? changes[nextChange].time : Infinity;
    const tEnd = ends.length > 0 ? ends[0].time : Infinity;
    const tArrival = nextJourney < journeys.length ? journeys[nextJourney].arrival : Infinity;
    const t = Math.min(tChange, tEnd, tArrival);
    if (!(t < horizon)) break;
    if (tChange === t) {
      const change = changes[nextChange++];
      const rose = change.level > capacity[change.node];
      capacity[change.node] = change.level;
      // PathSimR backfills whenever the new capacity exceeds the patients held (l. 9350), even when it did not rise.
      if (rose || rule === 'pathsimr') fill(change.node, t);
    } else if (tEnd === t) {
      const { node, visit, admitted } = ends.shift()!;
      busy[node]--;
      occupancy[node].starts.push(admitted);
      occupancy[node].ends.push(t);
      if (visit.step + 1 < visit.journey.nodes.length) enter({ journey: visit.journey, step: visit.step + 1, request: t, external: false, order: order++ }, t);
      fill(node, t);
    } else {
      const journey = journeys[nextJourney++];
      if (journey.nodes.length > 0) enter({ journey, step: 0, request: t, external: true, order: order++ }, t);
    }
  }
  for (const e of ends) {
    occupancy[e.node].starts.push(e.admitted);
    occupancy[e.node].ends.push(Infinity);
  }
  waiting.forEach((list, node) => {
    for (const visit of list) {
      queue[node].starts.push(visit.request);
      queue[node].ends.push(Infinity);
    }
  });
  return { occupancy, queue };
}
