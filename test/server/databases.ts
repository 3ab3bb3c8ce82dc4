/**
 * The databases every storage and API test runs against: an in-memory SQLite always, and a
 * real PostgreSQL when PATHFLOW_TEST_DATABASE_URL names one (.ci/run starts one with
 * .ci/postgres.sh). In CI a missing PostgreSQL is a failure, not a skip: the same suite
 * must pass on both. Each `open()` gets a database of its own, so test files never see
 * each other's rows.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase, type ServerDatabase } from '../../src/server/storage/database.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  open(): Promise<ServerDatabase>;
}

const postgresUrl = process.env.PATHFLOW_TEST_DATABASE_URL;

if (!postgresUrl && process.env.CI) {
  throw new Error('PATHFLOW_TEST_DATABASE_URL is not set: CI runs the server tests on PostgreSQL too (.ci/run starts it with .ci/postgres.sh)');
}

/** Why the PostgreSQL half is skipped, for describe.skipIf's callers to print; undefined when it runs. */
export const postgresSkipReason = postgresUrl ? undefined : 'PATHFLOW_TEST_DATABASE_URL is not set (start one with `bash .ci/postgres.sh`), so only SQLite is tested';

async function freshPostgres(adminUrl: string): Promise<ServerDatabase> {
  const { default: pg } = await import('pg');
  const name = `pathflow_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase(url.toString());
  return {
    ...opened,
    async close() {
      await opened.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

export const testDatabases: TestDatabase[] = [
  { name: 'sqlite', open: () => openDatabase(':memory:') },
  ...(postgresUrl ? [{ name: 'postgres' as const, open: () => freshPostgres(postgresUrl) }] : []),
];

if (postgresSkipReason) process.stderr.write(`note: ${postgresSkipReason}\n`);

/** The URL of a fresh PostgreSQL database (for tests that start a server or worker process on it). */
export async function freshPostgresUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error(postgresSkipReason);
  const database = await freshPostgres(postgresUrl);
  const location = new URL(postgresUrl);
  const name = database.location.split('/').pop()!.split('?')[0];
  await database.db.destroy();
  location.pathname = `/${name}`;
  return {
    url: location.toString(),
    drop: async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
