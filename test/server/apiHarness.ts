/**
 * The whole team server in a test, answering through `app.inject` (no socket, so fast and
 * free of port clashes): `as(role)` gives the headers of a fresh member of the harness's
 * workspace with that role, signed in by an API token as a script would be.
 */
import type { FastifyInstance } from 'fastify';
import { createLocalUser, setMembership } from '../../src/server/auth/accounts.js';
import { DEFAULT_AUTH_OPTIONS } from '../../src/server/auth/authOptions.js';
import { createApiToken } from '../../src/server/auth/tokens.js';
import { buildServer, type ServerOptions } from '../../src/server/http/buildServer.js';
import { InProcessQueue } from '../../src/server/jobs/inProcessQueue.js';
import type { JobQueue } from '../../src/server/jobs/jobQueue.js';
import { createRunJobHandler, type RunJobOptions } from '../../src/server/jobs/runJob.js';
import { createWorkspace } from '../../src/server/models/workspaces.js';
import type { ServerDatabase } from '../../src/server/storage/database.js';
import type { Role } from '../../src/server/storage/tables.js';

export interface TestServer {
  app: FastifyInstance;
  /** Headers signing a request in as a new member of `workspaceId` with `role` (a new user each call). */
  as(role: Role): Promise<Record<string, string>>;
  workspaceId: string;
  close(): Promise<void>;
}

export type TestServerOptions = Partial<Omit<ServerOptions, 'database'>> & {
  /** Routes a test adds (a route that fails on purpose), before the server is ready. */
  routes?: (app: FastifyInstance) => void;
  /** Work queued runs in this process, as `pathflow serve` does; by default runs stay queued. */
  worker?: RunJobOptions;
};

let users = 0;

export async function startTestServer(database: ServerDatabase, options: TestServerOptions = {}): Promise<TestServer> {
  const { routes, worker, ...serverOptions } = options;
  // In process on both databases unless a test brings pg-boss: fast, and what a test of a route needs.
  const queue: JobQueue = options.queue ?? new InProcessQueue(database.db);
  await queue.start();
  if (worker) await queue.work(createRunJobHandler(database.db, worker), 1);
  const app = await buildServer({ database, auth: DEFAULT_AUTH_OPTIONS, ...serverOptions, queue });
  routes?.(app);
  await app.ready();
  const owner = await createLocalUser(database.db, { email: `owner-${++users}@example.nhs.uk`, displayName: 'Workspace owner' });
  const workspace = await createWorkspace(database.db, { name: `Test workspace ${users}`, userId: owner.id });
  return {
    app,
    workspaceId: workspace.id,
    async as(role) {
      const user = await createLocalUser(database.db, { email: `${role}-${++users}@example.nhs.uk`, displayName: `A ${role}` });
      await setMembership(database.db, workspace.id, user.id, role);
      const { token } = await createApiToken(database.db, user.id, 'tests');
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await app.close();
      await queue.stop();
    },
  };
}
