/**
 * The scenario cross product: every node runs every (capacity x LOS x arrival) combination
 * of its own scenarios. Ids follow IPACS, `{node}_{cap}_{los}_{arr}`, so planners and
 * their downstream spreadsheets recognise them.
 */
import type { ArrivalScenario, CapacityScenario, LosScenario, ModelSpec, NodeSpec } from './model.js';
import { componentScenarios, networkComponents } from './network/fromModel.js';

export interface ScenarioKey {
  /** `P2_B_BCap_S1los_BArr` */
  id: string;
  node: string;
  /** The node's pathway label. */
  pathway: string;
  locality: string;
  capacityScenario: string;
  losScenario: string;
  arrivalScenario: string;
  /** Index of the node in the model, and of each part in the node's own lists. */
  nodeIndex: number;
  capacityIndex: number;
  losIndex: number;
  arrivalIndex: number;
  /** The capacity this scenario simulates. */
  capacity: number;
  /** For a node simulated in a network: its component's name, and the routing scenario. */
  component?: string;
  routingScenario?: string;
}

export function scenarioId(node: string, capacity: string, los: string, arrival: string): string {
  return `${node}_${capacity}_${los}_${arrival}`;
}

/** The scenarios of one node, capacity outermost, then LOS, then arrivals. */
export function nodeScenarios(node: NodeSpec, nodeIndex: number): ScenarioKey[] {
  const keys: ScenarioKey[] = [];
  node.capacity.forEach((capacity: CapacityScenario, capacityIndex) => {
    node.los.forEach((los: LosScenario, losIndex) => {
      node.arrivals.forEach((arrival: ArrivalScenario, arrivalIndex) => {
        keys.push({
          id: scenarioId(node.id, capacity.name, los.name, arrival.name),
          node: node.id,
          pathway: node.pathway,
          locality: node.locality,
          capacityScenario: capacity.name,
          losScenario: los.name,
          arrivalScenario: arrival.name,
          nodeIndex,
          capacityIndex,
          losIndex,
          arrivalIndex,
          capacity: capacity.capacity,
        });
      });
    });
  });
  return keys;
}

/** Every scenario of the model, nodes in the model's order. */
export function allScenarios(model: ModelSpec): ScenarioKey[] {
  return model.nodes.flatMap((node, index) => nodeScenarios(node, index));
}

/**
 * How many node-scenarios a run of the model reports (rows of summary.csv): an isolated node's
 * own cross product, and for a node in a network its component's scenarios.
 */
export function scenarioCount(model: ModelSpec): number {
  const components = networkComponents(model);
  const networked = new Set(components.flatMap((component) => component.nodes));
  const isolated = model.nodes.reduce((sum, node, i) => (networked.has(i) ? sum : sum + node.arrivals.length * node.capacity.length * node.los.length), 0);
  return isolated + components.reduce((sum, component) => sum + componentScenarios(model, component).length * component.nodes.length, 0);
}
