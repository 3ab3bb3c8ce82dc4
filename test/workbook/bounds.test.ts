/**
 * Absurd numbers in a workbook are refused at their cell, with the bound and its unit, before
 * anything runs: each of these once passed `validate` and then hung, exhausted memory or
 * died in `run` (issue 10, defect 3).
 */
import { describe, expect, it } from 'vitest';
import { editedWorkbook, errorsOf, modelOf, setCell, smallModel } from './fixtures.js';

// The cells (see smallModel): arrivals B2 is P1_A BArr's first day; initial conditions C2 is
// P1_A's dtoc, C5 its occ; los row 2 is P1_A Blos (B median 9, G mean 18, D IVR, E FVR), row 3
// P1_A S1los (C sd 6, G mean 10), row 4 P2_A Blos (B median 10, G mean 19); costs B2/C2 P1_A.
const cases: [what: string, sheet: string, cell: string, value: number | string, error: string][] = [
  ['arrivals of 1e308', 'arrivals', 'B2', 1e308, 'arrivals!B2: arrivals 1e+308 is above the most allowed, 1,000 referrals a day'],
  ['arrivals just above the bound', 'arrivals', 'B2', 1000.5, 'arrivals!B2: arrivals 1000.5 is above the most allowed, 1,000 referrals a day'],
  ['a P1 visit rate of 1e308', 'los', 'D2', 1e308, 'los!D2: IVR 1e+308 is above the most allowed, 24 visits a day'],
  ['a final visit rate of 25', 'los', 'E2', 25, 'los!E2: FVR 25 is above the most allowed, 24 visits a day'],
  ['an initial dtoc of 1e9', 'initial conditions', 'C2', 1e9, 'initial conditions!C2: value 1000000000 is above the most allowed, 10,000 patients'],
  ['an initial occ of 1e9', 'initial conditions', 'C5', 1e9, 'initial conditions!C5: value 1000000000 is above the most allowed, 10,000 patients'],
  ['an initial value of 1e15', 'initial conditions', 'C5', 1e15, 'initial conditions!C5: value 1000000000000000 is above the most allowed, 10,000 patients'],
  ['a mean_los of 1e308', 'los', 'G4', 1e308, 'los!G4: mean_los 1e+308 is above the most allowed, 3,650 days'],
  ['a mean_los of 1e-9', 'los', 'G4', 1e-9, 'los!G4: mean_los 1e-9 is below the least allowed, 0.001 days'],
  ['a P1 mean_los of 1 day', 'los', 'G3', 1, 'los!G3: P1 mean length of stay 1 must be above 1 days (node P1_A, scenario S1los)'],
  ['a median under a tenth of the mean', 'los', 'B4', 1.8, 'los!B4: median 1.8 is below 1/10 of the mean (1.9): the stay is too spread to simulate (node P2_A, scenario Blos)'],
  ['an sd over ten times the mean', 'los', 'C3', 101, 'los!C3: sd 101 is above 10 × the mean (100): the stay is too spread to simulate (node P1_A, scenario S1los)'],
  ['a community cost of 1e308', 'costs', 'B2', 1e308, 'costs!B2: community_cost 1e+308 is above the most allowed, 1,000,000 £ a day'],
  ['an acute delay cost of 1e308', 'costs', 'C2', 1e308, 'costs!C2: acute_dtoc 1e+308 is above the most allowed, 1,000,000 £ a day'],
  ['a scenario name of 101 characters', 'capacity', 'B2', 'x'.repeat(101), 'capacity!B2: scenario is 101 characters long, over the limit of 100'],
];

describe('plausibility bounds in the workbook', () => {
  it.each(cases)('refuses %s at its cell', async (_what, sheet, cell, value, error) => {
    const workbook = await editedWorkbook((sheets) => setCell(sheets, sheet, cell, value));
    expect(await errorsOf(workbook)).toEqual([error]);
  });

  it('accepts every bound at its edge', async () => {
    const workbook = await editedWorkbook((sheets) => {
      setCell(sheets, 'arrivals', 'B2', 1000);
      setCell(sheets, 'los', 'D2', 24);
      setCell(sheets, 'initial conditions', 'C2', 10_000);
      setCell(sheets, 'los', 'G4', 3650);
      setCell(sheets, 'los', 'B4', 365);
      setCell(sheets, 'los', 'G6', 0.1);
      setCell(sheets, 'los', 'B6', 0.05);
      setCell(sheets, 'costs', 'B2', 1_000_000);
      setCell(sheets, 'capacity', 'C2', 1e308); // unrestricted
      setCell(sheets, 'capacity', 'B2', 'x'.repeat(100));
    });
    const model = await modelOf(workbook);
    expect(model.nodes[1].los[0]).toMatchObject({ mean: 3650, median: 365 });
    expect(model.nodes[0].capacity[0].capacity).toBe(1e308);
  });

  it('refuses a horizon longer than ten years', { timeout: 120_000 }, async () => {
    const workbook = await editedWorkbook(() => {}, smallModel(3654));
    expect(await errorsOf(workbook)).toEqual(['arrivals: the horizon, 2024-01-01 to 2034-01-01, is 3,654 days, over the most allowed, 3,653 days']);
  });
});
