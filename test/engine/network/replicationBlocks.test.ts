/**
 * A component scenario's replications shared among threads in blocks: each replication's
 * numbers depend only on the seed and its index (not on what the thread simulated before it),
 * and a summary made from blocks, however split and in whatever order they finish, is the one
 * simulated whole, to the byte.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../../src/engine/model.js';
import { simulateComponent, simulateReplicationBlock, summariseComponent, type ReplicationBlock } from '../../../src/engine/network/componentRun.js';
import { componentStores, componentStoreShape } from '../../../src/engine/network/componentStores.js';
import { componentTask, isComponentBlockTask, plannedComponentScenarios, type ComponentTask } from '../../../src/engine/network/componentTask.js';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { inProcessExecutor, replicationBlocks, runModel, type RunTask, type TaskExecutor } from '../../../src/engine/run.js';
import { fixed, total } from './helpers.js';

/** Generous: a few dozen replications of a six-month network, on a busy CI machine. */
const TIMEOUT_MS = 120_000;
const SEED = 424242;

function exampleModel(): ModelSpec {
  const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
  return parsed.model;
}

function exampleTask(replications: number): ComponentTask {
  const model = exampleModel();
  return componentTask(model, plannedComponentScenarios(model)[0], { seed: SEED, initialResidual: 'ipacs' }, replications);
}

/** JSON that keeps typed arrays' every element and tells Infinity and NaN apart from null. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, String);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

/** Every array and count of a record, copied (the simulator reuses its record). */
function recordCopy(record: NetworkRecord): string {
  const { values, initial, stockAtEnd, flows, visits, waits, blockedUpstream, externalQueue, delayedAdmissions, waitingAtEnd, blockedBedDaysByCause, timePercentiles, patientFigures, timeInSystemByExit } = record;
  return exactJson({
    values, initial, stockAtEnd, flows, visits, waits, blockedUpstream, externalQueue, delayedAdmissions, waitingAtEnd, blockedBedDaysByCause, timePercentiles, patientFigures, timeInSystemByExit,
    counts: [record.externalArrivals, record.initialTotal, record.exits, record.lost, record.deadlocks, record.forcedAdmissions],
  });
}

/** Blocks of `task` with these sizes, simulated into `stores` in the order `order` lists them. */
function simulateInBlocks(task: ComponentTask, sizes: number[], order: number[], shared: boolean) {
  const stores = componentStores(componentStoreShape(task), (bytes) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)));
  const firsts = sizes.map((_, b) => sizes.slice(0, b).reduce((sum, size) => sum + size, 0));
  const blocks: ReplicationBlock[] = order.map((b) => simulateReplicationBlock(task, stores, firsts[b], sizes[b]));
  return summariseComponent(task, stores, blocks);
}

describe('a replication of a network', () => {
  it('waits as long for its first node whatever the same thread simulated before it (a transfer delay left in a reused patient slot shortened it)', () => {
    // A's second arrival (0.3) queues until the first patient moves to B at 1.7: 1.4 days. On
    // admission its move to B is drawn, with a delay of 0.5, into its patient slot, and the
    // horizon (day 2) ends during its stay. In the next replication the same slot holds the same
    // queued arrival, which must wait 1.4 days again, not 0.9.
    const model: NetworkModel = {
      days: 2,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.2, 0.3], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 2, los: fixed(2) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1, delay: fixed(0.5) }],
    };
    const simulator = new NetworkSimulator(compileNetwork(model));
    const waitedAtA = (record: NetworkRecord) => total(record.waitsRow(0));
    const first = simulator.simulate(SEED, 0);
    expect(waitedAtA(first)).toBeCloseTo(1.4, 12);
    const firstCopy = recordCopy(first);
    const again = simulator.simulate(SEED, 0);
    expect(waitedAtA(again)).toBeCloseTo(1.4, 12);
    expect(recordCopy(again)).toBe(firstCopy);
  });

  it('is the same simulated on a fresh simulator or after others, on the bundled network example', { timeout: TIMEOUT_MS }, () => {
    const network = compileNetwork(exampleTask(1).network);
    const warm = new NetworkSimulator(network);
    const afterOthers = [0, 1, 2, 3].map((r) => recordCopy(warm.simulate(SEED, r)));
    for (const r of [3, 1]) expect(recordCopy(new NetworkSimulator(network).simulate(SEED, r))).toBe(afterOthers[r]);
  });
});

