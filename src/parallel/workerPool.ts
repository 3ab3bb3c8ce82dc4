/**
 * Scenarios on Node worker threads, with the main thread as one of the threads.
 *
 * Every thread claims its next scenarios itself from a shared cursor (taskCursor.ts), a node's
 * scenarios at a time. Nothing waits for the main thread to hand work
 * out, which matters because the main thread is itself simulating most of the time: with a
 * task queue it fed, workers sat idle for the length of a main-thread scenario after each of
 * theirs, and a second thread made the IPACS sample slower, not faster.
 *
 * Results are the same whichever thread runs a scenario: a scenario's numbers depend only on
 * the seed, the node and the replication, and summaries are slotted back by index.
 *
 * The cursor hands out at most MOST_UNSETTLED_TASKS tasks whose summaries the run's consumer
 * has not yet settled (the command line's writer thread writes them), so a run's memory does
 * not grow with its size when the simulation outruns the writer.
 *
 * Plain worker_threads rather than piscina: threads that claim their own work leave a pool
 * library no queue to manage, and importing piscina took 20 ms of a one-second run.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { WORKER_RESOURCE_LIMITS } from './threadHeap.js';
import type { ComponentSummary } from '../engine/network/componentSummary.js';
import { inProcessExecutor, runTask, type BatchExecutor, type BlockResult, type RunTask, type TaskExecutor, type TaskResult } from '../engine/run.js';
import { isPending, MOST_UNSETTLED_TASKS, SettleWindow, type Settling } from '../engine/settleWindow.js';
import { unpackSummary, type PackedSummary } from '../engine/summary.js';
import { NO_PERMIT, TaskCursor } from './taskCursor.js';

export interface Executor {
  execute: TaskExecutor | BatchExecutor;
  threads: number;
  close(): Promise<void>;
}

/** What the main thread asks a worker: run tasks from `cursor`, a run at a time (`runEnds`), until none are left. */
export interface BatchRequest {
  batch: number;
  tasks: readonly RunTask[];
  cursor: Int32Array;
  runEnds: Int32Array;
}

/**
 * Where the run of tasks each task is in ends (exclusive): consecutive scenarios of one node
 * are a run, every other task a run of its own. A thread claims a run at a time, so that it
 * simulates a node's scenarios together: they share referral times and stays, which each
 * thread keeps for the scenarios it runs (replications.ts). Claimed one at a time from the
 * front, the threads take turns at a node's scenarios, and the run took more CPU than with
 * the workers claiming from the back (0.5-1.0 s more of 10 s in three of five pairs).
 */
export function taskRunEnds(tasks: readonly RunTask[]): Int32Array {
  const ends = new Int32Array(tasks.length);
  for (let i = tasks.length - 1; i >= 0; i--) {
    const node = nodeIdOf(tasks[i]);
    ends[i] = node !== undefined && i + 1 < tasks.length && nodeIdOf(tasks[i + 1]) === node ? ends[i + 1] : i + 1;
  }
  return ends;
}

function nodeIdOf(task: RunTask): string | undefined {
  return 'node' in task ? task.node.id : undefined;
}

/** Every reply travels by structured clone, nothing transferred (see scenarioWorker.ts). */
export type BatchReply =
  | { type: 'summary'; batch: number; index: number; packed: PackedSummary }
  | { type: 'component'; batch: number; index: number; summary: ComponentSummary }
  | { type: 'block'; batch: number; index: number; block: BlockResult }
  | { type: 'done'; batch: number }
  | { type: 'error'; batch: number; message: string };

/**
 * Below this much work (an isolated node's scenarios x replications x days: runWorkUnits) one
 * thread is fastest on 2 cores: a second thread spends its first few hundred milliseconds
 * loading and compiling the engine, and the writer thread and the compiler's own threads
 * already keep the second core busy for a run of a second or two. On an idle 2-core machine
 * (6 December) the IPACS sample took 0.40 s longer on 2 threads at 50 replications (a million)
 * and 0.07 s longer at 150 (2.9 million).
 */
export const PARALLEL_WORK_THRESHOLD = 3_000_000;

/** Threads for a run of this much work (runWorkUnits) when the user does not say: all cores, unless it is small. */
export function autoThreadCount(workUnits: number): number {
  return workUnits < PARALLEL_WORK_THRESHOLD ? 1 : Math.max(1, availableParallelism());
}

interface Pending {
  onSummary: (index: number, summary: TaskResult) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** One worker thread, running one batch at a time. */
class BatchWorker {
  private readonly worker: Worker;
  private pending: Pending | undefined;
  private failure: Error | undefined;
  private batch = 0;

