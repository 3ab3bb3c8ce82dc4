/**
 * What every bench figure is read against: a fixed piece of arithmetic timed on this machine,
 * and the summary of repeated timings. Shared by bench.mjs and visit.mjs; the functions are
 * self-contained, since bench.mjs also runs them as source text in worker threads.
 */
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
