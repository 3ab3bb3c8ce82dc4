/**
 * The visit slots of one visit node in a network replication: visitNode.ts's booking rule
 * (VisitSlots) over the node's days, a warm-up's days first, with slots that may change from
 * day to day (a caseload calendar). Day `d` of the network is day `d + firstIndex` of the slots.
 */
import { VisitSlots } from '../visitSlots.js';

/** Slots tracked a day: an unlimited caseload is this many, far more than any day can book. */
export const MAX_TRACKED_SLOTS = 2 ** 30;

export class VisitBook {
  private readonly slotBook = new VisitSlots();
  /** `capFrom[i]`: the most slots of any day from index i on (the tail included). */
  private readonly capFrom: Int32Array;

  /**
   * `slots[i]`: whole slots of day `i - firstIndex` (a warm-up's days first); `tailSlots` on
   * every later day. `highestRate`: the most visits any plan has on a day.
   */
  constructor(
    private readonly slots: Int32Array,
    private readonly tailSlots: number,
    private readonly firstIndex: number,
    private readonly highestRate: number,
  ) {
    this.capFrom = new Int32Array(slots.length + 1);
    this.capFrom[slots.length] = tailSlots;
    for (let i = slots.length - 1; i >= 0; i--) this.capFrom[i] = Math.max(slots[i], this.capFrom[i + 1]);
  }

  reset(): void {
    this.slotBook.reset(this.slots, this.tailSlots, this.slots.length, this.highestRate);
  }

  /** The most slots of any day from `day` on: visit rates are capped at it so that a plan can fit. */
  slotsCap(day: number): number {
    const index = day + this.firstIndex;
    return index < this.capFrom.length ? this.capFrom[Math.max(0, index)] : this.tailSlots;
  }

  /** Visits booked on `day` (more than its slots where patients present at the start overfill it). */
  visitsOn(day: number): number {
    return this.slotBook.usedOn(day + this.firstIndex);
  }

  /** A patient's plan, falling from `initialRate` to `finalRate` over `stay` days, as a handle for the methods below. */
  preparePlan(stay: number, initialRate: number, finalRate: number): number {
    return this.slotBook.plan(stay, initialRate, finalRate);
  }

  /**
   * Books the plan on `day` if every day of it fits; a node with no slots from that day on
   * takes nobody (visitNode.ts: a caseload of 0 starts nobody).
   */
  bookOn(day: number, plan: number): boolean {
    if (this.slotsCap(day) <= 0) return false;
    const index = day + this.firstIndex;
    if (!this.slotBook.fitsOn(index, plan)) return false;
    this.slotBook.book(index, plan);
    return true;
  }

  /** Books the plan at its first fit from `from` on and returns that day; Infinity (nothing booked) when it can never fit. */
  bookFirstFit(from: number, plan: number): number {
    if (this.slotsCap(from) <= 0) return Infinity;
    const start = this.slotBook.bookFirstFit(Math.max(0, from + this.firstIndex), plan);
    return start < 0 ? Infinity : start - this.firstIndex;
  }

  /** Books the last `days` days of a plan from `day` whatever the free slots (patients present at the start keep their visits). */
  bookTail(day: number, plan: number, days: number): void {
    this.slotBook.book(day + this.firstIndex, this.slotBook.tail(plan, days));
  }

  /** Gives back a booking not taken up (a patient who overflowed elsewhere while waiting). */
  unbook(day: number, plan: number): void {
    this.slotBook.unbook(day + this.firstIndex, plan);
  }
}
