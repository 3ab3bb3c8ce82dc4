/**
 * What every bench figure is read against: a fixed piece of arithmetic timed on this machine,
 * and the summary of repeated timings. Shared by bench.mjs and visit.mjs; the functions are
 * self-contained, since bench.mjs also runs them as source text in worker threads.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1], runs: values.length };
};

/**
 * A fixed piece of arithmetic (Math.exp and Math.log, what the engine leans on), timed: the
 * machine's speed when the figures were taken. On the shared 2-core VM the project is built
 * on it has varied by 40 % from one hour to the next, and every other figure with it; compare
 * two runs' figures only when their reference times agree.
 */
export function referenceWorkload() {
  const times = [];
  let sink = 0;
  for (let repeat = 0; repeat < 5; repeat++) {
    const started = performance.now();
    for (let i = 1; i <= 2_000_000; i++) sink += Math.exp((i % 1000) / 500) + Math.log(i);
    times.push(performance.now() - started);
  }
  if (!(sink > 0)) throw new Error('unreachable: keeps the loop from being optimised away');
  return stats(times);
}

/** Fresh pages timed: 16 MB, one write a 4 kB page, in a process of its own so none is reused. */
const FRESH_MEMORY_SCRIPT = `const { performance } = require('node:perf_hooks');
const started = performance.now();
const values = new Float64Array(2 << 20);
for (let i = 0; i < values.length; i += 512) values[i] = 1;
process.stdout.write(String(performance.now() - started));`;

/**
 * The second thing this VM's figures move with, which the arithmetic above does not see: what
 * a page of memory costs the first time a process touches it (the host backs the guest's
 * memory lazily). On 6 December it was about 16 µs a page in the evening and 1.5 µs after the
 * VM was restarted, and the end-to-end figures roughly halved with no change to the code: a
 * run touches tens of thousands of fresh pages. Medians of `runs` new processes, in ms.
 */
export function freshMemoryReference(runs = 5) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(process.execPath, ['-e', FRESH_MEMORY_SCRIPT], { encoding: 'utf8' });
    const ms = Number(child.stdout);
    if (child.status !== 0 || !(ms >= 0)) throw new Error(`timing fresh memory failed: ${child.stderr}`);
    times.push(ms);
  }
  return stats(times);
}

/** freshMemoryReference's 16 MB as microseconds a 4 kB page. */
export const microsecondsPerFreshPage = (ms) => (ms * 1000) / 4096;
