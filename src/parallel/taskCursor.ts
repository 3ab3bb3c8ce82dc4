/**
 * A list of tasks that several threads claim from, in shared memory: each thread takes its
 * next task itself, so no thread ever waits for another to hand work out. (The main thread
 * runs scenarios too, and while it does it cannot answer a worker asking for more.)
 *
 * The main thread claims from the front and workers from the back. On a model listed node by
 * node, the threads then mostly run different kinds of node, and each compiles less code
 * while cold; a run of a second is mostly compile and warm-up.
 */

const LOCK = 0;
const FRONT = 1;
const BACK = 2;

export class TaskCursor {
  /** `[lock, front, back]`: the next task at each end; none are left once front > back. */
  readonly shared: Int32Array;

  constructor(shared: Int32Array) {
    this.shared = shared;
  }

  static create(taskCount: number): TaskCursor {
    const shared = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
    shared[FRONT] = 0;
    shared[BACK] = taskCount - 1;
    return new TaskCursor(shared);
  }

  /** The index of the next task from the front, or -1 when none are left. */
  claimFront(): number {
    return this.claim(true);
  }

  /** The index of the next task from the back, or -1 when none are left. */
  claimBack(): number {
    return this.claim(false);
  }

  /** Leaves nothing more to claim: a failed or cancelled run stops every thread at its next claim. */
  cancel(): void {
    this.lock();
    Atomics.store(this.shared, FRONT, 1);
    Atomics.store(this.shared, BACK, 0);
    Atomics.store(this.shared, LOCK, 0);
  }

  private claim(fromFront: boolean): number {
    // Both ends move under one lock: two unlocked counters could hand the last task to both.
    // The lock is held for a few loads and stores, once a scenario, so it is a spin lock.
    this.lock();
    const front = Atomics.load(this.shared, FRONT);
    const back = Atomics.load(this.shared, BACK);
    let index = -1;
    if (front <= back) {
      index = fromFront ? front : back;
      if (fromFront) Atomics.store(this.shared, FRONT, front + 1);
      else Atomics.store(this.shared, BACK, back - 1);
    }
    Atomics.store(this.shared, LOCK, 0);
    return index;
  }

  private lock(): void {
    while (Atomics.compareExchange(this.shared, LOCK, 0, 1) !== 0) {
      // Another thread is between its load and store; it will be done in nanoseconds.
    }
  }
}
