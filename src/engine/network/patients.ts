/**
 * Patients in flight through a network, in parallel typed arrays indexed by a per-replication
 * slot, and the one FIFO order of candidates each node admits from.
 */
import { PatientStreams } from './patientStreams.js';

/** Where a patient is. */
export const PatientState = {
  InService: 0,
  /** Finished, still holding their bed upstream (or waiting at a delay node), waiting for `next`. */
  Blocked: 1,
  ExternalQueue: 2,
  InternalQueue: 3,
  Gone: 4,
  /** Finished at `node`, keeping their place there through the transfer delay to `next` (whose bed is reserved). */
  Transfer: 5,
  /** In `next`'s internal queue (`node` is `next`), keeping their queue place through the transfer delay to the reserved bed. */
  QueuedTransfer: 6,
} as const;

/** `bookedDay` of a patient with no visit booking (a warm-up's days are negative). */
export const NO_BOOKING = -(2 ** 31);

/** The largest index of a patient among a node's arrivals that event ranks can order. */
export const MAX_ORDINAL = 2 ** 26;

export class PatientTable {
  count = 0;
  origin = new Int32Array(1024);
  /** Initial patients of the origin first (0 .. n0 - 1), then its external arrivals (n0 + k). */
  ordinal = new Int32Array(1024);
  node = new Int32Array(1024);
  /** Node drawn for after this one; -1 is the implicit exit. */
  next = new Int32Array(1024);
  /** The model edge taking them to `next` (the overflow edge once overflowed), for flows; -1: the implicit exit. */
  edge = new Int32Array(1024);
  /** Transfer delay to `next`, drawn with the route; NaN when the edge has none. */
  delay = new Float64Array(1024);
  state = new Int8Array(1024);
  /** External queue: the stay already drawn for the origin node (a visit node: the days of visits). */
  stay = new Float64Array(1024);
  /** The stay at the next node, drawn ahead by a pass-through acute node; NaN: draw it on entering. */
  carried = new Float64Array(1024);
  /** Waiting for a visit node: the first visit day booked, and the raw visit rates (initial << 16 | final) to find the plan again. */
  bookedDay = new Int32Array(1024);
  visitRates = new Int32Array(1024);
  /** When they asked for the node they wait for, and which node they asked from. */
  requestTime = new Float64Array(1024);
  requestFrom = new Int32Array(1024);
  /** Each patient's own random stream, seeded on first use (`seeded[p]`). */
  readonly streams = new PatientStreams();
  seeded = new Uint8Array(1024);

  reset(): void {
    this.count = 0;
  }

  /**
   * Room for `total` patients in all, grown once: a replication's patients are known once its
   * arrivals are drawn, and growing by doubling as they came took a cold first replication
   * several copies of every array (and as many new maps for V8's code to be compiled against).
   */
  reserve(total: number): void {
    if (total > this.origin.length) this.grow(total);
    this.streams.reserve(total);
  }

  add(origin: number, ordinal: number): number {
    if (this.count === this.origin.length) this.grow(this.count + 1);
    const p = this.count++;
    this.origin[p] = origin;
    this.ordinal[p] = ordinal;
    this.seeded[p] = 0;
    this.carried[p] = NaN;
    // No transfer before their first node: the days they wait for it are not reduced by one.
    // Slots are reused from one replication to the next, and a stale delay here made a
    // replication's waits depend on the replications simulated before it on the same thread.
    this.delay[p] = NaN;
    return p;
  }

  /** FIFO order of candidates: request time, then the node asked from, then patient identity. */
  before(a: number, b: number): boolean {
    if (this.requestTime[a] !== this.requestTime[b]) return this.requestTime[a] < this.requestTime[b];
    if (this.requestFrom[a] !== this.requestFrom[b]) return this.requestFrom[a] < this.requestFrom[b];
    if (this.origin[a] !== this.origin[b]) return this.origin[a] < this.origin[b];
    return this.ordinal[a] < this.ordinal[b];
  }

  private grow(needed: number): void {
    let size = this.origin.length * 2;
    while (size < needed) size *= 2;
    const grow = <T extends Int32Array | Int8Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.origin = grow(this.origin, (n) => new Int32Array(n));
    this.ordinal = grow(this.ordinal, (n) => new Int32Array(n));
    this.node = grow(this.node, (n) => new Int32Array(n));
    this.next = grow(this.next, (n) => new Int32Array(n));
    this.edge = grow(this.edge, (n) => new Int32Array(n));
    this.delay = grow(this.delay, (n) => new Float64Array(n));
    this.state = grow(this.state, (n) => new Int8Array(n));
    this.seeded = grow(this.seeded, (n) => new Uint8Array(n));
    this.stay = grow(this.stay, (n) => new Float64Array(n));
    this.carried = grow(this.carried, (n) => new Float64Array(n));
    this.bookedDay = grow(this.bookedDay, (n) => new Int32Array(n));
    this.visitRates = grow(this.visitRates, (n) => new Int32Array(n));
    this.requestTime = grow(this.requestTime, (n) => new Float64Array(n));
    this.requestFrom = grow(this.requestFrom, (n) => new Int32Array(n));
  }
}

/**
 * The candidates of one node (external queue, internal queue, blocked upstream) in one FIFO
 * order, in a typed array: a long queue (an overloaded acute node's) is tens of thousands of
 * patients, and a plain array of them was a tenth of the run time in growth and copying.
 */
export class CandidateList {
  private items = new Int32Array(64);
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  clear(): void {
    this.head = 0;
    this.tail = 0;
  }

  /** Inserts `patient` in FIFO order; almost always at the tail, since requests come in time order. */
  insert(patient: number, patients: PatientTable): void {
    if (this.tail === this.items.length) this.makeRoom();
    const items = this.items;
    let i = this.tail++;
    while (i > this.head && patients.before(patient, items[i - 1])) {
      items[i] = items[i - 1];
      i--;
    }
    items[i] = patient;
  }

  /** The `index`-th candidate from the head. */
  at(index: number): number {
    return this.items[this.head + index];
  }

  /** Removes the `index`-th candidate from the head (a patient leaving the order before their turn). */
  removeAt(index: number): void {
    const at = this.head + index;
    this.items.copyWithin(at, at + 1, this.tail);
    this.tail--;
  }

  shift(): number {
    const patient = this.items[this.head++];
    if (this.head === this.tail) this.clear();
    return patient;
  }

  /** At the end of the array: slides the candidates to its start if that frees half of it, or doubles it. */
  private makeRoom(): void {
    if (this.head * 2 >= this.items.length) {
      this.items.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items.subarray(this.head, this.tail));
      this.items = grown;
    }
    this.tail -= this.head;
    this.head = 0;
  }
}
