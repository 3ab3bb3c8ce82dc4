/**
 * The network simulator's results, pinned to the byte: SHA-256 of every record of the bundled
 * network example's first component scenario (visit nodes, a capacity calendar, an arrival
 * profile, initial occupancy, blocking, readmission) over 5 replications, and of the component
 * summary built from them. The hashes were recorded before the simulator was tuned for speed,
 * so a speed-up that changes any number, however slightly, fails here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { simulateComponent } from '../../../src/engine/network/componentRun.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';

const SEED = 20261001;
const REPLICATIONS = 5;
/** Generous: five replications of a six-month network take well under a second, more on a busy CI machine. */
const TIMEOUT_MS = 120_000;

function exampleTask() {
  const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  const first = plannedComponentScenarios(parsed.model)[0];
  return componentTask(parsed.model, first, { seed: SEED, initialResidual: 'ipacs' }, REPLICATIONS);
}

function hashRecord(hash: ReturnType<typeof createHash>, record: NetworkRecord): void {
  for (const array of [record.values, record.initial, record.stockAtEnd, record.flows, record.visits, record.waits, record.blockedUpstream, record.externalQueue, record.delayedAdmissions, record.waitingAtEnd]) {
    hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  }
  hash.update(JSON.stringify([record.externalArrivals, record.initialTotal, record.exits, record.lost, record.deadlocks, record.forcedAdmissions]));
}

/** JSON that keeps typed arrays' every element and tells Infinity and NaN apart from null. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, String);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

describe('the network example, first component scenario, 5 replications', () => {
  const task = exampleTask();

  it('gives records with the SHA-256 recorded before the speed work', { timeout: TIMEOUT_MS }, () => {
    const simulator = new NetworkSimulator(compileNetwork(task.network));
    const hash = createHash('sha256');
    for (let r = 0; r < REPLICATIONS; r++) hashRecord(hash, simulator.simulate(SEED, r));
    expect(hash.digest('hex')).toBe('f7455d89e67d2a0a5af54aa51fb476b3f3619379b4728793fd1affba3a72cdfe');
  });

  it('gives a component summary with the SHA-256 recorded before the speed work', { timeout: TIMEOUT_MS }, () => {
    // Blocked bed-days by cause, time-weighted percentiles and per-patient figures came after
    // the hash was recorded: the rest must not move.
    const full = simulateComponent(task);
    // Replacing `nodes` in a spread keeps its place among the keys, so the JSON is as it was.
    const { blockedByCause: _causes, patients: _patients, ...summary } = { ...full, nodes: full.nodes.map(({ timePercentiles: _levels, ...node }) => node) };
    // Re-recorded from the code before the speed work (main at 82b99d4) once the example's P1 and
    // domiciliary care became priced per visit: costs are in the summary, not in the records.
    expect(createHash('sha256').update(exactJson(summary)).digest('hex')).toBe('7ef34b2c11eb01ae71413e7aa431a8a1bb41a7a4ec2f1bb6e526cbac0a65294a');
  });
});
