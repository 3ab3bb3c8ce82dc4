/**
 * runTaskCount counts the tasks a run hands its executor (what threads can share), so the
 * command line never starts a thread with nothing to claim.
 */
import { describe, expect, it } from 'vitest';
import { inProcessExecutor, runModel, type TaskExecutor } from '../../src/engine/run.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runTaskCount, runWorkUnits, shareableTaskCount, UNITS_PER_NETWORK_ARRIVAL } from '../../src/parallel/runTaskCount.js';
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

  it('counts a scenario as its blocks of replications, which the run hands out when threads outnumber tasks', async () => {
    expect(runTaskCount(oneNetwork)).toBe(1);
    // Blocks of at least 8 replications: 40 replications make 5, 7 make none to share.
    expect(shareableTaskCount(oneNetwork, 40)).toBe(5);
    expect(shareableTaskCount(oneNetwork, 7)).toBe(1);
    // An isolated node's scenario shares out as a component's does.
    expect(shareableTaskCount(networkModel, 40)).toBe(runTaskCount(networkModel) * 5);
    expect(shareableTaskCount(isolatedModel, 40)).toBe(runTaskCount(isolatedModel) * 5);
    expect(shareableTaskCount(isolatedModel, 7)).toBe(runTaskCount(isolatedModel));
    expect(await tasksHandedOut(oneNetwork, 40, 2)).toBe(2);
    expect(await tasksHandedOut(oneNetwork, 40, 1)).toBe(1);
    // Fewer scenarios than threads: each in one block a thread.
    const scenarios = runTaskCount(isolatedModel);
    expect(await tasksHandedOut(isolatedModel, 40, scenarios + 1)).toBe(scenarios * (scenarios + 1));
    expect(await tasksHandedOut(isolatedModel, 40, scenarios)).toBe(scenarios);
  });
});

const meanOf = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / values.length;

describe('runWorkUnits', () => {
  it("weighs an isolated node's scenarios by their days and a network's scenarios by their patients from outside, warm-up included", () => {
    const days = dates.length;
    // Isolated: every node-scenario's days, as before networks.
    const isolatedScenarios = isolatedModel.nodes.reduce((total, node) => total + node.capacity.length * node.los.length * node.arrivals.length, 0);
    expect(runWorkUnits(isolatedModel, 3)).toBe(isolatedScenarios * days * 3);
    // Acute to home: acute's mean arrivals a day from outside into its one component scenario, whatever its exit's days.
    const acutePerDay = meanOf(acute.arrivals[0].daily);
    expect(runWorkUnits(oneNetwork, 4)).toBeCloseTo(acutePerDay * days * 4 * UNITS_PER_NETWORK_ARRIVAL, 6);
    expect(runWorkUnits({ ...oneNetwork, warmupDays: 30 }, 4)).toBeCloseTo(acutePerDay * (days + 30) * 4 * UNITS_PER_NETWORK_ARRIVAL, 6);
    const busier: ModelSpec = { ...oneNetwork, nodes: [{ ...acute, arrivals: [{ name: 'BArr', daily: dates.map((_, d) => (d % 2 === 0 ? 0 : 40)) }] }, oneNetwork.nodes[1]] };
    expect(runWorkUnits(busier, 4)).toBeCloseTo(20 * days * 4 * UNITS_PER_NETWORK_ARRIVAL, 6);
  });

  it('adds the isolated nodes and each component scenario of a model with both', () => {
    const days = dates.length;
    const isolated = runWorkUnits({ ...networkModel, nodes: networkModel.nodes.filter((node) => node.locality !== 'N'), edges: [] }, 2);
    const network = runWorkUnits(networkModel, 2) - isolated;
    // Four component scenarios (2 capacity x 2 routing), each fed from outside at Acute_N and P3_N.
    const perDay = networkModel.nodes.filter((node) => node.locality === 'N').reduce((total, node) => total + (node.arrivals.length > 0 ? meanOf(node.arrivals[0].daily) : 0), 0);
    expect(perDay).toBeGreaterThan(meanOf(acute.arrivals[0].daily));
    expect(network).toBeCloseTo(4 * perDay * days * 2 * UNITS_PER_NETWORK_ARRIVAL, 6);
  });
});
