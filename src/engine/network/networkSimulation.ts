/**
 * The event-driven simulator of a pathway network, one replication at a time.
 *
 * Events at one instant come out in the order capacity changes, then service ends, then
 * external arrivals (the event rank), each class by node order and patient identity, so a
 * replication is a function of (network, seed, replication) alone. Levels are integrated
 * exactly over each day with DayIntegrator, as the isolated-node kernels do.
 *
 * This file is the event loop, the placements at time 0, external arrivals and ends of
 * stays; the rules they trigger are layered beneath it, one concept a file (see
 * simulatorState.ts).
 */
import { ArrivalTimes, generateArrivalTimes } from '../arrivals.js';
import { drawStays, sampleLos, sampleResidualLos } from '../lengthOfStay.js';
import { createStream, hashString, StreamPurpose, type UniformSource } from '../random.js';
import { generateProfiledArrivalTimes } from './arrivalProfile.js';
import { Kind } from './networkModel.js';
import { NetworkMetric, type NetworkRecord } from './networkRecord.js';
import { MAX_ORDINAL, PatientState } from './patients.js';
import { EventKind, eventRank, type NetworkObserver } from './simulatorState.js';
import { drawUniforms } from './staysLater.js';
import { VisitSteps } from './visitSteps.js';

export type { NetworkObserver } from './simulatorState.js';

export class NetworkSimulator extends VisitSteps {
  /** Simulates replication `replication` into `this.record`. */
  simulate(seed: number, replication: number, observer?: NetworkObserver): NetworkRecord {
    this.reset(seed, replication, observer);
    this.placeInitialPatients();
    this.scheduleCapacityChanges();
    this.scheduleOverflowChecks();
    this.drawArrivals(replication);
    this.patients.reserve(this.patients.count + this.externalArrivalsDrawn());
    if (this.network.warmupDays > 0) {
      this.runUntil(0);
      this.takeInitialStock();
    }
    // The last visit day ends at the horizon itself (day d is (d - 1, d]): those visits end in it.
    this.runUntil(nextDoubleUp(this.network.days));
    this.finish();
    return this.record;
  }