  constructor() {
    this.worker = new Worker(new URL('./scenarioWorker.js', import.meta.url), { resourceLimits: WORKER_RESOURCE_LIMITS });
    this.worker.on('message', (reply: BatchReply) => {
      const pending = this.pending;
      if (!pending || reply.batch !== this.batch) return;
      if (reply.type === 'summary') {
        pending.onSummary(reply.index, unpackSummary(reply.packed));
        return;
      }
      if (reply.type === 'component') {
        pending.onSummary(reply.index, reply.summary);
        return;
      }
      if (reply.type === 'block') {
        pending.onSummary(reply.index, reply.block);
        return;
      }
      this.pending = undefined;
      if (reply.type === 'done') pending.resolve();
      else pending.reject(new Error(reply.message));
    });
    const fail = (error: Error) => {
      this.failure = error;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a simulation thread stopped (exit code ${code})`)));
  }

  run(tasks: readonly RunTask[], cursor: TaskCursor, runEnds: Int32Array, onSummary: Pending['onSummary']): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.pending = { onSummary, resolve, reject };
      const request: BatchRequest = { batch: ++this.batch, tasks, cursor: cursor.shared, runEnds };
      this.worker.postMessage(request);
    });
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const noop = () => {};

/** A result's settling that gives its permit back to the cursor, or cancels the run if the consumer failed. */
function releasing(settling: Settling, cursor: TaskCursor): Settling {
  if (!isPending(settling)) {
    cursor.release();
    return undefined;
  }
  return settling.then(
    () => cursor.release(),
    (error: unknown) => {
      cursor.cancel();
      throw error;
    },
  );
}

export interface ExecutorOptions {
  /**
   * False: every thread is a worker and the main thread only waits, so a server's event loop
   * stays free to answer requests while a run simulates (default true: the CLI's fastest).
   */
  mainThreadSimulates?: boolean;
}

/** An executor on `threads` threads: the main thread and `threads - 1` workers (or `threads` workers), started now. */
export function createExecutor(threads: number, { mainThreadSimulates = true }: ExecutorOptions = {}): Executor {
  if (threads <= 1 && mainThreadSimulates) return { execute: inProcessExecutor, threads: 1, close: async () => {} };
  const workerCount = mainThreadSimulates ? threads - 1 : Math.max(1, threads);
  const workers = Array.from({ length: workerCount }, () => new BatchWorker());
  const execute: BatchExecutor = {
    async runAll(tasks, onSummary, signal) {
      const cursor = TaskCursor.create(tasks.length, MOST_UNSETTLED_TASKS);
      const unsettled = new SettleWindow(Infinity);
      const deliver = (index: number, summary: TaskResult) => {
        unsettled.take();
        unsettled.settle(releasing(onSummary(index, summary), cursor));
      };
      const runEnds = taskRunEnds(tasks);
      const inWorkers = workers.map((worker) => worker.run(tasks, cursor, runEnds, deliver));
      // A failed worker stops the others at their next claim, and the main thread at its.
      for (const batch of inWorkers) batch.catch(() => cursor.cancel());
      const aWorkerStopped = Promise.race(inWorkers.map((batch) => batch.then(noop, noop)));
      const stop = () => cursor.cancel();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        // The main thread's claimed run: tasks next to end - 1.
        let next = 0;
        let end = 0;
        while (mainThreadSimulates) {
          signal?.throwIfAborted();
          unsettled.throwIfFailed();
          if (next === end) {
            const first = cursor.claimFrontRun(runEnds);
            if (first === NO_PERMIT) {
              // Writes catch up (or a worker fails) before the main thread simulates again.
              // With nothing of its own unsettled, the permits it waits for are a worker's
              // claimed run: its results come as messages, which only the event loop lets in.
              await Promise.race([unsettled.next(), aWorkerStopped]);
              await yieldToEventLoop();
              continue;
            }
            if (first < 0) break;
            next = first;
            end = first + cursor.claimedLength;
          }
          const index = next++;
          deliver(index, runTask(tasks[index]));
          // Lets the workers' summaries in between the main thread's own.
          await yieldToEventLoop();
        }
        await Promise.all(inWorkers);
        await unsettled.drained();
      } catch (error) {
        cursor.cancel();
        await Promise.allSettled(inWorkers);
        throw error;
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    },
  };
  return {
    execute,
    threads: workerCount + (mainThreadSimulates ? 1 : 0),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
