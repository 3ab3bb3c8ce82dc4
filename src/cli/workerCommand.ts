/**
 * `pathflow worker`: a process that only takes runs from the PostgreSQL job queue and does
 * them, so a team adds machines for big runs. Stopped (SIGINT, SIGTERM), it hands back the
 * runs it holds (they are retried by another worker); killed, its runs are retried once
 * their job expires. With SQLite there is no shared queue: `pathflow serve` runs the jobs.
 */
import { UsageError } from './errors.js';
import { isPostgresUrl, openDatabase } from '../server/storage/database.js';
import { PgBossQueue } from '../server/jobs/pgBossQueue.js';
import { createRunJobHandler } from '../server/jobs/runJob.js';

export interface WorkerCommandOptions {
  database?: string;
  concurrency: number;
  threads: number;
  jobExpiry?: number;
  queueCheck?: number;
}

const log = (message: string) => process.stderr.write(`pathflow worker: ${message}\n`);

export async function workerCommand(options: WorkerCommandOptions): Promise<void> {
  const url = options.database ?? process.env.DATABASE_URL;
  if (!url || !isPostgresUrl(url)) {
    throw new UsageError(
      `pathflow worker takes runs from a PostgreSQL database (--database or DATABASE_URL as postgres://...), not ${url ? `'${url}'` : 'the default SQLite file'}: with SQLite, \`pathflow serve\` runs the jobs itself`,
    );
  }
  const database = await openDatabase(url);
  const queue = new PgBossQueue({ connectionString: url, expireInSeconds: options.jobExpiry, maintenanceIntervalSeconds: options.queueCheck, pollingIntervalSeconds: 1, log });
  await queue.start();
  await queue.work(createRunJobHandler(database.db, { threads: options.threads, log }), options.concurrency);
  log(`taking runs from ${database.location}, ${options.concurrency} at once (stop with Ctrl+C)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log('stopping: runs in hand go back to the queue');
  await queue.stop();
  await database.close();
}
