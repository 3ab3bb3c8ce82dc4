import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/engine/statistics.js';
import { SYSTEM_MEASURES, type SystemMeasure, type SystemScenario, type SystemView } from '../../src/engine/systemView.js';
import { changeWords, plainSummary } from '../../src/report/plainSummary.js';

const e = (mean: number, low: number, high: number): Estimate => ({ mean, low, high, se: (high - low) / 4 });
const all = (estimate: Estimate) => Object.fromEntries(SYSTEM_MEASURES.map((m) => [m, estimate])) as Record<SystemMeasure, Estimate>;

function scenario(label: string, changedNodes: string[], difference?: Partial<Record<SystemMeasure, Estimate>>): SystemScenario {
  return {
    label,
    changedNodes,
    totals: { ...all(e(100, 90, 110)), totalCost: e(36_100_000, 36e6, 36.2e6), acuteCost: e(2e6, 1.9e6, 2.1e6), communityCost: e(34.1e6, 34e6, 34.2e6) },
    difference: difference && { ...all(e(0, -1, 1)), ...difference },
    byReplication: Object.fromEntries(SYSTEM_MEASURES.map((m) => [m, new Float64Array(0)])) as SystemScenario['byReplication'],
  };
}

describe('plain-English summary', () => {
  const view: SystemView = {
    baseline: 'BCap_Blos_BArr',
    basis: 'occupied',
    replications: 50,
    nodes: ['P1_A', 'P2_A', 'P3_A'],
    scenarios: [
      scenario('BCap_Blos_BArr', []),
      scenario('S1Cap_Blos_BArr', ['P2_A', 'P3_A'], { patientsDelayed: e(-320, -350, -290), totalCost: e(-1.2e6, -1.5e6, -0.9e6) }),
      scenario('S1Cap_Blos_S1Arr', ['P1_A', 'P2_A', 'P3_A', 'P9'], { patientsDelayed: e(12, 3, 21), totalCost: e(8_000, -4_000, 19_000) }),
    ],
  };
  const summary = plainSummary(view, ['2026-10-01', '2027-03-31'], (l) => (l === 'BCap_Blos_BArr' ? `${l} (today)` : l));

  it('says how many wait under the baseline, for how long, at what cost and on which basis', () => {
    expect(summary.baseline).toContain('BCap_Blos_BArr (today)');
    expect(summary.baseline).toContain('about 100 people wait in acute beds');
    expect(summary.baseline).toContain('1 October 2026 to 31 March 2027');
    expect(summary.baseline).toContain('£36.1m');
    expect(summary.baseline).toContain('per occupied bed-day');
    expect(summary.baseline).toContain('50 replications');
  });

  it('gives each change a direction only when its interval excludes zero', () => {
    expect(summary.changes.map((c) => c.label)).toEqual(['S1Cap_Blos_BArr', 'S1Cap_Blos_S1Arr']);
    const [fewer, unclear] = summary.changes.map((c) => c.text);
    expect(fewer).toContain('changes P2_A and P3_A');
    expect(fewer).toContain('320 fewer people delayed (95 % CI 290 to 350)');
    expect(fewer).toContain('£1.2m less in total cost (95 % CI £0.9m to £1.5m)');
    expect(unclear).toContain('changes 4 nodes');
    expect(unclear).toContain('12 more people delayed (95 % CI 3 to 21)');
    expect(unclear).toContain('no clear difference in total cost');
    expect(unclear).not.toMatch(/saves|less in total cost/);
  });

  it('calls an interval touching zero unclear', () => {
    expect(changeWords(e(5, 0, 10), { more: 'more', fewer: 'fewer', unclear: 'x' }, 'number')).toBe('no clear difference in x (95 % CI 0 to 10)');
    expect(changeWords(e(-5, -10, -1), { more: 'more', fewer: 'fewer', unclear: 'x' }, 'number')).toBe('5 fewer (95 % CI 1 to 10)');
  });

  it('writes a negative end with a minus sign and never rounds an interval until its ends meet', () => {
    const unclear = changeWords(e(7_000, -21_000, 35_000), { more: 'more', fewer: 'less', unclear: 'total cost' }, 'pounds');
    expect(unclear).toBe('no clear difference in total cost (95 % CI \u2212£21k to +£35k)');
    const tight = changeWords(e(2_700_000, 2_698_053, 2_701_950), { more: 'more', fewer: 'less', unclear: 'total cost' }, 'pounds');
    expect(tight).not.toMatch(/£2\.7m to £2\.7m/);
    expect(tight).toMatch(/^£2\.7m more \(95 % CI £2\.\d+m to £2\.\d+m\)$/);
  });
});
