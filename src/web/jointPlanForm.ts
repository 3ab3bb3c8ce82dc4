/**
 * The "Plan a network" form as data: what a planner typed, checked field by field, and the
 * request it makes. Pure, so it is tested in Node; the engine then refuses anything left with
 * its own one-line reason (jointProblem.ts), as the CLI does.
 */
import { isUnrestricted, kindOf, type CostBasis, type ModelSpec } from '../engine/model.js';
import { componentScenarios, type Component } from '../engine/network/fromModel.js';
import { MAX_JOINT_CAPACITY, type JointObjective, type JointTargetMetric } from '../engine/network/jointPlan.js';
import { parseNumber } from './modelEdits.js';
import type { JointPlanRequest } from './jointPlanSummary.js';

export const MAX_JOINT_REPLICATIONS = 2000;

export const JOINT_TARGETS: Record<JointTargetMetric, { label: string; hint: string; defaultLimit: string }> = {
  'delayed-per-day': { label: 'Delayed-discharge bed-days a day, across the network', hint: 'Delayed bed-days a day, at most', defaultLimit: '5' },
  blocked: { label: 'Patients blocked in a node (stay over, waiting for the next node)', hint: 'Patients blocked a day, at most', defaultLimit: '1' },
  queue: { label: 'Patients waiting in a node’s queues', hint: 'Patients waiting a day, at most', defaultLimit: '1' },
};

export interface RangeText {
  low: string;
  high: string;
}

export interface JointFormState {
  component: string;
  scenarioId: string;
  /** Chosen node ids of the component. */
  chosen: string[];
  /** Ranges as typed, by node id; a node without one shows its default. */
  ranges: Record<string, RangeText>;
  objectiveKind: 'cost' | 'target';
  metric: JointTargetMetric;
  targetNode: string;
  limitText: string;
  replicationsText: string;
}

export interface JointFormErrors {
  nodes?: string;
  ranges: Record<string, { low?: string; high?: string }>;
  limit?: string;
  replications?: string;
}

/** A node's capacity in the scenario when it is one fixed number of beds; undefined for a calendar or unlimited. */
export function fixedCapacityIn(model: ModelSpec, component: Component, scenarioId: string, id: string): number | undefined {
  const scenario = componentScenarios(model, component).find((candidate) => candidate.id === scenarioId);
  const position = component.nodes.findIndex((i) => model.nodes[i].id === id);
  if (!scenario || position < 0) return undefined;
  const capacity = model.nodes[component.nodes[position]].capacity[scenario.capacityIndex[position]];
  if (!capacity || capacity.calendar !== undefined || isUnrestricted(capacity.capacity)) return undefined;
  return Math.floor(capacity.capacity);
}

/** The engine's default range (0 to twice the beds plus 10, as the CLI's without --range); blank where the beds are not one number. */
export function defaultRange(fixed: number | undefined): RangeText {
  return fixed === undefined ? { low: '', high: '' } : { low: '0', high: String(Math.min(MAX_JOINT_CAPACITY, 2 * fixed + 10)) };
}

/** At first: every bed node whose capacity is one number in the baseline scenario (a calendar needs a range the planner chooses). */
export function initialChoice(model: ModelSpec, component: Component, bedNodes: readonly string[]): string[] {
  const baseline = componentScenarios(model, component)[0]?.id ?? '';
  return bedNodes.filter((id) => fixedCapacityIn(model, component, baseline, id) !== undefined);
}

function readRange(text: RangeText, fixed: number | undefined): { range?: { low: number; high: number }; error: { low?: string; high?: string } } {
  const end = (value: string) => parseNumber(value, { integer: true, min: 0 });
  const low = end(text.low);
  const high = end(text.high);
  const why = fixed === undefined ? ' (its capacity follows a calendar or is unlimited, so give the beds to try)' : '';
  const error = {
    low: 'error' in low ? low.error + why : undefined,
    high: 'error' in high ? high.error + why : high.value! > MAX_JOINT_CAPACITY ? `Enter ${MAX_JOINT_CAPACITY} or fewer` : undefined,
  };
  if ('error' in low || 'error' in high || error.high) return { error };
  if (low.value! > high.value!) return { error: { high: `Enter at least the fewest, ${low.value}` } };
  return { range: { low: low.value!, high: high.value! }, error: {} };
}

/** The request the form makes, or the errors to show at their fields. */
export function readJointForm(
  model: ModelSpec,
  component: Component,
  bedNodes: readonly string[],
  state: JointFormState,
  settings: { seed: number | undefined; costBasis: CostBasis },
): { request?: JointPlanRequest; errors: JointFormErrors } {
  const nodes = bedNodes.filter((id) => state.chosen.includes(id));
  const errors: JointFormErrors = { ranges: {} };
  if (nodes.length === 0) errors.nodes = 'Choose at least one node to plan';
  const ranges: JointPlanRequest['ranges'] = {};
  for (const id of nodes) {
    const fixed = fixedCapacityIn(model, component, state.scenarioId, id);
    const read = readRange(state.ranges[id] ?? defaultRange(fixed), fixed);
    if (read.range) ranges[id] = read.range;
    else errors.ranges[id] = read.error;
  }
  let objective: JointObjective | undefined = { kind: 'cost' };
  if (state.objectiveKind === 'target') {
    const limit = parseNumber(state.limitText, { min: 0 });
    if ('error' in limit) errors.limit = limit.error;
    const node = state.metric === 'delayed-per-day' ? undefined : state.targetNode;
    objective = 'error' in limit ? undefined : { kind: 'target', target: node === undefined ? { metric: state.metric, limit: limit.value! } : { metric: state.metric, node, limit: limit.value! } };
  }
  const replications = parseNumber(state.replicationsText, { integer: true, min: 2 });
  if ('error' in replications) errors.replications = replications.error;
  else if (replications.value! > MAX_JOINT_REPLICATIONS) errors.replications = `Enter ${MAX_JOINT_REPLICATIONS} or fewer`;
  const valid = !errors.nodes && Object.keys(errors.ranges).length === 0 && !errors.limit && !errors.replications && objective && settings.seed !== undefined;
  if (!valid || 'error' in replications) return { errors };
  return {
    errors,
    request: { component: component.name, scenarioId: state.scenarioId, nodes, ranges, objective: objective!, costBasis: settings.costBasis, replications: replications.value!, seed: settings.seed! },
  };
}

/** Nodes a target can name: every node of the component but its exits, where nobody waits. */
export function targetNodesOf(model: ModelSpec, component: Component): string[] {
  return component.nodes.map((i) => model.nodes[i]).filter((node) => kindOf(node) !== 'exit').map((node) => node.id);
}
