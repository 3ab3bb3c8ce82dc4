/**
 * From a planner's choices (a component by name, the nodes to plan, their ranges, a scenario)
 * to the joint plans to search, refusing every choice that names nothing or cannot be planned,
 * in one line naming the option.
 */
import { isUnrestricted, kindOf, type CostBasis, type ModelSpec } from '../model.js';
import type { InitialResidual } from '../lengthOfStay.js';
import { componentScenarios, networkComponents, type Component, type ComponentScenario } from './fromModel.js';
import { MAX_JOINT_CAPACITY, type CapacityRange, type JointObjective, type JointPlanProblem } from './jointPlan.js';

/** A choice that cannot be planned; the message names the option at fault. */
export class JointPlanError extends Error {}

export interface JointChoice {
  component: string;
  nodes: readonly string[];
  /** By node id; a node without one searches from 0 to twice its capacity plus 10. */
  ranges?: Readonly<Record<string, CapacityRange>>;
  /** `baseline` (the component's first scenario), `all`, or scenario names separated by commas. */
  scenario: string;
  seed: number;
  replications: number;
  initialResidual: InitialResidual;
  costBasis: CostBasis;
  objective: JointObjective;
}

/** The default range's reach above the baseline: room to find an optimum well above it. */
const defaultHigh = (baseline: number) => Math.min(MAX_JOINT_CAPACITY, 2 * baseline + 10);

export function jointProblems(model: ModelSpec, choice: JointChoice): { problems: JointPlanProblem[]; warnings: string[] } {
  const component = componentNamed(model, choice.component);
  checkNodes(model, component, choice.nodes);
  checkTarget(model, component, choice.objective);
  const stray = Object.keys(choice.ranges ?? {}).filter((id) => !choice.nodes.includes(id));
  if (stray.length > 0) throw new JointPlanError(`--range names ${stray.join(', ')}, not among --nodes ${choice.nodes.join(',')}`);
  const scenarios = chosenScenarios(model, component, choice.scenario);
  const problems = scenarios.map((scenario): JointPlanProblem => {
    const base = choice.nodes.map((id) => fixedCapacity(model, component, scenario, id));
    const ranges = choice.nodes.map((id, i) => rangeOf(id, choice.ranges?.[id], base[i]));
    return {
      model,
      component,
      scenario,
      nodes: [...choice.nodes],
      ranges,
      baseline: base.every((capacity) => capacity !== undefined) ? (base as number[]) : undefined,
      seed: choice.seed,
      replications: choice.replications,
      initialResidual: choice.initialResidual,
      costBasis: choice.costBasis,
      objective: choice.objective,
    };
  });
  return { problems, warnings: [...new Set(scenarios.flatMap((scenario) => scenario.warnings))] };
}

function componentNamed(model: ModelSpec, name: string): Component {
  const components = networkComponents(model);
  if (components.length === 0) throw new JointPlanError(`--component ${name}: the model has no network (no edges, and no node that needs the network simulator)`);
  const found = components.find((component) => component.name === name);
  if (!found) throw new JointPlanError(`--component ${name} is not a component of the model (its components: ${components.map((c) => c.name).join(', ')})`);
  return found;
}

function checkNodes(model: ModelSpec, component: Component, nodes: readonly string[]): void {
  if (nodes.length === 0) throw new JointPlanError('--nodes names no node: a network plan needs the nodes whose capacities to search, e.g. --nodes P3_N,LTC_N');
  const members = component.nodes.map((i) => model.nodes[i]);
  const seen = new Set<string>();
  for (const id of nodes) {
    if (seen.has(id)) throw new JointPlanError(`--nodes names ${id} twice`);
    seen.add(id);
    const node = members.find((member) => member.id === id);
    if (!node) {
      const where = model.nodes.some((other) => other.id === id) ? `is not in component ${component.name}` : 'is not a node of the model';
      throw new JointPlanError(`--nodes: ${id} ${where} (the component's nodes: ${members.map((member) => member.id).join(', ')})`);
    }
    const kind = kindOf(node);
    if (kind !== 'bed') {
      const why = kind === 'acute' ? 'acute beds carry no cost in the model (only their delayed days do)' : kind === 'visit' ? 'visit nodes are not simulated in a network yet' : 'it has no beds';
      throw new JointPlanError(`--nodes: ${id} is ${kind === 'acute' || kind === 'exit' ? 'an' : 'a'} ${kind} node, and only bed nodes' capacities are planned: ${why}`);
    }
  }
}

function checkTarget(model: ModelSpec, component: Component, objective: JointObjective): void {
  if (objective.kind !== 'target' || objective.target.node === undefined) return;
  const id = objective.target.node;
  const members = component.nodes.map((i) => model.nodes[i]);
  const node = members.find((member) => member.id === id);
  if (!node) throw new JointPlanError(`--target: ${id} is not a node of component ${component.name} (its nodes: ${members.map((member) => member.id).join(', ')})`);
  if (kindOf(node) === 'exit') throw new JointPlanError(`--target: ${id} is an exit, where nobody waits or is blocked`);
}

function chosenScenarios(model: ModelSpec, component: Component, scenario: string): ComponentScenario[] {
  const all = componentScenarios(model, component);
  if (scenario === 'all') return all;
  if (scenario === 'baseline') return [all[0]];
  const names = scenario.split(',').map((name) => name.trim()).filter(Boolean);
  const namesOf = (s: ComponentScenario) => [s.capacityScenario, s.losScenario, s.arrivalScenario, s.routingScenario];
  const unknown = names.filter((name) => !all.some((s) => namesOf(s).includes(name)));
  if (unknown.length > 0) throw new JointPlanError(`--scenario: ${unknown.join(', ')} is not a scenario name of component ${component.name} (its scenarios: ${all.map((s) => s.id).join(', ')})`);
  // The cross product lists first names first, so the first match keeps the first of each kind not named.
  const match = all.find((s) => names.every((name) => namesOf(s).includes(name)));
  if (!match) throw new JointPlanError(`--scenario ${scenario}: no scenario of component ${component.name} has all these names`);
  return [match];
}

/** A chosen node's capacity in the scenario, when it is one fixed number of beds. */
function fixedCapacity(model: ModelSpec, component: Component, scenario: ComponentScenario, id: string): number | undefined {
  const position = component.nodes.findIndex((i) => model.nodes[i].id === id);
  const node = model.nodes[component.nodes[position]];
  const capacity = node.capacity[scenario.capacityIndex[position]];
  if (!capacity || capacity.calendar !== undefined || isUnrestricted(capacity.capacity)) return undefined;
  return Math.floor(capacity.capacity);
}

function rangeOf(id: string, given: CapacityRange | undefined, baseline: number | undefined): CapacityRange {
  if (given) {
    const { low, high } = given;
    for (const end of [low, high]) {
      if (!(Number.isInteger(end) && end >= 0 && end <= MAX_JOINT_CAPACITY)) throw new JointPlanError(`--range ${id}=${low}:${high}: ${end} is not a whole number of beds from 0 to ${MAX_JOINT_CAPACITY}`);
    }
    if (low > high) throw new JointPlanError(`--range ${id}=${low}:${high}: the low end ${low} is above the high end ${high} (write low:high)`);
    return { low, high };
  }
  if (baseline === undefined) throw new JointPlanError(`--range: ${id}'s capacity is unlimited or follows a calendar, so its range must be given, e.g. --range ${id}=10:40`);
  return { low: 0, high: defaultHigh(baseline) };
}
