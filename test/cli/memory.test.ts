/**
 * A run's memory grows with the nodes by a bounded amount: a many-node model (63 nodes of the
 * synthetic national model, 504 scenarios) run through the built CLI peaks under a cap made of
 * a fixed base and a per-node bound. Sized for CI: 60 days and 20 replications, some seconds.
 *
 * Measured on the 2-core VM: 123-139 MB for 9 nodes (the process, two simulation threads and
 * the writer thread, loaded) and 204-210 MB for these 63 nodes, 1.3 MB a node; before the
 * IPACS rows and the out-of-turn daily rows were spooled and the main thread let go of daily
 * figures it was 295 MB, 2.9 MB a node (9 MB a node on the national workbook's 182 days and
 * 50 replications), which this cap fails.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { buildNationalModel } from '../../scripts/national-model.js';
import { modelFileText } from '../../src/engine/modelSchema.js';

/** The process with its threads loaded, before any node's figures. */
const BASE_MB = 160;
/** What a node of 8 scenarios x 60 days x 20 replications may add, at most. */
const PER_NODE_MB = 2;

const work = builtCliWorkDirectory('pathflow-memory-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('peaks under a fixed base plus a bounded amount a node, on a many-node model', () => {
  const model = buildNationalModel({ icbs: 7, days: 60 });
  const input = join(work, 'many-nodes.json');
  writeFileSync(input, modelFileText(model));
  const out = join(work, 'run');
  const run = pathflow('run', input, '--runs', '20', '--seed', '1', '--threads', '2', '-q', '--out', out);
  expect(run.status, run.stderr).toBe(0);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(manifest.scenarios).toBe(model.nodes.length * 8);
  expect(model.nodes.length).toBe(63);
  const cap = BASE_MB + PER_NODE_MB * model.nodes.length;
  expect(manifest.peakMemoryMB).toBeLessThanOrEqual(cap);
}, 600_000);
