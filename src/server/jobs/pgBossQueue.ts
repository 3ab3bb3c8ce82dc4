/**
 * The job queue of a PostgreSQL install: pg-boss, in the same database (its own schema),
 * so `pathflow worker` processes on any number of machines share one queue. A job whose
 * worker dies is not lost: once it has been active for longer than its expiry, pg-boss's
 * maintenance fails it and, while retries remain, hands it to the next worker that asks.
 * The expiry must therefore be longer than the longest run; pg-boss also gives up waiting
 * on a handler after it (the run itself guards against a second copy: runStore.ts).
 */
import PgBoss from 'pg-boss';
import type { JobQueue, RunJob, RunJobHandler } from './jobQueue.js';
import { DEFAULT_MAX_ATTEMPTS } from './runJob.js';

export const RUN_QUEUE = 'pathflow-run';
const DEFAULT_EXPIRY_SECONDS = 3600;

export interface PgBossQueueOptions {
  /** postgres:// URL, password included (ServerDatabase.location has it removed). */
  connectionString: string;
  /**
   * How long a job may be active before it is taken to be lost and retried. It is the
   * queue's, for every job sent after: a process given one sets it, one not given one
   * (the server sending runs) leaves it as it is (an hour when the queue is made).
   */
  expireInSeconds?: number;
  /** How often expired jobs are looked for; default 60 s (tests: 1). */
  maintenanceIntervalSeconds?: number;
  /** How often an idle worker asks for a job; default 2 s. */
  pollingIntervalSeconds?: number;
  /** Retries after the first try. */
  retryLimit?: number;
  log?: (message: string) => void;
}

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly stopping = new AbortController();

  constructor(private readonly options: PgBossQueueOptions) {
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      application_name: 'pathflow-queue',
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
      // Runs are kept in the runs table; pg-boss's copies of finished jobs are only bookkeeping.
      archiveCompletedAfterSeconds: 3600,
      max: 4,
    });
    // Without a listener an error event (the database restarting, say) would end the process;
    // pg-boss reconnects by itself on its next query.
    this.boss.on('error', (error) => options.log?.(`job queue: ${error.message}`));
  }

  async start(): Promise<void> {
    await this.boss.start();
    const queue = { name: RUN_QUEUE, retryLimit: this.options.retryLimit ?? DEFAULT_MAX_ATTEMPTS - 1, retryDelay: 1 };
    if (!(await this.boss.getQueue(RUN_QUEUE))) {
      // Two processes starting together may both create it: the loser's error is no error.
      await this.boss.createQueue(RUN_QUEUE, { ...queue, expireInSeconds: this.options.expireInSeconds ?? DEFAULT_EXPIRY_SECONDS }).catch(async (error: unknown) => {
        if (!(await this.boss.getQueue(RUN_QUEUE))) throw error;
      });
    }
    if (this.options.expireInSeconds !== undefined) await this.boss.updateQueue(RUN_QUEUE, { ...queue, expireInSeconds: this.options.expireInSeconds });
  }

  async enqueue(job: RunJob): Promise<void> {
    await this.boss.send(RUN_QUEUE, { runId: job.runId });
  }

  async work(handler: RunJobHandler, concurrency: number): Promise<void> {
    // One pg-boss worker per job at once: each takes one job, does it, and asks again.
    for (let lane = 0; lane < Math.max(1, concurrency); lane++) {
      await this.boss.work<RunJob>(RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        await handler({ runId: job.data.runId }, this.stopping.signal);
      });
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
