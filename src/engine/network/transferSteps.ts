/**
 * Transfer delays (spec 2.5): a patient keeps their bed through the delay while the bed they
 * go to is reserved for them, then moves.
 */
import { Kind } from './networkModel.js';
import { PatientState } from './patients.js';
import { EventKind, SimulatorState } from './simulatorState.js';

export abstract class TransferSteps extends SimulatorState {
  /**
   * `p`, finished at `at`, keeps their place there through the transfer delay drawn with their
   * route; the target's bed (if it has beds) is reserved meanwhile.
   */
  protected startTransfer(p: number, at: number, t: number): void {
    const patients = this.patients;
    patients.state[p] = PatientState.Transfer;
    this.transfer[at]++;
    this.transferLevel[at].step(t, 1);
    this.reserve(patients.next[p], t, 1);
    this.scheduleTransferEnd(p, at, t);
  }

  protected reserve(target: number, t: number, change: number): void {
    if (target < 0 || !this.holdsBeds(target)) return;
    this.reserved[target] += change;
    this.reservedLevel[target].step(t, change);
  }

  protected scheduleTransferEnd(p: number, at: number, t: number): void {
    const patients = this.patients;
    const end = t + patients.delay[p];
    if (end < this.network.days) {
      this.events.staged[0] = end;
      this.schedulePatientEvent(EventKind.TransferEnd, at, p);
    }
  }

  /** The transfer delay is over: the patient moves into the reserved bed (or leaves the network). */
  protected transferEnded(p: number): void {
    const t = this.clock[0];
    const patients = this.patients;
    const at = patients.node[p];
    const target = patients.next[p];
    if (patients.state[p] === PatientState.QueuedTransfer) {
      this.internalQueue[target]--;
      this.queueLevel[target].step(t, -1);
      this.reserve(target, t, -1);
      this.admissions(target, t, this.waited(p, t));
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
}
