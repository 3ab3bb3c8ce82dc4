/**
 * The state of one replication of a network, and the steps every rule is made of: drawing
 * from the streams, counting, starting a stay, routing, moving a patient on. The rules are
 * layered on it, one concept a file: transfer delays (transferSteps.ts), admission in FIFO
 * order and the blocking chain (admissionSteps.ts), deadlocks (deadlockSteps.ts), overflow
 * (overflowSteps.ts), visit nodes (visitSteps.ts), and the event loop (networkSimulation.ts).
 */
import { ArrivalTimes, dayIndexOf } from '../arrivals.js';
import { DayIntegrator } from '../dailyRecord.js';
import { sampleLos } from '../lengthOfStay.js';
import { createStream, StreamPurpose, uniform, type UniformSource } from '../random.js';
import { drawProfileOf, type ArrivalDrawsCache } from './arrivalDraws.js';
import { EventQueue } from './eventQueue.js';
import { LevelMonitor, type MonitoredLevel } from './levelMonitor.js';
import { Kind, MAX_NODES, type CompiledNetwork } from './networkModel.js';
import { NetworkMetric, NetworkRecord } from './networkRecord.js';
import { PatientMonitor } from './patientMonitor.js';
import { CandidateList, MAX_ORDINAL, PatientState, PatientTable } from './patients.js';
import { STAYS_A_BATCH, staysFromUniforms } from './staysLater.js';
import { VisitBook } from './visitBook.js';

/**
 * Order within an instant. Overflow checks at a day boundary come after capacity changes (a
 * bed opening at midnight goes to the primary's own candidates first). Ends of transfer
 * delays come after ends of stays: both are ends of time spent at a node. A booked first
 * visit day starts after both (a bed freed at midnight went to whoever it was freed for).
 */
export const EventKind = { CapacityChange: 0, DayBoundary: 1, ServiceEnd: 2, TransferEnd: 3, VisitStart: 4, Arrival: 5 } as const;

/**
 * Sees a replication patient by patient, for tests and traces. A patient is (origin node,
 * ordinal): a node's initial patients are ordinals 0 .. n0 - 1, its external arrivals n0 + k.
 */
export interface NetworkObserver {
  /**
   * Every start of a stay, including the placements at time 0. At a visit node: the start of
   * the first visit day (a day index) and the days of visits left.
   */
  admitted?(origin: number, ordinal: number, node: number, time: number, stay: number): void;
  /** Every external arrival, before it is admitted, queued or lost. */
  arrived?(origin: number, ordinal: number, time: number): void;
  /** Every departure from the network. */
  exited?(origin: number, ordinal: number, time: number): void;
}

/** Event order within an instant: kind, then node, then the patient's origin and ordinal. */
export function eventRank(kind: number, node: number, origin: number, ordinal: number): number {
  return ((kind * MAX_NODES + node) * MAX_NODES + origin) * MAX_ORDINAL + ordinal;
}

export interface SimulatorOptions {
  /**
   * Run the level and patient monitors (time-weighted percentiles, per-patient figures);
   * default true. Off, their figures in the record are NaN and every other figure is the same.
   */
  monitors?: boolean;
  /**
   * Where each replication's drawn arrivals and first stays are kept for, and read from, other
   * simulators of the same draws (another scenario of the component); default none.
   */
  keptArrivals?: ArrivalDrawsCache;
}

