/**
 * Visit nodes (P1) in a network (spec 2.11): decisions by whole days. A patient asking for a
 * visit node has their plan booked at once at its first fit (visitNode.ts's rule, in the order
 * of asking); they start at the start of that day, wait for it (queue, or blocked upstream)
 * until then, and are routed at the end of their last visit day.
 */
import type { UniformSource } from '../random.js';
import { daysLeftAtStart } from '../visitNode.js';
import { NetworkMetric } from './networkRecord.js';
import { NO_BOOKING, PatientState } from './patients.js';
import { EventKind, eventRank } from './simulatorState.js';
import { OverflowSteps } from './overflowSteps.js';

export abstract class VisitSteps extends OverflowSteps {
  /**
   * The plan of a patient asking on `day` with these raw rates, in the node's book. Rates are
   * capped at the most slots of any day to come (visitNode.ts caps them at the day's slots),
   * so that the plan can fit somewhere.
   */
  protected planFor(node: number, day: number, stay: number, initialRate: number, finalRate: number): number {
    const book = this.books[node]!;
    const cap = book.slotsCap(day);
    return book.preparePlan(stay, Math.min(initialRate, cap), Math.min(finalRate, Math.max(cap, 1)));
  }

  /** A patient on the caseload at time 0: a uniform number of days into a full plan, its tail booked from day 1 even over the slots. */
  protected placeVisitPatient(p: number, node: number, stream: UniformSource): void {
    const visit = this.network.visits[node]!;
    const rates = this.visitRateStream(node);
    const fullStay = visit.los.sample(stream);
    const remaining = daysLeftAtStart(fullStay, stream, false);
    const plan = this.planFor(node, 0, fullStay, visit.initialRates.sample(rates), visit.finalRates.sample(rates));
    this.books[node]!.bookTail(0, plan, remaining);
    this.beginVisits(p, node, 0, remaining);
  }

  /** A patient of the node's initial queue: referred on day 1 ahead of that day's referrals, their stay from the initial-state stream. */
  protected initialVisitReferral(p: number, node: number): void {
    const visit = this.network.visits[node]!;
    const rates = this.visitRateStream(node);
    const stay = visit.los.sample(this.initialStream(node));
    // Held to the external queue's places like a referral at time 0.
    if (this.referVisit(p, node, 0, 0, stay, visit.initialRates.sample(rates), visit.finalRates.sample(rates), this.externalQueue[node] < this.network.queueExternal[node])) return;
    this.patients.state[p] = PatientState.Gone;
    this.count(node, NetworkMetric.lost, 0);
    this.record.lost++;
  }

