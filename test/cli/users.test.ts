import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, cli, repoRoot } from '../cliHarness.js';
import { freshPostgresUrl, postgresSkipReason } from '../server/databases.js';
import { openDatabase } from '../../src/server/storage/database.js';
import { verifyPassword } from '../../src/server/auth/accounts.js';
import { lookUpApiToken } from '../../src/server/auth/tokens.js';

const PASSWORD = 'three random words here';

function pathflowWith(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // stdin is not a terminal here, so a missing PATHFLOW_PASSWORD is refused rather than asked for.
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...process.env, PATHFLOW_PASSWORD: '', DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Place {
  name: string;
  /** The database as --database or DATABASE_URL names it, and how to get rid of it. */
  make(): Promise<{ env: Record<string, string>; args: string[]; location: string; drop(): Promise<void> }>;
}

const places: Place[] = [
  {
    name: 'a SQLite file given as --database',
    async make() {
      const location = join(builtCliWorkDirectory('pathflow-users-'), 'team.db');
      return { env: {}, args: ['--database', location], location, drop: async () => {} };
    },
  },
  ...(postgresSkipReason
    ? []
    : [
        {
          name: 'PostgreSQL named by DATABASE_URL',
          async make() {
            const fresh = await freshPostgresUrl();
            return { env: { DATABASE_URL: fresh.url }, args: [], location: fresh.url, drop: fresh.drop };
          },
        },
      ]),
];

describe.each(places)('pathflow users on $name', ({ make }) => {
  it('adds the first admin with a workspace, makes a token that works, disables them, and refuses bad input with exit 2 and nothing written', async () => {
    const place = await make();
    const run = (env: Record<string, string>, ...args: string[]) => pathflowWith({ ...place.env, ...env }, ...args, ...place.args);
    try {
      const added = await run({ PATHFLOW_PASSWORD: PASSWORD }, 'users', 'add', 'Ada@Example.NHS.uk', '--name', 'Ada Lovelace', '--workspace', 'Riverside planning', '--role', 'admin');
      expect(added.stderr).toBe('');
      expect(added.status).toBe(0);
      expect(added.stdout).toBe("added ada@example.nhs.uk (Ada Lovelace); admin in workspace 'Riverside planning' (created)\n");

      const token = await run({}, 'users', 'token', 'ada@example.nhs.uk', '--name', 'nightly refresh');
      expect(token.status).toBe(0);
      expect(token.stdout).toMatch(/^pf_[A-Za-z0-9_-]{43}\n$/);
      expect(token.stderr).toMatch(/shown this once/);

      const tooShort = await run({ PATHFLOW_PASSWORD: 'short' }, 'users', 'add', 'bob@example.nhs.uk');
      expect(tooShort.status).toBe(2);
      expect(tooShort.stderr).toBe('error: the password must be at least 12 characters (three random words make a good one); nothing was changed\n');
      const noPassword = await run({}, 'users', 'add', 'bob@example.nhs.uk');
      expect(noPassword.status).toBe(2);
      expect(noPassword.stderr).toMatch(/^error: no password for bob@example\.nhs\.uk: set PATHFLOW_PASSWORD/);
      const unknown = await run({}, 'users', 'token', 'nobody@example.nhs.uk', '--name', 'x');
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toBe('error: there is no user nobody@example.nhs.uk: add them first with pathflow users add\n');
      const notPostgres = await pathflowWith({ DATABASE_URL: 'mysql://db/pathflow' }, 'users', 'token', 'ada@example.nhs.uk', '--name', 'x');
      expect(notPostgres.status).toBe(2);
      expect(notPostgres.stderr).toBe('error: DATABASE_URL must be a postgres:// address (for a SQLite file use --database <file>)\n');
      const badRole = await run({}, 'users', 'add', 'bob@example.nhs.uk', '--workspace', 'Riverside planning', '--role', 'owner', '--no-password');
      expect(badRole.status).toBe(2);
      expect(badRole.stderr).toMatch(/--role <role>' argument 'owner' is invalid/);

      // An account for someone who signs in only with their organisation's sign-in, as an editor of the same workspace.
      const invited = await run({}, 'users', 'add', 'carol@example.nhs.uk', '--workspace', 'Riverside planning', '--role', 'editor', '--no-password');
      expect(invited.stdout).toBe("added carol@example.nhs.uk; editor in workspace 'Riverside planning'\n");
      expect((await run({}, 'users', 'disable', 'ada@example.nhs.uk')).status).toBe(0);

      const database = await openDatabase(place.location);
      try {
        const db = database.db;
        expect((await db.selectFrom('users').select('email').orderBy('email').execute()).map((row) => row.email)).toEqual(['ada@example.nhs.uk', 'carol@example.nhs.uk']);
        const members = await db
          .selectFrom('memberships')
          .innerJoin('users', 'users.id', 'memberships.user_id')
          .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
          .select(['users.email', 'workspaces.name', 'memberships.role'])
          .orderBy('users.email')
          .execute();
        expect(members).toEqual([
          { email: 'ada@example.nhs.uk', name: 'Riverside planning', role: 'admin' },
          { email: 'carol@example.nhs.uk', name: 'Riverside planning', role: 'editor' },
        ]);
        // Disabled: neither the password nor the token works.
        expect(await verifyPassword(db, 'ada@example.nhs.uk', PASSWORD)).toBeUndefined();
        expect(await lookUpApiToken(db, token.stdout.trim())).toBeUndefined();
        await db.updateTable('users').set({ disabled: 0 }).execute();
        expect((await verifyPassword(db, 'ada@example.nhs.uk', PASSWORD))?.display_name).toBe('Ada Lovelace');
        expect(await lookUpApiToken(db, token.stdout.trim())).toBeDefined();
        expect(await verifyPassword(db, 'carol@example.nhs.uk', '')).toBeUndefined();
        const actions = (await db.selectFrom('audit').select('action').orderBy('id').execute()).map((row) => row.action);
        expect(actions).toEqual(['user.create', 'workspace.create', 'member.set', 'token.create', 'user.create', 'member.set', 'user.disable']);
      } finally {
        await database.close();
      }
    } finally {
      await place.drop();
    }
  }, 120_000);
});
