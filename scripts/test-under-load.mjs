/**
 * `npm test` twice in a row while other processes keep every core busy: the check that no
 * test depends on the machine being idle (a wall-clock limit, a tight timeout, a race).
 * CI machines run other work; this reproduces that on purpose.
 *
 *   node scripts/test-under-load.mjs [runs=2] [busy processes=number of cores]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const runs = Number(process.argv[2] ?? 2);
const busy = Number(process.argv[3] ?? availableParallelism());

// Each hog spins until killed; they are their own processes so the tests compete for the cores.
const hogs = Array.from({ length: busy }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopHogs = () => hogs.forEach((hog) => hog.kill('SIGKILL'));
process.on('SIGINT', () => {
  stopHogs();
  process.exit(130);
});

const results = [];
try {
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const code = await new Promise((resolve) => spawn('npm', ['test'], { stdio: 'inherit' }).on('exit', (exitCode) => resolve(exitCode ?? 1)));
    results.push({ run, code, seconds: Math.round((Date.now() - started) / 1000) });
    console.log(`\nnpm test under load, run ${run} of ${runs}: exit ${code} after ${results.at(-1).seconds} s beside ${busy} busy processes\n`);
  }
} finally {
  stopHogs();
}
for (const { run, code, seconds } of results) console.log(`run ${run}: exit ${code}, ${seconds} s`);
process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
