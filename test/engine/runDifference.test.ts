import { describe, expect, it } from 'vitest';
import { HORIZON_FIELD_COUNT, Horizon } from '../../src/engine/dailyRecord.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { runModel } from '../../src/engine/run.js';
import { systemView } from '../../src/engine/systemView.js';
import { runDifference, welchDifference } from '../../src/engine/runDifference.js';
import { constantRates, isoDates, makeNode } from './helpers.js';

const DAYS = 60;
const REPLICATIONS = 30;

/** Two busy nodes, so a change of capacity changes delays in most replications. */
function twoNodes(capacityA = 40): ModelSpec {
  const a = makeNode({ id: 'P2_A', arrivals: [constantRates(DAYS, 4)], capacity: [capacityA, 48], los: [{ family: 'exp', mean: 10 }], occupied: 30, community: 150, acuteDelay: 346 });
  const b = makeNode({ id: 'P3_B', pathway: 'P3', arrivals: [constantRates(DAYS, 2)], capacity: [20], los: [{ family: 'exp', mean: 10 }], occupied: 15, community: 164, acuteDelay: 346 });
  return { name: 'two', dates: isoDates(DAYS), nodes: [a, b] };
}

async function viewOf(model: ModelSpec, seed: number, replications = REPLICATIONS) {
  const result = await runModel(model, { replications, seed });
  return { view: systemView(model, result.scenarios), seed, result };
}

describe('before and after', () => {
  it('gives exactly zero, with zero width, for an unchanged model run again with the same seed', async () => {
    const before = await viewOf(twoNodes(), 3);
    const after = await viewOf(twoNodes(), 3);
    const compared = runDifference(before, after);
    expect(compared.paired).toBe(true);
    expect(compared.changes.map((c) => c.label)).toEqual(['BCap_Blos_BArr', 'S1Cap_Blos_BArr']);
    for (const change of compared.changes) {
      for (const d of Object.values(change.difference)) expect([d.mean, d.low, d.high]).toEqual([0, 0, 0]);
    }
  });

  it('pairs by replication, so a changed node gives its own paired difference and the unchanged one cancels', async () => {
    const before = await viewOf(twoNodes(40), 3);
    const after = await viewOf(twoNodes(36), 3);
    const change = runDifference(before, after).changes.find((c) => c.label === 'BCap_Blos_BArr')!;
    const id = 'P2_A_BCap_Blos_BArr';
    const was = before.result.scenarios.find((s) => s.key.id === id)!.horizon.byReplication;
    const now = after.result.scenarios.find((s) => s.key.id === id)!.horizon.byReplication;
    const differences = Array.from({ length: REPLICATIONS }, (_, r) => now[r * HORIZON_FIELD_COUNT + Horizon.delayedBedDays] - was[r * HORIZON_FIELD_COUNT + Horizon.delayedBedDays]);
    const mean = differences.reduce((x, y) => x + y, 0) / REPLICATIONS;
    expect(change.difference.delayedBedDays.mean).toBeCloseTo(mean, 9);
    // Fewer beds at a node that is already full: more delays in every replication's pairing on average.
    expect(change.difference.delayedBedDays.mean).toBeGreaterThan(0);
    // Acute cost is delayed bed-days at £346 (P3_B cancels exactly), so it is 346 times that difference.
    expect(change.difference.acuteCost.mean).toBeCloseTo(346 * mean, 6);
    // The second label's P2_A scenario (48 beds) did not change: only P3_B's baseline is in it, unchanged, so it is exactly 0.
    const untouched = runDifference(before, after).changes.find((c) => c.label === 'S1Cap_Blos_BArr')!;
    expect([untouched.difference.totalCost.low, untouched.difference.totalCost.high]).toEqual([0, 0]);
  });

  it('uses an unpaired Welch interval when the seeds differ', async () => {
    const before = await viewOf(twoNodes(), 3);
    const after = await viewOf(twoNodes(), 4);
    const compared = runDifference(before, after);
    expect(compared.paired).toBe(false);
    const d = compared.changes[0].difference.delayedBedDays;
    const b = before.view.scenarios[0].totals.delayedBedDays;
    const a = after.view.scenarios[0].totals.delayedBedDays;
    expect(d.mean).toBeCloseTo(a.mean - b.mean, 9);
    expect(d.se).toBeCloseTo(Math.hypot(a.se, b.se), 9);
    // Same model, other patients: the difference is chance, and a 95 % interval should cover 0
    // (it would fail 1 time in 20 for a random seed pair; seeds 3 and 4 are fixed).
    expect(d.low).toBeLessThan(0);
    expect(d.high).toBeGreaterThan(0);
  });

  it('computes Welch degrees of freedom as the textbook does', () => {
    // se² 4 and 1 with n 10 and 20: df = 25 / (16/9 + 1/19) = 13.67; t(0.975, 13.67) ≈ 2.151.
    const d = welchDifference({ mean: 10, low: 0, high: 0, se: 2 }, { mean: 4, low: 0, high: 0, se: 1 }, 10, 20);
    expect(d.mean).toBe(6);
    expect(d.se).toBeCloseTo(Math.sqrt(5), 12);
    expect((d.high - d.mean) / d.se).toBeCloseTo(2.151, 2);
  });
});
