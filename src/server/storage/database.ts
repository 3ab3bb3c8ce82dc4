/**
 * Opens the team server's database and brings its schema up to date: an embedded SQLite
 * file by default (nothing to install), PostgreSQL when the location is a postgres:// URL.
 * Everything above this file speaks Kysely over `Database` and never asks which it is,
 * except where the two differ in a way that matters (the job queue).
 */
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './tables.js';
import { migrationProvider } from './migrations.js';

export type DatabaseDialect = 'sqlite' | 'postgres';

export interface ServerDatabase {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** Where it is, with any password removed, for logs and messages. */
  location: string;
  close(): Promise<void>;
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

function withoutPassword(location: string): string {
  if (!isPostgresUrl(location)) return location;
  const url = new URL(location);
  if (url.password) url.password = '***';
  return url.toString();
}

/** `location`: a postgres:// URL, a file path, or `:memory:` (tests). */
export async function openDatabase(location: string): Promise<ServerDatabase> {
  const dialect: DatabaseDialect = isPostgresUrl(location) ? 'postgres' : 'sqlite';
  let db: Kysely<Database>;
  if (dialect === 'postgres') {
    // Loaded only when asked for, so a SQLite install never loads the PostgreSQL driver.
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: location, max: 10 });
    // An idle connection cut by the server (a restart, a failover) is an 'error' event on the
    // pool, which would end the process unheard; the pool replaces it at the next query.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const { default: SQLite } = await import('better-sqlite3');
    const file = new SQLite(location);
    // WAL lets readers go on while a run's results are written; foreign keys are off by default in SQLite.
    file.pragma('journal_mode = WAL');
    file.pragma('foreign_keys = ON');
    file.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: file }) });
  }
  const { error, results } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`could not bring the database at ${withoutPassword(location)} up to date${failed ? ` (migration ${failed.migrationName})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { db, dialect, location: withoutPassword(location), close: () => db.destroy() };
}
