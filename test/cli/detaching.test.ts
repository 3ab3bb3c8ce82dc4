/**
 * No thread of a run detaches an ArrayBuffer. The first buffer an isolate detaches (by
 * transferring it in a postMessage) invalidates V8's ArrayBufferDetaching protector, and every
 * function that thread had compiled with typed-array accesses is thrown away and compiled
 * again: on the network example that was a tenth of the run's CPU. V8 reports each
 * invalidation on stdout when asked (--trace-protector-invalidation), worker threads included,
 * so the test reads what V8 itself did rather than how the code posts. `npm test` builds
 * first; run `npm run build` before running this file alone.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, cli, repoRoot } from '../cliHarness.js';

const RUN_MS = 240_000;
let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-detaching-');
});

/** `pathflow <command>` with V8 tracing its protectors; the ArrayBufferDetaching invalidations it printed. */
function detachingInvalidations(command: string, out: string, ...args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--trace-protector-invalidation', cli, command, ...args, '--out', join(work, out), '-q'], { encoding: 'utf8', cwd: repoRoot });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout.split('\n').filter((line) => line.startsWith('Invalidating protector cell') && line.includes('ArrayBufferDetaching'));
}

describe('buffers posted between threads', () => {
  it('V8 reports a detached buffer this way (the control: without it an empty list proves nothing)', () => {
    const detach = 'structuredClone(new ArrayBuffer(8), { transfer: [] }); const b = new ArrayBuffer(8); structuredClone(b, { transfer: [b] });';
    const run = spawnSync(process.execPath, ['--trace-protector-invalidation', '-e', detach], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Invalidating protector cell ArrayBufferDetaching');
  });

  it('are cloned, so no thread invalidates ArrayBufferDetaching: networks on 1 and 2 threads (components to the writer, from the workers)', () => {
    const example = join(repoRoot, 'examples/fictional-icb-network.xlsx');
    expect(detachingInvalidations('run', 'network-1', example, '--runs', '4', '--threads', '1')).toEqual([]);
    expect(detachingInvalidations('run', 'network-2', example, '--runs', '4', '--threads', '2')).toEqual([]);
  }, RUN_MS);

  it('are cloned for isolated nodes\' scenarios summarised in worker threads', () => {
    const example = join(repoRoot, 'examples/fictional-icb.xlsx');
    expect(detachingInvalidations('run', 'isolated-2', example, '--runs', '200', '--threads', '2')).toEqual([]);
  }, RUN_MS);

  it('are cloned by backtest\'s worker threads, calibration\'s included (a farm of workers per search)', () => {
    // Observed P2 delays over the example's first weeks: enough for a backtest and a capacity search.
    const lines = ['grain,date,org,pathway,node,measure,detail,value,basis'];
    for (let d = 0; d < 21; d++) {
      const date = new Date(Date.UTC(2026, 9, 1 + d)).toISOString().slice(0, 10);
      lines.push(`day,${date},TEST,P2,,delayed,,${12 + (d % 5)},derived`);
    }
    const observed = join(work, 'observed.csv');
    writeFileSync(observed, lines.join('\n') + '\n');
    const example = join(repoRoot, 'examples/fictional-icb.xlsx');
    expect(detachingInvalidations('backtest', 'backtest-2', example, '--observed', observed, '--replications', '6', '--calibrate', 'capacity', '--threads', '2')).toEqual([]);
  }, RUN_MS);
});
