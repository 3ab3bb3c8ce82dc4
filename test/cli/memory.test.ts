/**
 * A run's memory grows with the nodes by a bounded amount: a many-node model (63 nodes of the
 * synthetic national model, 504 scenarios) run through the built CLI peaks under a cap made of
 * a fixed base and a per-node bound, and twice the nodes add no more than that bound a node.
 * Sized for CI: 60 days and 20 replications. Memory only: nothing here is timed.
 *
 * Measured on the 2-core VM: 123-139 MB for 9 nodes (the process, two simulation threads and
 * the writer thread, loaded), 197-213 MB for these 63 nodes and 258-274 MB for 126, about
 * 1 MB a node. Of that, what a run holds for a finished node is a few tens of KB (each
 * scenario's whole-horizon figures for summary.csv, its IPACS daily means for the wide files,
 * where its spooled rows are); the rest is V8 sizing its heaps to a longer run, and the
 * simulation is held back while the writer thread is behind (settleWindow.ts), so waiting
 * summaries are not part of it. Before the IPACS rows and out-of-turn daily rows were spooled
 * and the main thread let go of daily figures it was 295 MB for 63 nodes, 2.9 MB a node (9 MB a
 * node on the national workbook's 182 days and 50 replications), which these bounds fail.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { buildNationalModel } from '../../scripts/national-model.js';
import { modelFileText } from '../../src/engine/modelSchema.js';

/** The process with its threads loaded, before any node's figures. */
const BASE_MB = 160;
/** What a node of 8 scenarios x 60 days x 20 replications may add, at most: half as much again as measured. */
const PER_NODE_MB = 1.5;

const work = builtCliWorkDirectory('pathflow-memory-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The peak memory of `pathflow run` on the national model of `icbs` ICBs (9 nodes each), and its node count. */
function peakOf(icbs: number): { nodes: number; peakMB: number } {
  const model = buildNationalModel({ icbs, days: 60 });
  const input = join(work, `nodes-${icbs}.json`);
  writeFileSync(input, modelFileText(model));
  const out = join(work, `run-${icbs}`);
  const run = pathflow('run', input, '--runs', '20', '--seed', '1', '--threads', '2', '-q', '--out', out);
  expect(run.status, run.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(manifest.scenarios).toBe(model.nodes.length * 8);
  rmSync(out, { recursive: true, force: true });
  return { nodes: model.nodes.length, peakMB: manifest.peakMemoryMB };
}

/** Room for two runs of the CLI on a CI machine busy with other work: a wait, not a speed check. */
const TWO_RUNS_HOOK_TIMEOUT_MS = 600_000;

let many: { nodes: number; peakMB: number };
let twiceAsMany: { nodes: number; peakMB: number };
beforeAll(() => {
  many = peakOf(7);
  twiceAsMany = peakOf(14);
}, TWO_RUNS_HOOK_TIMEOUT_MS);

it('peaks under a fixed base plus a bounded amount a node, on a many-node model', () => {
  expect(many.nodes).toBe(63);
  expect(many.peakMB).toBeLessThanOrEqual(BASE_MB + PER_NODE_MB * many.nodes);
});

it('adds no more than the per-node bound for each node added: twice the nodes is not twice the memory', () => {
  expect(twiceAsMany.nodes).toBe(126);
  expect(twiceAsMany.peakMB - many.peakMB).toBeLessThanOrEqual(PER_NODE_MB * (twiceAsMany.nodes - many.nodes));
  expect(twiceAsMany.peakMB).toBeLessThanOrEqual(BASE_MB + PER_NODE_MB * twiceAsMany.nodes);
});
