/**
 * The job queue of a SQLite install: jobs run inside `pathflow serve`, at most `concurrency`
 * at once. Nothing of the queue is kept but the runs table itself, so a server stopped with
 * runs queued or running takes them up again when it starts (their next attempt).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/tables.js';
import type { JobQueue, RunJob, RunJobHandler } from './jobQueue.js';
import { unfinishedRunIds } from './runStore.js';

export interface InProcessQueueOptions {
  /** Tries of a job that throws, the first included; the handler fails the run itself before this. */
  maxAttempts?: number;
  retryDelayMs?: number;
  log?: (message: string) => void;
}

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly waiting: RunJob[] = [];
  private readonly tries = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private handler: RunJobHandler | undefined;
  private concurrency = 1;
  private stopped = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: InProcessQueueOptions = {},
  ) {}

  async start(): Promise<void> {
    for (const runId of await unfinishedRunIds(this.db)) this.push({ runId });
  }

  async enqueue(job: RunJob): Promise<void> {
    this.push(job);
  }

  async work(handler: RunJobHandler, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  private push(job: RunJob): void {
    if (this.waiting.some((waiting) => waiting.runId === job.runId)) return;
    this.waiting.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.handler && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const done: Promise<void> = this.attempt(this.handler, job).finally(() => {
        this.running.delete(done);
        this.pump();
      });
      this.running.add(done);
    }
  }

  private async attempt(handler: RunJobHandler, job: RunJob): Promise<void> {
    const tries = (this.tries.get(job.runId) ?? 0) + 1;
    this.tries.set(job.runId, tries);
    try {
      await handler(job, this.stopping.signal);
      this.tries.delete(job.runId);
    } catch (error) {
      if (this.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      if (tries >= (this.options.maxAttempts ?? 3)) {
        this.options.log?.(`run ${job.runId}: given up after ${tries} tries (${message})`);
        this.tries.delete(job.runId);
        return;
      }
      this.options.log?.(`run ${job.runId}: try ${tries} failed (${message}); trying again`);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.push(job);
      }, this.options.retryDelayMs ?? 1000);
      this.timers.add(timer);
    }
  }
}
