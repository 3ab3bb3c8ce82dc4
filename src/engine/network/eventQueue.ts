/**
 * The simulator's future events, ordered by time, then a caller-chosen rank, then insertion
 * order, so that events at one instant always come out in the same order and a run is
 * reproducible. The order is total, so how events are stored never shows in the results.
 *
 * Most events are far ahead (a long-term care place ends its stay in months), and a heap
 * holding all of them made every pop sift through a dozen levels. So only events before the
 * `frontier` are in the heap; later ones wait unsorted in a list per bucket (a fraction of a
 * day), and a bucket's list moves into the heap when the heap has nothing left before the
 * frontier. The heap then holds a bucket's events, a handful, not a day's hundreds.
 *
 * The heap is 4-ary on (time, slot): an event's other fields sit in its slot, so a sift
 * moves two numbers a level and reads rank and sequence only on a tie in time.
 */

/** A bucket's list ends here; also a free slot's link at the end of the free list. */
const NONE = -1;
/**
 * Buckets a day. A power of two, so a bucket's bounds (time * BUCKETS_PER_DAY) are exact and
 * an event is in the heap exactly when its bucket is before the frontier.
 */
const BUCKETS_PER_DAY = 32;
/** Events this many buckets or more past the first go straight into the heap (a guard for callers far beyond any horizon). */
const MAX_BUCKETS = (1 << 16) * BUCKETS_PER_DAY;

export class EventQueue {
  private heapTime = new Float64Array(256);
  private heapSlot = new Int32Array(256);
  private count = 0;
  private rank = new Float64Array(256);
  private sequence = new Float64Array(256);
  private kind = new Int32Array(256);
  private node = new Int32Array(256);
  private subject = new Int32Array(256);
  /** An event's time while it waits in a bucket's list (in the heap, its time is the heap's). */
  private listedTime = new Float64Array(256);
  /** Next slot in the same bucket's list, or in the free list. */
  private link = new Int32Array(256).fill(NONE);
  private freeSlot = NONE;
  private slotsUsed = 0;
  /** First slot of each bucket's list, bucket `firstBucket + i` at i. */
  private bucketHead = new Int32Array(64).fill(NONE);
  private firstBucket = 0;
  /** Every event in a bucket before this one is in the heap; none from it on is. */
  private frontier = 0;
  /** The frontier's start as a time: an event earlier than this is in the heap. */
  private frontierTime = 0;
  /** One past the last bucket with a list. */
  private lastBucket = 0;
  private nextSequence = 0;

  /** Fields of the event last popped. */
  poppedTime = 0;
  poppedKind = 0;
  poppedNode = 0;
  poppedSubject = 0;

  /** Empties the queue; events will be from `firstDay` on (earlier ones are still taken, into the heap). */
  clear(firstDay = 0): void {
    this.count = 0;
    this.freeSlot = NONE;
    this.slotsUsed = 0;
    // Buckets before the frontier were emptied as it passed them.
    this.bucketHead.fill(NONE, this.frontier - this.firstBucket, this.lastBucket - this.firstBucket);
    this.firstBucket = firstDay * BUCKETS_PER_DAY;
    this.frontier = this.firstBucket;
    this.frontierTime = firstDay;
    this.lastBucket = this.firstBucket;
    this.nextSequence = 0;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    if (this.count === 0 || !(this.heapTime[0] < this.frontierTime)) this.advanceFrontier();
    return this.count > 0 ? this.heapTime[0] : Infinity;
  }

  /**
   * Time and rank of the event `pushStaged` adds, written by the caller. Both are doubles (a
   * rank passes 2^31), and a double passed as an argument to a call V8 does not inline is
   * boxed as a heap number: two allocations for every stay scheduled.
   */
  readonly staged = new Float64Array(2);

  push(time: number, rank: number, kind: number, node: number, subject: number): void {
    this.staged[0] = time;
    this.staged[1] = rank;
    this.pushStaged(kind, node, subject);
  }

  /** `push` with its time and rank in `staged`. */
  pushStaged(kind: number, node: number, subject: number): void {
    const time = this.staged[0];
    const rank = this.staged[1];
    const slot = this.takeSlot();
    this.rank[slot] = rank;
    this.sequence[slot] = this.nextSequence++;
    this.kind[slot] = kind;
    this.node[slot] = node;
    this.subject[slot] = subject;
    const bucket = Math.floor(time * BUCKETS_PER_DAY);
    const index = bucket - this.firstBucket;
    if (time < this.frontierTime || !(index < MAX_BUCKETS)) {
      this.heapPush(time, slot);
      return;
    }
    if (index >= this.bucketHead.length) this.growBuckets(index + 1);
    this.link[slot] = this.bucketHead[index];
    this.bucketHead[index] = slot;
    this.listedTime[slot] = time;
    if (bucket + 1 > this.lastBucket) this.lastBucket = bucket + 1;
  }

