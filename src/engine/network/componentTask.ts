/**
 * One component in one scenario with all its replications: the unit of work of a networked
 * part of a run, planned on the main thread and simulated wherever the executor puts it.
 *
 * The task carries the NetworkModel itself (plain data, cloneable to any thread), so a worker
 * needs nothing of the model, and the summary depends on nothing but the task.
 */
import { kindOf, type ModelSpec } from '../model.js';
import { replicationRanges } from '../scenarioBlocks.js';
import type { ScenarioKey } from '../scenarios.js';
import { componentStores, componentStoreShape, type ComponentStores } from './componentStores.js';
import type { ComponentScenarioKey } from './componentSummary.js';
import { componentScenarios, networkComponents, networkOf, type Component, type ComponentScenario, type NetworkRunSettings } from './fromModel.js';
import type { NetworkModel } from './networkModel.js';
import type { NodeCosts } from './systemTotals.js';

export interface ComponentTask {
  kind: 'component';
  key: ComponentScenarioKey;
  network: NetworkModel;
  /** Costs on the occupied basis, by node id (networkOf). */
  costs: Record<string, NodeCosts>;
  /** Index in `model.edges` of each of the network's edges. */
  edges: number[];
  /** Each node's scenario in today's shape, in the network's node order. */
  nodeKeys: ScenarioKey[];
  seed: number;
  replications: number;
  warnings: string[];
  /** False: no time-weighted percentiles or per-patient figures (SimulatorOptions.monitors); default true. */
  monitors?: boolean;
  /**
   * True: the component has other scenarios, which may draw the same arrivals and first stays,
   * so the thread keeps this task's for them (SimulatorOptions.keptArrivals). A component of one
   * scenario keeps nothing: memory touched for the first time costs more here than drawing anew.
   */
  keepArrivals?: boolean;
}

export function isComponentTask(task: object): task is ComponentTask {
  return (task as { kind?: unknown }).kind === 'component';
}

/** One component scenario of a model, and the key each of its nodes reports under. */
export interface PlannedComponentScenario {
  component: Component;
  scenario: ComponentScenario;
  key: ComponentScenarioKey;
  nodeKeys: ScenarioKey[];
  /** How many scenarios the component has, this one included. */
  scenariosOfComponent: number;
}

/** Every component scenario of the model, components in order, each component's scenarios in order. */
export function plannedComponentScenarios(model: ModelSpec): PlannedComponentScenario[] {
  return networkComponents(model).flatMap((component) => {
    const scenarios = componentScenarios(model, component);
    return scenarios.map((scenario) => ({
      component,
      scenario,
      key: componentKey(component, scenario),
      nodeKeys: component.nodes.map((modelIndex, i) => nodeKey(model, component, scenario, modelIndex, i)),
      scenariosOfComponent: scenarios.length,
    }));
  });
}

function componentKey(component: Component, scenario: ComponentScenario): ComponentScenarioKey {
  return {
    id: scenario.id,
    component: component.name,
    capacityScenario: scenario.capacityScenario,
    losScenario: scenario.losScenario,
    arrivalScenario: scenario.arrivalScenario,
    routingScenario: scenario.routingScenario,
  };
}

/**
 * A networked node's key in today's shape. Its scenario names are the component scenario's,
 * so every node of one component scenario reads alike even where a node ran its baseline; the
 * indices say which of its own scenarios it ran (-1: it has none of that kind).
 */
function nodeKey(model: ModelSpec, component: Component, scenario: ComponentScenario, modelIndex: number, i: number): ScenarioKey {
  const node = model.nodes[modelIndex];
  const routing = component.routingScenarios.length > 1 ? scenario.routingScenario : '';
  const capacityIndex = scenario.capacityIndex[i];
  const hasBeds = kindOf(node) !== 'delay' && kindOf(node) !== 'exit';
  return {
    id: [node.id, scenario.capacityScenario, scenario.losScenario, scenario.arrivalScenario, routing].filter((part) => part !== '').join('_'),
    node: node.id,
    pathway: node.pathway,
    locality: node.locality,
    capacityScenario: scenario.capacityScenario,
    losScenario: scenario.losScenario,
    arrivalScenario: scenario.arrivalScenario,
    nodeIndex: modelIndex,
    capacityIndex,
    losIndex: scenario.losIndex[i],
    arrivalIndex: scenario.arrivalIndex[i],
    capacity: hasBeds && capacityIndex >= 0 ? node.capacity[capacityIndex].capacity : Infinity,
    component: component.name,
    routingScenario: scenario.routingScenario,
  };
}

export function componentTask(
  model: ModelSpec,
  planned: PlannedComponentScenario,
  settings: NetworkRunSettings & { seed: number; monitors?: boolean },
  replications: number,
): ComponentTask {
  const { network, costs, edges } = networkOf(model, planned.component, planned.scenario, settings);
  const task: ComponentTask = { kind: 'component', key: planned.key, network, costs, edges, nodeKeys: planned.nodeKeys, seed: settings.seed, replications, warnings: planned.scenario.warnings };
  // Only when off, so a task with the monitors on is the same object as before the option.
  if (settings.monitors === false) task.monitors = false;
  if (planned.scenariosOfComponent > 1) task.keepArrivals = true;
  return task;
}

/**
 * A block of a component scenario's replications, for threads to share one scenario: each
 * block is simulated into the scenario's shared stores, and the scenario is summarised once
 * every block is in (componentRun.ts). The result is the same however it was split.
 */
export interface ComponentBlockTask {
  kind: 'componentBlock';
  task: ComponentTask;
  /** Shaped by componentStoreShape(task), on a SharedArrayBuffer when threads share it. */
  stores: ComponentStores;
  first: number;
  count: number;
}

export function isComponentBlockTask(task: object): task is ComponentBlockTask {
  return (task as { kind?: unknown }).kind === 'componentBlock';
}

/**
 * `task`'s replications in `blocks` consecutive blocks, as even as whole replications allow,
 * sharing stores made by `allocate` (a SharedArrayBuffer for threads to fill together).
 */
export function componentBlockTasks(task: ComponentTask, blocks: number, allocate: (bytes: number) => ArrayBufferLike): ComponentBlockTask[] {
  const stores = componentStores(componentStoreShape(task), allocate);
  return replicationRanges(task.replications, blocks).map(({ first, count }) => ({ kind: 'componentBlock', task, stores, first, count }));
}