describe('a component scenario in blocks of replications', () => {
  const task = exampleTask(12);
  const whole = exactJson(simulateComponent(task));

  it('summarises to the very summary simulated whole, however split and in whatever order the blocks finish', { timeout: TIMEOUT_MS }, () => {
    expect(exactJson(simulateInBlocks(task, [12], [0], false))).toBe(whole);
    expect(exactJson(simulateInBlocks(task, [1, 11], [1, 0], false))).toBe(whole);
    expect(exactJson(simulateInBlocks(task, [5, 4, 3], [2, 0, 1], true))).toBe(whole);
  });

  it('refuses a summary while replications are missing', () => {
    const stores = componentStores(componentStoreShape(task));
    const block = simulateReplicationBlock(task, stores, 0, 5);
    expect(() => summariseComponent(task, stores, [block])).toThrow(/5 of 12 replications/);
    expect(() => simulateReplicationBlock(task, stores, 10, 5)).toThrow(/not among the task's 12/);
  });
});

describe('component scenarios simulated in turn on one thread', () => {
  it('each summarise as from fresh stores, and keep their summaries, when the next reuses the stores', { timeout: TIMEOUT_MS }, () => {
    // simulateComponent keeps its stores' buffer for the thread's next scenario of the same
    // shape: a summary must own its arrays, and a reused buffer must hold nothing of the last.
    const model = exampleModel();
    const tasks = plannedComponentScenarios(model)
      .slice(0, 3)
      .map((scenario) => componentTask(model, scenario, { seed: SEED, initialResidual: 'ipacs' }, 6));
    const fresh = tasks.map((task) => exactJson(simulateInBlocks(task, [6], [0], false)));
    expect(new Set(fresh).size).toBe(3);
    const first = simulateComponent(tasks[0]);
    const firstJson = exactJson(first);
    expect(firstJson).toBe(fresh[0]);
    for (const k of [1, 2, 0, 1]) expect(exactJson(simulateComponent(tasks[k]))).toBe(fresh[k]);
    expect(exactJson(first)).toBe(firstJson);
  });
});

describe('a run with fewer tasks than threads', () => {
  it('splits each component scenario into one block a thread, none when tasks go round', () => {
    expect(replicationBlocks(1, 2, 100)).toBe(2);
    expect(replicationBlocks(1, 4, 100)).toBe(4);
    expect(replicationBlocks(1, 4, 20)).toBe(2);
    expect(replicationBlocks(1, 2, 8)).toBe(1);
    expect(replicationBlocks(2, 2, 100)).toBe(1);
    expect(replicationBlocks(1, 1, 100)).toBe(1);
  });

  it('gives the result of one thread, byte for byte', { timeout: TIMEOUT_MS }, async () => {
    const model = exampleModel();
    const first = plannedComponentScenarios(model)[0];
    const nodes = new Set(first.component.nodes.map((index) => model.nodes[index].id));
    // One component scenario: its nodes with their first scenarios, their baseline routing.
    const single: ModelSpec = {
      ...model,
      nodes: model.nodes.filter((node) => nodes.has(node.id)).map((node) => ({ ...node, capacity: node.capacity.slice(0, 1), los: node.los.slice(0, 1), arrivals: node.arrivals.slice(0, 1) })),
      edges: model.edges!.filter((edge) => nodes.has(edge.from) && edge.scenario === first.scenario.routingScenario),
    };
    expect(plannedComponentScenarios(single)).toHaveLength(1);
    const handed: RunTask[] = [];
    const recording: TaskExecutor = async (task) => {
      handed.push(task);
      return inProcessExecutor(task);
    };
    const options = { replications: 32, seed: SEED };
    const oneThread = await runModel(single, options);
    const fourThreads = await runModel(single, { ...options, threads: 4, concurrency: 4 }, recording);
    expect(handed.length).toBe(4);

    expect(handed.every(isComponentBlockTask)).toBe(true);
    expect(exactJson(fourThreads)).toBe(exactJson(oneThread));
  });
});
