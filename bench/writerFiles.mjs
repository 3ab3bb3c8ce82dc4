#!/usr/bin/env node
// The writer thread's work on the national workbook alone, in one process: RunOutputFiles fed
// 2,880 scenario summaries in daily.csv's order (the order the threads now claim them in),
// then finished, for two or more builds alternately; CPU seconds of each (process.cpuUsage,
// which counts the kernel's write() too). The summaries are those of the first 72 scenarios
// (one ICB's nine nodes), simulated once and handed out again under every scenario's key, so
// each file has its real size and layout. Not part of bench.mjs.
//
//   node bench/writerFiles.mjs <rounds> <dist A> <dist B> [<dist C> ...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [rounds, ...dists] = process.argv.slice(2);
const builds = dists.map((dist) => resolve(dist));
const at = (dist, path) => pathToFileURL(join(dist, path)).href;
// Made by bench/national.mjs on its first run.
const workbook = resolve(fileURLToPath(import.meta.url), '../../out/synthetic-national.xlsx');

const { loadWorkbook } = await import(at(builds[0], 'cli/workbookInput.js'));
const { planTasks, runTask, scenarioKeysOf } = await import(at(builds[0], 'engine/run.js'));
const { model } = await loadWorkbook(workbook);
const options = { replications: 50, seed: 1 };
const keys = scenarioKeysOf(model, options);
const simulated = planTasks(model, options).slice(0, 72).map((task) => runTask(task));
const summaries = keys.map((key, i) => ({ ...simulated[i % simulated.length], key }));
const files = await Promise.all(builds.map((dist) => import(at(dist, 'cli/runOutputFiles.js'))));

async function writeAll(module) {
  const directory = mkdtempSync(join(tmpdir(), 'pathflow-writer-files-'));
  try {
    const started = process.cpuUsage();
    const output = new module.RunOutputFiles(directory, model, keys, model.dates);
    for (let i = 0; i < summaries.length; i++) {
      output.addScenario(i, summaries[i]);
      await output.drained();
    }
    await output.finish();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1e6;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

for (const module of files) await writeAll(module); // warm-up, each build once
const seconds = builds.map(() => []);
for (let round = 0; round < +rounds; round++) {
  const order = builds.map((_, b) => (b + round) % builds.length);
  for (const b of order) seconds[b].push(await writeAll(files[b]));
}
const median = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
const pairs = (b, against = 0) => seconds[b].map((s, r) => s - seconds[against][r]);
const meanSe = (values) => {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
  return `${mean >= 0 ? '+' : ''}${mean.toFixed(3)} s (se ${(sd / Math.sqrt(values.length)).toFixed(3)})`;
};
builds.forEach((dist, b) => {
  process.stdout.write(`${dists[b]}: median ${median(seconds[b]).toFixed(3)} s [${seconds[b].map((s) => s.toFixed(2)).join(' ')}]${b > 0 ? `, paired minus the first: ${meanSe(pairs(b))}` : ''}${b > 1 ? `, minus the one before: ${meanSe(pairs(b, b - 1))}` : ''}\n`);
});
