import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { planNode } from '../../src/engine/capacityPlan.js';
import { analyticCostOptimum, costCurve } from '../../src/engine/optimise.js';
import { nodeScenarios } from '../../src/engine/scenarios.js';
import { addNodeCapacityScenario, addScenario, plannedCapacityName, scenarioNames, uniqueScenarioName } from '../../src/web/modelEdits.js';
import { analyticPreview, planAndSummarise, problemOf, targetOf } from '../../src/web/planSummary.js';

const example = async (): Promise<ModelSpec> => {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('example');
  return read.model;
};

describe('applying a planned capacity', () => {
  it('names it Opt<capacity>Cap, unique across every node', async () => {
    const model = await example();
    expect(plannedCapacityName(model, 134)).toBe('Opt134Cap');
    expect(uniqueScenarioName(model, 'capacity', 'BCap')).toBe('BCap-2');
    const once = addScenario(model, 'capacity', 'Opt134Cap');
    if (!once.ok) throw new Error(once.reason);
    expect(plannedCapacityName(once.model, 134)).toBe('Opt134Cap-2');
    const twice = addScenario(once.model, 'capacity', 'Opt134Cap-2');
    if (!twice.ok) throw new Error(twice.reason);
    expect(plannedCapacityName(twice.model, 134)).toBe('Opt134Cap-3');
    // A fractional P1 caseload still makes a valid name.
    expect(plannedCapacityName(model, 12.5)).toBe('Opt125Cap');
  });

  it('adds the capacity to that node only, and a run simulates it with each of its LOS and arrival scenarios', async () => {
    const model = await example();
    const node = model.nodes.find((n) => n.id === 'P2_RV')!;
    const edit = addNodeCapacityScenario(model, 'P2_RV', 'Opt90Cap', 90);
    if (!edit.ok) throw new Error(edit.reason);
    const changed = edit.model.nodes.find((n) => n.id === 'P2_RV')!;
    expect(changed.capacity.at(-1)).toEqual({ name: 'Opt90Cap', capacity: 90 });
    for (const other of edit.model.nodes.filter((n) => n.id !== 'P2_RV')) expect(other).toBe(model.nodes.find((n) => n.id === other.id));
    expect(scenarioNames(edit.model, 'capacity')).toContain('Opt90Cap');
    const index = edit.model.nodes.indexOf(changed);
    expect(nodeScenarios(changed, index).filter((k) => k.capacityScenario === 'Opt90Cap')).toHaveLength(node.los.length * node.arrivals.length);
    expect(edit.model.ipacsSheetRows).toBeUndefined();
    // Refused: a name taken, a bad name, an unknown node, a negative capacity.
    expect(addNodeCapacityScenario(edit.model, 'P3_DN', 'Opt90Cap', 90).ok).toBe(false);
    expect(addNodeCapacityScenario(model, 'P2_RV', 'Opt_90', 90).ok).toBe(false);
    expect(addNodeCapacityScenario(model, 'P9_XX', 'Opt90Cap', 90).ok).toBe(false);
    expect(addNodeCapacityScenario(model, 'P2_RV', 'Opt90Cap', -1).ok).toBe(false);
  });
});

describe('the plan view’s figures', () => {
  it('summarises exactly what pathway optimise plans for the same node, scenario and seed', async () => {
    const model = await example();
    const request = { nodeId: 'P2_RV', arrivalIndex: 0, losIndex: 0, objective: { kind: 'cost' as const }, costBasis: 'commissioned' as const, replications: 8, seed: 1, sensitivity: 0.1 };
    const summary = await planAndSummarise(model, request);
    const problem = problemOf(model, request);
    // selectProblems' settings for the default options.
    expect(problem.settings).toEqual({ seed: 1, compat: 'none', initialResidual: 'ipacs' });
    const direct = planNode(problem, request.objective, 0.1);
    expect(summary.capacity).toBe(direct.plan.capacity);
    expect([summary.low, summary.high]).toEqual([direct.plan.low, direct.plan.high]);
    expect(summary.curve).toEqual(costCurve(direct.plan));
    expect(summary.saving).toEqual(direct.saving);
    expect(summary.sensitivity.map((s) => s.at)).toEqual(['best', 'baseline']);
    expect(summary.sensitivity[0].result.rows.map((r) => r.factor).sort()).toEqual(['arrivals', 'capacity', 'mean_los']);
    expect(summary.curve.find((p) => p.capacity === summary.capacity)?.inInterval).toBe(true);
    expect(summary.atPlan!.cost.mean).toBeCloseTo(summary.atPlan!.acuteCost.mean + summary.atPlan!.communityCost.mean, 6);
    // Plain data: it crosses from the worker by structured clone.
    expect(structuredClone(summary)).toEqual(summary);
  });

  it('gives the instant analytic estimate the search starts from, and reads targets as typed', async () => {
    const model = await example();
    const request = { nodeId: 'P3_DN', arrivalIndex: 0, losIndex: 0, costBasis: 'commissioned' as const, objective: { kind: 'cost' as const } };
    const preview = analyticPreview(model, request);
    expect(preview.estimate).toEqual(analyticCostOptimum(problemOf(model, { ...request, replications: 2, seed: 1 })));
    expect(preview.load).toBeCloseTo(preview.arrivalsPerDay * preview.meanStay, 9);
    expect(preview.estimate.capacity).toBeGreaterThan(preview.load);
    // Unrestricted, occupancy settles near the offered load.
    expect(preview.unrestricted.mean).toBeGreaterThan(0.5 * preview.load);
    expect(preview.unrestricted.peak).toBeGreaterThanOrEqual(preview.unrestricted.mean);
    const target = analyticPreview(model, { ...request, objective: { kind: 'target', target: targetOf('share-ever-delayed', 5) } });
    expect(Number.isFinite(target.estimate.capacity)).toBe(true);
    expect(targetOf('share-ever-delayed', 5)).toEqual({ metric: 'share-ever-delayed', limit: 0.05 });
    expect(targetOf('delay-days-per-patient', 1)).toEqual({ metric: 'delay-days-per-patient', limit: 1 });
  });
});