export abstract class SimulatorState {
  readonly record: NetworkRecord;
  protected readonly n: number;
  protected readonly events = new EventQueue();
  /**
   * The time of the event being handled, written by the event loop and read by its handlers:
   * a double passed as an argument to a function V8 did not inline is boxed as a heap number,
   * one allocation per event (a quarter of the simulator's garbage); a typed-array slot is not.
   */
  protected readonly clock = new Float64Array(1);
  protected readonly patients = new PatientTable();
  protected readonly candidates: CandidateList[];
  protected readonly busy: Int32Array;
  protected readonly blocked: Int32Array;
  /** Patients at the node in a transfer delay, keeping their bed (or place) there. */
  protected readonly transfer: Int32Array;
  /** Beds of the node reserved for patients in a transfer delay towards it. */
  protected readonly reserved: Int32Array;
  protected readonly externalQueue: Int32Array;
  protected readonly internalQueue: Int32Array;
  /** blockedFor[u * n + j]: patients blocked at u waiting for j. */
  protected readonly blockedFor: Int32Array;
  /** Patients blocked anywhere waiting for each node: the blocked among its candidates. */
  protected readonly blockedWaitingFor: Int32Array;
  protected readonly occupancy: DayIntegrator[];
  protected readonly blockedLevel: DayIntegrator[];
  protected readonly transferLevel: DayIntegrator[];
  protected readonly reservedLevel: DayIntegrator[];
  protected readonly queueLevel: DayIntegrator[];
  /** The external queue alone, and the patients blocked upstream waiting for the node. */
  protected readonly externalQueueLevel: DayIntegrator[];
  protected readonly blockedForLevel: DayIntegrator[];
  protected readonly arrivalTimes: ArrivalTimes[];
  /** Index in `arrivalTimes[node]` of the node's next external arrival. */
  protected readonly nextArrival: Int32Array;
  /**
   * External arrivals stay out of the event heap: each node's next one is a time here
   * (Infinity: none left), and the earliest of them is compared with the heap's head. An
   * arrival ranks after every other event at its instant, and arrivals at one instant by node
   * (eventRank), so this gives the heap's order with one push and pop fewer per arrival.
   */
  protected readonly nextArrivalTime: Float64Array;
  /**
   * The nodes with external arrivals, in node order: the earliest arrival is looked for
   * among them alone (a D2A network has one or two of its nodes fed from outside, and this
   * search runs once an arrival).
   */
  private readonly arrivalNodes: Int32Array;
  protected earliestArrivalNode = -1;
  protected earliestArrivalTime = Infinity;
  protected readonly stuck: Uint8Array;
  protected losStreams: (UniformSource | undefined)[] = [];
  /**
   * Nodes whose LOS stream serves their own external arrivals alone, one draw each in arrival
   * order (not a visit node, not a pass-through, fed by none): the replication's stays are
   * drawn for them in one loop as the arrivals are (`arrivalStays[node][k]`: the k-th
   * arrival's), the same numbers as a draw per arrival, without a call and a boxed stay each.
   */
  protected readonly drawsStaysAhead: Uint8Array;
  protected readonly arrivalStays: Float64Array[];
  /**
   * Nodes of `drawsStaysAhead` whose draws are not kept for other scenarios: `arrivalStays`
   * holds the uniforms the stays are drawn from, each worked out into its stay (in place, a
   * batch at a time, `staysReady[node]` of them so far) only when an arrival is admitted. An
   * overloaded node's arrivals lost, or still queued at the horizon, never need theirs (two
   * in five of the acute node's in bench/network.mjs), and a stay is a function of its one
   * uniform, so the numbers are the same whenever it is worked out.
   */
  protected readonly staysLater: Uint8Array;
  protected readonly staysReady: Int32Array;
  protected readonly keptArrivals: ArrivalDrawsCache | undefined;
  /** What fixes each node's drawn arrivals besides seed and replication (drawProfileOf), for nodes whose draws are kept; undefined for the others. */
  private readonly drawProfiles: (string | undefined)[];
  /** drawProfiles with `profileSeed` in front: the keys of the kept draws. */
  protected seededDrawProfiles: (string | undefined)[] = [];
  private profileSeed = NaN;
  protected visitRateStreams: (UniformSource | undefined)[] = [];
  /** Initial-state stream of each node with patients at time 0, shared by its patients in service and its initial queue. */
  protected initialStreams: (UniformSource | undefined)[] = [];
  /** Visit slots of each visit node. */
  protected readonly books: (VisitBook | undefined)[];
  protected journeyKeys = new Int32Array(0);
  protected readonly pending: number[] = [];
  protected seed = 0;
  protected replication = 0;
  protected observer: NetworkObserver | undefined;
  /** Monitors beside the simulation: time at each level (through the level integrators), and patients' journeys. */
  protected readonly levelMonitor: LevelMonitor;
  protected readonly patientMonitor: PatientMonitor;
  /** False: the monitors are left out (their figures NaN), for callers that never read them. */
  protected readonly monitored: boolean;

