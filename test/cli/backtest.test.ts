/**
 * `pathflow backtest` end to end on the bundled example, as a planner runs it: the built CLI
 * in a child process. `npm test` builds first; run `npm run build` before running this file alone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKTEST_COLUMNS, CALIBRATION_COLUMNS, SUMMARY_COLUMNS } from '../../src/backtest/backtestFiles.js';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';

const HEADER = 'grain,date,org,pathway,node,measure,detail,value,basis';

/** The example simulates 2026-10-01 for 182 days; observed runs from a week before it. */
function observedText(): string {
  const lines = [HEADER];
  for (let d = 0; d < 40; d++) {
    const date = new Date(Date.UTC(2026, 8, 24 + d)).toISOString().slice(0, 10);
    lines.push(`day,${date},TEST,P2,,delayed,,${(12 + (d % 5)).toFixed(1)},derived`);
    lines.push(`day,${date},,P3,P3_DN,delayed,,${d % 7 === 0 ? '' : 4},${d % 7 === 0 ? 'suppressed' : 'reported'}`);
  }
  lines.push('week,2026-10-05,TEST,P1,,delayed,,20,derived');
  lines.push('day,2026-10-02,TEST,all,,ctr_not_met,,400,reported');
  return lines.join('\n') + '\n';
}

function rowsOf(path: string): string[][] {
  return readFileSync(path, 'utf8').trimEnd().split('\n').map((line) => line.split(','));
}

let work: string;
let observed: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-backtest-');
  observed = join(work, 'observed.csv');
  writeFileSync(observed, observedText());
});

