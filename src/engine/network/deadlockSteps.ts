/**
 * Deadlocks (spec 2.12): recorded when they form, and resolved on request by admitting the
 * longest-blocked patient above capacity.
 */
import { findStuckNodes } from './deadlock.js';
import { PatientState } from './patients.js';
import { AdmissionSteps } from './admissionSteps.js';

export abstract class DeadlockSteps extends AdmissionSteps {
  /** Scratch for checkDeadlock: the nodes full of blocked patients, then the stuck set. */
  private readonly fullOfBlocked = new Uint8Array(this.n);

  protected checkDeadlock(t: number): void {
    const net = this.network;
    const candidates = this.fullOfBlocked;
    let any = false;
    for (let node = 0; node < this.n; node++) {
      const full = this.isFullOfBlocked(node, t);
      candidates[node] = full ? 1 : 0;
      any ||= full;
    }
    // Most checks (one at every capacity change) find no node full of blocked patients: then
    // nothing is stuck, and the set need not be built (it allocated at each check).
    if (!any) {
      this.stuck.fill(0);
      return;
    }
    const fresh = findStuckNodes(this.n, candidates, this.blockedFor, this.stuck);
    if (fresh.length === 0) return;
    this.record.deadlocks.push({ time: t, nodes: fresh.map((node) => net.ids[node]) });
    if (!net.resolveDeadlocks) return;
    this.admitAboveCapacity(this.longestBlockedInDeadlock(), t);
    // Each resolution moves one patient; what is still stuck after the chain settles is a new deadlock.
    this.checkDeadlock(t);
  }

  /** The patient blocked earliest (FIFO order) in a stuck node. */
  protected longestBlockedInDeadlock(): number {
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
  protected admitAboveCapacity(p: number, t: number): void {
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
  protected isFullOfBlocked(node: number, t: number): boolean {
    if (!this.holdsBeds(node) || this.busy[node] + this.transfer[node] + this.reserved[node] > 0) return false;
    return this.blocked[node] > 0 && this.blocked[node] >= this.network.schedules[node].capacityAt(t);
  }
}
