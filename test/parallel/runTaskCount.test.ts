/**
 * runTaskCount counts the tasks a run hands its executor (what threads can share), so the
 * command line never starts a thread with nothing to claim.
 */
import { describe, expect, it } from 'vitest';
import { inProcessExecutor, runModel, type TaskExecutor } from '../../src/engine/run.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runTaskCount } from '../../src/parallel/runTaskCount.js';
import { isolatedModel, networkModel } from '../engine/network/runModels.js';

async function tasksHandedOut(model: ModelSpec): Promise<number> {
  let tasks = 0;
  const counting: TaskExecutor = (task) => {
    tasks++;
    return inProcessExecutor(task);
  };
  await runModel(model, { replications: 1, seed: 5 }, counting);
  return tasks;
}

describe('runTaskCount', () => {
  it('counts a component scenario as one task, as the run hands it out', async () => {
    // Isolated P1_S (2 capacity scenarios) and P2_S (1), and the component's 2 capacity x 2 routing scenarios.
    expect(runTaskCount(networkModel)).toBe(7);
    expect(runTaskCount(networkModel)).toBe(await tasksHandedOut(networkModel));
    expect(runTaskCount(isolatedModel)).toBe(await tasksHandedOut(isolatedModel));
  });
});
