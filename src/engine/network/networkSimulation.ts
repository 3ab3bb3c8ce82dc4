/**
 * The event-driven simulator of a pathway network, one replication at a time.
 *
 * Events at one instant come out in the order capacity changes, then service ends, then
 * external arrivals (the event rank), each class by node order and patient identity, so a
 * replication is a function of (network, seed, replication) alone. Levels are integrated
 * exactly over each day with DayIntegrator, as the isolated-node kernels do.
 */
import { ArrivalTimes, dayIndexOf, generateArrivalTimes } from '../arrivals.js';
import { DayIntegrator } from '../dailyRecord.js';
import { sampleLos, sampleResidualLos } from '../lengthOfStay.js';
import { createStream, hashString, StreamPurpose, uniform, type UniformSource } from '../random.js';
import { generateProfiledArrivalTimes } from './arrivalProfile.js';
import { findStuckNodes } from './deadlock.js';
import { EventQueue } from './eventQueue.js';
import { Kind, MAX_NODES, type CompiledNetwork } from './networkModel.js';
import { NetworkMetric, NetworkRecord } from './networkRecord.js';
import { CandidateList, MAX_ORDINAL, PatientState, PatientTable } from './patients.js';
import { VisitBook } from './visitBook.js';

/**
 * Order within an instant. Overflow checks at a day boundary come after capacity changes (a
 * bed opening at midnight goes to the primary's own candidates first). Ends of transfer
 * delays come after ends of stays: both are ends of time spent at a node. A booked first
 * visit day starts after both (a bed freed at midnight went to whoever it was freed for).
 */
const EventKind = { CapacityChange: 0, DayBoundary: 1, ServiceEnd: 2, TransferEnd: 3, VisitStart: 4, Arrival: 5 } as const;

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
function eventRank(kind: number, node: number, origin: number, ordinal: number): number {
  return ((kind * MAX_NODES + node) * MAX_NODES + origin) * MAX_ORDINAL + ordinal;
}

export class NetworkSimulator {
  readonly record: NetworkRecord;
  private readonly n: number;
  private readonly events = new EventQueue();
  private readonly patients = new PatientTable();
  private readonly candidates: CandidateList[];
  private readonly busy: Int32Array;
  private readonly blocked: Int32Array;
  /** Patients at the node in a transfer delay, keeping their bed (or place) there. */
  private readonly transfer: Int32Array;
  /** Beds of the node reserved for patients in a transfer delay towards it. */
  private readonly reserved: Int32Array;
  private readonly externalQueue: Int32Array;
  private readonly internalQueue: Int32Array;
  /** blockedFor[u * n + j]: patients blocked at u waiting for j. */
  private readonly blockedFor: Int32Array;
  private readonly occupancy: DayIntegrator[];
  private readonly blockedLevel: DayIntegrator[];
  private readonly transferLevel: DayIntegrator[];
  private readonly reservedLevel: DayIntegrator[];
  private readonly queueLevel: DayIntegrator[];
  private readonly arrivalTimes: ArrivalTimes[];
  private readonly nextArrival: Int32Array;
  private readonly stuck: Uint8Array;
  private losStreams: (UniformSource | undefined)[] = [];
  private visitRateStreams: (UniformSource | undefined)[] = [];
  /** Initial-state stream of each node with patients at time 0, shared by its patients in service and its initial queue. */
  private initialStreams: (UniformSource | undefined)[] = [];
  /** Visit slots of each visit node. */
  private readonly books: (VisitBook | undefined)[];
  private journeyKeys = new Int32Array(0);
  private readonly pending: number[] = [];
  private seed = 0;
  private replication = 0;
  private observer: NetworkObserver | undefined;

  constructor(readonly network: CompiledNetwork) {
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
    this.occupancy = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.blockedLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.transferLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.reservedLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.queueLevel = Array.from({ length: n }, () => new DayIntegrator(network.days));
    this.arrivalTimes = Array.from({ length: n }, () => new ArrivalTimes(64));
    this.nextArrival = new Int32Array(n);
    this.stuck = new Uint8Array(n);
    this.books = network.visits.map((visit) => {
      if (!visit) return undefined;
      const highestRate = Math.max(visit.initialRates.highest, visit.finalRates.highest);
      return new VisitBook(visit.slots, visit.tailSlots, network.warmupDays, highestRate);
    });
  }

  /** Simulates replication `replication` into `this.record`. */
  simulate(seed: number, replication: number, observer?: NetworkObserver): NetworkRecord {
    this.reset(seed, replication, observer);
    this.placeInitialPatients();
    this.scheduleCapacityChanges();
    this.scheduleOverflowChecks();
    this.drawArrivals(replication);
    if (this.network.warmupDays > 0) {
      this.runUntil(0);
      this.takeInitialStock();
    }
    // The last visit day ends at the horizon itself (day d is (d - 1, d]): those visits end in it.
    this.runUntil(this.network.days, true);
    this.finish();
    return this.record;
  }

