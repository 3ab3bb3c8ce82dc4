/**
 * How many tasks a run shares out among its threads: what bounds the threads that can help.
 */
import type { ModelSpec } from '../engine/model.js';
import { componentScenarios, networkComponents } from '../engine/network/fromModel.js';
import { MIN_BLOCK_REPLICATIONS } from '../engine/run.js';

/**
 * An isolated node's scenarios are a task each; a network component's scenario is one task
 * however many nodes it has (they are simulated together), so a model that is one network
 * with one scenario, as each PathSimR case is, has one task.
 */
export function runTaskCount(model: ModelSpec): number {
  return taskCounts(model).tasks;
}

/**
 * The most threads a run of `replications` replications can keep busy: its tasks, or, when a
 * network component's scenarios are fewer than that, their blocks of replications (a run with
 * fewer tasks than threads shares each component scenario out in blocks: run.ts).
 */
export function shareableTaskCount(model: ModelSpec, replications: number): number {
  const { tasks, componentScenarios: scenarios } = taskCounts(model);
  if (scenarios === 0) return tasks;
  return Math.max(tasks, tasks - scenarios + scenarios * Math.floor(replications / MIN_BLOCK_REPLICATIONS));
}

function taskCounts(model: ModelSpec): { tasks: number; componentScenarios: number } {
  const components = networkComponents(model);
  const networked = new Set(components.flatMap((component) => component.nodes));
  let tasks = 0;
  model.nodes.forEach((node, index) => {
    if (!networked.has(index)) tasks += node.capacity.length * node.los.length * node.arrivals.length;
  });
  let scenarios = 0;
  for (const component of components) scenarios += componentScenarios(model, component).length;
  return { tasks: tasks + scenarios, componentScenarios: scenarios };
}
