/**
 * Running the built `pathflow` command in a child process, as a planner runs it, for the
 * tests that check it end to end. `npm test` builds first; run `npm run build` before
 * running such a test file alone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..');
export const cli = join(repoRoot, 'dist/cli/main.js');
export const example = join(repoRoot, 'examples/fictional-icb.xlsx');

export function pathflow(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: repoRoot });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh scratch directory, after checking the CLI has been built. */
export function builtCliWorkDirectory(prefix: string): string {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  return mkdtempSync(join(tmpdir(), prefix));
}
