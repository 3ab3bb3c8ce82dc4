/**
 * Determinism and common random numbers.
 * - Same seed and inputs: identical results whatever the number of concurrent tasks, the
 *   split of replications into tasks, and the order in which tasks complete.
 * - A different seed gives different results.
 * - Scenarios of a node share their referral streams (common random numbers), and with FIFO
 *   and LOS drawn in referral order, more beds never lengthen anyone's wait, so the daily
 *   queue of every replication is non-increasing in capacity (a coupling argument: the
 *   Kiefer-Wolfowitz recursion is monotone in the vector of bed-free times, and c beds are
 *   c + 1 beds with one never free).
 * All assertions are exact.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { collectScenario, runReplications, simulateScenario } from '../../src/engine/replications.js';
import { ScenarioAccumulator, summariseCollected } from '../../src/engine/summary.js';
import { planTasks, runModel, runTask, type RunResult, type TaskExecutor } from '../../src/engine/run.js';
import { constantRates, isoDates, makeNode, Metric, replicate, scenarioKey } from './helpers.js';

const DAYS = 45;
const wavy = Array.from({ length: DAYS }, (_, i) => 3 + 2 * Math.sin(i / 4));

const model: ModelSpec = {
  name: 'determinism',
  dates: isoDates(DAYS),
  nodes: [
    makeNode({
      id: 'P2_A',
      arrivals: [wavy, wavy.map((r) => r * 1.1)],
      capacity: [14, 18],
      los: [
        { family: 'lnorm', mean: 6, median: 5 },
        { family: 'lnorm', mean: 7, sd: 4 },
      ],
      occupied: 12,
      waiting: 3,
      community: 200,
      acuteDelay: 350,
    }),
    makeNode({ id: 'P3_A', pathway: 'P3', arrivals: [constantRates(DAYS, 1.5)], capacity: [61, 1e6], los: [{ family: 'norm', mean: 30, sd: 10 }], occupied: 68, waiting: 4 }),
    makeNode({ id: 'P1_A', pathway: 'P1', arrivals: [wavy], capacity: [10, 14], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 6, waiting: 5, community: 30, acuteDelay: 350 }),
  ],
};

const REPLICATIONS = 37; // odd, so the task splits are uneven

describe('determinism', () => {
  it('gives identical results for concurrency 1, 3 and 7', async () => {
    expect(planTasks(model, { replications: REPLICATIONS, seed: 11 })).toHaveLength(12);
    const results = await Promise.all([1, 3, 7].map((concurrency) => runModel(model, { replications: REPLICATIONS, seed: 11, concurrency })));
    expect(results[0].scenarios).toHaveLength(8 + 2 + 2);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    // toEqual compares typed arrays element by element; spot-check it did look at numbers.
    expect(results[0].scenarios[0].daily.occ.mean.length).toBe(DAYS);
  });

  it('gives identical results when tasks complete in a scrambled order', async () => {
    let calls = 0;
    // Completes later tasks first: task i waits (50 - i mod 13) microtask turns. No timing involved.
    const scrambled: TaskExecutor = async (task) => {
      const turns = 50 - (calls++ % 13);
      for (let i = 0; i < turns; i++) await Promise.resolve();
      return runTask(task);
    };
    const reference = await runModel(model, { replications: REPLICATIONS, seed: 11, concurrency: 1 });
    const result = await runModel(model, { replications: REPLICATIONS, seed: 11, concurrency: 5 }, scrambled);
    expect(result).toEqual(reference);
  });

  it('summarises a scenario identically from replication chunks split and delivered in any order', () => {
    const node = model.nodes[0];
    const key = scenarioKey(node, { capacity: 1, los: 1 });
    const settings = { seed: 11, compat: 'none' as const, initialResidual: 'ipacs' as const };
    const whole = simulateScenario({ node, key, days: DAYS, settings, replications: REPLICATIONS });
    for (const sizes of [[REPLICATIONS], [5, 5, 5, 5, 5, 5, 7], [1, 30, 6], [20, 17]]) {
      const accumulator = new ScenarioAccumulator(key, DAYS, REPLICATIONS);
      const chunks = [];
      let first = 0;
      for (const count of sizes) {
        chunks.push(runReplications({ node, key, days: DAYS, settings, firstReplication: first, count }));
        first += count;
      }
      for (const chunk of chunks.reverse()) accumulator.add(chunk);
      expect(accumulator.complete).toBe(true);
      expect(accumulator.finish()).toEqual(whole);
    }
  });

  it('summarises a scenario the same after a larger one on the same thread (its columns reused)', () => {
    const settings = { seed: 11, compat: 'none' as const, initialResidual: 'ipacs' as const };
    const bed = model.nodes[0];
    const bedKey = scenarioKey(bed, { capacity: 1, los: 1 });
    const visit = model.nodes[2];
    const visitKey = scenarioKey(visit, { capacity: 1 });
    const alone = (replications: number) => summariseCollected(collectScenario({ node: bed, key: bedKey, days: DAYS, settings, replications }));
    // The visit scenario leaves larger columns behind, holding other numbers.
    simulateScenario({ node: visit, key: visitKey, days: DAYS, settings, replications: 3 * REPLICATIONS });
    expect(simulateScenario({ node: bed, key: bedKey, days: DAYS, settings, replications: REPLICATIONS })).toEqual(alone(REPLICATIONS));
    expect(simulateScenario({ node: bed, key: bedKey, days: DAYS, settings, replications: 2 })).toEqual(alone(2));
  });

  it('summarises a scenario the same after other scenarios of its pathway on the same thread (its simulator and staging reused)', () => {
    const settings = { seed: 11, compat: 'none' as const, initialResidual: 'ipacs' as const };
    const fresh = (node: (typeof model.nodes)[number], key: ReturnType<typeof scenarioKey>, replications: number) =>
      summariseCollected(collectScenario({ node, key, days: DAYS, settings, replications }));
    const [p2, p3, p1] = model.nodes;
    // Each earlier scenario leaves its plans, bed heap and staging rows behind: more patients,
    // a larger caseload or more occupied beds than beds, and more replications.
    const runs: Array<[(typeof model.nodes)[number], ReturnType<typeof scenarioKey>, number]> = [
      [p1, scenarioKey(p1, { capacity: 1 }), 3 * REPLICATIONS],
      [p1, scenarioKey(p1, { capacity: 0 }), REPLICATIONS],
      [p3, scenarioKey(p3, { capacity: 0 }), 2 * REPLICATIONS],
      [p2, scenarioKey(p2, { capacity: 0, arrivals: 1 }), REPLICATIONS],
      [p1, scenarioKey(p1, { capacity: 1 }), 5],
      [p3, scenarioKey(p3, { capacity: 1 }), 3],
    ];
    for (const [node, key, replications] of runs) expect(simulateScenario({ node, key, days: DAYS, settings, replications })).toEqual(fresh(node, key, replications));
  });

  it('gives a replication the same numbers whichever task runs it', () => {
    const node = model.nodes[0];
    const key = scenarioKey(node, { capacity: 1, los: 1 });
    const settings = { seed: 11, compat: 'none' as const, initialResidual: 'ipacs' as const };
    const all = runReplications({ node, key, days: DAYS, settings, firstReplication: 0, count: 10 });
    const part = runReplications({ node, key, days: DAYS, settings, firstReplication: 6, count: 3 });
    const block = all.daily.length / 10;
    expect(part.daily).toEqual(all.daily.subarray(6 * block, 9 * block));
  });

  it('gives different results for a different seed', async () => {
    const a = await runModel(model, { replications: 8, seed: 11 });
    const b = await runModel(model, { replications: 8, seed: 12 });
    for (let s = 0; s < a.scenarios.length; s++) {
      expect(a.scenarios[s].daily.arrivals.mean).not.toEqual(b.scenarios[s].daily.arrivals.mean);
      expect(a.scenarios[s].daily.occ.mean).not.toEqual(b.scenarios[s].daily.occ.mean);
    }
  });

  it('seeds are taken modulo 2^32 as documented, so seed and seed + 2^32 agree', async () => {
    const a: RunResult = await runModel(model, { replications: 4, seed: 5 });
    const b: RunResult = await runModel(model, { replications: 4, seed: 5 + 2 ** 32 });
    expect(b.scenarios).toEqual(a.scenarios);
  });
});

describe('common random numbers', () => {
  const R = 60;
  const node = model.nodes[0];

  it('capacity and LOS scenarios of a node see identical referrals, per replication and day', () => {
    const reference = replicate(node, DAYS, R, { seed: 21 });
    for (const choice of [{ capacity: 1 }, { los: 1 }, { capacity: 1, los: 1 }]) {
      const other = replicate(node, DAYS, R, { seed: 21 }, choice);
      for (let r = 0; r < R; r++) expect(Array.from(other.row(r, Metric.arrivals))).toEqual(Array.from(reference.row(r, Metric.arrivals)));
    }
  });

  it('a 10 % arrival uplift never lowers the cumulative referrals of a replication on any day', () => {
    const base = replicate(node, DAYS, R, { seed: 21 });
    const uplift = replicate(node, DAYS, R, { seed: 21 }, { arrivals: 1 });
    let more = 0;
    for (let r = 0; r < R; r++) {
      let cb = 0;
      let cu = 0;
      for (let d = 0; d < DAYS; d++) {
        cb += base.row(r, Metric.arrivals)[d];
        cu += uplift.row(r, Metric.arrivals)[d];
        expect(cu).toBeGreaterThanOrEqual(cb);
      }
      more += cu - cb;
    }
    expect(more).toBeGreaterThan(0);
  });

  it('more beds never increase the queue of a replication on any day (FIFO coupling)', () => {
    const capacities = [6, 8, 9, 10, 12, 15, 20];
    for (const occupied of [0, 12]) {
      const twin = makeNode({ arrivals: [wavy], capacity: capacities, los: [{ family: 'lnorm', mean: 4, median: 3 }], occupied, waiting: 5 });
      const runs = capacities.map((_, i) => replicate(twin, DAYS, R, { seed: 23 }, { capacity: i }));
      let strictlyLess = 0;
      for (let i = 1; i < runs.length; i++) {
        for (let r = 0; r < R; r++) {
          const smaller = runs[i - 1].row(r, Metric.niq);
          const larger = runs[i].row(r, Metric.niq);
          for (let d = 0; d < DAYS; d++) {
            expect(larger[d], `occupied ${occupied}, capacity ${capacities[i]} vs ${capacities[i - 1]}, replication ${r}, day ${d + 1}`).toBeLessThanOrEqual(smaller[d] + 1e-9);
            if (larger[d] < smaller[d] - 1e-9) strictlyLess++;
          }
          // (Not totalWait: more beds admit more of the long waiters within the horizon, adding their waits.)
          expect(runs[i].horizon(r, 'delayedBedDays')).toBeLessThanOrEqual(runs[i - 1].horizon(r, 'delayedBedDays') + 1e-9);
          expect(runs[i].horizon(r, 'waitingAtEnd')).toBeLessThanOrEqual(runs[i - 1].horizon(r, 'waitingAtEnd'));
        }
      }
      expect(strictlyLess).toBeGreaterThan(0);
    }
  });
});