  /** Handles every event before `end` (and at `end` when `inclusive`: only visit ends are ever there). */
  private runUntil(end: number, inclusive = false): void {
    const events = this.events;
    while ((events.peekTime() < end || (inclusive && events.peekTime() === end)) && events.pop()) {
      const t = events.poppedTime;
      const node = events.poppedNode;
      if (events.poppedKind === EventKind.CapacityChange) this.capacityChanged(node, t);
      else if (events.poppedKind === EventKind.DayBoundary) this.overflowLongWaits(node, t);
      else if (events.poppedKind === EventKind.ServiceEnd) this.serviceEnded(events.poppedSubject, t);
      else if (events.poppedKind === EventKind.TransferEnd) this.transferEnded(events.poppedSubject, t);
      else if (events.poppedKind === EventKind.VisitStart) this.visitStartDue(events.poppedSubject, node, t);
      else if (this.books[node]) this.externalVisitReferral(node, t);
      else this.externalArrival(node, t);
    }
  }

  /** After a warm-up, the patients present as day 1 starts are the initial stock conservation counts from. */
  private takeInitialStock(): void {
    const record = this.record;
    for (let node = 0; node < this.n; node++) {
      const stock = this.busy[node] + this.blocked[node] + this.transfer[node] + this.externalQueue[node] + this.internalQueue[node];
      record.initial[node] = stock;
      record.initialTotal += stock;
    }
  }

  private reset(seed: number, replication: number, observer: NetworkObserver | undefined): void {
    const n = this.n;
    this.seed = seed;
    this.replication = replication;
    this.observer = observer;
    this.record.reset();
    this.events.clear();
    this.patients.reset();
    for (const list of this.candidates) list.clear();
    this.busy.fill(0);
    this.blocked.fill(0);
    this.transfer.fill(0);
    this.reserved.fill(0);
    this.externalQueue.fill(0);
    this.internalQueue.fill(0);
    this.blockedFor.fill(0);
    this.stuck.fill(0);
    for (let i = 0; i < n; i++) {
      this.occupancy[i].reset();
      this.blockedLevel[i].reset();
      this.transferLevel[i].reset();
      this.reservedLevel[i].reset();
      this.queueLevel[i].reset();
    }
    // A patient's own stream is keyed by (seed, origin node, replication, index): the origin
    // and replication are folded into one key, the index takes the replication's place.
    this.journeyKeys = Int32Array.from(this.network.keys, (key) => hashString(`${key}/${replication}`));
    this.losStreams = this.network.los.map(() => undefined);
    this.visitRateStreams = this.network.los.map(() => undefined);
    this.initialStreams = this.network.los.map(() => undefined);
    for (const book of this.books) book?.reset();
  }

  /**
   * Patients present at time 0, numbered as CompiledNetwork.initialPatients says. Those whose
   * stay has ended (blocked, dtoc) get a stay ending at 0, so they move or block by the
   * ordinary rules among the ends of stays at time 0.
   */
  private placeInitialPatients(): void {
    const net = this.network;
    const ordinals = Int32Array.from(net.initialOccupied);
    for (let node = 0; node < this.n; node++) {
      const count = net.initialOccupied[node];
      if (count > 0) {
        const stream = this.initialStream(node);
        for (let i = 0; i < count; i++) {
          const p = this.patients.add(node, i);
          if (this.books[node]) {
            this.placeVisitPatient(p, node, stream);
            continue;
          }
          const stay = sampleResidualLos(net.los[node]!, stream, net.initialResidual);
          this.startService(p, node, 0, stay);
        }
      }
      for (let i = 0; i < net.initialBlocked[node]; i++) this.startService(this.patients.add(node, ordinals[node]++), node, 0, 0);
    }
    for (let target = 0; target < this.n; target++) {
      const host = net.dtocHost[target];
      for (let i = 0; i < net.initialDtoc[target]; i++) {
        if (host >= 0) this.waitInHost(this.patients.add(host, ordinals[host]++), host, target);
        else if (this.books[target]) this.initialVisitReferral(this.patients.add(target, ordinals[target]++), target);
        else this.waitInQueue(this.patients.add(target, ordinals[target]++), target);
      }
    }
    for (let node = 0; node < this.n; node++) {
      this.record.initial[node] = net.initialPatients[node];
      this.record.initialTotal += net.initialPatients[node];
    }
    for (let target = 0; target < this.n; target++) if (net.initialDtoc[target] > 0 && net.dtocHost[target] < 0) this.freed(target, 0);
  }

  /** A dtoc patient in the acute node `host`, medically fit at time 0, waiting for `target`. */
  private waitInHost(p: number, host: number, target: number): void {
    const net = this.network;
    const patients = this.patients;
    patients.delay[p] = NaN;
    for (let e = net.edgeStart[host]; e < net.edgeStart[host + 1]; e++) {
      if (net.edgeTarget[e] !== target) continue;
      const delay = net.edgeDelay[e];
      if (delay) patients.delay[p] = sampleLos(delay, this.journey(p));
      patients.edge[p] = net.edgeIndex[e];
      break;
    }
    patients.next[p] = target;
    // Waiting in a pass-through, they are the fed node's initial queue, with its stays.
    if (net.passThrough[host] === target) patients.carried[p] = sampleLos(net.los[target]!, this.initialStream(target));
    this.occupy(p, host, 0, 0);
  }

