/**
 * Records the SHA-256 of every file `pathflow run` writes (but manifest.json, which holds times)
 * for the public IPACS sample workbooks and the bundled example, into
 * test/compare/release-output-hashes.json. Run it on a release, with the release's build:
 *
 *   npm run build && npx tsx scripts/release-hashes.ts
 *
 * The test beside that file then holds every later change to today's bytes, the promise that a
 * model without networks gives exactly what the last release gave (spec: network.md section 3).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HASHED_INPUTS, hashRunOutputs, HASHES_FILE, repoRoot } from '../test/compare/releaseHashes.js';

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
const recorded: Record<string, Record<string, string>> = {};
for (const input of HASHED_INPUTS) {
  const out = join(repoRoot, `.release-hashes-${input.name}`);
  const run = spawnSync(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'run', input.workbook, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pathflow run ${input.workbook} failed: ${run.stderr}`);
  recorded[input.name] = hashRunOutputs(out);
  execFileSync('rm', ['-rf', out]);
}
writeFileSync(HASHES_FILE, JSON.stringify({ commit, seed: 1, replications: 50, files: recorded }, null, 2) + '\n');
console.log(`recorded the output hashes of ${commit} in ${HASHES_FILE}`);
