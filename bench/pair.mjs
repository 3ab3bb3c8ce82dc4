#!/usr/bin/env node
// Two builds of the network simulator timed against each other in one process, alternating,
// so both meet the same neighbours on a shared machine (bench/README.md): CPU milliseconds of
// each and the paired ratio B/A per round. Keep a change only if the ratio stays clear of 1
// over several calls; an A/A call (two copies of one build) shows the noise of the moment.
// B is always loaded second, and two builds side by side do not run alike even as copies
// (bench/README.md, "Plans a byte a day"): call it again with A and B swapped as well.
//
//   node bench/pair.mjs <dist A> <dist B> [rounds] [network | example | example10]
//
// network: 15 replications of bench/network.mjs's seven-node network a round.
// example: examples/fictional-icb-network.xlsx, runModel in this thread, 50 replications a
// round (example10: 10). Copy dist/ aside before a change to have a build A.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchNetworkNetwork } from './network.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [distA, distB, roundsArg = '10', what = 'network'] = process.argv.slice(2);
if (!distA || !distB) {
  console.error('usage: node bench/pair.mjs <dist A> <dist B> [rounds] [network | example | example10]');
  process.exit(2);
}
const rounds = Number(roundsArg);

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function runnerOf(dist) {
  const at = (path) => join(resolve(dist), path);
  if (what === 'network') {
    const { compileNetwork } = await import(at('engine/network/networkModel.js'));
    const { NetworkSimulator } = await import(at('engine/network/networkSimulation.js'));
    const simulator = new NetworkSimulator(compileNetwork(benchNetworkNetwork()));
    return async () => {
      for (let r = 0; r < 15; r++) simulator.simulate(1, r);
    };
  }
  const { readIpacsWorkbook } = await import(at('workbook/read.js'));
  const { runModel } = await import(at('engine/run.js'));
  const file = 'fictional-icb-network.xlsx';
  const read = await readIpacsWorkbook(new Uint8Array(readFileSync(join(root, 'examples', file))), { fileName: file });
  if (!read.ok) throw new Error(`${file} did not read`);
  const replications = what === 'example10' ? 10 : 50;
  return () => runModel(read.model, { replications, seed: 1 });
}

const runA = await runnerOf(distA);
const runB = await runnerOf(distB);
// Warm both, so neither pays for its compilation in the timings.
for (let i = 0; i < 2; i++) {
  await runA();
  await runB();
}
const timesA = [];
const timesB = [];
for (let i = 0; i < rounds; i++) {
  // Each goes first in every other round, so neither always runs in the other's wake.
  const order = i % 2 === 0 ? [[runA, timesA], [runB, timesB]] : [[runB, timesB], [runA, timesA]];
  for (const [run, times] of order) {
    const started = cpuMs();
    await run();
    times.push(cpuMs() - started);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ratios = timesA.map((a, i) => timesB[i] / a);
const ms = (values) => `min ${Math.min(...values).toFixed(0)}, median ${median(values).toFixed(0)} ms CPU`;
console.log(`${what}, ${rounds} rounds: A ${ms(timesA)}; B ${ms(timesB)}; B/A paired median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`);