  /** A dtoc patient at the head of `target`'s external queue at time 0; their stay there comes from their own stream. */
  private waitInQueue(p: number, target: number): void {
    const patients = this.patients;
    patients.state[p] = PatientState.ExternalQueue;
    patients.stay[p] = sampleLos(this.network.los[target]!, this.journey(p));
    patients.requestTime[p] = 0;
    patients.requestFrom[p] = target;
    this.externalQueue[target]++;
    this.queueLevel[target].step(0, 1);
    this.candidates[target].insert(p, patients);
  }

  private initialStream(node: number): UniformSource {
    let stream = this.initialStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.InitialState);
      this.initialStreams[node] = stream;
    }
    return stream;
  }

  private scheduleCapacityChanges(): void {
    for (let node = 0; node < this.n; node++) {
      // A visit node's slots are laid out day by day when compiled; its bookings read them.
      if (this.books[node]) continue;
      for (const t of this.network.schedules[node].changeTimes()) {
        if (t < this.network.days) this.events.push(t, eventRank(EventKind.CapacityChange, node, 0, 0), EventKind.CapacityChange, node, 0);
      }
    }
  }

  private scheduleOverflowChecks(): void {
    const net = this.network;
    for (let node = 0; node < this.n; node++) {
      if (net.overflowTarget[node] < 0 || net.overflowWait[node] < 0) continue;
      for (let day = 1 - net.warmupDays; day < net.days; day++) this.events.push(day, eventRank(EventKind.DayBoundary, node, 0, 0), EventKind.DayBoundary, node, 0);
    }
  }

  private drawArrivals(replication: number): void {
    const net = this.network;
    for (let node = 0; node < this.n; node++) {
      const buffer = this.arrivalTimes[node];
      buffer.count = 0;
      this.nextArrival[node] = 0;
      const rates = net.arrivals[node];
      const scripted = net.arrivalTimes[node];
      if (scripted) for (const t of scripted) buffer.push(t);
      else if (rates) {
        // A pass-through's arrivals are the referrals of the node it feeds.
        const key = net.keys[net.passThrough[node] >= 0 ? net.passThrough[node] : node];
        this.generateArrivals(node, rates, createStream(this.seed, key, replication, StreamPurpose.Arrivals), buffer);
      } else continue;
      if (net.initialPatients[node] + buffer.count >= MAX_ORDINAL) throw new RangeError(`${net.ids[node]}: more than ${MAX_ORDINAL} patients in one replication`);
      this.scheduleNextArrival(node);
    }
  }

  /** A warm-up runs at day 1's rate; its arrivals come first in the stream, at times before 0. */
  private generateArrivals(node: number, rates: Float64Array, stream: UniformSource, buffer: ArrivalTimes): void {
    const warmup = this.network.warmupDays;
    const profile = this.network.arrivalProfiles[node];
    let allRates: ArrayLike<number> = rates;
    if (warmup > 0) {
      const extended = new Float64Array(warmup + rates.length);
      extended.fill(rates[0], 0, warmup);
      extended.set(rates, warmup);
      allRates = extended;
    }
    if (profile) generateProfiledArrivalTimes(allRates, profile, stream, buffer, warmup);
    else generateArrivalTimes(allRates, stream, buffer);
    if (warmup > 0) for (let i = 0; i < buffer.count; i++) buffer.times[i] -= warmup;
  }

  private scheduleNextArrival(node: number): void {
    const k = this.nextArrival[node];
    const buffer = this.arrivalTimes[node];
    if (k >= buffer.count) return;
    const ordinal = this.network.initialPatients[node] + k;
    this.events.push(buffer.times[k], eventRank(EventKind.Arrival, node, node, ordinal), EventKind.Arrival, node, k);
  }

  private externalArrival(node: number, t: number): void {
    const net = this.network;
    const record = this.record;
    const k = this.nextArrival[node]++;
    this.scheduleNextArrival(node);
    const counted = t >= 0;
    this.count(node, NetworkMetric.arrivals_external, t);
    if (counted) record.externalArrivals++;
    // The k-th arrival's first stay is the k-th draw of the node's LOS stream, as for an
    // isolated node, drawn even if they are lost so later arrivals keep their draws. Through a
    // pass-through it is their stay at the node fed, from that node's LOS stream.
    const fed = net.passThrough[node];
    const stay = fed >= 0 ? 0 : sampleLos(net.los[node]!, this.losStream(node));
    const p = this.patients.add(node, net.initialPatients[node] + k);
    if (fed >= 0) this.patients.carried[p] = sampleLos(net.los[fed]!, this.losStream(fed));
    this.observer?.arrived?.(node, net.initialPatients[node] + k, t);
    if (this.hasFreeServer(node, t)) {
      this.admissions(node, t);
      this.startService(p, node, t, stay);
    } else if (this.externalQueue[node] < net.queueExternal[node]) {
      const patients = this.patients;
      patients.state[p] = PatientState.ExternalQueue;
      patients.stay[p] = stay;
      patients.requestTime[p] = t;
      patients.requestFrom[p] = node;
      this.externalQueue[node]++;
      this.queueLevel[node].step(t, 1);
      this.candidates[node].insert(p, patients);
    } else {
      this.patients.state[p] = PatientState.Gone;
      this.count(node, NetworkMetric.lost, t);
      if (counted) record.lost++;
    }
  }

  private losStream(node: number): UniformSource {
    let stream = this.losStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.LengthOfStay);
      this.losStreams[node] = stream;
    }
    return stream;
  }

  /** A server is free for a newcomer: fewer beds held than capacity, and nobody waiting before them. */
  private hasFreeServer(node: number, t: number): boolean {
    const kind = this.network.kinds[node];
    if (kind === Kind.Delay || kind === Kind.Exit) return true;
    return this.candidates[node].size === 0 && this.bedsHeld(node) < this.network.schedules[node].capacityAt(t);
  }

  /** Beds held at a node: in service, blocked, in a transfer delay out of it, or reserved for one into it. */
  private bedsHeld(node: number): number {
    return this.busy[node] + this.blocked[node] + this.transfer[node] + this.reserved[node];
  }

  private admissions(node: number, t: number): void {
    this.count(node, NetworkMetric.admissions, t);
  }

  /** Adds one to the flow along the edge `p` is moving by. */
  private countFlow(p: number, t: number): void {
    const edge = this.patients.edge[p];
    if (t >= 0 && edge >= 0) this.record.flows[edge * this.network.days + dayIndexOf(t)]++;
  }

  /** Adds one to a count of `node` on the day of `t`; nothing during the warm-up (t < 0). */
  private count(node: number, metric: number, t: number): void {
    if (t >= 0) this.record.count(node, metric, dayIndexOf(t));
  }

  /** The patient starts a stay at `node` at `t`; where they go next is drawn now. */
  private startService(p: number, node: number, t: number, stay: number): void {
    this.patients.next[p] = this.route(p, node);
    this.occupy(p, node, t, stay);
  }

  /** The patient takes a server at `node` from `t` for `stay`, their next node already known. */
  private occupy(p: number, node: number, t: number, stay: number): void {
    const patients = this.patients;
    patients.state[p] = PatientState.InService;
    patients.node[p] = node;
    this.busy[node]++;
    this.occupancy[node].step(t, 1);
    const end = t + stay;
    if (end < this.network.days) this.events.push(end, eventRank(EventKind.ServiceEnd, node, patients.origin[p], patients.ordinal[p]), EventKind.ServiceEnd, node, p);
    this.observer?.admitted?.(patients.origin[p], patients.ordinal[p], node, t, stay);
  }

  private journey(p: number): UniformSource {
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


  /**
   * Draws the next node, and the transfer delay if that edge has one (only then, so a
   * network without delays draws exactly what it drew before delays existed).
   */
  private route(p: number, node: number): number {
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

  private serviceEnded(p: number, t: number): void {
    const net = this.network;
    const patients = this.patients;
    const from = patients.node[p];
    let target = patients.next[p];
    this.busy[from]--;
    this.occupancy[from].step(t, -1);
    const delayed = patients.delay[p] >= 0;
    if (target < 0 || net.kinds[target] === Kind.Exit) {
      if (delayed) this.startTransfer(p, from, t);
      else this.leaveNetwork(p, from, t);
      return;
    }
    patients.requestTime[p] = t;
    patients.requestFrom[p] = from;
    if (this.books[target]) {
      if (this.requestVisits(p, from, target, t)) return;
      target = patients.next[p];
    } else if (this.overflowsWhenFull(target, t)) {
      this.count(target, NetworkMetric.overflowed, t);
      patients.edge[p] = net.overflowEdge[target];
      target = net.overflowTarget[target];
      patients.next[p] = target;
    }
    if (this.hasFreeServer(target, t)) {
      if (delayed) {
        this.startTransfer(p, from, t);
        return;
      }
      this.move(p, from, target, t);
      this.enterFromUpstream(p, target, t);
      this.freed(from, t);
    } else if (this.internalQueue[target] < net.queueInternal[target]) {
      this.move(p, from, target, t);
      this.joinInternalQueue(p, target, t);
      this.candidates[target].insert(p, patients);
      this.freed(from, t);
    } else {
      patients.state[p] = PatientState.Blocked;
      this.blocked[from]++;
      this.blockedLevel[from].step(t, 1);
      this.blockedFor[from * this.n + target]++;
      this.candidates[target].insert(p, patients);
      if (this.busy[from] === 0 && this.holdsBeds(from)) this.checkDeadlock(t);
    }
  }

  /** The primary has a `full` overflow edge, no free server, and the overflow target has one. */
  private overflowsWhenFull(primary: number, t: number): boolean {
    const net = this.network;
    const target = net.overflowTarget[primary];
    return target >= 0 && net.overflowWait[primary] < 0 && !this.hasFreeServer(primary, t) && this.hasFreeServer(target, t);
  }

  /**
   * At a day boundary, patients sent to `primary` who have waited at least its overflow's N
   * days go to the overflow target while it has a free server, earliest request first.
   * External arrivals queuing for the primary were not sent by a routing draw, so they stay.
   */
  private overflowLongWaits(primary: number, t: number): void {
    const net = this.network;
    const patients = this.patients;
    const target = net.overflowTarget[primary];
    const list = this.candidates[primary];
    const latestRequest = t - net.overflowWait[primary];
    let moved = false;
    for (let i = 0; i < list.size && patients.requestTime[list.at(i)] <= latestRequest; ) {
      const p = list.at(i);
      if (patients.state[p] === PatientState.ExternalQueue || !this.hasFreeServer(target, t)) {
        i++;
        continue;
      }
      list.removeAt(i);
      this.count(primary, NetworkMetric.overflowed, t);
      patients.edge[p] = net.overflowEdge[primary];
      patients.next[p] = target;
      if (patients.state[p] === PatientState.InternalQueue) this.overflowFromQueue(p, primary, target, t);
      else this.overflowBlocked(p, primary, t);
      moved = true;
    }
    if (moved) this.checkDeadlock(t);
  }

  /** Straight from the primary's internal queue into the overflow target (no transfer delay: they already left their bed). */
  private overflowFromQueue(p: number, primary: number, target: number, t: number): void {
    this.internalQueue[primary]--;
    this.queueLevel[primary].step(t, -1);
    this.move(p, primary, target, t);
    this.enterFromUpstream(p, target, t);
    this.freed(primary, t);
  }

  /** A blocked patient leaves their upstream bed for the overflow target (after their transfer delay, if any). */
  private overflowBlocked(p: number, primary: number, t: number): void {
    const upstream = this.stopBlocking(p, primary, t);
    if (this.patients.delay[p] >= 0) {
      this.startTransfer(p, upstream, t);
      return;
    }
    const target = this.patients.next[p];
    this.move(p, upstream, target, t);
    this.enterFromUpstream(p, target, t);
    this.freed(upstream, t);
  }

  /** `p` leaves the network from `from` (to an exit node or the implicit exit), freeing their place there. */
  private leaveNetwork(p: number, from: number, t: number): void {
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
    this.observer?.exited?.(patients.origin[p], patients.ordinal[p], t);
    this.freed(from, t);
  }

  /**
   * `p`, finished at `at`, keeps their place there through the transfer delay drawn with their
   * route; the target's bed (if it has beds) is reserved meanwhile.
   */
  private startTransfer(p: number, at: number, t: number): void {
    const patients = this.patients;
    patients.state[p] = PatientState.Transfer;
    this.transfer[at]++;
    this.transferLevel[at].step(t, 1);
    this.reserve(patients.next[p], t, 1);
    this.scheduleTransferEnd(p, at, t);
  }

  private reserve(target: number, t: number, change: number): void {
    if (target < 0 || !this.holdsBeds(target)) return;
    this.reserved[target] += change;
    this.reservedLevel[target].step(t, change);
  }

  private scheduleTransferEnd(p: number, at: number, t: number): void {
    const patients = this.patients;
    const end = t + patients.delay[p];
    if (end < this.network.days) this.events.push(end, eventRank(EventKind.TransferEnd, at, patients.origin[p], patients.ordinal[p]), EventKind.TransferEnd, at, p);
  }

  /** The transfer delay is over: the patient moves into the reserved bed (or leaves the network). */
  private transferEnded(p: number, t: number): void {
    const patients = this.patients;
    const at = patients.node[p];
    const target = patients.next[p];
    if (patients.state[p] === PatientState.QueuedTransfer) {
      this.internalQueue[target]--;
      this.queueLevel[target].step(t, -1);
      this.reserve(target, t, -1);
      this.admissions(target, t);
      this.startService(p, target, t, this.stayOnEntering(p, target));
      // Its internal-queue place is free for a blocked candidate.
      this.freed(target, t);
      return;
    }
    this.transfer[at]--;
    this.transferLevel[at].step(t, -1);
    if (target < 0 || this.network.kinds[target] === Kind.Exit) {
      this.leaveNetwork(p, at, t);
      return;
    }
    this.reserve(target, t, -1);
    this.move(p, at, target, t);
    this.enterFromUpstream(p, target, t);
    this.freed(at, t);
  }

  // Visit nodes (P1): decisions by whole days. A patient asking for a visit node has their
  // plan booked at once at its first fit (visitNode.ts's rule, in the order of asking); they
  // start at the start of that day, wait for it (queue, or blocked upstream) until then, and
  // are routed at the end of their last visit day.

  private visitRateStream(node: number): UniformSource {
    let stream = this.visitRateStreams[node];
    if (!stream) {
      stream = createStream(this.seed, this.network.keys[node], this.replication, StreamPurpose.VisitRates);
      this.visitRateStreams[node] = stream;
    }
    return stream;
  }

  /**
   * The plan of a patient asking on `day` with these raw rates, in the node's book. Rates are
   * capped at the most slots of any day to come (visitNode.ts caps them at the day's slots),
   * so that the plan can fit somewhere.
   */
  private planFor(node: number, day: number, stay: number, initialRate: number, finalRate: number): number {
    const book = this.books[node]!;
    const cap = book.slotsCap(day);
    return book.preparePlan(stay, Math.min(initialRate, cap), Math.min(finalRate, Math.max(cap, 1)));
  }

  /** A patient on the caseload at time 0: a uniform number of days into a full plan, its tail booked from day 1 even over the slots. */
  private placeVisitPatient(p: number, node: number, stream: UniformSource): void {
    const visit = this.network.visits[node]!;
    const rates = this.visitRateStream(node);
    const fullStay = visit.los.sample(stream);
    const remaining = fullStay - Math.floor(uniform(stream) * fullStay);
    const offset = this.planFor(node, 0, fullStay, visit.initialRates.sample(rates), visit.finalRates.sample(rates));
    this.books[node]!.book(0, offset + fullStay - remaining, remaining);
    this.beginVisits(p, node, 0, remaining);
  }

  /** A patient of the node's initial queue: referred on day 1 ahead of that day's referrals, their stay from the initial-state stream. */
  private initialVisitReferral(p: number, node: number): void {
    const visit = this.network.visits[node]!;
    const rates = this.visitRateStream(node);
    const stay = visit.los.sample(this.initialStream(node));
    this.referVisit(p, node, 0, 0, stay, visit.initialRates.sample(rates), visit.finalRates.sample(rates), true);
  }

  /**
   * The k-th external referral: its stay is the k-th draw of the node's LOS stream and its
   * rates the next pair of its visit-rate stream (drawn even if it is lost), as in visitNode.ts.
   */
  private externalVisitReferral(node: number, t: number): void {
    const net = this.network;
    const visit = net.visits[node]!;
    const k = this.nextArrival[node]++;
    this.scheduleNextArrival(node);
    this.count(node, NetworkMetric.arrivals_external, t);
    if (t >= 0) this.record.externalArrivals++;
    const stay = visit.los.sample(this.losStream(node));
    const rates = this.visitRateStream(node);
    const initialRate = visit.initialRates.sample(rates);
    const finalRate = visit.finalRates.sample(rates);
    const p = this.patients.add(node, net.initialPatients[node] + k);
    this.observer?.arrived?.(node, net.initialPatients[node] + k, t);
    // The referral day as visitNode.ts counts referrals (a warm-up's days before day 1 included).
    const day = t === 0 ? 0 : Math.ceil(t) - 1;
    if (this.referVisit(p, node, t, day, stay, initialRate, finalRate, this.externalQueue[node] < net.queueExternal[node])) return;
    this.patients.state[p] = PatientState.Gone;
    this.count(node, NetworkMetric.lost, t);
    if (t >= 0) this.record.lost++;
  }

  /**
   * Books a referral from outside the network: starts at once if the plan fits on `day`, else
   * (if `canWait`) waits in the external queue for its first fit. False: not booked (lost).
   */
  private referVisit(p: number, node: number, t: number, day: number, stay: number, initialRate: number, finalRate: number, canWait: boolean): boolean {
    const book = this.books[node]!;
    const offset = this.planFor(node, day, stay, initialRate, finalRate);
    if (day < this.network.days && book.bookOn(day, offset, stay)) {
      this.startVisits(p, node, day, stay);
      return true;
    }
    if (!canWait) return false;
    const patients = this.patients;
    patients.state[p] = PatientState.ExternalQueue;
    patients.stay[p] = stay;
    patients.requestTime[p] = t;
    patients.requestFrom[p] = node;
    this.externalQueue[node]++;
    this.queueLevel[node].step(day, 1);
    this.scheduleVisitStart(p, node, book.bookFirstFit(day + 1, offset, stay));
    return true;
  }

  /**
   * `p`, finished at `from`, asks for the visit node `node` at `t`: their stay and rates come
   * from their own stream. Ready at midnight, the first day they can have is the one starting
   * then. If the plan fits that day they move at once; else a `full` overflow takes them if
   * its target has a free bed (returns false: `next` is the target now), or they book the
   * first fit and wait for it in the internal queue or blocked in their bed.
   */
  private requestVisits(p: number, from: number, node: number, t: number): boolean {
    const net = this.network;
    const visit = net.visits[node]!;
    const book = this.books[node]!;
    const patients = this.patients;
    const journey = this.journey(p);
    const stay = visit.los.sample(journey);
    const initialRate = visit.initialRates.sample(journey);
    const day = Math.floor(t);
    const offset = this.planFor(node, day, stay, initialRate, visit.finalRates.sample(journey));
    if (day < net.days && book.bookOn(day, offset, stay)) {
      this.move(p, from, node, t);
      this.startVisits(p, node, day, stay);
      this.freed(from, t);
      return true;
    }
    const overflow = net.overflowTarget[node];
    if (overflow >= 0 && this.hasFreeServer(overflow, t)) {
      this.count(node, NetworkMetric.overflowed, t);
      patients.edge[p] = net.overflowEdge[node];
      patients.next[p] = overflow;
      return false;
    }
    patients.stay[p] = stay;
    this.scheduleVisitStart(p, node, book.bookFirstFit(day + 1, offset, stay));
    if (this.internalQueue[node] < net.queueInternal[node]) {
      this.move(p, from, node, t);
      this.joinInternalQueue(p, node, t);
      this.freed(from, t);
      return true;
    }
    patients.state[p] = PatientState.Blocked;
    this.blocked[from]++;
    this.blockedLevel[from].step(t, 1);
    this.blockedFor[from * this.n + node]++;
    this.candidates[node].insert(p, patients);
    return true;
  }

  private scheduleVisitStart(p: number, node: number, day: number): void {
    const patients = this.patients;
    if (day < this.network.days) this.events.push(day, eventRank(EventKind.VisitStart, node, patients.origin[p], patients.ordinal[p]), EventKind.VisitStart, node, p);
  }

  /** The booked first visit day of `p` has come: they leave their queue or their upstream bed. */
  private visitStartDue(p: number, node: number, t: number): void {
    const patients = this.patients;
    const state = patients.state[p];
    const stay = patients.stay[p];
    if (state === PatientState.Blocked) {
      const list = this.candidates[node];
      for (let i = 0; i < list.size; i++) {
        if (list.at(i) !== p) continue;
        list.removeAt(i);
        break;
      }
      const upstream = this.unblock(p, node, t);
      this.startVisits(p, node, t, stay);
      this.freed(upstream, t);
      return;
    }
    this.queueLevel[node].step(t, -1);
    if (state === PatientState.ExternalQueue) {
      this.externalQueue[node]--;
      this.startVisits(p, node, t, stay);
      return;
    }
    this.internalQueue[node]--;
    this.startVisits(p, node, t, stay);
    this.freed(node, t);
  }

  /** An admission to a visit node on day index `day` (also the time its first visit day starts). */
  private startVisits(p: number, node: number, day: number, stay: number): void {
    if (day >= 0) this.record.count(node, NetworkMetric.admissions, day);
    this.beginVisits(p, node, day, stay);
  }

  /** `p` is on the caseload from the start of day `day` for `stay` whole days; routed at the end of the last. */
  private beginVisits(p: number, node: number, day: number, stay: number): void {
    const patients = this.patients;
    patients.next[p] = this.route(p, node);
    patients.state[p] = PatientState.InService;
    patients.node[p] = node;
    this.busy[node]++;
    this.occupancy[node].step(day, 1);
    const end = day + stay;
    if (end <= this.network.days) this.events.push(end, eventRank(EventKind.ServiceEnd, node, patients.origin[p], patients.ordinal[p]), EventKind.ServiceEnd, node, p);
    this.observer?.admitted?.(patients.origin[p], patients.ordinal[p], node, day, stay);
  }

  private holdsBeds(node: number): boolean {
    const kind = this.network.kinds[node];
    return kind === Kind.Bed || kind === Kind.Acute;
  }

  /**
   * Counts a patient leaving `from` for `to`. A move into a visit node at midnight is counted
   * on the day starting then, the day of their first visit.
   */
  private move(p: number, from: number, to: number, t: number): void {
    if (t < 0) return;
    const day = this.books[to] ? Math.min(Math.floor(t), this.network.days - 1) : dayIndexOf(t);
    const edge = this.patients.edge[p];
    if (edge >= 0) this.record.flows[edge * this.network.days + day]++;
    this.record.count(from, NetworkMetric.departures, day);
    this.record.count(to, NetworkMetric.arrivals_internal, day);
  }

  private enterFromUpstream(p: number, node: number, t: number): void {
    this.admissions(node, t);
    this.startService(p, node, t, this.stayOnEntering(p, node));
  }

  /** A patient's stay at `node`, entered from upstream: drawn now from their own stream, unless a pass-through drew it ahead. */
  private stayOnEntering(p: number, node: number): number {
    const carried = this.patients.carried[p];
    if (carried >= 0) {
      this.patients.carried[p] = NaN;
      return carried;
    }
    return sampleLos(this.network.los[node]!, this.journey(p));
  }

  private joinInternalQueue(p: number, node: number, t: number): void {
    this.patients.state[p] = PatientState.InternalQueue;
    this.patients.node[p] = node;
    this.internalQueue[node]++;
    // A visit node's queue is counted by whole days, as P1's niq (waiting at the end of the day).
    this.queueLevel[node].step(this.books[node] ? Math.floor(t) : t, 1);
  }

  /**
   * A bed may have freed at `node` (or capacity risen): admit candidates in FIFO order while
   * beds are free, and let blocked candidates into free internal-queue places; each patient
   * unblocked frees a bed upstream in turn, followed up here until nothing moves.
   */
  private freed(node: number, t: number): void {
    const pending = this.pending;
    pending.push(node);
    while (pending.length > 0) this.admitCandidates(pending.pop()!, t);
  }

  private admitCandidates(node: number, t: number): void {
    if (this.books[node]) {
      // Visits start on booked days, not when a place frees; only internal-queue places free here.
      this.fillInternalQueue(node, t);
      return;
    }
    if (!this.holdsBeds(node)) return;
    const net = this.network;
    const patients = this.patients;
    const list = this.candidates[node];
    const capacity = net.schedules[node].capacityAt(t);
    while (list.size > 0 && this.bedsHeld(node) < capacity) {
      const p = list.shift();
      const state = patients.state[p];
      const delayed = patients.delay[p] >= 0;
      if (state === PatientState.InternalQueue && delayed) {
        // They keep their queue place through the delay, the bed reserved for them.
        patients.state[p] = PatientState.QueuedTransfer;
        this.reserve(node, t, 1);
        this.scheduleTransferEnd(p, node, t);
      } else if (state === PatientState.Blocked && delayed) {
        this.startTransfer(p, this.stopBlocking(p, node, t), t);
      } else if (state === PatientState.ExternalQueue || state === PatientState.InternalQueue) {
        if (state === PatientState.ExternalQueue) this.externalQueue[node]--;
        else this.internalQueue[node]--;
        this.queueLevel[node].step(t, -1);
        this.admissions(node, t);
        if (state === PatientState.ExternalQueue) this.startService(p, node, t, patients.stay[p]);
        else this.startService(p, node, t, this.stayOnEntering(p, node));
      } else {
        const upstream = this.unblock(p, node, t);
        this.enterFromUpstream(p, node, t);
        this.pending.push(upstream);
      }
    }
    this.fillInternalQueue(node, t);
  }

  /** The blocked patient `p` leaves their upstream bed for `node`; returns the upstream node. */
  private unblock(p: number, node: number, t: number): number {
    const upstream = this.stopBlocking(p, node, t);
    this.move(p, upstream, node, t);
    return upstream;
  }

  /** `p`, blocked upstream waiting for `waitedFor`, is no longer blocked; returns the upstream node (the patient is still there). */
  private stopBlocking(p: number, waitedFor: number, t: number): number {
    const upstream = this.patients.node[p];
    this.blocked[upstream]--;
    this.blockedLevel[upstream].step(t, -1);
    this.blockedFor[upstream * this.n + waitedFor]--;
    return upstream;
  }

  /** Blocked candidates move into free internal-queue places, in FIFO order, freeing their beds. */
  private fillInternalQueue(node: number, t: number): void {
    const room = this.network.queueInternal[node] - this.internalQueue[node];
    if (room <= 0) return;
    const list = this.candidates[node];
    let moved = 0;
    for (let i = 0; i < list.size && moved < room; i++) {
      const p = list.at(i);
      if (this.patients.state[p] !== PatientState.Blocked) continue;
      const upstream = this.unblock(p, node, t);
      this.joinInternalQueue(p, node, t);
      this.pending.push(upstream);
      moved++;
    }
  }

  private capacityChanged(node: number, t: number): void {
    // A fall evicts nobody; a rise admits min(free, waiting) at once, in FIFO order.
    this.freed(node, t);
    this.checkDeadlock(t);
  }

  private checkDeadlock(t: number): void {
    const net = this.network;
    const fresh = findStuckNodes(this.n, (node) => this.isFullOfBlocked(node, t), this.blockedFor, this.stuck);
    if (fresh.length === 0) return;
    this.record.deadlocks.push({ time: t, nodes: fresh.map((node) => net.ids[node]) });
    if (!net.resolveDeadlocks) return;
    this.admitAboveCapacity(this.longestBlockedInDeadlock(), t);
    // Each resolution moves one patient; what is still stuck after the chain settles is a new deadlock.
    this.checkDeadlock(t);
  }

  /** The patient blocked earliest (FIFO order) in a stuck node. */
  private longestBlockedInDeadlock(): number {
    const patients = this.patients;
    let chosen = -1;
    for (const list of this.candidates) {
      for (let i = 0; i < list.size; i++) {
        const p = list.at(i);
        if (patients.state[p] !== PatientState.Blocked || !this.stuck[patients.node[p]]) continue;
        if (chosen < 0 || patients.before(p, chosen)) chosen = p;
      }
    }
    return chosen;
  }

  /** Breaks a deadlock: `p` leaves their bed for their next node, over its capacity. */
  private admitAboveCapacity(p: number, t: number): void {
    const target = this.patients.next[p];
    const list = this.candidates[target];
    for (let i = 0; i < list.size; i++) {
      if (list.at(i) !== p) continue;
      list.removeAt(i);
      break;
    }
    this.record.forcedAdmissions++;
    const upstream = this.patients.node[p];
    if (this.patients.delay[p] >= 0) {
      this.stopBlocking(p, target, t);
      this.startTransfer(p, upstream, t);
      return;
    }
    this.unblock(p, target, t);
    this.enterFromUpstream(p, target, t);
    this.freed(upstream, t);
  }

  /**
   * Every bed held by a blocked patient, none free: the node can free a bed only if a target
   * does. A transfer under way will end by itself, so it keeps a node out.
   */
  private isFullOfBlocked(node: number, t: number): boolean {
    if (!this.holdsBeds(node) || this.busy[node] + this.transfer[node] + this.reserved[node] > 0) return false;
    return this.blocked[node] > 0 && this.blocked[node] >= this.network.schedules[node].capacityAt(t);
  }

  private finish(): void {
    const record = this.record;
    const net = this.network;
    const days = net.days;
    for (let node = 0; node < this.n; node++) {
      const occ = record.row(node, NetworkMetric.occ);
      const blocked = record.row(node, NetworkMetric.blocked);
      const transfer = record.row(node, NetworkMetric.transfer);
      const reserved = record.row(node, NetworkMetric.reserved);
      this.occupancy[node].integrate(occ);
      this.blockedLevel[node].integrate(blocked);
      this.transferLevel[node].integrate(transfer);
      this.reservedLevel[node].integrate(reserved);
      this.queueLevel[node].integrate(record.row(node, NetworkMetric.niq));
      const held = record.row(node, NetworkMetric.occ_bed);
      for (let d = 0; d < days; d++) held[d] = occ[d] + blocked[d] + transfer[d] + reserved[d];
      const capacity = record.row(node, NetworkMetric.capacity);
      const visit = net.visits[node];
      if (visit) {
        capacity.set(visit.caseload);
        const visits = record.visitsRow(node);
        for (let d = 0; d < days; d++) visits[d] = this.books[node]!.visitsOn(d);
      } else if (this.holdsBeds(node)) capacity.set(net.schedules[node].dailyAverages(days));
      else capacity.fill(Infinity);
      record.stockAtEnd[node] = this.busy[node] + this.blocked[node] + this.transfer[node] + this.externalQueue[node] + this.internalQueue[node];
    }
  }
}
