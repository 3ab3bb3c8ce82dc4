/**
 * The simulator's future events: a 4-ary min-heap on parallel typed arrays (no object per
 * event), ordered by time, then a caller-chosen rank, then insertion order, so that events
 * at one instant always come out in the same order and a run is reproducible. The order is
 * total, so the heap's shape never shows in the results. Four children a node halve the
 * heap's depth: a pop, the hot path, moves half as many events for a few more comparisons
 * among siblings that sit side by side in memory.
 */
export class EventQueue {
  private time = new Float64Array(256);
  private rank = new Float64Array(256);
  private sequence = new Float64Array(256);
  private kind = new Int32Array(256);
  private node = new Int32Array(256);
  private subject = new Int32Array(256);
  private count = 0;
  private nextSequence = 0;

  /** Fields of the event last popped. */
  poppedTime = 0;
  poppedKind = 0;
  poppedNode = 0;
  poppedSubject = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
    this.nextSequence = 0;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.time[0] : Infinity;
  }

  push(time: number, rank: number, kind: number, node: number, subject: number): void {
    if (this.count === this.time.length) this.grow();
    let index = this.count++;
    const sequence = this.nextSequence++;
    // Sift up: move parents down until the new event's place is found.
    while (index > 0) {
      const parent = (index - 1) >> 2;
      if (!this.before(time, rank, sequence, parent)) break;
      this.copy(parent, index);
      index = parent;
    }
    this.set(index, time, rank, sequence, kind, node, subject);
  }

  /** Removes the earliest event into the `popped*` fields; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.poppedTime = this.time[0];
    this.poppedKind = this.kind[0];
    this.poppedNode = this.node[0];
    this.poppedSubject = this.subject[0];
    const last = --this.count;
    if (last === 0) return true;
    const time = this.time[last];
    const rank = this.rank[last];
    const sequence = this.sequence[last];
    const kind = this.kind[last];
    const node = this.node[last];
    const subject = this.subject[last];
    const times = this.time;
    let index = 0;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= last) break;
      // Times decide almost every comparison; rank and sequence are read only on a tie.
      let child = first;
      let childTime = times[first];
      const end = Math.min(first + 4, last);
      for (let sibling = first + 1; sibling < end; sibling++) {
        const siblingTime = times[sibling];
        if (siblingTime < childTime || (siblingTime === childTime && this.precedes(sibling, child))) {
          child = sibling;
          childTime = siblingTime;
        }
      }
      if (!(childTime < time || (childTime === time && this.precedesKey(child, time, rank, sequence)))) break;
      this.copy(child, index);
      index = child;
    }
    this.set(index, time, rank, sequence, kind, node, subject);
    return true;
  }

  /** Whether (time, rank, sequence) comes before the event at `index`. */
  private before(time: number, rank: number, sequence: number, index: number): boolean {
    const t = this.time[index];
    if (time !== t) return time < t;
    const r = this.rank[index];
    if (rank !== r) return rank < r;
    return sequence < this.sequence[index];
  }

  /** Whether the event at `a` comes before the event at `b`. */
  private precedes(a: number, b: number): boolean {
    return this.before(this.time[a], this.rank[a], this.sequence[a], b);
  }

  /** Whether the event at `index` comes before (time, rank, sequence). */
  private precedesKey(index: number, time: number, rank: number, sequence: number): boolean {
    const t = this.time[index];
    if (t !== time) return t < time;
    const r = this.rank[index];
    if (r !== rank) return r < rank;
    return this.sequence[index] < sequence;
  }

  private copy(from: number, to: number): void {
    this.set(to, this.time[from], this.rank[from], this.sequence[from], this.kind[from], this.node[from], this.subject[from]);
  }

  private set(index: number, time: number, rank: number, sequence: number, kind: number, node: number, subject: number): void {
    this.time[index] = time;
    this.rank[index] = rank;
    this.sequence[index] = sequence;
    this.kind[index] = kind;
    this.node[index] = node;
    this.subject[index] = subject;
  }

  private grow(): void {
    const size = this.time.length * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.time = grow64(this.time);
    this.rank = grow64(this.rank);
    this.sequence = grow64(this.sequence);
    this.kind = grow32(this.kind);
    this.node = grow32(this.node);
    this.subject = grow32(this.subject);
  }
}
