#!/usr/bin/env node
// `pathflow run` on the IPACS sample (50 replications, one thread, as bench.mjs's first figure)
// under several Node executables, taken in turn round after round so that the VM's drifts fall
// on all of them alike; on a Node with a module compile cache (22.1 and later) also with the
// cache turned off (NODE_DISABLE_COMPILE_CACHE=1), its first run filling the cache not counted.
// Prints each one's median wall time, and each one's paired difference from the first with its
// standard error. Not part of bench.mjs: a machine has one Node. `npm test` leaves Node 22 and 24
// in $TMPDIR/pathflow-node-versions/node-<version>/package/bin/node (scripts/nodeBinary.ts).
//
//   node bench/nodeVersions.mjs [--rounds N] <node> [<node> ...]       (after npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { referenceWorkload, stats } from './reference.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const roundsAt = argv.indexOf('--rounds');
const ROUNDS = roundsAt >= 0 ? Number(argv[roundsAt + 1]) : 8;
const nodes = argv.filter((argument, i) => !argument.startsWith('--') && !(roundsAt >= 0 && i === roundsAt + 1));
if (nodes.length === 0) {
  process.stderr.write('usage: node bench/nodeVersions.mjs [--rounds N] <node> [<node> ...]\n');
  process.exit(2);
}
const SAMPLE = resolve(root, '../shared/data/ipacs/IPACS_params.xlsx');
const WORKBOOK = existsSync(SAMPLE) ? SAMPLE : join(root, 'examples/fictional-icb.xlsx');
const cli = join(root, 'dist/cli/main.js');
const cacheHome = mkdtempSync(join(tmpdir(), 'pathflow-bench-compile-cache-'));

function versionOf(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${node} does not run`);
  return result.stdout.trim();
}
const hasCompileCache = (version) => {
  const [major, minor] = version.slice(1).split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 1);
};

// Each variant: a Node, with or without the compile cache (in a directory of its own).
const variants = nodes.flatMap((node) => {
  const version = versionOf(node);
  const env = { ...process.env, TMPDIR: mkdtempSync(join(cacheHome, 'tmp-')) };
  delete env.NODE_COMPILE_CACHE;
  if (!hasCompileCache(version)) return [{ label: version, node, env }];
  return [
    { label: `${version}, compile cache`, node, env },
    { label: `${version}, no compile cache`, node, env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } },
  ];
});

function runOnce({ node, env }) {
  const out = mkdtempSync(join(tmpdir(), 'pathflow-bench-'));
  const started = performance.now();
  const child = spawnSync(node, [cli, 'run', WORKBOOK, '--out', join(out, 'run'), '-q', '--runs', '50', '--threads', '1'], { encoding: 'utf8', env });
  const ms = performance.now() - started;
  rmSync(out, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`pathflow run failed under ${node}: ${child.stderr}`);
  return ms;
}

const fmt = (x) => x.toFixed(0);

console.log(`workbook ${WORKBOOK.replace(resolve(root, '..'), '..')}; reference workload ${referenceWorkload().median.toFixed(1)} ms`);
for (const variant of variants) runOnce(variant); // fills each cache, and the file cache
const times = variants.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  // The order turns each round, so no variant always follows the same one.
  for (let k = 0; k < variants.length; k++) {
    const i = (k + round) % variants.length;
    times[i].push(runOnce(variants[i]));
  }
}
for (let i = 0; i < variants.length; i++) {
  const differences = times[i].map((ms, round) => ms - times[0][round]);
  const mean = differences.reduce((sum, d) => sum + d, 0) / ROUNDS;
  const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / Math.max(1, ROUNDS - 1));
  const paired = i === 0 ? '' : `; against ${variants[0].label}: ${mean >= 0 ? '+' : ''}${fmt(mean)} ms (se ${fmt(sd / Math.sqrt(ROUNDS))})`;
  const { median, min, max } = stats(times[i]);
  console.log(`${variants[i].label}: median ${fmt(median)} ms (min ${fmt(min)}, max ${fmt(max)})${paired}`);
}
console.log(`reference workload again: ${referenceWorkload().median.toFixed(1)} ms`);
rmSync(cacheHome, { recursive: true, force: true });
