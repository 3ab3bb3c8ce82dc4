/**
 * "Use these capacities": a network plan becomes a new capacity scenario of its component, so a
 * run simulates it beside the others. Every node of the component gets the scenario, since a
 * component's scenarios are matched by name across its nodes (a node without the name would run
 * its first scenario instead, with a warning): the planned nodes at their planned capacities,
 * the others as they were in the scenario planned (calendars included).
 */
import type { ModelSpec } from '../engine/model.js';
import { componentScenarios, networkComponents } from '../engine/network/fromModel.js';
import { uniqueScenarioName, type Edit } from './modelEdits.js';
import type { JointPlanSummary } from './jointPlanSummary.js';

/** `Opt80-384Cap` for 80 and 384 places, made unique. */
export function plannedNetworkCapacityName(model: ModelSpec, capacities: readonly number[]): string {
  return uniqueScenarioName(model, 'capacity', `Opt${capacities.join('-')}Cap`);
}

export function addPlannedNetworkScenario(model: ModelSpec, summary: JointPlanSummary, name: string): Edit {
  const planned = new Map(summary.nodes.map((node) => [node.id, node.best]));
  if ([...planned.values()].some((capacity) => capacity === undefined)) return { ok: false, reason: 'The plan has no capacities to use: no vector met the target' };
  const component = networkComponents(model).find((candidate) => candidate.name === summary.component);
  const scenario = component && componentScenarios(model, component).find((candidate) => candidate.id === summary.scenarioId);
  if (!component || !scenario) return { ok: false, reason: `The model no longer has component scenario ${summary.scenarioId}: plan again` };
  if (model.nodes.some((node) => node.capacity.some((capacity) => capacity.name === name))) return { ok: false, reason: `There is already a capacity scenario called ${name}` };
  const nodes = model.nodes.map((node, modelIndex) => {
    const position = component.nodes.indexOf(modelIndex);
    if (position < 0 || node.capacity.length === 0) return node;
    const best = planned.get(node.id);
    // A planned capacity is a fixed number of beds, as the search simulated it: no calendar.
    const capacity = best !== undefined ? { name, capacity: best } : { ...structuredClone(node.capacity[scenario.capacityIndex[position]]), name };
    return { ...node, capacity: [...node.capacity, capacity] };
  });
  // The IPACS sheet order names only the rows it had; a new scenario makes it stale (as modelEdits.ts drops it).
  const { ipacsSheetRows: _dropped, ...rest } = model;
  return { ok: true, model: { ...rest, nodes } };
}
