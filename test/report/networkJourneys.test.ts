/**
 * The report's table of patients' journeys, from system.csv's per-patient rows (a hand-built
 * run, test/csv/networkFixtures.ts), and its absence for a run without them.
 */
import { describe, expect, it } from 'vitest';
import { reportBlocks, type Block } from '../../src/report/content.js';
import { formatOne, formatWhole } from '../../src/report/format.js';
import { reportDataFromRun } from '../../src/report/fromRun.js';
import { fixtureRun, monitoredRun } from '../csv/networkFixtures.js';

const manifest = { pathflow: '0.0.0-test', seed: 1, runs: 4 };
const journeys = (blocks: Block[]) => blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && /^A: journeys/.test(b.caption));

describe("the report's journeys table", () => {
  it('gives each scenario its patients who left, days in the network, stays and readmissions, with intervals', () => {
    const { model, result } = monitoredRun();
    const table = journeys(reportBlocks(reportDataFromRun(model, result, manifest), { generated: new Date('2026-12-05T10:00:00Z') }))!;
    expect(table.rows.map((row) => row[0].text)).toEqual(['BCap_Blos_BArr_BRoute', 'BCap_Blos_BArr_S1Route']);
    const patients = result.components![1].patients!;
    const row = table.rows[1];
    expect(row[1]).toEqual({ text: formatWhole(patients.left.mean), sub: `${formatWhole(patients.left.low)} to ${formatWhole(patients.left.high)}` });
    expect(row.slice(2, 6).map((cell) => cell.text)).toEqual([13, 10, 26, 32].map(formatOne));
    expect(row[7].text).toBe(formatOne(8));
  });

  it('is left out for a run made before per-patient figures existed', () => {
    const { model, result } = fixtureRun();
    expect(journeys(reportBlocks(reportDataFromRun(model, result, manifest), { generated: new Date('2026-12-05T10:00:00Z') }))).toBeUndefined();
  });
});
