/**
 * runTaskCount counts the tasks a run hands its executor (what threads can share), so the
 * command line never starts a thread with nothing to claim.
 */
import { describe, expect, it } from 'vitest';
import { inProcessExecutor, runModel, type TaskExecutor } from '../../src/engine/run.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runTaskCount, shareableTaskCount } from '../../src/parallel/runTaskCount.js';
import { acute, dates, isolatedModel, networkModel } from '../engine/network/runModels.js';

async function tasksHandedOut(model: ModelSpec, replications = 1, threads = 1): Promise<number> {
  let tasks = 0;
  const counting: TaskExecutor = (task) => {
    tasks++;
    return inProcessExecutor(task);
  };
  await runModel(model, { replications, seed: 5, threads }, counting);
  return tasks;
}

/** Acute to home alone: one component scenario, one task. */
const oneNetwork: ModelSpec = {
  name: 'one network',
  dates,
  nodes: [acute, { id: 'Home_N', kind: 'exit', pathway: 'Home', locality: 'N', arrivals: [], capacity: [], los: [], initial: { occupied: 0, waiting: 0 }, costs: { community: 0, acuteDelay: 0 } }],
  edges: [{ from: 'Acute_N', to: 'Home_N', probability: 1 }],
};

describe('runTaskCount', () => {
  it('counts a component scenario as one task, as the run hands it out', async () => {
    // Isolated P1_S (2 capacity scenarios) and P2_S (1), and the component's 2 capacity x 2 routing scenarios.
    expect(runTaskCount(networkModel)).toBe(7);
    expect(runTaskCount(networkModel)).toBe(await tasksHandedOut(networkModel));
    expect(runTaskCount(isolatedModel)).toBe(await tasksHandedOut(isolatedModel));
  });

  it('counts a lone component scenario as its blocks of replications, which the run hands out when threads outnumber tasks', async () => {
    expect(runTaskCount(oneNetwork)).toBe(1);
    // Blocks of at least 8 replications: 40 replications make 5, 7 make none to share.
    expect(shareableTaskCount(oneNetwork, 40)).toBe(5);
    expect(shareableTaskCount(oneNetwork, 7)).toBe(1);
    // Enough tasks to go round already: a component scenario stays whole.
    expect(shareableTaskCount(networkModel, 40)).toBe(runTaskCount(networkModel) - 4 + 4 * 5);
    expect(shareableTaskCount(isolatedModel, 40)).toBe(runTaskCount(isolatedModel));
    expect(await tasksHandedOut(oneNetwork, 40, 2)).toBe(2);
    expect(await tasksHandedOut(oneNetwork, 40, 1)).toBe(1);
  });
});
