/**
 * Interrupted runs clean up after themselves (issue 10, defect 5): SIGINT or SIGTERM while a
 * run or an optimisation is staging its output removes the staging directory and exits 130 or
 * 143; staging left by a process that died uncleanly (SIGKILL, a crash) is swept by the next
 * run that stages beside it, unless its process is still alive. The built CLI; `npm run build` first.
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';
import { stagingBeside, startPathflow, waitFor } from './spawnedCli.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-interrupt-');
});

// Long enough (tens of seconds) that the signal always lands while the output is staged.
const longRun = ['--runs', '1000', '--threads', '2', '-q'];
const longOptimise = ['--nodes', 'P2_RV,P3_DN,P2_DN,P1_DN,P3_CT', '--runs', '1000', '-q'];

describe('an interrupted command', () => {
  for (const [signal, status] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`run: ${signal} removes the staging directory and exits ${status}`, async () => {
      const parent = join(work, `run-${signal}`);
      mkdirSync(parent);
      const running = startPathflow('run', example, '--out', join(parent, 'out'), ...longRun);
      await waitFor(() => stagingBeside(parent, 'out').length > 0, running);
      running.child.kill(signal);
      const finished = await running.finished;
      expect(finished.code, finished.stderr).toBe(status);
      expect(finished.stderr).toMatch(new RegExp(`interrupted \\(${signal}\\)`));
      expect(readdirSync(parent)).toEqual([]);
    });
  }

  it('optimise: SIGINT removes the staging directory and exits 130', async () => {
    const parent = join(work, 'optimise-SIGINT');
    mkdirSync(parent);
    const running = startPathflow('optimise', example, '--out', join(parent, 'out'), ...longOptimise);
    await waitFor(() => stagingBeside(parent, 'out').length > 0, running);
    running.child.kill('SIGINT');
    const finished = await running.finished;
    expect(finished.code, finished.stderr).toBe(130);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("leaves an earlier run's files as they were when a re-run is interrupted", async () => {
    const parent = join(work, 'rerun');
    mkdirSync(parent);
    const out = join(parent, 'out');
    expect(pathflow('run', example, '--runs', '2', '--out', out, '-q').status).toBe(0);
    const before = readdirSync(out).sort();
    const running = startPathflow('run', example, '--out', out, ...longRun);
    await waitFor(() => stagingBeside(parent, 'out').length > 0, running);
    running.child.kill('SIGTERM');
    expect((await running.finished).code).toBe(143);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(out).sort()).toEqual(before);
  });
});

describe('staging left by a process that died', () => {
  it('is swept by the next run beside it, unless its process is alive', async () => {
    const parent = join(work, 'stale');
    mkdirSync(parent);
    const out = join(parent, 'out');
    // Real leftovers: two runs killed outright, which have no chance to clean up. Both are
    // alive while the other stages, so neither sweeps the other's.
    const first = startPathflow('run', example, '--out', out, ...longRun);
    await waitFor(() => stagingBeside(parent, 'out').length === 1, first);
    const second = startPathflow('run', example, '--out', out, ...longRun);
    await waitFor(() => stagingBeside(parent, 'out').length === 2, second);
    for (const running of [first, second]) {
      running.child.kill('SIGKILL');
      expect((await running.finished).signal).toBe('SIGKILL');
    }
    const ofProcess = (running: typeof first) => stagingBeside(parent, 'out').find((name) => name.startsWith(`.out.partial-${running.child.pid}-`))!;
    const dead = ofProcess(first);
    expect(dead).toBeDefined();
    // The second leftover as if it were this test's own, still running, process's.
    const alive = ofProcess(second).replace(/^(\.out\.partial-)\d+-/, `$1${process.pid}-`);
    renameSync(join(parent, ofProcess(second)), join(parent, alive));

    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(existsSync(join(parent, dead))).toBe(false);
    expect(existsSync(join(parent, alive))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual([alive, 'out'].sort());
  });
});
