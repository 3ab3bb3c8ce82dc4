/** The bundled example workbook, examples/fictional-icb.xlsx (written by scripts/make-example.ts). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { formatIssue, readIpacsWorkbook } from '../../src/workbook/read.js';
import { buildExampleModel } from '../../scripts/example-model.js';
import { repoRoot, withoutSheetRows } from './fixtures.js';

describe('the bundled example workbook', () => {
  let model: ModelSpec;

  it('reads without errors or warnings', async () => {
    const result = await readIpacsWorkbook(await readFile(path.join(repoRoot, 'examples/fictional-icb.xlsx')), { fileName: 'fictional-icb.xlsx' });
    if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
    expect(result.warnings).toEqual([]);
    model = result.model;
  });

  it('is what scripts/make-example.ts builds (regenerate it with npm run make-example)', () => {
    expect(withoutSheetRows(model)).toStrictEqual(buildExampleModel());
  });

  it('has P1, P2 and P3 in three localities, 182 days from 2026-10-01, and two scenarios of each kind', () => {
    expect(model.nodes.map((node) => node.id)).toEqual(['P1_RV', 'P1_DN', 'P1_CT', 'P2_RV', 'P2_DN', 'P2_CT', 'P3_RV', 'P3_DN', 'P3_CT']);
    expect(model.dates).toHaveLength(182);
    expect([model.dates[0], model.dates[181]]).toEqual(['2026-10-01', '2027-03-31']);
    for (const node of model.nodes) {
      expect(node.arrivals.map((scenario) => scenario.name)).toEqual(['BArr', 'S1Arr']);
      expect(node.capacity.map((scenario) => scenario.name)).toEqual(['BCap', 'S1Cap']);
      expect(node.los.map((scenario) => scenario.name)).toEqual(['Blos', 'S1los']);
    }
  });

  it('surges referrals by 15 % from 1 December to 31 January only, with fewer at weekends', () => {
    const day = (date: string) => model.dates.indexOf(date);
    for (const node of model.nodes) {
      const [baseline, surge] = node.arrivals.map((scenario) => scenario.daily);
      baseline.forEach((rate, index) => {
        const inSurge = model.dates[index] >= '2026-12-01' && model.dates[index] <= '2027-01-31';
        expect(surge[index]).toBeCloseTo(inSurge ? rate * 1.15 : rate, 2);
      });
      // Saturday 3 and Sunday 4 October against Monday 5 October.
      expect(baseline[day('2026-10-03')]).toBeLessThan(baseline[day('2026-10-05')]);
      expect(baseline[day('2026-10-04')]).toBeLessThan(baseline[day('2026-10-05')]);
    }
  });

  it('has 10 % more capacity in S1Cap and 10 % shorter stays in S1los', () => {
    for (const node of model.nodes) {
      expect(node.capacity[1].capacity / node.capacity[0].capacity).toBeCloseTo(1.1, 1);
      expect(node.los[1].mean / node.los[0].mean).toBeCloseTo(0.9, 6);
      expect(node.los[0].median!).toBeLessThan(node.los[0].mean);
    }
  });

  it('has plausible figures: referrals, stays, capacity and a start near capacity', () => {
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const ranges = { P1: { referrals: [6, 10], los: [14, 20], capacity: [120, 200] }, P2: { referrals: [2, 4], los: [25, 30], capacity: [60, 100] }, P3: { referrals: [1, 2], los: [35, 45], capacity: [40, 80] } };
    for (const node of model.nodes) {
      const range = ranges[node.pathway as keyof typeof ranges];
      const referrals = mean(node.arrivals[0].daily);
      expect(referrals).toBeGreaterThanOrEqual(range.referrals[0]);
      expect(referrals).toBeLessThanOrEqual(range.referrals[1]);
      expect(node.los[0].mean).toBeGreaterThanOrEqual(range.los[0]);
      expect(node.los[0].mean).toBeLessThanOrEqual(range.los[1]);
      expect(node.capacity[0].capacity).toBeGreaterThanOrEqual(range.capacity[0]);
      expect(node.capacity[0].capacity).toBeLessThanOrEqual(range.capacity[1]);
      // Busy but not overwhelmed at baseline: offered load 90-100 % of capacity.
      const load = (referrals * node.los[0].mean) / node.capacity[0].capacity;
      expect(load).toBeGreaterThan(0.9);
      expect(load).toBeLessThan(1);
      expect(node.initial.occupied / node.capacity[0].capacity).toBeGreaterThan(0.9);
      expect(node.initial.waiting).toBeGreaterThan(0);
    }
  });
});
