/**
 * The visit slots of one visit node in a network replication: free slots per day, booked by
 * the rule of visitNode.ts (each plan at the first day, from its request day on, on which
 * every day of it fits in the slots still free), with slots that may change from day to day
 * (a caseload calendar). The search is visitNode.ts's, which finds the same first fit; its
 * shortcuts hold because free slots only ever fall here too.
 */
import { fillVisitPlan } from '../visitNode.js';

/** Plans are cached for stays under 256 days and rates under 16 visits, as in visitNode.ts. */
const CACHED_STAY_LIMIT = 256;
const CACHED_RATE_LIMIT = 16;
const MAX_CACHED_VISITS = 1 << 22;

/** Slots tracked a day: an unlimited caseload is this many, far more than any day can book. */
export const MAX_TRACKED_SLOTS = 2 ** 30;

export class VisitBook {
  /** Free slots of day `d` at `free[d + firstIndex]`; past the array, days are at `tailSlots`. */
  private free = new Int32Array(0);
  private plan = new Int32Array(4096);
  private planEnd = 0;
  private readonly planIndex = new Int32Array(CACHED_RATE_LIMIT * CACHED_RATE_LIMIT * CACHED_STAY_LIMIT);
  /** `openFrom[v]`: no day (index) before it has `v` free slots. */
  private readonly openFrom: Int32Array;
  /** No day has fewer free slots than this (a lower bound once bookings overfill). */
  private leastFree = 0;
  /** Index one past the last day booked: from there on (and past the calendar) every day is at `tailSlots`. */
  private bookedUntil = 0;
  /** `capFrom[i]`: the most slots of any day from index i on (the tail included). */
  private readonly capFrom: Int32Array;
  private readonly tailSlots: number;

  /**
   * `slots[i]`: whole slots of day `i - firstIndex` (a warm-up's days first); `tailSlots` on
   * every later day. `highestRate`: the most visits any plan has on a day.
   */
  constructor(
    private readonly slots: Int32Array,
    tailSlots: number,
    private readonly firstIndex: number,
    private readonly highestRate: number,
  ) {
    this.tailSlots = tailSlots;
    this.openFrom = new Int32Array(highestRate + 1);
    this.capFrom = new Int32Array(slots.length + 1);
    this.capFrom[slots.length] = tailSlots;
    for (let i = slots.length - 1; i >= 0; i--) this.capFrom[i] = Math.max(slots[i], this.capFrom[i + 1]);
  }

  reset(): void {
    this.openFrom.fill(0);
    this.bookedUntil = 0;
    const slots = this.slots;
    // Room well past the horizon from the start, as visitNode.ts keeps it.
    if (this.free.length < slots.length * 4) this.free = new Int32Array(Math.max(slots.length * 4, 64));
    this.free.set(slots);
    this.free.fill(this.tailSlots, slots.length);
    let least = this.tailSlots;
    for (let i = 0; i < slots.length; i++) if (slots[i] < least) least = slots[i];
    this.leastFree = least;
  }

  /** The most slots of any day from `day` on: visit rates are capped at it so that a plan can fit. */
  slotsCap(day: number): number {
    const index = day + this.firstIndex;
    return index < this.capFrom.length ? this.capFrom[Math.max(0, index)] : this.tailSlots;
  }

  /** Visits booked on `day` (more than its slots where patients present at the start overfill it). */
  visitsOn(day: number): number {
    const index = day + this.firstIndex;
    const slots = index < this.slots.length ? this.slots[index] : this.tailSlots;
    return slots - (index < this.free.length ? this.free[index] : this.tailSlots);
  }

  /**
   * A patient's visits a day, from the offset returned: falling from `initialRate` to
   * `finalRate` over `stay` days. Computed once per combination and kept (visitNode.ts).
   */
  preparePlan(stay: number, initialRate: number, finalRate: number): number {
    const cacheable = stay < CACHED_STAY_LIMIT && initialRate < CACHED_RATE_LIMIT && finalRate < CACHED_RATE_LIMIT;
    const key = cacheable ? (initialRate * CACHED_RATE_LIMIT + finalRate) * CACHED_STAY_LIMIT + stay : -1;
    if (cacheable && this.planIndex[key] > 0) return this.planIndex[key] - 1;
    const offset = this.planEnd;
    if (this.plan.length < offset + stay) {
      const grown = new Int32Array(Math.max(offset + stay, this.plan.length * 2));
      grown.set(this.plan.subarray(0, offset));
      this.plan = grown;
    }
    fillVisitPlan(this.plan, stay, initialRate, finalRate, offset);
    if (cacheable && offset + stay <= MAX_CACHED_VISITS) {
      this.planIndex[key] = offset + 1;
      this.planEnd = offset + stay;
    }
    return offset;
  }

