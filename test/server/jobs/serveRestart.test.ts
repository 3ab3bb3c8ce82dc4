/**
 * A SQLite team server killed in the middle of a run (`pathflow serve`, the built CLI, in a
 * child process, SIGKILL: no chance to tidy up) and started again on the same database file
 * takes the run up again and completes it, with the bytes of a run never interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/server/storage/database.js';
import { createApiToken } from '../../../src/server/auth/tokens.js';
import { runFilesOf } from '../../../src/server/jobs/runJob.js';
import { getRun, runFiles } from '../../../src/server/jobs/runStore.js';
import { modelFileText, validateModel } from '../../../src/engine/modelSchema.js';
import { cli } from '../../cliHarness.js';
import { seedModel, testModel, until } from './runFixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'pathflow-serve-restart-'));
const servers: ChildProcess[] = [];
afterAll(() => {
  for (const server of servers) if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

/** `pathflow serve` on the file, on a free port; resolves with its address once it listens. */
async function serve(file: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [cli, 'serve', '--database', file, '--port', '0'], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  let said = '';
  child.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  const address = await until('the server to listen', async () => said.match(/team server at (http:\/\/[^/\s]+)\//)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(said)) : undefined), 60_000);
  return { child, address };
}

describe('a SQLite server killed mid-run', () => {
  it('takes the run up again when it starts again, and stores the bytes of an uninterrupted run', async () => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    const file = join(scratch, 'pathflow.db');
    const database = await openDatabase(file);
    const seeded = await seedModel(database.db);
    const { token } = await createApiToken(database.db, seeded.userId, 'test');

    const first = await serve(file);
    const started = await fetch(`${first.address}/api/v1/workspaces/${seeded.workspaceId}/models/${seeded.modelId}/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ replications: 1500, seed: 8 }),
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id } = (await started.json()) as { id: string };
    await until('the run to be part done', async () => {
      const row = (await getRun(database.db, id))!;
      return row.status === 'running' && row.progress > 0 && row.progress < 1;
    }, 180_000, 20);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    await serve(file);
    const done = await until('the run to finish', async () => {
      const row = (await getRun(database.db, id))!;
      return ['succeeded', 'failed', 'cancelled'].includes(row.status) ? row : undefined;
    }, 300_000, 250);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2, progress: 1 });
    const checked = validateModel(JSON.parse(modelFileText(testModel)));
    if (!checked.ok) throw new Error('the test model does not pass the schema');
    const expected = await runFilesOf(checked.model, { replications: 1500, seed: 8 }, { started: done.created_at, source: 'model "Test network" revision 1 on the team server' });
    const stored = await runFiles(database.db, id);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
    for (const name of Object.keys(expected)) expect(Buffer.from(stored[name]).equals(Buffer.from(expected[name])), name).toBe(true);
    await database.close();
  }, 400_000);
});
