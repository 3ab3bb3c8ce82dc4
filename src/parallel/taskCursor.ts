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
/** Tasks that may still be claimed before some claimed task's result is settled (release). */
const PERMITS = 3;
const SLOTS = 4;

/** No limit on tasks claimed ahead of their results being taken (never reached by a count of tasks). */
const UNLIMITED = 0x3fffffff;

/** What a claim returns while tasks are left but the window of unsettled results is full. */
export const NO_PERMIT = -2;

export class TaskCursor {
  /** `[lock, front, back, permits]`: the next task at each end; none are left once front > back. */
  readonly shared: Int32Array;

  constructor(shared: Int32Array) {
    this.shared = shared;
  }

  /**
   * `window`: most tasks claimed whose results are not yet released; past it a claim returns
   * NO_PERMIT until `release` (unlimited by default).
   */
  static create(taskCount: number, window: number = UNLIMITED): TaskCursor {
    const shared = new Int32Array(new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT));
    shared[FRONT] = 0;
    shared[BACK] = taskCount - 1;
    shared[PERMITS] = Math.min(window, UNLIMITED);
    return new TaskCursor(shared);
  }

  /** The index of the next task from the front, -1 when none are left, or NO_PERMIT. */
  claimFront(): number {
    return this.claim(true);
  }

  /** The index of the next task from the back, -1 when none are left, or NO_PERMIT. */
  claimBack(): number {
    return this.claim(false);
  }

  /** A claimed task's result is taken: one more task may be claimed. */
  release(): void {
    Atomics.add(this.shared, PERMITS, 1);
    Atomics.notify(this.shared, PERMITS);
  }

  /**
   * Blocks until a task may be claimed again (a release or a cancel). For worker threads only:
   * the main thread must keep its event loop turning, since releases are made there.
   */
  waitForPermit(): void {
    Atomics.wait(this.shared, PERMITS, 0);
  }

  /** Leaves nothing more to claim: a failed or cancelled run stops every thread at its next claim. */
  cancel(): void {
    this.lock();
    Atomics.store(this.shared, FRONT, 1);
    Atomics.store(this.shared, BACK, 0);
    // Wakes the threads waiting for a permit, to find nothing left.
    Atomics.store(this.shared, PERMITS, UNLIMITED);
    Atomics.store(this.shared, LOCK, 0);
    Atomics.notify(this.shared, PERMITS);
  }

  private claim(fromFront: boolean): number {
    // Both ends move under one lock: two unlocked counters could hand the last task to both.
    // The lock is held for a few loads and stores, once a scenario, so it is a spin lock.
    this.lock();
    const front = Atomics.load(this.shared, FRONT);
    const back = Atomics.load(this.shared, BACK);
    let index = -1;
    // Permits only grow outside the lock (release), so one seen here is still there to take.
    if (front <= back && Atomics.load(this.shared, PERMITS) === 0) index = NO_PERMIT;
    else if (front <= back) {
      Atomics.sub(this.shared, PERMITS, 1);
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