  constructor(
    readonly network: CompiledNetwork,
    options: SimulatorOptions = {},
  ) {
    const n = network.ids.length;
    this.n = n;
    this.record = new NetworkRecord(n, network.days, network.edgeCount);
    this.candidates = Array.from({ length: n }, () => new CandidateList());
    this.busy = new Int32Array(n);
    this.blocked = new Int32Array(n);
    this.transfer = new Int32Array(n);
    this.reserved = new Int32Array(n);
    this.externalQueue = new Int32Array(n);
    this.internalQueue = new Int32Array(n);
    this.blockedFor = new Int32Array(n * n);
    this.blockedWaitingFor = new Int32Array(n);
    this.levelMonitor = new LevelMonitor(n, network.days, (node) => network.visits[node] !== undefined);
    this.patientMonitor = new PatientMonitor(n);
    this.monitored = options.monitors ?? true;
    this.occupancy = this.levelIntegrators('occ');
    this.blockedLevel = this.levelIntegrators('blocked');
    this.transferLevel = this.levelIntegrators('transfer');
    this.reservedLevel = this.levelIntegrators('reserved');
    this.queueLevel = this.levelIntegrators('niq');
    this.externalQueueLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.blockedForLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.arrivalTimes = Array.from({ length: n }, () => new ArrivalTimes(64));
    this.nextArrival = new Int32Array(n);
    this.nextArrivalTime = new Float64Array(n).fill(Infinity);
    const arrivesFromOutside = (node: number) => network.arrivals[node] !== undefined || network.arrivalTimes[node] !== undefined;
    this.arrivalNodes = Int32Array.from(network.ids.keys()).filter(arrivesFromOutside);
    this.stuck = new Uint8Array(n);
    this.drawsStaysAhead = Uint8Array.from(network.ids, (_, node) => {
      const fedByAPassThrough = network.passThrough.some((fed) => fed === node);
      return arrivesFromOutside(node) && network.visits[node] === undefined && network.passThrough[node] < 0 && !fedByAPassThrough ? 1 : 0;
    });
    this.arrivalStays = Array.from({ length: n }, () => new Float64Array(0));
    this.keptArrivals = options.keptArrivals;
    this.drawProfiles = network.ids.map((_, node) => {
      const rates = network.arrivals[node];
      if (!this.keptArrivals || !rates || network.arrivalTimes[node]) return undefined;
      const fed = network.passThrough[node];
      const stays = this.drawsStaysAhead[node] ? { key: network.keys[node], los: network.los[node]! } : undefined;
      return drawProfileOf(network.keys[fed >= 0 ? fed : node], network.warmupDays, rates, network.arrivalProfiles[node], stays);
    });
    // Kept draws hold stays, worked out once for every scenario reading them.
    this.staysLater = Uint8Array.from(this.drawsStaysAhead, (ahead, node) => (ahead && this.drawProfiles[node] === undefined ? 1 : 0));
    this.staysReady = new Int32Array(n);
    this.books = network.visits.map((visit) => {
      if (!visit) return undefined;
      const highestRate = Math.max(visit.initialRates.highest, visit.finalRates.highest);
      return new VisitBook(visit.slots, visit.tailSlots, network.warmupDays, highestRate);
    });
  }

  /** The keys of the kept draws for `seed` (worked out once a seed: a profile is a few kilobytes of text). */
  protected seedDrawProfiles(seed: number): void {
    if (seed === this.profileSeed) return;
    this.profileSeed = seed;
    this.seededDrawProfiles = this.drawProfiles.map((profile) => (profile === undefined ? undefined : `${seed}|${profile}`));
  }

  /** Each node's integrator of `level`: one that tells the level monitor of every step, or a plain one when nobody reads the monitors. */
  private levelIntegrators(level: MonitoredLevel): DayIntegrator[] {
    return Array.from({ length: this.n }, (_, i) => (this.monitored ? this.levelMonitor.integrator(i, level) : new DayIntegrator(this.network.days)));
  }

