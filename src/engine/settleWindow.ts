/**
 * Backpressure between the threads that simulate and whatever takes their results (the
 * command line's writer thread): a task's result is settled once its consumer's promise
 * resolves, and no more than a fixed number of tasks are handed out unsettled. Without it
 * the simulation outruns the writer and the run holds every waiting summary: on the national
 * workbook (2,880 scenarios) several hundred megabytes, in proportion to the nodes.
 */

/**
 * Tasks handed out whose results are not yet settled, at most. A few per thread keep every
 * thread busy while the consumer catches up; a summary is 130 KB on the national workbook,
 * so this holds a few megabytes whatever the size of the run.
 */
export const MOST_UNSETTLED_TASKS = 32;

/**
 * What a result's consumer returns: a promise when it takes the result off the run's hands
 * later; anything else (nothing, or a callback's incidental value) settles it at once.
 */
export type Settling = unknown;

export function isPending(settling: Settling): settling is Promise<unknown> {
  return settling instanceof Promise;
}

/** Counts unsettled results and lets a caller wait for room; remembers the first consumer's failure. */
export class SettleWindow {
  private unsettled = 0;
  private failure: { error: unknown } | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly limit: number = MOST_UNSETTLED_TASKS) {}

  /** A task is handed out: it counts against the window until `settle` is called. */
  take(): void {
    this.unsettled++;
  }

  /** The task's result was handed to its consumer: the window frees once `settling` resolves. */
  settle(settling: Settling): void {
    if (!isPending(settling)) return this.free();
    settling.then(
      () => this.free(),
      (error: unknown) => {
        this.failure ??= { error };
        this.free();
      },
    );
  }

  /**
   * Waits until a task may be handed out and counts it, in one step (two waiters woken
   * together must not both see the last place free); throws the first consumer's failure.
   */
  async reserve(): Promise<void> {
    while (this.unsettled >= this.limit && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.throwIfFailed();
    this.take();
  }

  /** Resolves at the next result settled (or at once if none is pending). */
  async next(): Promise<void> {
    if (this.unsettled > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once every result is settled; throws the first consumer's failure. */
  async drained(): Promise<void> {
    while (this.unsettled > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.throwIfFailed();
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  private free(): void {
    this.unsettled--;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
