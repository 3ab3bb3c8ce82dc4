/**
 * Which observed rows are compared with what, and the refusals a planner sees when the
 * observed file and the model do not match.
 */
import { describe, expect, it } from 'vitest';
import { matchSeries, rowsOfOrgs } from '../../src/backtest/backtestSeries.js';
import { chosenScenarios, BacktestInputError } from '../../src/backtest/backtest.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { parseObservedCsv } from '../../src/observed/observedCsv.js';
import { constantRates, isoDates, makeNode } from '../engine/helpers.js';

function model(): ModelSpec {
  const days = 14;
  const node = (id: string, pathway: 'P1' | 'P2') =>
    makeNode({ id, pathway, arrivals: [constantRates(days, 2)], capacity: [10, 12], los: [{ family: 'lnorm', mean: 5, sd: 2 }] });
  return { name: 'm', dates: isoDates(days), nodes: [node('P2_A', 'P2'), node('P2_B', 'P2'), node('P1_A', 'P1')] };
}

function observed(lines: string[]) {
  const text = ['grain,date,org,pathway,node,measure,detail,value,basis', ...lines].join('\n') + '\n';
  const parsed = parseObservedCsv(text, 'observed.csv');
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return { rows: parsed.rows, source: { file: 'observed.csv', lines: parsed.rows.map((_, i) => i + 2) } };
}

describe('matching observed series with the model', () => {
  it('compares a node row with its node and a pathway row with the sum over the pathway\'s nodes, per organisation', () => {
    const { rows, source } = observed([
      'day,2025-01-02,,P2,P2_A,delayed,,3,reported',
      'day,2025-01-02,QUY,P2,,delayed,,5,reported',
      'day,2025-01-02,QUY,all,,ctr_not_met,,40,reported',
    ]);
    const match = matchSeries(model(), rows, source);
    expect(match).toEqual({
      ok: true,
      series: [
        { name: 'P2_A', nodes: [0], points: [{ grain: 'day', date: '2025-01-02', observed: 3, window: { first: 1, count: 1 } }], skipped: { suppressed: 0, outsideHorizon: 0, missing: 0 } },
        { name: 'P2 (QUY)', nodes: [0, 1], points: [{ grain: 'day', date: '2025-01-02', observed: 5, window: { first: 1, count: 1 } }], skipped: { suppressed: 0, outsideHorizon: 0, missing: 0 } },
      ],
      notes: ['not compared (no observed series): P1_A', '1 observed row of other measures than delayed left aside'],
    });
  });

  it('counts what it leaves out: suppressed, without a value, and periods not wholly inside the horizon', () => {
    const { rows, source } = observed([
      'day,2025-01-01,,P2,P2_A,delayed,,,suppressed',
      'day,2025-01-02,,P2,P2_A,delayed,,,reported',
      'day,2024-12-31,,P2,P2_A,delayed,,4,reported',
      // 2025-01-08 to 14 is inside the 14 days; the week from the 9th runs past the end.
      'week,2025-01-08,,P2,P2_A,delayed,,2.5,derived',
      'week,2025-01-09,,P2,P2_A,delayed,,2.5,derived',
    ]);
    const match = matchSeries(model(), rows, source);
    if (!match.ok) throw new Error(match.problems.join('\n'));
    expect(match.series[0].skipped).toEqual({ suppressed: 1, missing: 1, outsideHorizon: 2 });
    expect(match.notes).toContain("P2_A: left out 1 suppressed, 2 not wholly within the model's horizon (2025-01-01 to 2025-01-14), 1 with no value");
    expect(match.series[0].points).toEqual([{ grain: 'week', date: '2025-01-08', observed: 2.5, window: { first: 7, count: 7 } }]);
  });

  it('refuses a node or pathway the model lacks, and a second figure for the same day, naming lines', () => {
    const { rows, source } = observed([
      'day,2025-01-02,,P2,P2_X,delayed,,3,reported',
      'day,2025-01-02,QUY,P3,,delayed,,5,reported',
      'day,2025-01-03,,P2,P2_A,delayed,,1,reported',
      'day,2025-01-03,,P2,P2_A,delayed,,2,reported',
    ]);
    expect(matchSeries(model(), rows, source)).toEqual({
      ok: false,
      problems: [
        'observed.csv line 2: node "P2_X" is not a node of the model (its nodes are P2_A, P2_B, P1_A)',
        'observed.csv line 3: no node of the model has the pathway "P3" (its pathways are P2, P1)',
        'observed.csv line 5: a second day figure for P2_A on 2025-01-03 (the first is on line 4)',
      ],
    });
  });

  it('refuses observed dates that do not overlap the horizon, naming both spans', () => {
    const { rows, source } = observed(['day,2024-03-01,,P2,P2_A,delayed,,3,reported', 'week,2024-03-04,,P2,P2_A,delayed,,3,reported']);
    expect(matchSeries(model(), rows, source)).toEqual({
      ok: false,
      problems: ["observed.csv: no observed delayed figure with a value falls within the model's horizon (observed 2024-03-01 to 2024-03-10; the model simulates 2025-01-01 to 2025-01-14)"],
    });
  });

  it('refuses a file with no delayed rows', () => {
    const { rows, source } = observed(['day,2025-01-02,QUY,all,,ctr_not_met,,40,reported']);
    expect(matchSeries(model(), rows, source)).toEqual({ ok: false, problems: ['observed.csv: has no rows with measure "delayed", so there is nothing to compare the model with'] });
  });
});

describe('the scenario simulated', () => {
  it("is each node's baseline, or the labelled scenario where a node has it", () => {
    const m = model();
    expect(chosenScenarios(m).map((k) => k?.id)).toEqual(['P2_A_BCap_Blos_BArr', 'P2_B_BCap_Blos_BArr', 'P1_A_BCap_Blos_BArr']);
    expect(chosenScenarios(m, 'S1Cap_Blos_BArr').map((k) => k?.capacity)).toEqual([12, 12, 12]);
    expect(() => chosenScenarios(m, 'S9Cap_Blos_BArr')).toThrow(
      new BacktestInputError(['--scenario S9Cap_Blos_BArr: no node of the model has this scenario (write it as capacity_los_arrivals, e.g. BCap_Blos_BArr)']),
    );
  });
});

describe('choosing organisations', () => {
  it('keeps the rows of the organisations asked for, and names those present when none match', () => {
    const { rows, source } = observed(['day,2025-01-02,QUY,P2,,delayed,,5,reported', 'day,2025-01-02,QOX,P2,,delayed,,7,reported', 'day,2025-01-03,QUY,P2,,delayed,,6,reported']);
    expect(matchSeries(model(), rows, source)).toMatchObject({ ok: true, notes: expect.arrayContaining(['pathway figures of 2 organisations (QUY, QOX) are each compared with the whole model; --org picks one']) });
    const picked = rowsOfOrgs(rows, source, ['QUY']);
    expect(picked).toEqual({ rows: [rows[0], rows[2]], source: { file: 'observed.csv', lines: [2, 4] } });
    expect(rowsOfOrgs(rows, source, ['RVJ'])).toEqual({ problem: 'observed.csv: has no rows for RVJ (its organisations are QUY, QOX)' });
  });
});
