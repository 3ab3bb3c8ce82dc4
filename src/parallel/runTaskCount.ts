/**
 * How many tasks a run shares out among its threads: what bounds the threads that can help.
 */
import type { ModelSpec } from '../engine/model.js';
import { componentScenarios, networkComponents } from '../engine/network/fromModel.js';

/**
 * An isolated node's scenarios are a task each; a network component's scenario is one task
 * however many nodes it has (they are simulated together, on one thread), so a model that is
 * one network with one scenario, as each PathSimR case is, has one task.
 */
export function runTaskCount(model: ModelSpec): number {
  const components = networkComponents(model);
  const networked = new Set(components.flatMap((component) => component.nodes));
  let tasks = 0;
  model.nodes.forEach((node, index) => {
    if (!networked.has(index)) tasks += node.capacity.length * node.los.length * node.arrivals.length;
  });
  for (const component of components) tasks += componentScenarios(model, component).length;
  return tasks;
}
