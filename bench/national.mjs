#!/usr/bin/env node
// The synthetic national workbook end to end (issue 16): 40 ICBs x 3 localities x P1/P2/P3,
// 360 nodes, 2,880 scenarios, 50 replications, as a regional team would run it. Prints wall
// seconds, peak memory and bytes written beside the targets (12 s on 2 cores, 1 GB) and the
// machine reference. Called from bench.mjs; alone: `npm run build && node bench/national.mjs`.
//
// The workbook is made on demand (scripts/make-national.ts) into out/, and kept for the next run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { freshMemoryReference, microsecondsPerFreshPage, referenceWorkload } from './reference.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIONAL_TARGETS = { seconds: 12, peakMemoryMB: 1024 };

/**
 * The path of `output` (relative to the repository), made first by `scripts/<script>.ts` if it
 * is not there: a model too large or not ours to bundle, kept in out/ for the next run.
 */
export function madeOnDemand(output, script) {
  const path = join(root, output);
  if (!existsSync(path)) {
    const made = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, `scripts/${script}.ts`)], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`${script} failed: ${made.stderr}`);
  }
  return path;
}

const nationalWorkbook = () => madeOnDemand('out/synthetic-national.xlsx', 'make-national');

/** One run of the national workbook: wall seconds, the manifest's peak memory, and the bytes of each file written. */
export function nationalRun(extra = []) {
  const workbook = nationalWorkbook();
  const out = mkdtempSync(join(tmpdir(), 'pathflow-national-'));
  try {
    const started = performance.now();
    const child = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'run', workbook, '--runs', '50', '--out', join(out, 'run'), '-q', ...extra], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    if (child.status !== 0) throw new Error(`pathflow run failed: ${child.stderr}`);
    const manifest = JSON.parse(readFileSync(join(out, 'run/manifest.json'), 'utf8'));
    const bytes = Object.fromEntries(readdirSync(join(out, 'run')).map((name) => [name, statSync(join(out, 'run', name)).size]));
    return { seconds, peakMemoryMB: manifest.peakMemoryMB, threads: manifest.threads, scenarios: manifest.scenarios, bytes };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const megabytes = (bytes) => (bytes / 1e6).toFixed(bytes >= 1e8 ? 0 : 1);

/** Runs the default outputs and the compact choice, printing each beside the targets. */
export function nationalBench(print = (line) => process.stdout.write(line + '\n')) {
  const figures = {};
  for (const [label, extra] of [
    ['default outputs', []],
    ['--outputs summary,parquet', ['--outputs', 'summary,parquet']],
  ]) {
    const run = nationalRun(extra);
    const total = Object.values(run.bytes).reduce((sum, size) => sum + size, 0);
    figures[label] = { ...run, totalBytes: total, targets: NATIONAL_TARGETS };
    const largest = Object.entries(run.bytes)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([name, size]) => `${name} ${megabytes(size)} MB`)
      .join(', ');
    print(
      `the synthetic national workbook (360 nodes, ${run.scenarios} scenarios), 50 replications, ${run.threads} threads, ${label}: ` +
        `${run.seconds.toFixed(1)} s (target ${NATIONAL_TARGETS.seconds} s), peak ${run.peakMemoryMB} MB (target ${NATIONAL_TARGETS.peakMemoryMB} MB), ` +
        `${megabytes(total)} MB written (${largest})`,
    );
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = referenceWorkload();
  process.stdout.write(`reference workload: median ${before.median.toFixed(0)} ms\n`);
  const fresh = freshMemoryReference().median;
  process.stdout.write(`fresh memory (16 MB touched once, in a new process): median ${fresh.toFixed(1)} ms, ${microsecondsPerFreshPage(fresh).toFixed(1)} µs a 4 kB page\n`);
  nationalBench();
  process.stdout.write(`reference workload again: median ${referenceWorkload().median.toFixed(0)} ms\n`);
}
