#!/usr/bin/env node
// The P1 visit model's figures alone (issue 16), quicker than the whole bench when working on
// the visit booking: the reference workload, then the visit model's patients a second on one
// core and one P1 scenario x 1,000 replications, each beside its target. Each is timed on the
// wall clock and in CPU; the first timing of each, in a fresh process, is also printed with its
// minor page faults: on this VM a page touched for the first time costs about 16 us, so memory
// made fresh shows there (the medians are of the later, warm timings).
//
//   node bench/visit.mjs [--repeats N] [--dist <build>]        (after npm run build)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { referenceWorkload, stats } from './reference.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const dist = distAt >= 0 ? resolve(argv[distAt + 1]) : join(root, 'dist');
const { readIpacsWorkbook } = await import(join(dist, 'workbook/read.js'));
const { allScenarios } = await import(join(dist, 'engine/scenarios.js'));
const { replicationRunner, simulateScenario } = await import(join(dist, 'engine/replications.js'));
const { settingsOf } = await import(join(dist, 'engine/run.js'));
const { Horizon } = await import(join(dist, 'engine/dailyRecord.js'));

/**
 * The visit model's patients a second before issue 16's work (commit af8cf55, the IPACS sample,
 * 100 replications of every P1 scenario, best of several runs on the project's 2-core VM with
 * the reference workload at 25-27 ms). The target is twice it.
 */
const VISIT_PATIENTS_PER_SECOND_BEFORE = 9.2e6;
const VISIT_PATIENTS_PER_SECOND_TARGET = 2 * VISIT_PATIENTS_PER_SECOND_BEFORE;
/** One P1 scenario x 1,000 replications, one thread (issue 16; 215-274 ms before). */
const VISIT_SCENARIO_1000_TARGET_MS = 150;

const repeatsAt = argv.indexOf('--repeats');
const REPEATS = repeatsAt >= 0 ? Number(argv[repeatsAt + 1]) : 5;
const SAMPLE = resolve(root, '../shared/data/ipacs/IPACS_params.xlsx');
const WORKBOOK = existsSync(SAMPLE) ? SAMPLE : join(root, 'examples/fictional-icb.xlsx');

const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x.toPrecision(digits));
const referenceMs = () => referenceWorkload().median;
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
/** Wall ms, CPU ms and minor page faults of `work()`, and what it returned. */
function timed(work) {
  const faults = process.resourceUsage().minorPageFault;
  const cpu = cpuMs();
  const started = performance.now();
  const value = work();
  return { wall: performance.now() - started, cpu: cpuMs() - cpu, faults: process.resourceUsage().minorPageFault - faults, value };
}

function p1Throughput(model, replications) {
  const settings = settingsOf({ seed: 1, replications });
  const keys = allScenarios(model).filter((key) => key.pathway === 'P1');
  let patients = 0;
  for (const key of keys) {
    const node = model.nodes[key.nodeIndex];
    const run = replicationRunner(node, key, model.dates.length, settings);
    for (let r = 0; r < replications; r++) patients += node.initial.occupied + node.initial.waiting + run(r).horizon[Horizon.arrivals];
  }
  return patients;
}

function p1Scenario1000(model) {
  const key = allScenarios(model).find((candidate) => candidate.pathway === 'P1');
  const task = { node: model.nodes[key.nodeIndex], key, days: model.dates.length, settings: settingsOf({ seed: 1, replications: 1000 }), replications: 1000 };
  const first = timed(() => simulateScenario(task));
  const runs = Array.from({ length: REPEATS }, () => timed(() => simulateScenario(task)));
  return { id: key.id, first, wall: stats(runs.map((run) => run.wall)), cpu: stats(runs.map((run) => run.cpu)) };
}

const read = await readIpacsWorkbook(new Uint8Array(readFileSync(WORKBOOK)), { fileName: WORKBOOK.split('/').pop() });
if (!read.ok) throw new Error('the benchmark workbook does not read');
const model = read.model;
console.log(`workbook ${WORKBOOK.replace(resolve(root, '..'), '..')}; reference workload ${fmt(referenceMs())} ms`);
const coldThroughput = timed(() => p1Throughput(model, 100));
const throughputRuns = Array.from({ length: REPEATS }, () => timed(() => p1Throughput(model, 100)));
const perSecond = (run, ms) => run.value / (ms / 1000) / 1e6;
const rates = stats(throughputRuns.map((run) => perSecond(run, run.wall)));
const cpuRates = stats(throughputRuns.map((run) => perSecond(run, run.cpu)));
console.log(
  `visit model (P1), one core: median ${fmt(rates.median)} M patients/s (min ${fmt(rates.min)}, max ${fmt(rates.max)}; ` +
    `target ${fmt(VISIT_PATIENTS_PER_SECOND_TARGET / 1e6)} M, twice the ${fmt(VISIT_PATIENTS_PER_SECOND_BEFORE / 1e6)} M before issue 16); ` +
    `a CPU second: median ${fmt(cpuRates.median)} M (min ${fmt(cpuRates.min)}, max ${fmt(cpuRates.max)})`,
);
console.log(`  first, cold: ${fmt(perSecond(coldThroughput, coldThroughput.wall))} M patients/s, ${fmt(perSecond(coldThroughput, coldThroughput.cpu))} M a CPU second, ${coldThroughput.faults} minor page faults`);
const scenario = p1Scenario1000(model);
console.log(
  `one P1 scenario (${scenario.id}) x 1,000 replications, one thread: median ${fmt(scenario.wall.median)} ms (min ${fmt(scenario.wall.min)}, max ${fmt(scenario.wall.max)}; target ${VISIT_SCENARIO_1000_TARGET_MS} ms); ` +
    `CPU median ${fmt(scenario.cpu.median)} ms (min ${fmt(scenario.cpu.min)}, max ${fmt(scenario.cpu.max)})`,
);
console.log(`  first, cold: ${fmt(scenario.first.wall)} ms, ${fmt(scenario.first.cpu)} ms CPU, ${scenario.first.faults} minor page faults`);
console.log(`reference workload again: ${fmt(referenceMs())} ms`);
