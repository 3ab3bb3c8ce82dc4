/**
 * A plan's progress observer (the web app's progress bar, PlanDeps.onEvaluated): it hears every
 * capacity (or capacity vector) the plan simulates exactly once, from every evaluator the plan
 * makes (search, re-pricing, a target's further looks, the sensitivity's variants), and it
 * changes no number of the plan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { planNode, type Objective } from '../../src/engine/capacityPlan.js';
import type { CapacityEvaluation } from '../../src/engine/optimise.js';
import { costCurveCsv, optimalCsv, sensitivityCsv } from '../../src/csv/optimise.js';
import { jointProblems } from '../../src/engine/network/jointProblem.js';
import { planJoint } from '../../src/engine/network/jointSearch.js';
import type { JointEvaluation, JointObjective } from '../../src/engine/network/jointPlan.js';
import { jointOptimalCsv, jointSurfaceCsv } from '../../src/csv/jointPlan.js';
import { nodeScenarioProblem } from '../../src/app/planProblems.js';
import { jointModel } from './network/jointModel.js';

async function nodeProblem() {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  return nodeScenarioProblem(read.model, 'P2_RV', 0, 0, { costBasis: 'commissioned', runs: 4, seed: 9, initialResidual: 'ipacs' });
}

const objectives: [string, Objective][] = [
  ['the cost objective with a sensitivity tornado', { kind: 'cost' }],
  ['a target, which looks again on further replications', { kind: 'target', target: { metric: 'delay-days-per-patient', limit: 0.5 } }],
];

describe("a node plan's progress observer", () => {
  it.each(objectives)('hears each capacity simulated once, and changes nothing: %s', async (_, objective) => {
    const problem = await nodeProblem();
    const heard: CapacityEvaluation[] = [];
    const observed = planNode(problem, objective, 0.1, (evaluation) => heard.push(evaluation));
    const plain = planNode(problem, objective, 0.1);
    // Each evaluation once: any heard twice would make the sum exceed what the plan simulated.
    expect(heard.reduce((sum, evaluation) => sum + evaluation.cost.length, 0)).toBe(observed.replicationsSimulated);
    expect(new Set(heard).size).toBe(heard.length);
    // The search's capacities are among those heard.
    for (const evaluation of observed.plan.evaluator.evaluated()) expect(heard).toContain(evaluation);
    expect(heard.length).toBeGreaterThan(observed.plan.evaluations);
    expect([optimalCsv([observed]), costCurveCsv([observed]), sensitivityCsv([observed])]).toEqual([optimalCsv([plain]), costCurveCsv([plain]), sensitivityCsv([plain])]);
  }, 180_000);
});

const jointObjectives: [string, JointObjective][] = [
  ['the cost objective', { kind: 'cost' }],
  ['a target, decided on further blocks of replications', { kind: 'target', target: { metric: 'delayed-per-day', limit: 0.5 } }],
];

describe("a network plan's progress observer", () => {
  it.each(jointObjectives)('hears each vector simulated once, and changes nothing: %s', (_, objective) => {
    const choice = { component: 'North', nodes: ['P3_N', 'LTC_N'], ranges: { P3_N: { low: 10, high: 24 }, LTC_N: { low: 12, high: 30 } }, scenario: 'baseline', seed: 7, replications: 6, initialResidual: 'ipacs' as const, costBasis: 'commissioned' as const, objective };
    const [problem] = jointProblems(jointModel(), choice).problems;
    const heard: JointEvaluation[] = [];
    const observed = planJoint(problem, (evaluation) => heard.push(evaluation));
    const plain = planJoint(problem);
    expect(heard.reduce((sum, evaluation) => sum + evaluation.cost.length, 0)).toBe(observed.replicationsSimulated);
    expect(new Set(heard).size).toBe(heard.length);
    for (const evaluation of observed.search.evaluated()) expect(heard).toContain(evaluation);
    expect([jointOptimalCsv([observed]), jointSurfaceCsv([observed])]).toEqual([jointOptimalCsv([plain]), jointSurfaceCsv([plain])]);
  }, 180_000);
});
