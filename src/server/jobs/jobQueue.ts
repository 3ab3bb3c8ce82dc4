/**
 * How a queued run reaches a worker. Two implementations behind this one interface: with
 * PostgreSQL, pg-boss (durable; `pathflow worker` processes on any number of machines take
 * jobs from it; a job whose worker died is retried); with SQLite, an in-process queue
 * inside `pathflow serve`. The run's own state (status, progress, files) is in the `runs`
 * and `run_files` tables, never in the queue, so any process can report on any run.
 */
export interface RunJob {
  runId: string;
}

/** Does one job; resolves when its results are stored. A throw is a failed attempt (retried while attempts remain). */
export type RunJobHandler = (job: RunJob, signal: AbortSignal) => Promise<void>;

export interface JobQueue {
  /** 'in-process' (SQLite) or 'pg-boss' (PostgreSQL), for /api/health and logs. */
  readonly kind: 'in-process' | 'pg-boss';
  start(): Promise<void>;
  enqueue(job: RunJob): Promise<void>;
  /** Takes jobs until stop(); at most `concurrency` at once in this process. */
  work(handler: RunJobHandler, concurrency: number): Promise<void>;
  /** Stops taking jobs; running ones are aborted (and, with pg-boss, retried elsewhere). */
  stop(): Promise<void>;
}
