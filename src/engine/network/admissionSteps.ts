/**
 * Admission in one FIFO order per node (spec 2.3, 2.4, 2.6): a freed bed goes to the earliest
 * candidate, which may unblock a patient upstream and free a bed there in turn (the blocking
 * chain); blocked candidates move into free internal-queue places; a capacity rise admits
 * at once.
 */
import { PatientState } from './patients.js';
import { TransferSteps } from './transferSteps.js';

export abstract class AdmissionSteps extends TransferSteps {
  /**
   * A bed may have freed at `node` (or capacity risen): admit candidates in FIFO order while
   * beds are free, and let blocked candidates into free internal-queue places; each patient
   * unblocked frees a bed upstream in turn, followed up here until nothing moves.
   */
  protected freed(node: number, t: number): void {
    const pending = this.pending;
    pending.push(node);
    while (pending.length > 0) this.admitCandidates(pending.pop()!, t);
  }

  protected admitCandidates(node: number, t: number): void {
    // Most beds free with nobody waiting: nothing to admit, and no internal-queue place to fill.
    if (this.candidates[node].size === 0) return;
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
        if (state === PatientState.ExternalQueue) this.externalQueueStep(node, t, -1);
        else {
          this.internalQueue[node]--;
          this.queueLevel[node].step(t, -1);
        }
        this.admissions(node, t, this.waited(p, t));
        if (state === PatientState.ExternalQueue) {
          let stay = patients.stay[p];
          if (stay !== stay) {
            // An arrival whose stay is worked out on admission (staysLater): the k-th arrival's.
            const k = patients.ordinal[p] - net.initialPatients[node];
            this.workOutStays(node, k);
            stay = this.arrivalStays[node][k];
          }
          this.startService(p, node, t, stay);
        } else this.startService(p, node, t, this.stayOnEntering(p, node));
      } else {
        const upstream = this.unblock(p, node, t);
        this.enterFromUpstream(p, node, t);
        this.pending.push(upstream);
      }
    }
    this.fillInternalQueue(node, t);
  }

  /** The blocked patient `p` leaves their upstream bed for `node`; returns the upstream node. */
  protected unblock(p: number, node: number, t: number): number {
    const upstream = this.stopBlocking(p, node, t);
    this.move(p, upstream, node, t);
    return upstream;
  }

  /** `p`, blocked upstream waiting for `waitedFor`, is no longer blocked; returns the upstream node (the patient is still there). */
  protected stopBlocking(p: number, waitedFor: number, t: number): number {
    const upstream = this.patients.node[p];
    this.blockedForStep(upstream, waitedFor, t, -1);
    return upstream;
  }

  /** Blocked candidates move into free internal-queue places, in FIFO order, freeing their beds. */
  protected fillInternalQueue(node: number, t: number): void {
    const room = this.network.queueInternal[node] - this.internalQueue[node];
    if (room <= 0) return;
    // Only blocked candidates move, and a long queue of others need not be read past the last of them.
    let blockedLeft = this.blockedWaitingFor[node];
    const list = this.candidates[node];
    let moved = 0;
    for (let i = 0; i < list.size && moved < room && blockedLeft > 0; i++) {
      const p = list.at(i);
      if (this.patients.state[p] !== PatientState.Blocked) continue;
      blockedLeft--;
      const upstream = this.unblock(p, node, t);
      this.joinInternalQueue(p, node, t);
      this.pending.push(upstream);
      moved++;
    }
  }

  protected capacityChanged(node: number): void {
    const t = this.clock[0];
    // A fall evicts nobody; a rise admits min(free, waiting) at once, in FIFO order.
    this.freed(node, t);
    this.checkDeadlock(t);
  }
}
