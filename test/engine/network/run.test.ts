/**
 * runModel on a model with a network component beside isolated nodes: the isolated nodes are
 * untouched, the component's scenarios are crossed and reported, every node reads in today's
 * shape, and the component's figures add up replication by replication.
 */
import { describe, expect, it } from 'vitest';
import { priceReplications } from '../../../src/engine/costBasis.js';
import { Horizon, HORIZON_FIELD_COUNT } from '../../../src/engine/dailyRecord.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { componentKeysOf, runModel, scenarioKeysOf, type RunResult } from '../../../src/engine/run.js';
import { scenarioCount } from '../../../src/engine/scenarios.js';
import { acute, dates, isolatedModel, networkModel } from './runModels.js';

const REPLICATIONS = 12;
const SEED = 2024;

describe('a run with a network component', () => {
  let result: RunResult;
  const run = async () => (result ??= await runModel(networkModel, { replications: REPLICATIONS, seed: SEED }));

  it('leaves the isolated nodes exactly as a run without the network gives them', async () => {
    const { scenarios } = await run();
    const alone = await runModel(isolatedModel, { replications: REPLICATIONS, seed: SEED });
    const isolated = scenarios.filter((s) => s.key.component === undefined);
    expect(isolated.map((s) => s.key.id)).toEqual(alone.scenarios.map((s) => s.key.id));
    // Only their index in the model differs.
    const figures = (summaries: typeof scenarios) => summaries.map((s) => ({ ...s, key: { ...s.key, nodeIndex: 0 } }));
    expect(figures(isolated)).toEqual(figures(alone.scenarios));
    expect(alone.components).toBeUndefined();
  });

  it('crosses the scenario names of the component and orders every scenario by node', async () => {
    const { scenarios, components } = await run();
    expect(components!.map((c) => c.key.id)).toEqual([
      'N_BCap_Blos_BArr_BRoute',
      'N_BCap_Blos_BArr_MoreP2',
      'N_S1Cap_Blos_BArr_BRoute',
      'N_S1Cap_Blos_BArr_MoreP2',
    ]);
    expect(componentKeysOf(networkModel)).toEqual(components!.map((c) => c.key));
    expect(scenarioKeysOf(networkModel)).toEqual(scenarios.map((s) => s.key));
    // What `pathflow validate` and the web app say a run will report.
    expect(scenarioCount(networkModel)).toBe(scenarios.length);
    expect(scenarios.map((s) => s.key.id)).toEqual([
      'P1_S_BCap_Blos_BArr',
      'P1_S_S1Cap_Blos_BArr',
      ...['Acute_N', 'P2_N', 'P3_N', 'Home_N'].flatMap((node) => ['BCap_Blos_BArr_BRoute', 'BCap_Blos_BArr_MoreP2', 'S1Cap_Blos_BArr_BRoute', 'S1Cap_Blos_BArr_MoreP2'].map((s) => `${node}_${s}`)),
      'P2_S_BCap_Blos_BArr',
    ]);
    // The same objects in both places.
    expect(scenarios[2 + 4 + 2]).toBe(components![2].nodes[1].scenario);
    expect(scenarios[2 + 4 + 2].key.capacity).toBe(12);
  });

  it('surfaces the nodes that ran their baseline for a scenario name they lack', async () => {
    const { components } = await run();
    expect(components![0].warnings).toEqual([]);
    expect(components![2].warnings).toEqual(['Acute_N has no capacity scenario S1Cap: it runs BCap', 'P3_N has no capacity scenario S1Cap: it runs BCap']);
  });

  it('reports flows along the scenario\'s edges and system totals', async () => {
    const { components } = await run();
    const [base, moreP2] = components!;
    expect(base.flows.map((f) => [f.edge, f.from, f.to])).toEqual([
      [0, 'Acute_N', 'Home_N'],
      [1, 'Acute_N', 'P2_N'],
      [2, 'Acute_N', 'P3_N'],
      [6, 'P2_N', 'Home_N'],
    ]);
    expect(moreP2.flows.map((f) => f.edge)).toEqual([3, 4, 5, 7]);
    expect(base.system.byReplication.totalCost).toHaveLength(REPLICATIONS);
    expect(Object.keys(base.system.throughputByExit).sort()).toEqual(['(implicit exit)', 'Home_N']);
    // The system's cost is the nodes' costs added up, replication by replication.
    for (let r = 0; r < REPLICATIONS; r++) {
      const nodes = base.nodes.reduce((sum, node) => sum + node.scenario.horizon.byReplication[r * HORIZON_FIELD_COUNT + Horizon.totalCost], 0);
      expect(base.system.byReplication.totalCost[r]).toBeCloseTo(nodes, 6);
    }
  });

  it('splits each node\'s cost into acute and community parts as an isolated node\'s: beds held at the community rate, the rest at the acute rate', async () => {
    const { components } = await run();
    for (const node of components![0].nodes) {
      const spec = networkModel.nodes[node.scenario.key.nodeIndex];
      const priced = priceReplications(spec, node.scenario.key, node.scenario.horizon, 'occupied', dates.length);
      const community = spec.kind === 'acute' || spec.kind === 'exit' ? 0 : spec.costs.community;
      for (let r = 0; r < REPLICATIONS; r++) {
        const bedDays = node.scenario.horizon.byReplication[r * HORIZON_FIELD_COUNT + Horizon.meanOccupancy] * dates.length;
        expect(priced.community[r]).toBeCloseTo(community * bedDays, 4);
      }
    }
    // Acute's delayed discharges are its acute part.
    const acuteNode = components![0].nodes[0];
    expect(acuteNode.scenario.horizon.delayedBedDays.mean).toBeCloseTo(acuteNode.horizon.blocked.mean * dates.length, 6);
  });

  it('conserves patients at every node in every replication, and its summaries are the simulator\'s counts', async () => {
    const { components } = await run();
    const planned = plannedComponentScenarios(networkModel);
    components!.forEach((component, k) => {
      const task = componentTask(networkModel, planned[k], { seed: SEED, initialResidual: 'ipacs' }, REPLICATIONS);
      const simulator = new NetworkSimulator(compileNetwork(task.network));
      for (let r = 0; r < REPLICATIONS; r++) {
        const record = simulator.simulate(SEED, r);
        component.nodes.forEach((node, i) => {
          const h = node.scenario.horizon.byReplication;
          const at = r * HORIZON_FIELD_COUNT;
          // Initial patients + arrivals (from outside or another node) = departures + lost + stock at the end.
          expect(record.initial[i] + h[at + Horizon.arrivals]).toBe(h[at + Horizon.departures] + h[at + Horizon.lost] + record.stockAtEnd[i]);
          expect(h[at + Horizon.waitingAtEnd]).toBe(record.waitingAtEnd[i]);
        });
      }
    });
  });

  it('counts everyone waiting for P2 or P3 in its niq: its queue and those blocked in acute for it', async () => {
    const { components } = await run();
    const [base] = components!;
    const [acuteNode, p2, p3] = base.nodes;
    for (let d = 0; d < dates.length; d++) {
      const upstream = (node: typeof p2) => node.scenario.daily.niq.mean[d] - node.daily.niq.mean[d];
      expect(upstream(p2) + upstream(p3)).toBeCloseTo(acuteNode.daily.blocked.mean[d], 9);
      // Beds held is the sum of its parts.
      const parts = (['occ', 'blocked', 'transfer', 'reserved'] as const).reduce((sum, metric) => sum + p2.daily[metric].mean[d], 0);
      expect(p2.scenario.daily.occ.mean[d]).toBeCloseTo(parts, 9);
    }
    expect(acuteNode.horizon.blocked.mean).toBeGreaterThan(0);
    // P3 has external arrivals, who queue for it.
    expect(p3.horizon.niq.mean).toBeGreaterThan(0);
  });
});

