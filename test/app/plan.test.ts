/**
 * The node plan use case: the engine's plan for each problem, in the order asked, its files,
 * progress per plan, and a stop between searches when the signal is aborted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { planNode, type NodePlan } from '../../src/engine/capacityPlan.js';
import { costCurveCsv, optimalCsv, sensitivityCsv } from '../../src/csv/optimise.js';
import { planNodes } from '../../src/app/plan.js';
import { nodeScenarioProblem } from '../../src/app/planProblems.js';

async function problems() {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  const settings = { costBasis: 'commissioned' as const, runs: 4, seed: 9, initialResidual: 'ipacs' as const };
  return [nodeScenarioProblem(read.model, 'P2_RV', 0, 0, settings), nodeScenarioProblem(read.model, 'P1_RV', 0, 0, settings)];
}

describe('planNodes', () => {
  it("gives the engine's plan for each node, in the order asked, with optimise's files", async () => {
    const asked = await problems();
    const seen: string[] = [];
    const { plans, files } = await planNodes(asked, { kind: 'cost' }, 0.1, { progress: (plan) => seen.push(plan.problem.node.id) });
    expect(seen).toEqual(['P2_RV', 'P1_RV']);
    asked.forEach((problem, i) => {
      const direct = planNode(problem, { kind: 'cost' }, 0.1);
      expect([plans[i].plan.capacity, plans[i].plan.low, plans[i].plan.high]).toEqual([direct.plan.capacity, direct.plan.low, direct.plan.high]);
    });
    expect(Object.keys(files)).toEqual(['optimal.csv', 'cost_curve.csv', 'sensitivity.csv']);
    expect(files['optimal.csv']).toBe(optimalCsv(plans));
    expect(files['cost_curve.csv']).toBe(costCurveCsv(plans));
    expect(files['sensitivity.csv']).toBe(sensitivityCsv(plans));
  }, 120_000);

  it('stops between searches once its signal is aborted', async () => {
    const controller = new AbortController();
    const done: NodePlan[] = [];
    const planning = planNodes(await problems(), { kind: 'cost' }, undefined, {
      signal: controller.signal,
      progress: (plan) => {
        done.push(plan);
        controller.abort();
      },
    });
    await expect(planning).rejects.toMatchObject({ name: 'AbortError' });
    expect(done).toHaveLength(1);
  }, 120_000);
});