describe('pathflow backtest', () => {
  it('writes backtest.csv, backtest_summary.csv, backtest.html and calibration.csv, skipping what it must and saying so', () => {
    const out = join(work, 'calibrated');
    const { status, stdout, stderr } = pathflow('backtest', example, '--observed', observed, '--replications', '8', '--seed', '5', '--calibrate', 'capacity', '--out', out);
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['backtest.csv', 'backtest.html', 'backtest_summary.csv', 'calibration.csv', 'manifest.json']);
    expect(stderr).toContain('note: 1 observed row of other measures than delayed left aside');
    expect(stderr).toContain("note: P3_DN: left out 6 suppressed, 6 not wholly within the model's horizon (2026-10-01 to 2027-03-31)\n");
    expect(stdout).toMatch(/^P2 \(TEST\): 33 points, \d+% inside the band, bias -?\d+\.\d\d$/m);
    expect(stdout).toMatch(/^P2 \(TEST\): capacity 240\.0 in the model, inferred \d+\.\d \(\d+\.\d to \d+\.\d\)/m);
    expect(stdout).toContain(`wrote 5 files to ${out}`);

    const points = rowsOf(join(out, 'backtest.csv'));
    expect(points[0]).toEqual([...BACKTEST_COLUMNS]);
    // P2: 40 days from a week before the horizon, so 7 outside. P3_DN: every 7th day suppressed,
    // 6 of its 40 (a suppressed row counts as suppressed wherever it falls), and 6 more outside. P1: one week.
    const bySeries = (name: string) => points.slice(1).filter((row) => row[0] === name);
    expect(bySeries('P2 (TEST)').map((row) => row[1])[0]).toBe('2026-10-01');
    expect(bySeries('P2 (TEST)')).toHaveLength(33);
    expect(bySeries('P3_DN')).toHaveLength(40 - 6 - 6);
    expect(bySeries('P1 (TEST)')).toEqual([[expect.any(String), '2026-10-05', 'week', '20', expect.any(String), expect.any(String), expect.any(String), expect.stringMatching(/^[01]$/)]].map((r) => ['P1 (TEST)', ...r.slice(1)]));
    for (const [, , , obs, mean, low, high, inside] of points.slice(1)) {
      expect(Number(low)).toBeLessThanOrEqual(Number(mean));
      expect(Number(mean)).toBeLessThanOrEqual(Number(high));
      expect(inside).toBe(Number(obs) >= Number(low) && Number(obs) <= Number(high) ? '1' : '0');
    }

    const summary = rowsOf(join(out, 'backtest_summary.csv'));
    expect(summary[0]).toEqual([...SUMMARY_COLUMNS]);
    expect(summary.slice(1).map((row) => [row[0], row[1], row[2], ...row.slice(7)])).toEqual([
      ['P2 (TEST)', '33', '7', '0', '7', '0'],
      ['P3_DN', '28', '12', '6', '6', '0'],
      ['P1 (TEST)', '1', '0', '0', '0', '0'],
    ]);
    const coverage = Number(summary[1][3]);
    expect(coverage).toBeCloseTo(bySeries('P2 (TEST)').filter((row) => row[7] === '1').length / 33, 4);

    const calibration = rowsOf(join(out, 'calibration.csv'));
    expect(calibration[0]).toEqual([...CALIBRATION_COLUMNS]);
    expect(calibration.slice(1).map((row) => [row[0], row[1], row[2], row[11]])).toEqual([
      ['P2 (TEST)', 'capacity', '240', 'inferred'],
      ['P3_DN', 'capacity', '56', 'inferred'],
      ['P1 (TEST)', 'capacity', '413', 'inferred'],
    ]);
    for (const row of calibration.slice(1)) {
      const [estimate, low, high, pValue] = [row[3], row[4], row[5], row[10]].map(Number);
      expect(low).toBeLessThanOrEqual(estimate);
      expect(estimate).toBeLessThanOrEqual(high);
      // (1 + k) / (8 + 1) for k of the 8 replications.
      expect(Math.abs(pValue * 9 - Math.round(pValue * 9))).toBeLessThan(0.01);
      expect(pValue).toBeGreaterThan(0);
      expect(pValue).toBeLessThanOrEqual(1);
    }

    const html = readFileSync(join(out, 'backtest.html'), 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('Calibration (inferred)');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ command: 'backtest', seed: 5, runs: 8, calibrate: 'capacity', scenarios: ['BCap_Blos_BArr'], files: ['backtest.csv', 'backtest_summary.csv', 'calibration.csv', 'backtest.html', 'manifest.json'] });
  }, 600_000);

  it('writes the same bytes on one thread and on two', () => {
    const files = ['backtest.csv', 'backtest_summary.csv', 'calibration.csv', 'backtest.html'];
    const outputs = ['1', '2'].map((threads) => {
      const out = join(work, `threads-${threads}`);
      const { status, stderr } = pathflow('backtest', example, '--observed', observed, '--replications', '6', '--calibrate', 'los', '--threads', threads, '--out', out, '--quiet');
      expect(status, stderr).toBe(0);
      return files.map((name) => readFileSync(join(out, name), 'utf8'));
    });
    expect(outputs[1]).toEqual(outputs[0]);
  }, 600_000);

  it('refuses a bad observed.csv with its line and column, writing nothing', () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, `${HEADER}\nday,2026-10-02,,P2,P2_RV,delayed,,12,reported\nday,2026-13-02,,P2,P2_RV,delayed,,twelve,reported\n`);
    const out = join(work, 'bad-out');
    const { status, stderr } = pathflow('backtest', example, '--observed', bad, '--out', out);
    expect(status).toBe(2);
    expect(stderr).toBe(
      'error: the input has 2 problems:\n' +
        '  bad.csv line 3, column "date": "2026-13-02" is not a date written yyyy-mm-dd\n' +
        '  bad.csv line 3, column "value": "twelve" is not a number (write figures in decimal, or leave the cell empty when unknown)\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('compares only the organisations asked for', () => {
    const out = join(work, 'org');
    const { status, stdout, stderr } = pathflow('backtest', example, '--observed', observed, '--org', 'TEST', '--replications', '4', '--out', out, '--quiet');
    expect(status, stderr).toBe(0);
    // P3_DN's rows have no organisation: left out.
    expect(stdout.split('\n').filter((line) => /points/.test(line)).map((line) => line.split(':')[0])).toEqual(['P2 (TEST)', 'P1 (TEST)']);
    const none = pathflow('backtest', example, '--observed', observed, '--org', 'QUY', '--out', join(work, 'org-none'));
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('error: the input has 1 problem:\n  observed.csv: has no rows for QUY (its organisations are TEST, (none))\n');
  }, 600_000);

  it('refuses an unknown node and observed dates outside the horizon, naming them', () => {
    const unknown = join(work, 'unknown.csv');
    writeFileSync(unknown, `${HEADER}\nday,2026-10-02,,P2,P2_XX,delayed,,12,reported\n`);
    const first = pathflow('backtest', example, '--observed', unknown, '--out', join(work, 'unknown-out'));
    expect(first.status).toBe(2);
    expect(first.stderr).toBe(
      'error: the input has 1 problem:\n  unknown.csv line 2: node "P2_XX" is not a node of the model (its nodes are P1_RV, P1_DN, P1_CT, P2_RV, P2_DN, P2_CT, P3_RV, P3_DN, P3_CT)\n',
    );
    const early = join(work, 'early.csv');
    writeFileSync(early, `${HEADER}\nday,2025-01-02,,P2,P2_RV,delayed,,12,reported\nweek,2025-01-06,,P2,P2_RV,delayed,,12,reported\n`);
    const second = pathflow('backtest', example, '--observed', early, '--out', join(work, 'early-out'));
    expect(second.status).toBe(2);
    expect(second.stderr).toBe(
      "error: the input has 1 problem:\n  early.csv: no observed delayed figure with a value falls within the model's horizon (observed 2025-01-02 to 2025-01-12; the model simulates 2026-10-01 to 2027-03-31)\n",
    );
    expect(existsSync(join(work, 'unknown-out')) || existsSync(join(work, 'early-out'))).toBe(false);
  });
});
