/**
 * The migration that gave sweeps a row of their own, on both databases: a database made
 * before it, holding a sweep's runs, is brought up to date with that sweep's row (its
 * starter and options), so the sweep is listed by `GET /sweeps/:id` like a new one.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseDialect } from '../../../src/server/storage/database.js';
import { migrationProvider } from '../../../src/server/storage/migrations.js';
import { visibleSweepRuns } from '../../../src/server/jobs/sweepStore.js';
import type { Database } from '../../../src/server/storage/tables.js';
import { postgresSkipReason } from '../databases.js';
import { seedModel } from './runFixtures.js';

const BEFORE_SWEEP_ROWS = '2026-12-05-sweeps';
const SWEEP_ROWS = '2026-12-06-sweep-owners';

interface OldDatabase {
  name: DatabaseDialect;
  /** A new, empty database's location, and how to remove it. */
  make(): Promise<{ location: string; remove(): Promise<void> }>;
}

const oldDatabases: OldDatabase[] = [
  {
    name: 'sqlite',
    async make() {
      const folder = mkdtempSync(join(tmpdir(), 'pathflow-migration-'));
      return { location: join(folder, 'old.db'), remove: async () => rmSync(folder, { recursive: true, force: true }) };
    },
  },
  ...(postgresSkipReason ? [] : [{ name: 'postgres' as const, make: emptyPostgres }]),
];

/** A database with no tables at all (freshPostgresUrl's is already brought up to date). */
async function emptyPostgres(): Promise<{ location: string; remove(): Promise<void> }> {
  const adminUrl = process.env.PATHFLOW_TEST_DATABASE_URL!;
  const { default: pg } = await import('pg');
  const name = `pathflow_test_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const location = new URL(adminUrl);
  location.pathname = `/${name}`;
  return { location: location.toString(), remove: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function openUnmigrated(dialect: DatabaseDialect, location: string): Promise<Kysely<Database>> {
  if (dialect === 'postgres') {
    const { default: pg } = await import('pg');
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location, max: 2 }) }) });
  }
  const { default: SQLite } = await import('better-sqlite3');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(location) }) });
}

describe.each(oldDatabases)('the sweep-owners migration on $name', ({ name, make }) => {
  const removals: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const remove of removals) await remove();
  });

  it('gives a sweep started before it a row with its starter and options, its runs listed in the order made', async () => {
    const { location, remove } = await make();
    removals.push(remove);
    const old = await openUnmigrated(name, location);
    const migrator = new Migrator({ db: old, provider: migrationProvider(name) });
    expect((await migrator.migrateTo(BEFORE_SWEEP_ROWS)).error).toBeUndefined();
    expect((await migrator.getMigrations()).filter((migration) => !migration.executedAt).map((migration) => migration.name)).toEqual([SWEEP_ROWS]);
    const seeded = await seedModel(old);
    const run = (id: string, createdAt: string) => ({
      id, workspace_id: seeded.workspaceId, model_id: seeded.modelId, revision: 1, kind: 'run', options: JSON.stringify({ replications: 20, seed: 5 }), pathflow_version: 'old',
      status: 'succeeded', progress: 1, attempts: 1, cancel_requested: 0, error: null, created_by: seeded.userId, created_at: createdAt, started_at: null, finished_at: null, sweep_id: 'an-old-sweep',
    });
    // The columns of the schema then: no sweep_position yet.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await (old as Kysely<any>).insertInto('runs').values([run('run-b', '2026-12-05T10:00:00.001Z'), run('run-a', '2026-12-05T10:00:00.000Z')]).execute();
    await old.destroy();

    const database = await openDatabase(location);
    try {
      const sweep = await database.db.selectFrom('sweeps').selectAll().execute();
      expect(sweep).toEqual([{ id: 'an-old-sweep', created_by: seeded.userId, created_at: '2026-12-05T10:00:00.000Z', options: JSON.stringify({ replications: 20, seed: 5 }) }]);
      const listed = await visibleSweepRuns(database.db, 'an-old-sweep', seeded.userId);
      expect(listed.map((row) => [row.id, row.sweep_position])).toEqual([['run-a', null], ['run-b', null]]);
    } finally {
      await database.close();
    }
  }, 60_000);
});