  /**
   * The k-th external referral: its stay is the k-th draw of the node's LOS stream and its
   * rates the next pair of its visit-rate stream (drawn even if it is lost), as in visitNode.ts.
   */
  protected externalVisitReferral(node: number): void {
    const t = this.clock[0];
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
  protected referVisit(p: number, node: number, t: number, day: number, stay: number, initialRate: number, finalRate: number, canWait: boolean): boolean {
    const book = this.books[node]!;
    const plan = this.planFor(node, day, stay, initialRate, finalRate);
    if (day < this.network.days && book.bookOn(day, plan)) {
      this.startVisits(p, node, day, stay, 0);
      return true;
    }
    if (!canWait) return false;
    const patients = this.patients;
    patients.state[p] = PatientState.ExternalQueue;
    patients.stay[p] = stay;
    patients.requestTime[p] = t;
    patients.requestFrom[p] = node;
    this.externalQueueStep(node, day, 1);
    this.scheduleVisitStart(p, node, book.bookFirstFit(day + 1, plan));
    return true;
  }

  /**
   * `p`, finished at `from`, asks for the visit node `node` at `t`: their stay and rates come
   * from their own stream. Ready at midnight, the first day they can have is the one starting
   * then. If the plan fits that day they move at once; else a `full` overflow takes them if
   * its target has a free bed (returns false: `next` is the target now), or they book the
   * first fit and wait for it in the internal queue or blocked in their bed.
   */
  protected requestVisits(p: number, from: number, node: number, t: number): boolean {
    const net = this.network;
    const visit = net.visits[node]!;
    const book = this.books[node]!;
    const patients = this.patients;
    const journey = this.journey(p);
    const stay = visit.los.sample(journey);
    const initialRate = visit.initialRates.sample(journey);
    const finalRate = visit.finalRates.sample(journey);
    const day = Math.floor(t);
    const plan = this.planFor(node, day, stay, initialRate, finalRate);
    if (day < net.days && book.bookOn(day, plan)) {
      this.move(p, from, node, t);
      this.startVisits(p, node, day, stay, 0);
      this.freed(from, t);
      return true;
    }
    const overflow = net.overflowTarget[node];
    if (overflow >= 0 && net.overflowWait[node] < 0 && this.hasFreeServer(overflow, t)) {
      this.count(node, NetworkMetric.overflowed, t);
      patients.edge[p] = net.overflowEdge[node];
      patients.next[p] = overflow;
      return false;
    }
    patients.stay[p] = stay;
    patients.visitRates[p] = (initialRate << 16) | finalRate;
    this.scheduleVisitStart(p, node, book.bookFirstFit(day + 1, plan));
    // Waiting in the internal queue or blocked upstream, they are the node's candidates (in
    // FIFO order) for its internal queue and for a `wait>=N` overflow.
    this.candidates[node].insert(p, patients);
    if (this.internalQueue[node] < net.queueInternal[node]) {
      this.move(p, from, node, t);
      this.joinInternalQueue(p, node, t);
      this.freed(from, t);
      return true;
    }
    patients.state[p] = PatientState.Blocked;
    this.blockedForStep(from, node, t, 1);
    return true;
  }

  /** `p`, waiting for the visit node `node`, overflows elsewhere: their booking is given back. */
  protected cancelVisitBooking(p: number, node: number): void {
    const patients = this.patients;
    const day = patients.bookedDay[p];
    patients.bookedDay[p] = NO_BOOKING;
    if (day === NO_BOOKING) return;
    const rates = patients.visitRates[p];
    const stay = patients.stay[p];
    this.books[node]!.unbook(day, this.planFor(node, Math.floor(patients.requestTime[p]), stay, rates >>> 16, rates & 0xffff));
  }

  protected scheduleVisitStart(p: number, node: number, day: number): void {
    const patients = this.patients;
    patients.bookedDay[p] = Number.isFinite(day) ? day : NO_BOOKING;
    if (day < this.network.days) this.events.push(day, eventRank(EventKind.VisitStart, node, patients.origin[p], patients.ordinal[p]), EventKind.VisitStart, node, p);
  }

  /** The booked first visit day of `p` has come: they leave their queue or their upstream bed. */
  protected visitStartDue(p: number, node: number): void {
    const t = this.clock[0];
    const patients = this.patients;
    const state = patients.state[p];
    // A booking given up (the patient overflowed elsewhere) leaves its event behind.
    const waiting = state === PatientState.Blocked || state === PatientState.InternalQueue || state === PatientState.ExternalQueue;
    if (!waiting || patients.bookedDay[p] !== t) return;
    patients.bookedDay[p] = NO_BOOKING;
    const stay = patients.stay[p];
    // Days from the request day (a referral's day, as P1 counts it; else the day starting at or before the request).
    const asked = patients.requestTime[p];
    const waited = t - (state !== PatientState.ExternalQueue ? Math.floor(asked) : asked === 0 ? 0 : Math.ceil(asked) - 1);
    if (state !== PatientState.ExternalQueue) this.removeCandidate(p, node);
    if (state === PatientState.Blocked) {
      const upstream = this.unblock(p, node, t);
      this.startVisits(p, node, t, stay, waited);
      this.freed(upstream, t);
      return;
    }
    if (state === PatientState.ExternalQueue) {
      this.externalQueueStep(node, t, -1);
      this.startVisits(p, node, t, stay, waited);
      return;
    }
    this.queueLevel[node].step(t, -1);
    this.internalQueue[node]--;
    this.startVisits(p, node, t, stay, waited);
    this.freed(node, t);
  }

  private removeCandidate(p: number, node: number): void {
    const list = this.candidates[node];
    for (let i = 0; i < list.size; i++) {
      if (list.at(i) !== p) continue;
      list.removeAt(i);
      return;
    }
  }

  /** An admission to a visit node on day index `day` (also the time its first visit day starts). */
  protected startVisits(p: number, node: number, day: number, stay: number, waited: number): void {
    if (day >= 0) {
      this.record.count(node, NetworkMetric.admissions, day);
      this.record.waits[node * this.network.days + day] += waited;
    }
    this.beginVisits(p, node, day, stay);
  }

  /** `p` is on the caseload from the start of day `day` for `stay` whole days; routed at the end of the last. */
  protected beginVisits(p: number, node: number, day: number, stay: number): void {
    const patients = this.patients;
    patients.next[p] = this.route(p, node);
    patients.state[p] = PatientState.InService;
    patients.node[p] = node;
    this.busy[node]++;
    this.occupancy[node].step(day, 1);
    if (this.monitored) this.patientMonitor.admitted(p, false);
    const end = day + stay;
    if (end <= this.network.days) {
      this.events.staged[0] = end;
      this.schedulePatientEvent(EventKind.ServiceEnd, node, p);
    }
    this.observer?.admitted?.(patients.origin[p], patients.ordinal[p], node, day, stay);
  }
}