  /** Removes the earliest event into the `popped*` fields; false when empty. */
  pop(): boolean {
    if (this.count === 0 || !(this.heapTime[0] < this.frontierTime)) this.advanceFrontier();
    if (this.count === 0) return false;
    const slot = this.heapSlot[0];
    this.poppedTime = this.heapTime[0];
    this.poppedKind = this.kind[slot];
    this.poppedNode = this.node[slot];
    this.poppedSubject = this.subject[slot];
    this.link[slot] = this.freeSlot;
    this.freeSlot = slot;
    const last = --this.count;
    if (last > 0) this.siftDown(this.heapTime[last], this.heapSlot[last], last);
    return true;
  }

  /** Moves bucket lists into the heap until it holds an event before the frontier, or none is left. */
  private advanceFrontier(): void {
    while ((this.count === 0 || !(this.heapTime[0] < this.frontierTime)) && this.frontier < this.lastBucket) {
      const index = this.frontier - this.firstBucket;
      for (let slot = this.bucketHead[index]; slot !== NONE; slot = this.link[slot]) this.heapPush(this.listedTime[slot], slot);
      this.bucketHead[index] = NONE;
      this.frontier++;
      this.frontierTime = this.frontier / BUCKETS_PER_DAY;
    }
  }

  private heapPush(time: number, slot: number): void {
    if (this.count === this.heapTime.length) this.growHeap();
    const times = this.heapTime;
    const slots = this.heapSlot;
    let index = this.count++;
    // Sift up: move parents down until the new event's place is found.
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent];
      if (!(time < parentTime || (time === parentTime && this.slotBefore(slot, slots[parent])))) break;
      times[index] = parentTime;
      slots[index] = slots[parent];
      index = parent;
    }
    times[index] = time;
    slots[index] = slot;
  }

  /** Places (time, slot), taken from heap position `end`, from the root down among the first `end` places. */
  private siftDown(time: number, slot: number, end: number): void {
    const times = this.heapTime;
    const slots = this.heapSlot;
    let index = 0;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= end) break;
      let child = first;
      let childTime = times[first];
      const stop = Math.min(first + 4, end);
      for (let sibling = first + 1; sibling < stop; sibling++) {
        const siblingTime = times[sibling];
        if (siblingTime < childTime || (siblingTime === childTime && this.slotBefore(slots[sibling], slots[child]))) {
          child = sibling;
          childTime = siblingTime;
        }
      }
      if (!(childTime < time || (childTime === time && this.slotBefore(slots[child], slot)))) break;
      times[index] = childTime;
      slots[index] = slots[child];
      index = child;
    }
    times[index] = time;
    slots[index] = slot;
  }

  /** Of two events at one time, whether slot `a`'s comes first. */
  private slotBefore(a: number, b: number): boolean {
    const rankA = this.rank[a];
    const rankB = this.rank[b];
    if (rankA !== rankB) return rankA < rankB;
    return this.sequence[a] < this.sequence[b];
  }

  private takeSlot(): number {
    if (this.freeSlot !== NONE) {
      const slot = this.freeSlot;
      this.freeSlot = this.link[slot];
      return slot;
    }
    if (this.slotsUsed === this.rank.length) this.growSlots();
    return this.slotsUsed++;
  }

  private growHeap(): void {
    this.heapTime = grownFloat(this.heapTime);
    this.heapSlot = grownInt(this.heapSlot);
  }

  private growSlots(): void {
    this.rank = grownFloat(this.rank);
    this.sequence = grownFloat(this.sequence);
    this.listedTime = grownFloat(this.listedTime);
    this.kind = grownInt(this.kind);
    this.node = grownInt(this.node);
    this.subject = grownInt(this.subject);
    this.link = grownInt(this.link);
  }

  private growBuckets(needed: number): void {
    let size = this.bucketHead.length * 2;
    while (size < needed) size *= 2;
    const grown = new Int32Array(size).fill(NONE);
    grown.set(this.bucketHead);
    this.bucketHead = grown;
  }
}

function grownFloat(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

function grownInt(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