  protected losStream(node: number): UniformSource {
    let stream = this.losStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.LengthOfStay);
      this.losStreams[node] = stream;
    }
    return stream;
  }


  protected visitRateStream(node: number): UniformSource {
    let stream = this.visitRateStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.VisitRates);
      this.visitRateStreams[node] = stream;
    }
    return stream;
  }

  protected initialStream(node: number): UniformSource {
    let stream = this.initialStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.InitialState);
      this.initialStreams[node] = stream;
    }
    return stream;
  }

  protected journey(p: number): UniformSource {
    const patients = this.patients;
    if (patients.seeded[p]) return patients.streams.select(p);
    patients.seeded[p] = 1;
    const origin = patients.origin[p];
    const initial = this.network.initialPatients[origin];
    const ordinal = patients.ordinal[p];
    return ordinal < initial
      ? patients.streams.seed(p, this.seed, this.journeyKeys[origin], ordinal, StreamPurpose.InitialPatientJourney)
      : patients.streams.seed(p, this.seed, this.journeyKeys[origin], ordinal - initial, StreamPurpose.PatientJourney);
  }

  protected scheduleNextArrival(node: number): void {
    const k = this.nextArrival[node];
    const buffer = this.arrivalTimes[node];
    this.nextArrivalTime[node] = k < buffer.count ? buffer.times[k] : Infinity;
    // Strictly earlier only, so a tie goes to the lower node, as eventRank orders arrivals.
    let earliest = -1;
    let time = Infinity;
    const nodes = this.arrivalNodes;
    for (let i = 0; i < nodes.length; i++) {
      const candidate = nodes[i];
      if (this.nextArrivalTime[candidate] < time) {
        time = this.nextArrivalTime[candidate];
        earliest = candidate;
      }
    }
    this.earliestArrivalNode = earliest;
    this.earliestArrivalTime = time;
  }

  /**
   * Works out the stays of `node`'s arrivals up to the `k`-th (and a batch beyond) from their
   * uniforms, when not yet done; `arrivalStays[node][k]` is then the k-th arrival's stay.
   */
  protected workOutStays(node: number, k: number): void {
    const ready = this.staysReady[node];
    if (k < ready) return;
    const end = Math.min(this.arrivalTimes[node].count, k + STAYS_A_BATCH);
    staysFromUniforms(this.network.los[node]!, this.arrivalStays[node], ready, end);
    this.staysReady[node] = end;
  }

  /** A server is free for a newcomer: fewer beds held than capacity, and nobody waiting before them. */
  protected hasFreeServer(node: number, t: number): boolean {
    const kind = this.network.kinds[node];
    if (kind === Kind.Delay || kind === Kind.Exit) return true;
    return this.candidates[node].size === 0 && this.bedsHeld(node) < this.network.schedules[node].capacityAt(t);
  }

  /** Beds held at a node: in service, blocked, in a transfer delay out of it, or reserved for one into it. */
  protected bedsHeld(node: number): number {
    return this.busy[node] + this.blocked[node] + this.transfer[node] + this.reserved[node];
  }

  protected holdsBeds(node: number): boolean {
    const kind = this.network.kinds[node];
    return kind === Kind.Bed || kind === Kind.Acute;
  }

  /** An admission at `node` at `t` of a patient who waited `waited` days for it (from their request). */
  protected admissions(node: number, t: number, waited: number): void {
    if (t < 0) return;
    const day = dayIndexOf(t);
    this.record.count(node, NetworkMetric.admissions, day);
    this.record.waits[node * this.network.days + day] += waited;
    if (waited > 0) this.record.delayedAdmissions[node]++;
  }

  /** Days `p` waited for the bed they take at `t`: since they asked, less any transfer delay (a planned hold, not a wait). */
  protected waited(p: number, t: number): number {
    const delay = this.patients.delay[p];
    return Math.max(0, t - this.patients.requestTime[p] - (delay >= 0 ? delay : 0));
  }

  /** One more (or fewer) in `node`'s external queue from `t`. */
  protected externalQueueStep(node: number, t: number, change: 1 | -1): void {
    this.externalQueue[node] += change;
    this.queueLevel[node].step(t, change);
    this.externalQueueLevel[node].step(t, change);
  }

  /** One more (or fewer) patient blocked at `upstream` waiting for `target`, from `t`. */
  protected blockedForStep(upstream: number, target: number, t: number, change: 1 | -1): void {
    this.blocked[upstream] += change;
    this.blockedLevel[upstream].step(t, change);
    this.blockedFor[upstream * this.n + target] += change;
    this.blockedWaitingFor[target] += change;
    this.blockedForLevel[target].step(t, change);
    // The integral of a step count over the horizon is the sum of each step times the time
    // left after it (from 0 for a step in the warm-up, none after the end), so one number
    // per cause holds its bed-days exactly, without a day integrator per pair of nodes.
    const days = this.network.days;
    this.record.blockedBedDaysByCause[upstream * this.n + target] += change * (days - Math.min(days, Math.max(0, t)));
  }

  /** Adds one to the flow along the edge `p` is moving by. */
  protected countFlow(p: number, t: number): void {
    const edge = this.patients.edge[p];
    if (t >= 0 && edge >= 0) this.record.flows[edge * this.network.days + dayIndexOf(t)]++;
  }

  /** Adds one to a count of `node` on the day of `t`; nothing during the warm-up (t < 0). */
  protected count(node: number, metric: number, t: number): void {
    if (t >= 0) this.record.count(node, metric, dayIndexOf(t));
  }

  /**
   * Counts a patient leaving `from` for `to`. A move into a visit node at midnight is counted
   * on the day starting then, the day of their first visit.
   */
  protected move(p: number, from: number, to: number, t: number): void {
    if (t < 0) return;
    const day = this.books[to] ? Math.min(Math.floor(t), this.network.days - 1) : dayIndexOf(t);
    const edge = this.patients.edge[p];
    if (edge >= 0) this.record.flows[edge * this.network.days + day]++;
    this.record.count(from, NetworkMetric.departures, day);
    this.record.count(to, NetworkMetric.arrivals_internal, day);
  }

  /** The patient starts a stay at `node` at `t`; where they go next is drawn now. */
  protected startService(p: number, node: number, t: number, stay: number): void {
    this.patients.next[p] = this.route(p, node);
    this.occupy(p, node, t, stay);
  }

  /** The patient takes a server at `node` from `t` for `stay`, their next node already known. */
  protected occupy(p: number, node: number, t: number, stay: number): void {
    const patients = this.patients;
    patients.state[p] = PatientState.InService;
    patients.node[p] = node;
    this.busy[node]++;
    this.occupancy[node].step(t, 1);
    if (this.monitored) this.patientMonitor.admitted(p, this.network.kinds[node] === Kind.Acute);
    const end = t + stay;
    if (end < this.network.days) {
      this.events.staged[0] = end;
      this.schedulePatientEvent(EventKind.ServiceEnd, node, p);
    }
    this.observer?.admitted?.(patients.origin[p], patients.ordinal[p], node, t, stay);
  }

  /**
   * Schedules patient `p`'s event of `kind` at `node` for the time the caller wrote into
   * `events.staged[0]`: the time and the rank (both doubles) go through the queue's staged
   * slots, not as arguments, which would box them on a call V8 does not inline.
   */
  protected schedulePatientEvent(kind: number, node: number, p: number): void {
    const patients = this.patients;
    this.events.staged[1] = eventRank(kind, node, patients.origin[p], patients.ordinal[p]);
    this.events.pushStaged(kind, node, p);
  }

  /**
   * Draws the next node, and the transfer delay if that edge has one (only then, so a
   * network without delays draws exactly what it drew before delays existed).
   */
  protected route(p: number, node: number): number {
    const net = this.network;
    const patients = this.patients;
    patients.delay[p] = NaN;
    patients.edge[p] = -1;
    const first = net.edgeStart[node];
    const last = net.edgeStart[node + 1];
    if (first === last) return -1;
    const u = uniform(this.journey(p));
    let e = first;
    while (e < last - 1 && !(u < net.edgeCumulative[e])) e++;
    const delay = net.edgeDelay[e];
    if (delay) patients.delay[p] = sampleLos(delay, this.journey(p));
    patients.edge[p] = net.edgeIndex[e];
    return net.edgeTarget[e];
  }

  protected enterFromUpstream(p: number, node: number, t: number): void {
    this.admissions(node, t, this.waited(p, t));
    this.startService(p, node, t, this.stayOnEntering(p, node));
  }

  /** A patient's stay at `node`, entered from upstream: drawn now from their own stream, unless a pass-through drew it ahead. */
  protected stayOnEntering(p: number, node: number): number {
    const carried = this.patients.carried[p];
    if (carried >= 0) {
      this.patients.carried[p] = NaN;
      return carried;
    }
    return sampleLos(this.network.los[node]!, this.journey(p));
  }

  protected joinInternalQueue(p: number, node: number, t: number): void {
    this.patients.state[p] = PatientState.InternalQueue;
    this.patients.node[p] = node;
    this.internalQueue[node]++;
    // A visit node's queue is counted by whole days, as P1's niq (waiting at the end of the day).
    this.queueLevel[node].step(this.books[node] ? Math.floor(t) : t, 1);
  }

  /** `p` leaves the network from `from` (to an exit node or the implicit exit), freeing their place there. */
  protected leaveNetwork(p: number, from: number, t: number): void {
    const patients = this.patients;
    const target = patients.next[p];
    this.count(from, NetworkMetric.departures, t);
    if (target >= 0) {
      this.count(target, NetworkMetric.arrivals_internal, t);
      this.count(target, NetworkMetric.departures, t);
      this.countFlow(p, t);
    }
    patients.state[p] = PatientState.Gone;
    if (t >= 0) this.record.exits++;
    if (this.monitored) this.patientMonitor.left(p, t, target, this.entryTime(p));
    this.observer?.exited?.(patients.origin[p], patients.ordinal[p], t);
    this.freed(from, t);
  }

  /** When `p` entered the network: their arrival from outside (kept in arrivalTimes), or 0 for a patient present at time 0. */
  protected entryTime(p: number): number {
    const origin = this.patients.origin[p];
    const k = this.patients.ordinal[p] - this.network.initialPatients[origin];
    return k < 0 ? 0 : this.arrivalTimes[origin].times[k];
  }

  /** Lets candidates into `node` after a bed or a queue place there may have freed, following the chain upstream (admissionSteps.ts). */
  protected abstract freed(node: number, t: number): void;

  /** Records (and, if asked, resolves) a deadlock formed at `t` (deadlockSteps.ts). */
  protected abstract checkDeadlock(t: number): void;
}
