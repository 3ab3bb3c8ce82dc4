/**
 * How many tasks a run shares out among its threads: what bounds the threads that can help.
 */
import type { ModelSpec } from '../engine/model.js';
import { componentScenarios, networkComponents, type Component, type ComponentScenario } from '../engine/network/fromModel.js';
import { MIN_BLOCK_REPLICATIONS } from '../engine/run.js';

/**
 * An isolated node's scenarios are a task each; a network component's scenario is one task
 * however many nodes it has (they are simulated together), so a model that is one network
 * with one scenario, as each PathSimR case is, has one task.
 */
export function runTaskCount(model: ModelSpec): number {
  const { isolatedScenarios, networkScenarios } = runShape(model);
  return isolatedScenarios + networkScenarios.length;
}

/**
 * The most threads a run of `replications` replications can keep busy: its tasks, or their
 * blocks of replications (a run with fewer tasks than threads shares each scenario out in
 * blocks, a network component's or an isolated node's: run.ts).
 */
export function shareableTaskCount(model: ModelSpec, replications: number): number {
  const tasks = runTaskCount(model);
  return Math.max(tasks, tasks * Math.floor(replications / MIN_BLOCK_REPLICATIONS));
}

/**
 * An isolated node's scenario-replication-days (what autoThreadCount weighs) that a patient
 * arriving at a network component from outside is worth. A network's cost follows its
 * patients, not its nodes' days: on an idle 2-core machine (6 December) the network example
 * (about 400 arrivals a day over its 12 component scenarios, 1.5 patient-node visits each)
 * took 7.1 s on one thread, about 0.75 M visits a second end to end, where the IPACS sample
 * runs about 1.3 M isolated units a second: 1.5 x 1.3 / 0.75, rounded.
 */
export const UNITS_PER_NETWORK_ARRIVAL = 2.5;

/**
 * How much work a run of `replications` replications is, in an isolated node's
 * scenario-replication-days: each isolated node-scenario's days, and each network component
 * scenario's expected arrivals from outside over the days it simulates, its warm-up included,
 * at UNITS_PER_NETWORK_ARRIVAL. PathSimR's Stroke case comes to about 0.7 million, the network
 * example at 50 replications to about 9 million.
 */
export function runWorkUnits(model: ModelSpec, replications: number): number {
  const { isolatedScenarios, networkScenarios } = runShape(model);
  const simulatedDays = model.dates.length + (model.warmupDays ?? 0);
  let arrivalsPerDay = 0;
  for (const { component, scenario } of networkScenarios) {
    component.nodes.forEach((modelIndex, i) => {
      const arrivals = model.nodes[modelIndex].arrivals[scenario.arrivalIndex[i]];
      if (arrivals && arrivals.daily.length > 0) arrivalsPerDay += arrivals.daily.reduce((sum, mean) => sum + mean, 0) / arrivals.daily.length;
    });
  }
  return (isolatedScenarios * model.dates.length + arrivalsPerDay * simulatedDays * UNITS_PER_NETWORK_ARRIVAL) * replications;
}

/** What a run simulates: how many scenarios its isolated nodes have, and every network component scenario. */
function runShape(model: ModelSpec): { isolatedScenarios: number; networkScenarios: { component: Component; scenario: ComponentScenario }[] } {
  const components = networkComponents(model);
  const networked = new Set(components.flatMap((component) => component.nodes));
  let isolatedScenarios = 0;
  model.nodes.forEach((node, index) => {
    if (!networked.has(index)) isolatedScenarios += node.capacity.length * node.los.length * node.arrivals.length;
  });
  return { isolatedScenarios, networkScenarios: components.flatMap((component) => componentScenarios(model, component).map((scenario) => ({ component, scenario }))) };
}
