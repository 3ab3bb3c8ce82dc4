/**
 * A list of tasks that several threads claim from, in shared memory: each thread takes its
 * next task itself, so no thread ever waits for another to hand work out. (The main thread
 * runs scenarios too, and while it does it cannot answer a worker asking for more.)
 *
 * A run's threads claim from the front, a node's scenarios at a time (claimFrontRun): results
 * then come nearly in the order the run's files list them, and each thread still runs a node's
 * scenarios together, which share referral times and stays in the thread's caches.
 */

const LOCK = 0;
const FRONT = 1;
const BACK = 2;
/** Tasks that may still be claimed before some claimed task's result is settled (release). */
const PERMITS = 3;
/** The window: the most permits there can be. */
const WINDOW = 4;
const SLOTS = 5;

/** No limit on tasks claimed ahead of their results being taken (never reached by a count of tasks). */
const UNLIMITED = 0x3fffffff;

/** What a claim returns while tasks are left but the window of unsettled results is full. */
export const NO_PERMIT = -2;

export class TaskCursor {
  /** `[lock, front, back, permits, window]`: the next task at each end; none are left once front > back. */
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
    shared[WINDOW] = shared[PERMITS];
    return new TaskCursor(shared);
  }

  /** The index of the next task from the front, -1 when none are left, or NO_PERMIT. */
  claimFront(): number {
    return this.claim(true);
  }

  /** How many tasks the last `claimFrontRun` took, from the index it returned. */
  claimedLength = 0;

  /** The permits the last claim that returned NO_PERMIT saw (waitForPermit waits for a change). */
  private permitsSeen = 0;

  /**
   * The next run of tasks from the front, from the index returned up to `runEnds[index]`
   * (exclusive); `claimedLength` says how many. -1 when none are left, or NO_PERMIT while
   * the permits are fewer than the run (or the window, for a run longer than it): a run split
   * between threads has each of them draw its node's referral times and stays.
   */
  claimFrontRun(runEnds: Int32Array): number {
    this.lock();
    const front = Atomics.load(this.shared, FRONT);
    const back = Atomics.load(this.shared, BACK);
    const permits = Atomics.load(this.shared, PERMITS);
    let index = -1;
    this.claimedLength = 0;
    if (front <= back) {
      const run = Math.min(runEnds[front], back + 1) - front;
      if (permits < Math.max(1, Math.min(run, Atomics.load(this.shared, WINDOW)))) {
        index = NO_PERMIT;
        this.permitsSeen = permits;
      } else {
        const length = Math.min(run, permits);
        Atomics.sub(this.shared, PERMITS, length);
        Atomics.store(this.shared, FRONT, front + length);
        index = front;
        this.claimedLength = length;
      }
    }
    Atomics.store(this.shared, LOCK, 0);
    return index;
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
    Atomics.wait(this.shared, PERMITS, this.permitsSeen);
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
    if (front <= back && Atomics.load(this.shared, PERMITS) === 0) {
      index = NO_PERMIT;
      this.permitsSeen = 0;
    } else if (front <= back) {
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
