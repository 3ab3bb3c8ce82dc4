/**
 * The simulations a backtest needs for a set of nodes, as plain jobs a worker can run: one
 * per isolated node, one per network component (its nodes are simulated together), and the
 * paths they give back sorted out by node.
 */
import type { ModelSpec } from '../engine/model.js';
import { componentTask, plannedComponentScenarios, type PlannedComponentScenario } from '../engine/network/componentTask.js';
import { networkComponents } from '../engine/network/fromModel.js';
import type { SimulationSettings } from '../engine/replications.js';
import type { ScenarioKey } from '../engine/scenarios.js';
import { simulateNetworkDelays, type NetworkDelayJob } from './networkDelays.js';
import { simulateDelays, type DelayJob } from './simulatedDelays.js';

export type BacktestJob = DelayJob | NetworkDelayJob;

export function simulateJob(job: BacktestJob): Float64Array {
  return job.kind === 'network' ? simulateNetworkDelays(job) : simulateDelays(job);
}

export interface PathsPlan {
  jobs: BacktestJob[];
  /** Each wanted node's paths (`[r * days + d]`), from the jobs' results in job order. */
  byNode(results: readonly Float64Array[]): Map<number, Float64Array>;
}

function partsOf(p: PlannedComponentScenario): string {
  return [p.scenario.capacityScenario, p.scenario.losScenario, p.scenario.arrivalScenario].filter((part) => part !== '').join('_');
}

/** The component's scenario of the label, in its first routing scenario; its baseline (the first) otherwise. */
export function componentScenario(planned: readonly PlannedComponentScenario[], component: string, label?: string): PlannedComponentScenario {
  const own = planned.filter((p) => p.component.name === component);
  const firstRouting = own[0].scenario.routingScenario;
  return (label !== undefined && own.find((p) => partsOf(p) === label && p.scenario.routingScenario === firstRouting)) || own[0];
}

export function planPaths(model: ModelSpec, nodes: readonly number[], keys: readonly (ScenarioKey | undefined)[], settings: SimulationSettings, replications: number, label?: string): PathsPlan {
  const days = model.dates.length;
  const components = networkComponents(model);
  const networked = new Set(components.flatMap((c) => c.nodes));
  const isolated = nodes.filter((i) => !networked.has(i));
  const touched = components.filter((c) => c.nodes.some((i) => nodes.includes(i)));
  const planned = touched.length > 0 ? plannedComponentScenarios(model) : [];
  const jobs: BacktestJob[] = [
    // A node simulated alone always has scenarios of its own: only a network's delays and exits lack them.
    ...isolated.map((i): DelayJob => ({ kind: 'node', node: model.nodes[i], key: keys[i]!, days, settings, replications })),
    ...touched.map(
      (c): NetworkDelayJob => ({
        kind: 'network',
        task: componentTask(model, componentScenario(planned, c.name, label), { seed: settings.seed, initialResidual: settings.initialResidual, monitors: false }, replications),
      }),
    ),
  ];
  const block = replications * days;
  return {
    jobs,
    byNode(results) {
      const paths = new Map<number, Float64Array>();
      isolated.forEach((i, k) => paths.set(i, results[k]));
      touched.forEach((c, k) => {
        const result = results[isolated.length + k];
        c.nodes.forEach((i, position) => {
          if (nodes.includes(i)) paths.set(i, result.subarray(position * block, (position + 1) * block));
        });
      });
      return paths;
    },
  };
}
