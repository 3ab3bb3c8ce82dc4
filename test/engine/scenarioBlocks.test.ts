/**
 * An isolated node's scenario shared among threads in blocks of replications: a summary made
 * from blocks, however split and in whatever order they finish, is the one simulated whole, to
 * the byte; and a run with fewer scenarios than threads hands out blocks and gives the result
 * of one thread.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { simulateScenario, type ScenarioTask } from '../../src/engine/replications.js';
import { inProcessExecutor, planTasks, runModel, type RunTask, type TaskExecutor } from '../../src/engine/run.js';
import { isScenarioBlockTask, scenarioBlockTasks, simulateScenarioBlock, summariseScenarioBlocks, type ScenarioBlockTask } from '../../src/engine/scenarioBlocks.js';
import { dates, isolatedNodes } from './network/runModels.js';

const SEED = 20261207;

/** JSON that keeps typed arrays' every element and tells Infinity and NaN apart from null. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, String);
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    return v;
  });
}

/** The model of the isolated P1_S (two capacity scenarios) and P2_S (one). */
const isolated: ModelSpec = { name: 'isolated', dates, nodes: isolatedNodes };

function taskOf(nodeId: string, replications: number): ScenarioTask {
  const task = planTasks(isolated, { replications, seed: SEED }).find((candidate) => candidate.node.id === nodeId);
  if (!task) throw new Error(`no scenario of ${nodeId}`);
  return task;
}

/** Blocks of `task` with these sizes, simulated in the order `order` lists them, then summarised. */
function simulateInBlocks(task: ScenarioTask, sizes: number[], order: number[], shared: boolean) {
  const [whole] = scenarioBlockTasks(task, 1, (bytes) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)));
  const firsts = sizes.map((_, b) => sizes.slice(0, b).reduce((sum, size) => sum + size, 0));
  const blocks: ScenarioBlockTask[] = sizes.map((count, b) => ({ ...whole, first: firsts[b], count }));
  for (const b of order) simulateScenarioBlock(blocks[b]);
  return summariseScenarioBlocks(blocks[0]);
}

describe('an isolated scenario in blocks of replications', () => {
  for (const nodeId of ['P1_S', 'P2_S']) {
    it(`summarises ${nodeId} to the very summary simulated whole, however split and in whatever order the blocks finish`, () => {
      const task = taskOf(nodeId, 40);
      const whole = exactJson(simulateScenario(task));
      expect(exactJson(simulateInBlocks(task, [40], [0], false))).toBe(whole);
      expect(exactJson(simulateInBlocks(task, [1, 39], [1, 0], false))).toBe(whole);
      // Blocks beyond a staging batch (32 replications) and shorter than one.
      expect(exactJson(simulateInBlocks(task, [17, 3, 20], [2, 0, 1], true))).toBe(whole);
    });
  }

  it('splits the replications evenly, every replication in one block', () => {
    const blocks = scenarioBlockTasks(taskOf('P2_S', 10), 4, (bytes) => new ArrayBuffer(bytes));
    expect(blocks.map((block) => [block.first, block.count])).toEqual([
      [0, 2],
      [2, 3],
      [5, 2],
      [7, 3],
    ]);
    expect(new Set(blocks.map((block) => block.columns)).size).toBe(1);
    expect(scenarioBlockTasks(taskOf('P2_S', 2), 4, (bytes) => new ArrayBuffer(bytes))).toHaveLength(2);
  });

  it('refuses a block outside the scenario', () => {
    const [block] = scenarioBlockTasks(taskOf('P2_S', 12), 1, (bytes) => new ArrayBuffer(bytes));
    expect(() => simulateScenarioBlock({ ...block, first: 10, count: 5 })).toThrow(/not among the scenario's 12/);
    expect(() => simulateScenarioBlock({ ...block, first: 0, count: 0 })).toThrow(/not among the scenario's 12/);
  });

  it('gives a summary that owns its figures by replication, not a view of the shared memory', () => {
    const summary = simulateInBlocks(taskOf('P2_S', 16), [8, 8], [0, 1], true);
    expect(summary.horizon.byReplication.buffer).toBeInstanceOf(ArrayBuffer);
  });
});

describe('a run with fewer scenarios than threads', () => {
  const recordingRun = async (model: ModelSpec, options: { replications: number; seed: number; threads?: number; concurrency?: number }) => {
    const handed: RunTask[] = [];
    const recording: TaskExecutor = async (task) => {
      handed.push(task);
      return inProcessExecutor(task);
    };
    const result = await runModel(model, options, recording);
    return { result, handed };
  };

  it('shares each isolated scenario out in one block a thread, with the result of one thread, byte for byte', async () => {
    const options = { replications: 32, seed: SEED };
    const oneThread = await runModel(isolated, options);
    // Three scenarios, four threads: four blocks each, of eight replications (the least a block has).
    const { result, handed } = await recordingRun(isolated, { ...options, threads: 4, concurrency: 4 });
    expect(handed).toHaveLength(12);
    expect(handed.every(isScenarioBlockTask)).toBe(true);
    expect(handed.filter(isScenarioBlockTask).map((block) => block.count)).toEqual(Array(12).fill(8));
    expect(exactJson(result)).toBe(exactJson(oneThread));
  });

  it('gives the first run its own summaries when the next reuses the shared memory', async () => {
    const options = { replications: 16, seed: SEED, threads: 2, concurrency: 2 };
    const lone: ModelSpec = { ...isolated, nodes: [isolatedNodes[1]] };
    const first = await runModel(lone, options);
    const firstJson = exactJson(first);
    // Three scenarios at once take every buffer kept, the one the first run gave back among them.
    const second = await runModel(isolated, { ...options, threads: 4, concurrency: 4, seed: SEED + 1 });
    expect(second.scenarios).toHaveLength(3);
    expect(exactJson(first)).toBe(firstJson);
    expect(exactJson(await runModel(lone, { replications: 16, seed: SEED }))).toBe(firstJson);
  });

  it('keeps scenarios whole when there are enough to go round', async () => {
    const { handed } = await recordingRun(isolated, { replications: 24, seed: SEED, threads: 3, concurrency: 3 });
    expect(handed).toHaveLength(3);
    expect(handed.some(isScenarioBlockTask)).toBe(false);
  });
});
