/**
 * What a run job needs in the database (a member, a workspace, a model with a revision),
 * written straight into the tables so the job tests do not wait on the model routes, and
 * the built worker the tests make a run's files on (run `npm run build` first).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/server/storage/tables.js';
import type { ModelSpec } from '../../../src/engine/model.js';
import { modelFileText } from '../../../src/engine/modelSchema.js';
import { repoRoot } from '../../cliHarness.js';
import { networkModel } from '../../engine/networkFixture.js';

export const testModel: ModelSpec = networkModel();

export interface Seeded {
  userId: string;
  workspaceId: string;
  modelId: string;
}

export async function seedModel(db: Kysely<Database>, spec: string = modelFileText(testModel)): Promise<Seeded> {
  const at = new Date().toISOString();
  const userId = randomUUID();
  const workspaceId = randomUUID();
  const modelId = randomUUID();
  await db.insertInto('users').values({ id: userId, email: `${userId}@example.nhs.uk`, display_name: 'Run Tester', password_hash: null, oidc_issuer: null, oidc_subject: null, created_at: at, disabled: 0 }).execute();
  await db.insertInto('workspaces').values({ id: workspaceId, name: `ws-${workspaceId}`, created_at: at }).execute();
  await db.insertInto('memberships').values({ workspace_id: workspaceId, user_id: userId, role: 'admin' }).execute();
  await db.insertInto('models').values({ id: modelId, workspace_id: workspaceId, name: 'Test network', latest_revision: 1, created_at: at, created_by: userId, deleted_at: null }).execute();
  await db.insertInto('model_revisions').values({ model_id: modelId, revision: 1, spec, message: 'first', created_at: at, created_by: userId }).execute();
  return { userId, workspaceId, modelId };
}

const builtWorker = join(repoRoot, 'dist/server/jobs/runFilesWorker.js');

/** The built worker thread a run's files are made on, as the server runs jobs (the main thread stays free for the poll that writes progress and reads cancel). */
export function builtRunFilesWorker(): string {
  if (!existsSync(builtWorker)) throw new Error(`${builtWorker} is missing: run \`npm run build\` first (npm test does)`);
  return builtWorker;
}

/** Polls `probe` until it answers; a probe that throws (the database restarting) is asked again. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const builtPlanWorker = join(repoRoot, 'dist/server/jobs/planFilesWorker.js');

/** The built worker thread a plan is searched and its files made on, as the server runs plan jobs. */
export function builtPlanFilesWorker(): string {
  if (!existsSync(builtPlanWorker)) throw new Error(`${builtPlanWorker} is missing: run \`npm run build\` first (npm test does)`);
  return builtPlanWorker;
}
