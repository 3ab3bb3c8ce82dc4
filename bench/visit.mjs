#!/usr/bin/env node
// The P1 visit model's figures alone (issue 16), quicker than the whole bench when working on
// the visit booking: the reference workload, then the visit model's patients a second on one
// core and one P1 scenario x 1,000 replications, each beside its target.
//
//   node bench/visit.mjs [--repeats N]        (after npm run build)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { referenceWorkload, stats } from './reference.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
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

const args = process.argv.slice(2);
const repeatsAt = args.indexOf('--repeats');
const REPEATS = repeatsAt >= 0 ? Number(args[repeatsAt + 1]) : 5;
const SAMPLE = resolve(root, '../shared/data/ipacs/IPACS_params.xlsx');
const WORKBOOK = existsSync(SAMPLE) ? SAMPLE : join(root, 'examples/fictional-icb.xlsx');

const fmt = (x, digits = 3) => (x >= 100 ? x.toFixed(0) : x.toPrecision(digits));
const referenceMs = () => referenceWorkload().median;

function p1Throughput(model, replications) {
  const settings = settingsOf({ seed: 1, replications });
  const keys = allScenarios(model).filter((key) => key.pathway === 'P1');
  let patients = 0;
  const started = performance.now();
  for (const key of keys) {
    const node = model.nodes[key.nodeIndex];
    const run = replicationRunner(node, key, model.dates.length, settings);
    for (let r = 0; r < replications; r++) patients += node.initial.occupied + node.initial.waiting + run(r).horizon[Horizon.arrivals];
  }
  return patients / ((performance.now() - started) / 1000);
}

function p1Scenario1000(model) {
  const key = allScenarios(model).find((candidate) => candidate.pathway === 'P1');
  const task = { node: model.nodes[key.nodeIndex], key, days: model.dates.length, settings: settingsOf({ seed: 1, replications: 1000 }), replications: 1000 };
  simulateScenario({ ...task, replications: 50 });
  const times = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    simulateScenario(task);
    times.push(performance.now() - started);
  }
  return { id: key.id, ...stats(times) };
}

const read = await readIpacsWorkbook(new Uint8Array(readFileSync(WORKBOOK)), { fileName: WORKBOOK.split('/').pop() });
if (!read.ok) throw new Error('the benchmark workbook does not read');
const model = read.model;
console.log(`workbook ${WORKBOOK.replace(resolve(root, '..'), '..')}; reference workload ${fmt(referenceMs())} ms`);
p1Throughput(model, 5);
const rates = stats(Array.from({ length: REPEATS }, () => p1Throughput(model, 100)));
console.log(
  `visit model (P1), one core: median ${fmt(rates.median / 1e6)} M patients/s (min ${fmt(rates.min / 1e6)}, max ${fmt(rates.max / 1e6)}; ` +
    `target ${fmt(VISIT_PATIENTS_PER_SECOND_TARGET / 1e6)} M, twice the ${fmt(VISIT_PATIENTS_PER_SECOND_BEFORE / 1e6)} M before issue 16)`,
);
const scenario = p1Scenario1000(model);
console.log(`one P1 scenario (${scenario.id}) x 1,000 replications, one thread: median ${fmt(scenario.median)} ms (min ${fmt(scenario.min)}, max ${fmt(scenario.max)}; target ${VISIT_SCENARIO_1000_TARGET_MS} ms)`);
console.log(`reference workload again: ${fmt(referenceMs())} ms`);