  /**
   * Handles every event before `end`. One comparison ends the loop: a second one for an
   * inclusive end ran only as a replication ended, so V8's code for the loop had no feedback
   * for it and was thrown away there, in the first replications, and compiled again.
   */
  private runUntil(end: number): void {
    const events = this.events;
    const clock = this.clock;
    for (;;) {
      // An arrival comes after any heap event at its instant (it ranks last), so only an earlier one goes first.
      const eventTime = events.peekTime();
      const arrivalFirst = this.earliestArrivalTime < eventTime;
      const t = arrivalFirst ? this.earliestArrivalTime : eventTime;
      if (!(t < end)) return;
      clock[0] = t;
      if (arrivalFirst) {
        const node = this.earliestArrivalNode;
        if (this.books[node]) this.externalVisitReferral(node);
        else this.externalArrival(node);
        continue;
      }
      events.pop();
      const node = events.poppedNode;
      if (events.poppedKind === EventKind.CapacityChange) this.capacityChanged(node);
      else if (events.poppedKind === EventKind.DayBoundary) this.overflowLongWaits(node);
      else if (events.poppedKind === EventKind.ServiceEnd) this.serviceEnded(events.poppedSubject);
      else if (events.poppedKind === EventKind.TransferEnd) this.transferEnded(events.poppedSubject);
      else this.visitStartDue(events.poppedSubject, node);
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
    this.events.clear(-this.network.warmupDays);
    this.patients.reset();
    for (const list of this.candidates) list.clear();
    this.busy.fill(0);
    this.blocked.fill(0);
    this.transfer.fill(0);
    this.reserved.fill(0);
    this.externalQueue.fill(0);
    this.internalQueue.fill(0);
    this.blockedFor.fill(0);
    this.blockedWaitingFor.fill(0);
    this.stuck.fill(0);
    this.levelMonitor.reset();
    this.patientMonitor.reset();
    for (let i = 0; i < n; i++) {
      this.occupancy[i].reset();
      this.blockedLevel[i].reset();
      this.transferLevel[i].reset();
      this.reservedLevel[i].reset();
      this.queueLevel[i].reset();
      this.externalQueueLevel[i].reset();
      this.blockedForLevel[i].reset();
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
    for (let target = 0; target < this.n; target++) {
      if (net.initialDtoc[target] === 0 || net.dtocHost[target] >= 0 || this.books[target]) continue;
      this.freed(target, 0);
      this.loseInitialQueueOverLimit(target);
    }
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
    // As an isolated node draws its initial queue's stays: after its patients in service.
    patients.stay[p] = sampleLos(this.network.los[target]!, this.initialStream(target));
    patients.requestTime[p] = 0;
    patients.requestFrom[p] = target;
    this.externalQueueStep(target, 0, 1);
    this.candidates[target].insert(p, patients);
  }

  /**
   * The initial queue is held to the external queue's places like arrivals at time 0: those
   * not admitted at once beyond them are lost, the latest first (a loss node, queueExternal 0,
   * loses all it cannot admit, as an isolated loss node does).
   */
  private loseInitialQueueOverLimit(node: number): void {
    const list = this.candidates[node];
    while (this.externalQueue[node] > this.network.queueExternal[node]) {
      const p = list.at(list.size - 1);
      list.removeAt(list.size - 1);
      this.patients.state[p] = PatientState.Gone;
      this.externalQueueStep(node, 0, -1);
      this.count(node, NetworkMetric.lost, 0);
      this.record.lost++;
    }
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
    this.nextArrivalTime.fill(Infinity);
    this.earliestArrivalNode = -1;
    this.earliestArrivalTime = Infinity;
    if (this.keptArrivals) this.seedDrawProfiles(this.seed);
    for (let node = 0; node < this.n; node++) {
      const buffer = this.arrivalTimes[node];
      buffer.count = 0;
      this.nextArrival[node] = 0;
      const rates = net.arrivals[node];
      const scripted = net.arrivalTimes[node];
      const profile = this.seededDrawProfiles[node];
      const kept = profile === undefined ? undefined : this.keptArrivals!.find(profile, replication);
      if (kept) {
        this.restoreArrivals(node, kept);
        this.scheduleNextArrival(node);
        continue;
      }
      if (scripted) for (const t of scripted) buffer.push(t);
      else if (rates) {
        // A pass-through's arrivals are the referrals of the node it feeds.
        const key = net.keys[net.passThrough[node] >= 0 ? net.passThrough[node] : node];
        this.generateArrivals(node, rates, createStream(this.seed, key, replication, StreamPurpose.Arrivals), buffer);
      } else continue;
      this.checkOrdinals(node, buffer.count);
      if (this.drawsStaysAhead[node]) {
        if (this.arrivalStays[node].length < buffer.count) this.arrivalStays[node] = new Float64Array(buffer.count * 2);
        if (this.staysLater[node]) drawUniforms(this.losStream(node), this.arrivalStays[node], buffer.count);
        else drawStays(net.los[node]!, this.losStream(node), this.arrivalStays[node], 0, buffer.count);
        this.staysReady[node] = 0;
      }
      if (profile !== undefined) this.keptArrivals!.keep(profile, replication, buffer.times, this.drawsStaysAhead[node] ? this.arrivalStays[node] : undefined, buffer.count);
      this.scheduleNextArrival(node);
    }
  }

  /** Node `node`'s arrivals (and stays drawn ahead) of this replication from a block kept by another scenario's simulator (ArrivalDrawsCache). */
  private restoreArrivals(node: number, kept: Float64Array): void {
    const buffer = this.arrivalTimes[node];
    const withStays = this.drawsStaysAhead[node] === 1;
    const count = withStays ? kept.length / 2 : kept.length;
    this.checkOrdinals(node, count);
    if (buffer.times.length < count) buffer.times = new Float64Array(Math.max(count, 2 * buffer.times.length));
    buffer.times.set(kept.subarray(0, count));
    buffer.count = count;
    if (withStays) {
      if (this.arrivalStays[node].length < count) this.arrivalStays[node] = new Float64Array(count * 2);
      this.arrivalStays[node].set(kept.subarray(count));
    }
  }

  private checkOrdinals(node: number, arrivals: number): void {
    if (this.network.initialPatients[node] + arrivals >= MAX_ORDINAL) throw new RangeError(`${this.network.ids[node]}: more than ${MAX_ORDINAL} patients in one replication`);
  }

  /** Every external arrival of the replication has a patient slot of its own. */
  private externalArrivalsDrawn(): number {
    let total = 0;
    for (let node = 0; node < this.n; node++) total += this.arrivalTimes[node].count;
    return total;
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

  private externalArrival(node: number): void {
    const t = this.clock[0];
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
    const stay = this.drawsStaysAhead[node] ? this.arrivalStays[node][k] : fed >= 0 ? 0 : sampleLos(net.los[node]!, this.losStream(node));
    // A stay worked out later (staysLater) is read once it is: NaN marks a queued patient's.
    const later = this.staysLater[node] === 1;
    const p = this.patients.add(node, net.initialPatients[node] + k);
    if (fed >= 0) this.patients.carried[p] = sampleLos(net.los[fed]!, this.losStream(fed));
    this.observer?.arrived?.(node, net.initialPatients[node] + k, t);
    if (this.hasFreeServer(node, t)) {
      this.admissions(node, t, 0);
      if (later) this.workOutStays(node, k);
      this.startService(p, node, t, later ? this.arrivalStays[node][k] : stay);
    } else if (this.externalQueue[node] < net.queueExternal[node]) {
      const patients = this.patients;
      patients.state[p] = PatientState.ExternalQueue;
      patients.stay[p] = later ? NaN : stay;
      patients.requestTime[p] = t;
      patients.requestFrom[p] = node;
      this.externalQueueStep(node, t, 1);
      this.candidates[node].insert(p, patients);
    } else {
      this.patients.state[p] = PatientState.Gone;
      this.count(node, NetworkMetric.lost, t);
      if (counted) record.lost++;
    }
  }

  private serviceEnded(p: number): void {
    const t = this.clock[0];
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
      this.blockedForStep(from, target, t, 1);
      this.candidates[target].insert(p, patients);
      if (this.busy[from] === 0 && this.holdsBeds(from)) this.checkDeadlock(t);
    }
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
      this.externalQueueLevel[node].integrate(record.nodeRow(record.externalQueue, node));
      this.blockedForLevel[node].integrate(record.nodeRow(record.blockedUpstream, node));
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
      let blockedUpstream = 0;
      for (let u = 0; u < this.n; u++) blockedUpstream += this.blockedFor[u * this.n + node];
      record.waitingAtEnd[node] = this.externalQueue[node] + this.internalQueue[node] + blockedUpstream;
    }
    if (this.monitored) {
      this.levelMonitor.finish(record.timePercentiles);
      this.patientMonitor.finish(record.patientFigures, record.timeInSystemByExit);
    } else {
      record.timePercentiles.fill(NaN);
      record.patientFigures.fill(NaN);
      record.timeInSystemByExit.fill(NaN);
    }
  }
}

/** A double's bits, read and written big-endian whatever the platform's order (DataView's default). */
const doubleBits = new DataView(new ArrayBuffer(8));

/** The least double above `x` (x >= 0, finite): `t < nextDoubleUp(x)` is exactly `t <= x`. */
export function nextDoubleUp(x: number): number {
  doubleBits.setFloat64(0, x);
  // A non-negative double's bits, read as an integer, order as the doubles do: one more is the next.
  const low = doubleBits.getUint32(4);
  if (low === 0xffffffff) {
    doubleBits.setUint32(4, 0);
    doubleBits.setUint32(0, doubleBits.getUint32(0) + 1);
  } else doubleBits.setUint32(4, low + 1);
  return doubleBits.getFloat64(0);
}
