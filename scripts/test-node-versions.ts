/**
 * `npm run test:node-versions [-- 22 24.22.3]`: the whole of `npm test` on other Node versions
 * (the newest 22 and 24 unless others are named, as majors or releases), each in a copy of
 * this working tree with its own `npm ci`, so native addons (better-sqlite3) are built for that
 * version. Node comes from the npm registry (scripts/nodeBinary.ts), Linux x64 only. The copy
 * sees the same environment, so `PATHFLOW_TEST_DATABASE_URL` reaches the server's PostgreSQL
 * tests as it does in `npm test`.
 *
 * CI runs `npm test` on the machine's Node, where test/compat/nodeVersions.test.ts also runs the
 * built command line on Node 22 and 24; this is the slower, whole check (about as long as
 * `npm test` for each version).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isNodeVersion, nodeBinary } from './nodeBinary.js';

const repoRoot = resolve(import.meta.dirname, '..');
const requested = process.argv.slice(2);
for (const argument of requested) {
  if (!isNodeVersion(argument)) {
    process.stderr.write(`error: ${JSON.stringify(argument)} is not a Node version (a major such as 24, or a release such as 24.22.3)\n`);
    process.exit(2);
  }
}
const versions = requested.length > 0 ? requested : ['22', '24'];

/** The working tree's files as git sees them (tracked, and new ones not ignored), copied to `destination`. */
function copyWorkingTree(destination: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const target = join(destination, file);
    mkdirSync(dirname(target), { recursive: true });
    // A file deleted but not yet staged is still listed: nothing to copy.
    try {
      cpSync(join(repoRoot, file), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

const results: { version: string; passed: boolean }[] = [];
for (const asked of versions) {
  const binary = nodeBinary(asked);
  process.stdout.write(`\n== Node ${binary.version} ==\n`);
  // Beside the repository, so the tests that read ../shared find it there as they do here.
  const parent = mkdtempSync(join(tmpdir(), `pathflow-node-${asked}-`));
  const copy = join(parent, 'pathflow');
  symlinkSync(resolve(repoRoot, '../shared'), join(parent, 'shared'));
  copyWorkingTree(copy);
  const env = {
    ...process.env,
    PATH: `${dirname(binary.node)}:${process.env.PATH ?? ''}`,
    // node-gyp builds native addons against this version's headers, not the machine's Node.
    npm_config_nodedir: binary.headers,
  };
  const step = (command: string, args: string[]) => spawnSync(command, args, { cwd: copy, env, stdio: 'inherit' }).status === 0;
  const passed = step('npm', ['ci', '--no-audit', '--no-fund']) && step('npm', ['test']);
  results.push({ version: binary.version, passed });
  if (passed) rmSync(parent, { recursive: true, force: true });
  else process.stdout.write(`the copy is kept for a look: ${copy}\n`);
}
process.stdout.write('\n');
for (const { version, passed } of results) process.stdout.write(`Node ${version}: ${passed ? 'npm test passed' : 'FAILED'}\n`);
process.exit(results.every((result) => result.passed) ? 0 : 1);
