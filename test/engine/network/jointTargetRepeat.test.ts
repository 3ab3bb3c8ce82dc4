/**
 * Issue 17 for network plans: over many seeds, the plan `optimise --component --target` returns
 * meets the target on an independent high-replication estimate in at least the stated share of
 * seeds (95 %, within the binomial tolerance below). A small two-node network keeps it fast:
 * acute (unlimited beds, 2 admissions a day) -> P2 beds (exponential stays of 4 days) -> half
 * to P3 beds (6 days), the rest home; 90 days after a 20-day warm-up, 10 replications a look.
 * Seen: 36 of 40 seeds met it (the 4 others all chose P2 13, P3 8, whose reference mean is
 * 0.516 against the limit 0.5); with decisions allowed on 10 replications, 27 of 40.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec, NodeSpec } from '../../../src/engine/model.js';
import { JointEvaluator, parseJointTarget, vectorKey } from '../../../src/engine/network/jointPlan.js';
import { jointProblems } from '../../../src/engine/network/jointProblem.js';
import { planJoint } from '../../../src/engine/network/jointSearch.js';
import { estimateOf } from '../../../src/engine/statistics.js';
import { datesOf, testNode } from './jointModel.js';

const DAYS = 90;

function smallNetwork(): ModelSpec {
  const dates = datesOf(DAYS);
  const node = (id: string, extra: Partial<NodeSpec>) => testNode(id, 'S', extra);
  return {
    name: 'repeat test',
    dates,
    warmupDays: 20,
    nodes: [
      node('Acute_S', { kind: 'acute', arrivals: [{ name: 'BArr', daily: dates.map(() => 2) }], capacity: [{ name: 'BCap', capacity: 1e6 }], los: [{ name: 'Blos', family: 'exp', mean: 2 }] }),
      node('P2_S', { kind: 'bed', capacity: [{ name: 'BCap', capacity: 8 }], los: [{ name: 'Blos', family: 'exp', mean: 4 }], costs: { community: 120, acuteDelay: 350 } }),
      node('P3_S', { kind: 'bed', capacity: [{ name: 'BCap', capacity: 6 }], los: [{ name: 'Blos', family: 'exp', mean: 6 }], costs: { community: 150, acuteDelay: 350 } }),
      node('Home_S', { kind: 'exit', pathway: 'Home' }),
    ],
    edges: [
      { from: 'Acute_S', to: 'P2_S', probability: 1 },
      { from: 'P2_S', to: 'P3_S', probability: 0.5 },
      { from: 'P2_S', to: 'Home_S', probability: 0.5 },
    ],
  };
}

const SEEDS = 40;
const REPLICATIONS = 10;
const LIMIT = 0.5;
/** The reference: replications on another seed, far more than any plan used. */
const REFERENCE_REPLICATIONS = 2000;

describe('a network target over many seeds', () => {
  const model = smallNetwork();
  const problemFor = (seed: number, replications: number) =>
    jointProblems(model, {
      component: 'S',
      nodes: ['P2_S', 'P3_S'],
      ranges: { P2_S: { low: 4, high: 20 }, P3_S: { low: 2, high: 16 } },
      scenario: 'baseline',
      seed,
      replications,
      initialResidual: 'ipacs',
      costBasis: 'commissioned',
      objective: { kind: 'target', target: parseJointTarget(`delayed-per-day<=${LIMIT}`) },
    }).problems[0];

  it('meets the target on an independent 2,000-replication estimate in at least 95 % of 40 seeds, less 3 binomial standard errors', { timeout: 600_000 }, () => {
    const reference = new JointEvaluator(problemFor(1_000_003, REFERENCE_REPLICATIONS));
    const truth = new Map<string, number>();
    const meanAt = (capacities: number[]) => {
      const key = vectorKey(capacities);
      if (!truth.has(key)) truth.set(key, estimateOf(reference.evaluate(capacities).target!).mean);
      return truth.get(key)!;
    };
    let met = 0;
    const statuses: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const plan = planJoint(problemFor(seed, REPLICATIONS));
      expect(plan.capacities, `seed ${seed}`).toBeDefined();
      statuses.push(plan.targetStatus!);
      if (meanAt(plan.capacities!) <= LIMIT) met++;
     
    }
    // 95 % of 40 is 38; a binomial standard error there is sqrt(0.95 x 0.05 / 40) = 3.4 %, so
    // three of them allow down to 85 %: at least 34 of the 40 seeds.
    expect(met).toBeGreaterThanOrEqual(34);
    expect(statuses.every((status) => status === 'confident' || status === 'budget-spent')).toBe(true);
  });
});
