import { describe, expect, it } from 'vitest';
import { testDatabases } from './databases.js';

describe.each(testDatabases)('the server database on $name', ({ open }) => {
  it('creates every table, with ids generated and defaults filled in the same way', async () => {
    const database = await open();
    try {
      const tables = (await database.db.introspection.getTables()).map((table) => table.name).filter((name) => !name.startsWith('kysely_')).sort();
      expect(tables).toEqual(['api_tokens', 'audit', 'memberships', 'model_revisions', 'models', 'reports', 'run_files', 'runs', 'sessions', 'sweeps', 'users', 'workspaces']);
      await database.db.insertInto('workspaces').values({ id: 'w1', name: 'Riverside', created_at: '2026-12-05T00:00:00.000Z' }).execute();
      const audit = await database.db
        .insertInto('audit')
        .values({ at: '2026-12-05T00:00:00.000Z', user_id: null, workspace_id: 'w1', action: 'workspace.create', target_type: 'workspace', target_id: 'w1' })
        .returning(['id', 'detail'])
        .executeTakeFirstOrThrow();
      // Both dialects give the generated id as a number and the detail its default.
      expect(audit).toEqual({ id: 1, detail: '{}' });
    } finally {
      await database.close();
    }
  });

  it('keeps bytes exactly, and refuses a membership of a workspace that does not exist', async () => {
    const database = await open();
    try {
      const now = '2026-12-05T00:00:00.000Z';
      await database.db.insertInto('users').values({ id: 'u1', email: 'a@nhs.net', display_name: 'A', password_hash: null, oidc_issuer: null, oidc_subject: null, created_at: now, disabled: 0 }).execute();
      await expect(database.db.insertInto('memberships').values({ workspace_id: 'nowhere', user_id: 'u1', role: 'viewer' }).execute()).rejects.toThrow();
      await database.db.insertInto('workspaces').values({ id: 'w1', name: 'W', created_at: now }).execute();
      await database.db.insertInto('models').values({ id: 'm1', workspace_id: 'w1', name: 'M', latest_revision: 1, created_at: now, created_by: 'u1', deleted_at: null }).execute();
      await database.db
        .insertInto('runs')
        .values({ id: 'r1', workspace_id: 'w1', model_id: 'm1', revision: 1, kind: 'run', options: '{}', pathflow_version: '0', status: 'succeeded', progress: 1, attempts: 1, cancel_requested: 0, error: null, created_by: 'u1', created_at: now, started_at: null, finished_at: null })
        .execute();
      const content = new Uint8Array(256).map((_, index) => index);
      await database.db.insertInto('run_files').values({ run_id: 'r1', name: 'daily.csv', content }).execute();
      const back = await database.db.selectFrom('run_files').select('content').executeTakeFirstOrThrow();
      expect(Buffer.from(back.content).equals(Buffer.from(content))).toBe(true);
    } finally {
      await database.close();
    }
  });
});
