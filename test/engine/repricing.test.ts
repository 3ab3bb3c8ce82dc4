/**
 * The cost reported at a planned capacity is re-priced on fresh replications (R to 2R - 1),
 * independent of the search that chose the capacity: the search keeps the capacity whose
 * mean came out lowest on its own replications, so its own mean there is biased low.
 *
 * The problem: an M/M/c bed node (constant 2 referrals a day, exponential stays of mean 5
 * days, so an offered load of 10), acute £350 a delayed day against £150 a bed a day on the
 * commissioned basis, 120 days from 10 in service and nobody waiting, 8 replications a
 * capacity. The curve is flat near its optimum (13 to 15 beds), where picking the cheapest on
 * few replications favours lucky ones most.
 */
import { describe, expect, it } from 'vitest';
import { planNode } from '../../src/engine/capacityPlan.js';
import { CapacityEvaluator, estimateOf, type CapacityProblem } from '../../src/engine/optimise.js';
import { constantRates, makeNode } from './helpers.js';

const DAYS = 120;
const R = 8;
const node = makeNode({ arrivals: [constantRates(DAYS, 2)], capacity: [12], los: [{ family: 'exp', mean: 5 }], occupied: 10, community: 150, acuteDelay: 350 });

function problemOf(seed: number, replications = R): CapacityProblem {
  return { node, arrivalIndex: 0, losIndex: 0, days: DAYS, settings: { seed, compat: 'none', initialResidual: 'stationary' }, replications, costBasis: 'commissioned' };
}

describe('re-pricing the planned capacity on fresh replications', () => {
  it('reports the cost of an independent evaluation on replications R to 2R - 1, not the search\u2019s own', () => {
    const entry = planNode(problemOf(11), { kind: 'cost' });
    const fresh = new CapacityEvaluator(problemOf(11), R);
    const reported = estimateOf(entry.planned!.cost);
    expect(reported).toEqual(estimateOf(fresh.evaluate(entry.plan.capacity).cost));
    expect(entry.baseline && estimateOf(entry.baseline.cost)).toEqual(estimateOf(fresh.evaluate(12).cost));
    const search = estimateOf(new CapacityEvaluator(problemOf(11)).evaluate(entry.plan.capacity).cost);
    expect(entry.searchCost).toEqual(search);
    expect(reported.mean).not.toBe(search.mean);
    // The saving is the fresh baseline minus the fresh plan, replication by replication.
    let sum = 0;
    for (let r = 0; r < R; r++) sum += entry.baseline!.cost[r] - entry.planned!.cost[r];
    expect(entry.saving!.mean).toBeCloseTo(sum / R, 6);
    // The search's capacities, the baseline on the search's replications, and the two re-priced.
    expect(entry.replicationsSimulated).toBe(entry.plan.evaluator.replicationsSimulated + 2 * R);
  });

  it('an evaluator on other replication numbers sees other patients, and the same numbers the same ones', () => {
    const a = new CapacityEvaluator(problemOf(5), 0).evaluate(12).cost;
    const b = new CapacityEvaluator(problemOf(5), R).evaluate(12).cost;
    const wide = new CapacityEvaluator(problemOf(5, 2 * R), 0).evaluate(12).cost;
    expect(Array.from(wide.subarray(0, R))).toEqual(Array.from(a));
    expect(Array.from(wide.subarray(R))).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });

  /*
   * Coverage: over K seeds, how often the reported 95 % interval holds the true expected cost
   * at the capacity chosen. The same node over 1,000 days with 10 replications (over 120 days
   * a replication's cost is so skewed, a few long queues in many quiet ones, that a 10-value
   * t-interval covers only 80-88 % of the time whichever replications price it: a property of
   * the t-interval, not of the re-pricing). The true cost at each capacity is a reference
   * simulation of 2,000 replications on another seed; its standard error is sd/sqrt(2000),
   * 3 % of the intervals' half-width 2.26 sd/sqrt(10), and is neglected. With K = 300 the
   * binomial standard error of a 95 % coverage is sqrt(0.95 x 0.05 / 300) = 1.26 percentage
   * points, so the observed share must lie within 3 of them, 91.2 % to 98.8 %. And the
   * reported cost must be unbiased: the mean error (reported minus true) over the K seeds
   * within 3 of its standard errors of zero.
   */
  it('has a 95 % interval that covers the true cost 95 % of the time, with no bias', () => {
    const days = 1000;
    const long = makeNode({ arrivals: [constantRates(days, 2)], capacity: [12], los: [{ family: 'exp', mean: 5 }], occupied: 10, community: 150, acuteDelay: 350 });
    const problem = (seed: number, replications: number): CapacityProblem => ({ ...problemOf(seed, replications), node: long, days });
    const K = 300;
    const reference = new CapacityEvaluator(problem(987_654_321, 2000));
    const errors = new Float64Array(K);
    let covered = 0;
    for (let seed = 1; seed <= K; seed++) {
      const entry = planNode(problem(seed, 10), { kind: 'cost' });
      const truth = estimateOf(reference.evaluate(entry.plan.capacity).cost).mean;
      const reported = estimateOf(entry.planned!.cost);
      if (reported.low <= truth && truth <= reported.high) covered++;
      errors[seed - 1] = reported.mean - truth;
    }
    const coverage = covered / K;
    const se = Math.sqrt((0.95 * 0.05) / K);
    expect(coverage, `covered ${covered} of ${K}`).toBeGreaterThanOrEqual(0.95 - 3 * se);
    expect(coverage, `covered ${covered} of ${K}`).toBeLessThanOrEqual(0.95 + 3 * se);
    const error = estimateOf(errors);
    expect(Math.abs(error.mean), `mean error £${error.mean.toFixed(0)} ± £${error.se.toFixed(0)}`).toBeLessThanOrEqual(3 * error.se);
  }, 300_000);
});
