/**
 * Overflow edges (spec 2.7): `full` when a patient asks for a primary with no free bed, and
 * `wait>=N` at day boundaries.
 */
import { NetworkMetric } from './networkRecord.js';
import { NO_BOOKING, PatientState } from './patients.js';
import { DeadlockSteps } from './deadlockSteps.js';

export abstract class OverflowSteps extends DeadlockSteps {
  /** The primary has a `full` overflow edge, no free server, and the overflow target has one. */
  protected overflowsWhenFull(primary: number, t: number): boolean {
    const net = this.network;
    const target = net.overflowTarget[primary];
    return target >= 0 && net.overflowWait[primary] < 0 && !this.hasFreeServer(primary, t) && this.hasFreeServer(target, t);
  }

  /**
   * At a day boundary, patients sent to `primary` who have waited at least its overflow's N
   * days go to the overflow target while it has a free server, earliest request first.
   * External arrivals queuing for the primary were not sent by a routing draw, so they stay.
   */
  protected overflowLongWaits(primary: number): void {
    const t = this.clock[0];
    const net = this.network;
    const patients = this.patients;
    const target = net.overflowTarget[primary];
    const list = this.candidates[primary];
    const latestRequest = t - net.overflowWait[primary];
    const visiting = this.books[primary] !== undefined;
    let moved = false;
    for (let i = 0; i < list.size && patients.requestTime[list.at(i)] <= latestRequest; ) {
      const p = list.at(i);
      // A visit node's patient whose first visit day starts now is not waiting any more.
      const starting = visiting && patients.bookedDay[p] !== NO_BOOKING && patients.bookedDay[p] <= t;
      if (patients.state[p] === PatientState.ExternalQueue || starting || !this.hasFreeServer(target, t)) {
        i++;
        continue;
      }
      list.removeAt(i);
      if (visiting) this.cancelVisitBooking(p, primary);
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
  protected overflowFromQueue(p: number, primary: number, target: number, t: number): void {
    this.internalQueue[primary]--;
    this.queueLevel[primary].step(t, -1);
    this.move(p, primary, target, t);
    this.enterFromUpstream(p, target, t);
    this.freed(primary, t);
  }

  /** A blocked patient leaves their upstream bed for the overflow target (after their transfer delay, if any). */
  protected overflowBlocked(p: number, primary: number, t: number): void {
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

  /** Gives back the visit booking of `p`, who waited for the visit node `node` and overflows elsewhere (visitSteps.ts). */
  protected abstract cancelVisitBooking(p: number, node: number): void;
}
