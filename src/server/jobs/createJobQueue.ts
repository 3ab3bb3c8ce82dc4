/**
 * The job queue that suits the database: pg-boss on PostgreSQL (any number of worker
 * processes), in process on SQLite (the server runs its own jobs).
 */
import type { ServerDatabase } from '../storage/database.js';
import type { JobQueue } from './jobQueue.js';
import { InProcessQueue } from './inProcessQueue.js';
import type { PgBossQueueOptions } from './pgBossQueue.js';

export interface JobQueueOptions extends Partial<PgBossQueueOptions> {
  log?: (message: string) => void;
}

export async function createJobQueue(database: ServerDatabase, options: JobQueueOptions = {}): Promise<JobQueue> {
  if (database.dialect === 'sqlite') return new InProcessQueue(database.db, { log: options.log });
  if (!options.connectionString) throw new Error('the PostgreSQL job queue needs the database URL (connectionString)');
  // Loaded only for PostgreSQL, so a SQLite install never loads pg-boss.
  const { PgBossQueue } = await import('./pgBossQueue.js');
  return new PgBossQueue({ ...options, connectionString: options.connectionString });
}
