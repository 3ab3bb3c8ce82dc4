/**
 * The browser's network planner in Node: its figures are the engine's joint plan for the
 * choices `pathflow optimise --component` would make, and "Use these capacities" adds a
 * capacity scenario the whole component runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import { componentScenarios, networkComponents } from '../../src/engine/network/fromModel.js';
import { jointProblems } from '../../src/engine/network/jointProblem.js';
import { planJoint } from '../../src/engine/network/jointSearch.js';
import { estimateOf } from '../../src/engine/statistics.js';
import { addPlannedNetworkScenario, plannedNetworkCapacityName } from '../../src/web/jointPlanApply.js';
import { planJointAndSummarise, plannableComponents, scenarioIdsOf, type JointPlanRequest } from '../../src/web/jointPlanSummary.js';
import { jointModel } from '../engine/network/jointModel.js';

const example = (): ModelSpec => JSON.parse(readFileSync(new URL('../../examples/fictional-icb-network.json', import.meta.url), 'utf8')) as ModelSpec;

const request: JointPlanRequest = {
  component: 'North',
  scenarioId: 'North_BCap_Blos_BArr_BRoute',
  nodes: ['P3_N', 'LTC_N'],
  ranges: { P3_N: { low: 10, high: 24 }, LTC_N: { low: 12, high: 30 } },
  objective: { kind: 'cost' },
  costBasis: 'commissioned',
  replications: 6,
  seed: 7,
};

describe('the network plan view’s figures', () => {
  it('are the engine’s joint plan for the same choices, as the CLI builds them', { timeout: 120_000 }, async () => {
    const model = jointModel();
    const summary = await planJointAndSummarise(model, request);
    const { problems } = jointProblems(model, { ...request, scenario: 'baseline', initialResidual: 'ipacs' });
    const plan = planJoint(problems[0]);
    expect(summary.nodes.map((node) => node.best)).toEqual(plan.capacities);
    expect(summary.nodes.map((node) => [node.low, node.high])).toEqual(plan.intervals.map((interval) => [interval.low, interval.high]));
    expect(summary.planned!.cost).toEqual(estimateOf(plan.planned!.cost));
    expect(summary.saving).toEqual(plan.saving);
    expect(summary.vectorsSearched).toBe(plan.vectorsSearched);
    expect(summary.replicationsSimulated).toBe(plan.replicationsSimulated);
    expect(summary.repricedOn).toEqual({ first: 7, last: 12 });
    // The surface holds every vector the search simulated (and the baseline), the optimum once.
    expect(summary.surface.map((point) => point.capacities)).toEqual(plan.search.evaluated().map((point) => point.capacities));
    expect(summary.surface.filter((point) => point.isBest).map((point) => point.capacities)).toEqual([plan.capacities]);
    expect(summary.surface.find((point) => point.isBest)!.costVsBest!.mean).toBe(0);
    expect(summary.baseline?.cost).toEqual(estimateOf(plan.baseline!.cost));
  });

  it('meets a target as the CLI does, and says where a target is not met', { timeout: 120_000 }, async () => {
    const model = jointModel();
    const target = { ...request, objective: { kind: 'target' as const, target: { metric: 'delayed-per-day' as const, limit: 0.5 } } };
    const summary = await planJointAndSummarise(model, target);
    const plan = planJoint(jointProblems(model, { ...target, scenario: 'baseline', initialResidual: 'ipacs' }).problems[0]);
    expect(summary.nodes.map((node) => node.best)).toEqual(plan.capacities);
    expect(summary.targetAt).toEqual(plan.targetAt);
    expect(summary.targetStatus).toBe(plan.targetStatus);
    expect(summary.surface.filter((point) => point.isBest).map((point) => point.decision)).toEqual(['meets']);
    const impossible = await planJointAndSummarise(model, { ...target, ranges: { P3_N: { low: 0, high: 2 }, LTC_N: { low: 0, high: 2 } } });
    expect(impossible.found).toBe(false);
    expect(impossible.targetAtTop!.mean).toBeGreaterThan(0.5);
  });

  it('refuses what the CLI refuses, with the engine’s reason', async () => {
    const model = jointModel();
    await expect(planJointAndSummarise(model, { ...request, nodes: ['Acute_N'], ranges: {} })).rejects.toThrow(/Acute_N is an acute node, and only bed nodes' capacities are planned/);
    await expect(planJointAndSummarise(model, { ...request, ranges: { P3_N: { low: 30, high: 20 }, LTC_N: { low: 12, high: 30 } } })).rejects.toThrow(/the low end 30 is above the high end 20/);
    await expect(planJointAndSummarise(model, { ...request, scenarioId: 'North_S9Cap' })).rejects.toThrow(/North_S9Cap is not a scenario of component North/);
  });

  it('offers the example’s three localities, each with its bed nodes only', () => {
    const model = example();
    const offered = plannableComponents(model).map(({ component, bedNodes }) => [component.name, bedNodes]);
    expect(offered).toEqual([
      ['RV', ['P2_RV', 'P3_RV', 'LTC_RV']],
      ['DN', ['P2_DN', 'P3_DN', 'LTC_DN']],
      ['CT', ['P2_CT', 'P3_CT', 'LTC_CT']],
    ]);
    expect(scenarioIdsOf(model, networkComponents(model)[0])[0]).toBe('RV_BCap_Blos_BArr_BRoute');
  });
});

describe('using a network plan’s capacities', () => {
  const summaryFor = async (model: ModelSpec, scenarioId: string) => ({
    ...(await planJointAndSummarise(model, { ...request, component: 'RV', scenarioId, nodes: ['P3_RV', 'LTC_RV'], ranges: { P3_RV: { low: 64, high: 66 }, LTC_RV: { low: 388, high: 390 } }, replications: 2 })),
  });

  it('adds a capacity scenario to every node of the component: the planned beds, the rest as in the scenario planned', { timeout: 120_000 }, async () => {
    const model = example();
    const summary = await summaryFor(model, 'RV_S1Cap_Blos_BArr_BRoute');
    const best = summary.nodes.map((node) => node.best!);
    const name = plannedNetworkCapacityName(model, best);
    expect(name).toBe(`Opt${best.join('-')}Cap`);
    const edit = addPlannedNetworkScenario(model, summary, name);
    if (!edit.ok) throw new Error(edit.reason);
    const node = (id: string) => edit.model.nodes.find((n) => n.id === id)!;
    expect(node('P3_RV').capacity.at(-1)).toEqual({ name, capacity: best[0] });
    expect(node('LTC_RV').capacity.at(-1)).toEqual({ name, capacity: best[1] });
    // Not planned: as in S1Cap, the scenario planned, its calendar included.
    const p2 = model.nodes.find((n) => n.id === 'P2_RV')!;
    expect(node('P2_RV').capacity.at(-1)).toEqual({ ...p2.capacity[1], name });
    expect(node('Acute_RV').capacity.at(-1)).toEqual({ ...model.nodes.find((n) => n.id === 'Acute_RV')!.capacity[1], name });
    // Other localities and nodes without capacity are untouched.
    for (const id of ['P3_DN', 'LTC_CT', 'Home_RV', 'AtHome_RV']) expect(node(id)).toBe(model.nodes.find((n) => n.id === id));
    // The engine accepts it, and the component runs it with no node falling back to another scenario.
    expect(validateModel(edit.model).ok).toBe(true);
    const rv = networkComponents(edit.model)[0];
    const added = componentScenarios(edit.model, rv).filter((scenario) => scenario.capacityScenario === name);
    expect(added.length).toBeGreaterThan(0);
    expect(added.flatMap((scenario) => scenario.warnings)).toEqual([]);
    // Refused: the same name again.
    expect(addPlannedNetworkScenario(edit.model, summary, name).ok).toBe(false);
    expect(plannedNetworkCapacityName(edit.model, best)).toBe(`${name}-2`);
  });
});
