/**
 * `pathflow validate` and `pathflow run` refuse absurd numbers at their cell with exit 2 and
 * write nothing, where they once hung, exhausted memory or died with exit 1 (issue 10,
 * defect 3). Needs `npm run build` first (npm test does).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { editedWorkbook, setCell } from '../workbook/fixtures.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-bounds-');
});

// See test/workbook/fixtures.ts: los G4 is P2_A Blos's mean_los, initial conditions C2 P1_A's dtoc.
const cases: [file: string, sheet: string, cell: string, value: number, error: string][] = [
  ['mean-los-1e308.xlsx', 'los', 'G4', 1e308, 'los!G4: mean_los 1e+308 is above the most allowed, 3,650 days'],
  ['dtoc-1e9.xlsx', 'initial conditions', 'C2', 1e9, 'initial conditions!C2: value 1000000000 is above the most allowed, 10,000 patients'],
  ['visit-rate-1e308.xlsx', 'los', 'D2', 1e308, 'los!D2: IVR 1e+308 is above the most allowed, 24 visits a day'],
];

describe('absurd numbers through the CLI', () => {
  it.each(cases)('%s: validate and run exit 2 naming the cell, and run writes nothing', { timeout: 120_000 }, async (file, sheet, cell, value, error) => {
    const workbook = join(work, file);
    writeFileSync(workbook, await editedWorkbook((sheets) => setCell(sheets, sheet, cell, value)));
    const validated = pathflow('validate', workbook);
    expect(validated.status).toBe(2);
    expect(validated.stderr).toContain(error);
    const out = join(work, `${file}-out`);
    const ran = pathflow('run', workbook, '--out', out, '--runs', '2');
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain(error);
    expect(existsSync(out)).toBe(false);
  });
});