describe('acute with unlimited beds and a short stay feeding P2', () => {
  const model = {
    ...networkModel,
    nodes: [
      { ...acute, capacity: [{ name: 'BCap', capacity: 1e6 }], los: [{ name: 'Blos', family: 'exp' as const, mean: 0.2 }], initial: { occupied: 0, waiting: 0 } },
      networkModel.nodes[2],
    ],
    edges: [{ from: 'Acute_N', to: 'P2_N', probability: 1 }],
  };

  it('gives P2 a niq equal to acute\'s blocked, day by day and in every replication', async () => {
    const result = await runModel(model, { replications: 20, seed: 5 });
    const [base] = result.components!;
    const [acuteNode, p2] = base.nodes;
    expect(p2.daily.niq.mean.every((v) => v === 0)).toBe(true);
    expect(p2.scenario.daily.niq).toEqual(acuteNode.daily.blocked);
    expect(p2.scenario.horizon.meanQueue).toEqual(acuteNode.horizon.blocked);
    expect(acuteNode.horizon.blocked.mean).toBeGreaterThan(1);
    // Those blocked in acute are the delayed discharges; acute itself never queues.
    expect(base.system.delayedDischargeBedDays.mean).toBeCloseTo(acuteNode.horizon.blocked.mean * dates.length, 6);
  });
});

describe('choosing what a run simulates, and hearing about it', () => {
  it('runs a component scenario whole when one of its node-scenario ids is wanted, and counts its replications', async () => {
    const scenarioIds = ['P2_N_S1Cap_Blos_BArr_BRoute', 'P2_S_BCap_Blos_BArr'];
    const progress: number[] = [];
    const heard: string[] = [];
    const result = await runModel(
      networkModel,
      { replications: 3, seed: 1, scenarioIds },
      undefined,
      (p) => progress.push(p.replicationsDone / p.replicationsTotal),
      undefined,
      (index, summary) => heard.push(`${index}:${summary.key.id}`),
      (index, summary) => heard.push(`component ${index}:${summary.key.id}`),
    );
    expect(result.components!.map((c) => c.key.id)).toEqual(['N_S1Cap_Blos_BArr_BRoute']);
    expect(componentKeysOf(networkModel, { scenarioIds }).map((key) => key.id)).toEqual(['N_S1Cap_Blos_BArr_BRoute']);
    expect(result.scenarios.map((s) => s.key.id)).toEqual(['Acute_N', 'P2_N', 'P3_N', 'Home_N'].map((node) => `${node}_S1Cap_Blos_BArr_BRoute`).concat('P2_S_BCap_Blos_BArr'));
    expect(scenarioKeysOf(networkModel, { scenarioIds })).toEqual(result.scenarios.map((s) => s.key));
    // Two tasks: the component scenario and P2_S's scenario.
    expect(progress).toEqual([0.5, 1]);
    expect(heard.sort()).toEqual(['0:Acute_N_S1Cap_Blos_BArr_BRoute', '1:P2_N_S1Cap_Blos_BArr_BRoute', '2:P3_N_S1Cap_Blos_BArr_BRoute', '3:Home_N_S1Cap_Blos_BArr_BRoute', '4:P2_S_BCap_Blos_BArr', 'component 0:N_S1Cap_Blos_BArr_BRoute'].sort());
  });

  it('refuses a network the simulator cannot run, naming the field', async () => {
    const broken = { ...networkModel, edges: [{ from: 'Acute_N', to: 'P2_N', probability: 0.5 }] };
    await expect(runModel(broken, { replications: 2, seed: 1 })).rejects.toThrow('edges from Acute_N: probabilities sum to 0.5, not 1');
  });
});
