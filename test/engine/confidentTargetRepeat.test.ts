/**
 * Does the answer of `optimise --objective target` meet the target as often as it claims?
 * `planNode` (what the command runs for each node) is repeated over 40 seeds on two small
 * nodes, a P2 bed node and a P1 caseload, for each of the four metrics, and every answer is
 * checked against an independent estimate of the metric at that capacity: 2,000 replications
 * of another seed. The reference values (below) put each limit between two capacities, the
 * one below failing it narrowly (by 2.7 to 3.7 reference standard errors, so the reference
 * cannot misjudge it): the case where the point answer of old often fell one place short.
 *
 * The claim is 95 % confidence, so the number of seeds whose answer meets the target is at
 * least Binomial(40, 0.95); the test allows 3 binomial standard errors below its mean,
 * 40 × 0.95 − 3 √(40 × 0.95 × 0.05) = 33.9: at least 34 of 40 in each case. Before issue 17
 * the reported capacity was the point answer, which meets these limits in only 15 to 26 of
 * 40 seeds (checked below, so the test is known to tell the two apart). Seen: the answer met
 * the target in 39 or 40 of 40 seeds in every case, 0 to 3 places above the least capacity
 * that meets it. About 25 s of one core.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planNode } from '../../src/engine/capacityPlan.js';
import type { NodeSpec } from '../../src/engine/model.js';
import { CapacityEvaluator, metricValue, type CapacityProblem } from '../../src/engine/optimise.js';
import { parseTarget } from '../../src/engine/serviceTarget.js';
import { constantRates, makeNode } from './helpers.js';

const DAYS = 40;
const RUNS = 8;
const SEEDS = 40;
const REFERENCE_SEED = 424242;
const REFERENCE_REPLICATIONS = 2000;
const AT_LEAST = Math.ceil(SEEDS * 0.95 - 3 * Math.sqrt(SEEDS * 0.95 * 0.05));

function problem(node: NodeSpec, seed: number, replications: number): CapacityProblem {
  return { node, arrivalIndex: 0, losIndex: 0, days: DAYS, settings: { seed, compat: 'none', initialResidual: 'stationary' }, replications, costBasis: 'commissioned' };
}

const bed = makeNode({ arrivals: [constantRates(DAYS, 2)], capacity: [14], los: [{ family: 'lnorm', mean: 6, median: 4.5 }], occupied: 10, community: 150, acuteDelay: 350 });
const caseload = makeNode({
  pathway: 'P1',
  arrivals: [constantRates(DAYS, 2)],
  capacity: [22],
  los: [{ family: 'lnorm', mean: 10, median: 7, initialVisitRate: 2, finalVisitRate: 1 }],
  occupied: 16,
  community: 125,
  acuteDelay: 350,
});

/**
 * Reference values (2,000 replications, seed 424242), one place below and at the least
 * capacity meeting each limit, with the reference standard error of the mean:
 * bed 15 / 16: days per patient 0.2997 (se 0.011) / 0.160; per-run p95 2.50 (0.068) / 1.56;
 * all-days p95 4.44 / 2.56; share ever delayed 0.2268 (0.0045) / 0.147.
 * P1 24 / 25: 0.3576 (0.013) / 0.273; 2.87 (0.082) / 2.33; 5 / 4; 0.1727 (0.0043) / 0.140.
 */
const CASES: { name: string; node: NodeSpec; targets: string[] }[] = [
  { name: 'P2 bed node', node: bed, targets: ['delay-days-per-patient<=0.27', 'p95-delayed-per-run<=2.3', 'p95-delayed-all-days<=4', 'share-ever-delayed<=0.21'] },
  { name: 'P1 caseload', node: caseload, targets: ['delay-days-per-patient<=0.32', 'p95-delayed-per-run<=2.6', 'p95-delayed-all-days<=4.5', 'share-ever-delayed<=0.16'] },
];

describe('optimise --objective target over many seeds', () => {
  for (const { name, node, targets } of CASES) {
    describe(name, () => {
      let reference: CapacityEvaluator;
      beforeAll(() => {
        reference = new CapacityEvaluator(problem(node, REFERENCE_SEED, REFERENCE_REPLICATIONS));
      });

      for (const text of targets) {
        it(`${text}: the answer meets it in at least ${AT_LEAST} of ${SEEDS} seeds`, () => {
          const target = parseTarget(text);
          const meets = (capacity: number) => Number.isFinite(capacity) && metricValue(reference.evaluate(capacity), target.metric) <= target.limit;
          let least = 0;
          while (!meets(least)) least++;
          let confident = 0;
          let point = 0;
          const statuses = new Map<string, number>();
          const above = new Map<number, number>();
          for (let seed = 1; seed <= SEEDS; seed++) {
            const answer = planNode(problem(node, seed, RUNS), { kind: 'target', target }).target!;
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            above.set(answer.capacity - least, (above.get(answer.capacity - least) ?? 0) + 1);
            if (meets(answer.capacity)) confident++;
            if (meets(answer.pointCapacity)) point++;
          }
          const summary = `${text}: least ${least}; answer meets it in ${confident} of ${SEEDS} seeds, the point answer in ${point}; ${JSON.stringify(Object.fromEntries(statuses))}; answer - least: ${JSON.stringify(Object.fromEntries([...above].sort((a, b) => a[0] - b[0])))}`;
          if (process.env.PATHFLOW_SHOW_REPEAT) console.log(summary);
          expect(confident, summary).toBeGreaterThanOrEqual(AT_LEAST);
          expect(statuses.get('unattainable') ?? 0, summary).toBe(0);
          // Issue 17's defect, still there for the point answer: it falls one place short in about half the seeds.
          expect(point, summary).toBeLessThan(AT_LEAST);
          // Confidence costs places, but few: with 8 replications and a budget of 128, at most 3 (seen: 0 to 3).
          expect(Math.max(...above.keys()), summary).toBeLessThanOrEqual(3);
        }, 120_000);
      }
    });
  }
});