  /**
   * Books the plan `[offset, offset + length)` on `day` if every day of it fits; a node with
   * no slots from that day on takes nobody (visitNode.ts: a caseload of 0 starts nobody).
   */
  bookOn(day: number, offset: number, length: number): boolean {
    if (this.slotsCap(day) <= 0) return false;
    const index = day + this.firstIndex;
    if (this.leastFree < this.highestRate) {
      this.ensureDays(index + length);
      for (let k = 0; k < length; k++) if (this.free[index + k] < this.plan[offset + k]) return false;
    }
    this.book(day, offset, length);
    return true;
  }

  /** Books the plan at its first fit from `from` on and returns that day; Infinity (nothing booked) when it can never fit. */
  bookFirstFit(from: number, offset: number, length: number): number {
    if (this.slotsCap(from) <= 0) return Infinity;
    if (this.leastFree >= this.highestRate) {
      this.book(from, offset, length);
      return from;
    }
    const start = this.firstFitIndex(Math.max(0, from + this.firstIndex), offset, length);
    return start < 0 ? Infinity : start - this.firstIndex;
  }

  /** Books a plan on `day` whatever the free slots (patients present at the start keep their visits). */
  book(day: number, offset: number, length: number): void {
    const index = day + this.firstIndex;
    this.ensureDays(index + length);
    const free = this.free;
    const plan = this.plan;
    let least = this.leastFree;
    for (let k = 0; k < length; k++) {
      const left = free[index + k] - plan[offset + k];
      free[index + k] = left;
      if (left < least) least = left;
    }
    this.leastFree = least;
    if (index + length > this.bookedUntil) this.bookedUntil = index + length;
  }

  /**
   * Gives back a booking not taken up (a patient who overflowed elsewhere while waiting). Days
   * before the search's start marks may have free slots again, so the marks move back.
   */
  unbook(day: number, offset: number, length: number): void {
    const index = day + this.firstIndex;
    for (let k = 0; k < length; k++) this.free[index + k] += this.plan[offset + k];
    for (let v = 0; v < this.openFrom.length; v++) if (this.openFrom[v] > index) this.openFrom[v] = index;
  }

  /**
   * visitNode.ts's search: the first start index from `from` with the plan fitting, booked; -1
   * if none ever does. A clash on day start + k of a plan that never rises rules out every
   * start up to start + k. Past every booking and the calendar's last change, all days have
   * the tail's slots, so the plan fits there or nowhere.
   */
  private firstFitIndex(from: number, offset: number, length: number): number {
    const plan = this.plan;
    const firstDayVisits = plan[offset];
    const nonIncreasing = firstDayVisits >= plan[offset + length - 1];
    let open = this.openFrom[firstDayVisits];
    this.ensureDays(open + 1);
    while (this.free[open] < firstDayVisits) {
      if (open >= this.quietFrom()) return -1;
      open++;
      this.ensureDays(open + 1);
    }
    this.openFrom[firstDayVisits] = open;
    for (let start = Math.max(from, open); ; ) {
      if (start >= this.quietFrom() && !this.fitsTail(offset, length)) return -1;
      const tracked = this.free;
      while (start < tracked.length && tracked[start] < firstDayVisits) start++;
      this.ensureDays(start + length);
      const free = this.free;
      let clash = -1;
      let least = this.leastFree;
      for (let k = 0; k < length; k++) {
        const left = free[start + k] - plan[offset + k];
        if (left < 0) {
          clash = k;
          break;
        }
        free[start + k] = left;
        if (left < least) least = left;
      }
      if (clash < 0) {
        this.leastFree = least;
        if (start + length > this.bookedUntil) this.bookedUntil = start + length;
        return start;
      }
      for (let k = 0; k < clash; k++) free[start + k] += plan[offset + k];
      start += nonIncreasing ? clash + 1 : 1;
    }
  }

  private quietFrom(): number {
    return Math.max(this.bookedUntil, this.slots.length);
  }

  private fitsTail(offset: number, length: number): boolean {
    for (let k = 0; k < length; k++) if (this.plan[offset + k] > this.tailSlots) return false;
    return true;
  }

  private ensureDays(length: number): void {
    if (length <= this.free.length) return;
    const grown = new Int32Array(Math.max(length, this.free.length * 2));
    grown.set(this.free);
    grown.fill(this.tailSlots, this.free.length);
    this.free = grown;
  }
}
