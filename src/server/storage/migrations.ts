/**
 * Schema migrations, in code so they ship inside the built package and run on start-up.
 * Each is written once and never edited after it lands: a later change is a new migration.
 * Only portable types (tables.ts explains which), so one list serves SQLite and PostgreSQL.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** BLOB in SQLite, bytea in PostgreSQL. */
function bytes(dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres' ? sql`bytea` : sql`blob`;
}

function initial(dialect: 'sqlite' | 'postgres'): Migration {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('oidc_issuer', 'text')
        .addColumn('oidc_subject', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('users_oidc', ['oidc_issuer', 'oidc_subject'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('memberships')
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
        .execute();
      await db.schema
        .createTable('models')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('latest_revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.createIndex('models_workspace').on('models').column('workspace_id').execute();
      await db.schema
        .createTable('model_revisions')
        .addColumn('model_id', 'text', (c) => c.notNull().references('models.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('spec', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addPrimaryKeyConstraint('model_revisions_pk', ['model_id', 'revision'])
        .execute();
      await db.schema
        .createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
        .addColumn('model_id', 'text', (c) => c.notNull().references('models.id').onDelete('cascade'))
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('pathflow_version', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('runs_workspace').on('runs').columns(['workspace_id', 'created_at']).execute();
      await db.schema
        .createTable('run_files')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content', bytes(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint('run_files_pk', ['run_id', 'name'])
        .execute();
      await db.schema
        .createTable('reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('content', bytes(dialect), (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('workspace_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('audit_workspace').on('audit').columns(['workspace_id', 'at']).execute();
    },
  };
}

/** Runs started together by one sweep request share its id, so a regional team can list them as one. */
const sweeps: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema.alterTable('runs').addColumn('sweep_id', 'text').execute();
    await db.schema.createIndex('runs_sweep').on('runs').column('sweep_id').execute();
  },
};

/**
 * A sweep of its own, with who started it and its options, because a regional sweep spans
 * workspaces and so belongs to none; runs keep the place they were asked for, so a sweep
 * lists them in the caller's order. Sweeps started before are given their row here.
 */
const sweepOwners: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('sweeps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('options', 'text', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('runs').addColumn('sweep_position', 'integer').execute();
    const earlier = await db.selectFrom('runs').select(['sweep_id', 'created_by', 'created_at', 'options']).where('sweep_id', 'is not', null).orderBy('created_at').orderBy('id').execute();
    const seen = new Set<string>();
    for (const run of earlier) {
      if (seen.has(run.sweep_id)) continue;
      seen.add(run.sweep_id);
      const { replications, seed } = JSON.parse(run.options);
      await db.insertInto('sweeps').values({ id: run.sweep_id, created_by: run.created_by, created_at: run.created_at, options: JSON.stringify({ replications, seed }) }).execute();
    }
  },
};

export function migrationProvider(dialect: 'sqlite' | 'postgres'): MigrationProvider {
  return {
    async getMigrations() {
      return { '2026-12-05-initial': initial(dialect), '2026-12-05-sweeps': sweeps, '2026-12-06-sweep-owners': sweepOwners };
    },
  };
}
