import { describe, expect, it } from 'vitest';
import { HORIZON_FIELD_COUNT, Horizon } from '../../src/engine/dailyRecord.js';
import { costBasisOf, priceReplications, priceScenario } from '../../src/engine/costBasis.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import { runModel } from '../../src/engine/run.js';
import { systemView } from '../../src/engine/systemView.js';
import { constantRates, isoDates, makeNode } from './helpers.js';

const DAYS = 60;
const REPLICATIONS = 40;

/** Two nodes: P2_A has a larger capacity scenario, P3_B only its baseline. Both are busy, so delays are frequent. */
function twoNodes(): ModelSpec {
  const a = makeNode({ id: 'P2_A', arrivals: [constantRates(DAYS, 4)], capacity: [40, 48, 2e6], los: [{ family: 'exp', mean: 10 }], occupied: 30, community: 150, acuteDelay: 346 });
  const b = makeNode({ id: 'P3_B', pathway: 'P3', arrivals: [constantRates(DAYS, 2)], capacity: [20], los: [{ family: 'exp', mean: 10 }], occupied: 15, community: 164, acuteDelay: 346 });
  return { name: 'two', dates: isoDates(DAYS), nodes: [a, b] };
}

async function run(model: ModelSpec) {
  return runModel(model, { replications: REPLICATIONS, seed: 7 });
}

const field = (values: Float64Array, r: number, f: number) => values[r * HORIZON_FIELD_COUNT + f];

describe('system view', () => {
  it('makes a system scenario the baseline with the nodes that have the label changed', async () => {
    const model = twoNodes();
    const result = await run(model);
    const view = systemView(model, result.scenarios);
    expect(view.baseline).toBe('BCap_Blos_BArr');
    expect(view.basis).toBe('occupied');
    expect(view.scenarios.map((s) => s.label)).toEqual(['BCap_Blos_BArr', 'S1Cap_Blos_BArr', 'S2Cap_Blos_BArr']);
    const larger = view.scenarios[1];
    expect(larger.changedNodes).toEqual(['P2_A']);
    expect(view.scenarios[0].changedNodes).toEqual([]);
    expect(view.scenarios[0].difference).toBeUndefined();

    // Totals: P2_A's S1Cap plus P3_B's baseline, replication by replication.
    const aLarger = result.scenarios.find((s) => s.key.id === 'P2_A_S1Cap_Blos_BArr')!.horizon.byReplication;
    const aBase = result.scenarios.find((s) => s.key.id === 'P2_A_BCap_Blos_BArr')!.horizon.byReplication;
    const bBase = result.scenarios.find((s) => s.key.id === 'P3_B_BCap_Blos_BArr')!.horizon.byReplication;
    let total = 0;
    let difference = 0;
    for (let r = 0; r < REPLICATIONS; r++) {
      total += field(aLarger, r, Horizon.delayedBedDays) + field(bBase, r, Horizon.delayedBedDays);
      difference += field(aLarger, r, Horizon.delayedBedDays) - field(aBase, r, Horizon.delayedBedDays);
    }
    expect(larger.totals.delayedBedDays.mean).toBeCloseTo(total / REPLICATIONS, 9);
    // The unchanged node adds exactly nothing to the difference.
    expect(larger.difference!.delayedBedDays.mean).toBeCloseTo(difference / REPLICATIONS, 9);
    expect(larger.difference!.delayedBedDays.mean).toBeLessThan(0);
  });

  it('gives a far tighter interval for a difference than two independent totals would', async () => {
    const model = twoNodes();
    const view = systemView(model, (await run(model)).scenarios);
    const [base, larger] = view.scenarios;
    const independentSe = Math.hypot(base.totals.totalCost.se, larger.totals.totalCost.se);
    // Common random numbers: P3_B cancels exactly and P2_A's two capacities see the same patients.
    // Without them the standard error would be about independentSe; a factor of 2 leaves room for chance.
    expect(larger.difference!.totalCost.se).toBeLessThan(independentSe / 2);
  });

  it('compares with any baseline of the run, and refuses one that is not in it', async () => {
    const model = twoNodes();
    const result = await run(model);
    const view = systemView(model, result.scenarios, { baseline: 'S1Cap_Blos_BArr' });
    expect(view.scenarios[0].label).toBe('S1Cap_Blos_BArr');
    const back = view.scenarios.find((s) => s.label === 'BCap_Blos_BArr')!;
    const forward = systemView(model, result.scenarios).scenarios[1];
    expect(back.difference!.totalCost.mean).toBeCloseTo(-forward.difference!.totalCost.mean, 6);
    expect(() => systemView(model, result.scenarios, { baseline: 'NoSuch_Blos_BArr' })).toThrow(/NoSuch_Blos_BArr is not a scenario/);
  });
});

describe('cost basis', () => {
  it('prices community care per occupied day by default and per commissioned bed when chosen', async () => {
    const model = twoNodes();
    const result = await run(model);
    const node = model.nodes[0];
    const summary = result.scenarios.find((s) => s.key.id === 'P2_A_BCap_Blos_BArr')!;
    expect(costBasisOf(model)).toBe('occupied');
    const occupied = priceReplications(node, summary.key, summary.horizon, 'occupied', DAYS);
    const commissioned = priceReplications(node, summary.key, summary.horizon, 'commissioned', DAYS);
    for (let r = 0; r < REPLICATIONS; r++) {
      const h = summary.horizon.byReplication;
      const acute = field(h, r, Horizon.delayedBedDays) * 346;
      expect(occupied.acute[r]).toBeCloseTo(acute, 6);
      expect(occupied.total[r]).toBeCloseTo(field(h, r, Horizon.totalCost), 6);
      // Occupied bed-days can never exceed the beds commissioned.
      expect(occupied.community[r]).toBeLessThanOrEqual(40 * 150 * DAYS + 1e-6);
      expect(commissioned.community[r]).toBe(40 * 150 * DAYS);
      expect(commissioned.acute[r]).toBe(occupied.acute[r]);
    }
    expect(priceScenario(node, summary.key, summary.horizon, 'occupied', DAYS).total.mean).toBeCloseTo(summary.horizon.totalCost.mean, 6);
  });

  it('prices unrestricted capacity per occupied day on either basis, and says so', async () => {
    const model = twoNodes();
    const result = await run(model);
    const summary = result.scenarios.find((s) => s.key.id === 'P2_A_S2Cap_Blos_BArr')!;
    const priced = priceScenario(model.nodes[0], summary.key, summary.horizon, 'commissioned', DAYS);
    expect(priced.basis).toBe('occupied');
    expect(priced.total.mean).toBeCloseTo(summary.horizon.totalCost.mean, 6);
  });

  it('is one setting of the model, which the schema checks', () => {
    const model = { ...twoNodes(), costBasis: 'commissioned' };
    expect(validateModel(model).ok).toBe(true);
    const refused = validateModel({ ...model, costBasis: 'weekly' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(JSON.stringify(refused)).toMatch(/costBasis[^]*occupied or commissioned/);
  });

  it('totals the system on the model basis', async () => {
    const model: ModelSpec = { ...twoNodes(), costBasis: 'commissioned' };
    const view = systemView(model, (await run(model)).scenarios);
    const base = view.scenarios[0];
    expect(view.basis).toBe('commissioned');
    expect(base.totals.communityCost.mean).toBeCloseTo((40 * 150 + 20 * 164) * DAYS, 6);
    expect(base.totals.communityCost.se).toBe(0);
  });
});
