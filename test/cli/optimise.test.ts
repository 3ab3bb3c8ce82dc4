/**
 * `pathflow optimise` end to end on the bundled example, as a planner runs it: the built CLI
 * in a child process. `npm test` builds first; run `npm run build` before running this file alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COST_CURVE_COLUMNS, OPTIMAL_COLUMNS, SENSITIVITY_COLUMNS } from '../../src/csv/optimise.js';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';


/** A CSV without quoted fields (these have none) as records keyed by column. */
function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const header = head.split(',');
  return { header, rows: lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [header[i], value]))) };
}

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-optimise-');
});

describe('pathflow optimise', () => {
  it('writes optimal.csv, cost_curve.csv, sensitivity.csv and a manifest, and prints the plan', () => {
    const out = join(work, 'cost');
    const { status, stdout, stderr } = pathflow('optimise', example, '--nodes', 'P2_RV,P3_DN', '--cost-basis', 'commissioned', '--runs', '12', '--seed', '3', '--out', out);
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cost_curve.csv', 'manifest.json', 'optimal.csv', 'sensitivity.csv']);
    expect(stdout).toMatch(/cost-optimal capacity \(commissioned cost basis, 12 replications, 182 days\)/);
    expect(stdout).toMatch(/^P2_RV +Blos\/BArr +90 /m);
    expect(stdout).toMatch(/sensitivity at the best capacity/);
    expect(stderr).toMatch(/P3_DN Blos\/BArr: \d+ \[\d+, \d+\], \d+ capacities simulated/);

    const optimal = readCsv(join(out, 'optimal.csv'));
    expect(optimal.header).toEqual(OPTIMAL_COLUMNS);
    expect(optimal.rows.map((row) => row.node)).toEqual(['P2_RV', 'P3_DN']);
    for (const row of optimal.rows) {
      expect(row).toMatchObject({ objective: 'cost', target: '', cost_basis: 'commissioned', replications: '12', los_scenario: 'Blos', arrival_scenario: 'BArr' });
      const [best, low, high] = [row.best_capacity, row.capacity_low95, row.capacity_high95].map(Number);
      expect(low).toBeLessThanOrEqual(best);
      expect(high).toBeGreaterThanOrEqual(best);
      // The search's capacities, the baseline on its replications, the optimum and the baseline
      // re-priced on 12 fresh ones, and the tornado's variants.
      expect(Number(row.replications_simulated)).toBeGreaterThanOrEqual(12 * (Number(row.capacities_simulated) + 2));
      expect(Number(row.analytic_capacity)).toBeGreaterThan(Number(row.offered_load));
      // Total cost is acute plus community, and the saving is the paired difference from the baseline.
      expect(Number(row.total_cost)).toBeCloseTo(Number(row.acute_cost) + Number(row.community_cost), 0);
      expect(Number(row.cost_saved)).toBeCloseTo(Number(row.baseline_total_cost) - Number(row.total_cost), 0);
      // Re-priced on fresh replications, so not the search's own (biased low) figure.
      expect(Number(row.search_total_cost)).toBeGreaterThan(0);
      expect(row.total_cost).not.toBe(row.search_total_cost);
      // The note calls it a saving only when the whole interval is above zero.
      const [saved, savedLow, savedHigh] = [row.cost_saved, row.cost_saved_low95, row.cost_saved_high95].map(Number);
      expect(savedLow).toBeLessThanOrEqual(saved);
      const wording = savedLow > 0 ? /^against the baseline: saves £/ : savedHigh < 0 ? /^against the baseline: costs £\S+ more/ : /^against the baseline: no clear difference: .* \(95 % CI includes zero\)/;
      expect(row.note).toMatch(wording);
    }

    const curve = readCsv(join(out, 'cost_curve.csv'));
    expect(curve.header).toEqual(COST_CURVE_COLUMNS);
    for (const node of ['P2_RV', 'P3_DN']) {
      const points = curve.rows.filter((row) => row.node === node);
      const best = optimal.rows.find((row) => row.node === node)!;
      // Every capacity simulated on the node's replications: the search's, the baseline and the tornado's.
      expect(points.length).toBeGreaterThanOrEqual(Number(best.capacities_simulated));
      expect(points.filter((row) => row.is_best === 'TRUE').map((row) => row.capacity)).toEqual([best.best_capacity]);
      expect(points.filter((row) => row.is_baseline === 'TRUE').map((row) => row.capacity)).toEqual([best.baseline_capacity]);
      const capacities = points.map((row) => Number(row.capacity));
      expect([...capacities].sort((a, b) => a - b)).toEqual(capacities);
    }

    const tornado = readCsv(join(out, 'sensitivity.csv'));
    expect(tornado.header).toEqual(SENSITIVITY_COLUMNS);
    // Two nodes, at the best and the baseline capacity, three factors each.
    expect(tornado.rows).toHaveLength(12);
    expect(new Set(tornado.rows.map((row) => row.factor))).toEqual(new Set(['arrivals', 'mean_los', 'capacity']));
    for (const row of tornado.rows.filter((r) => r.factor === 'arrivals')) expect(Number(row.cost_change_plus)).toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ command: 'optimise', seed: 3, runs: 12, objective: 'cost', target: null, costBasis: 'commissioned', sensitivity: 0.1, nodes: ['P2_RV', 'P3_DN'] });
    expect(manifest.files).toEqual(['optimal.csv', 'cost_curve.csv', 'sensitivity.csv', 'manifest.json']);
    expect(manifest.replicationsSimulated).toBe(optimal.rows.reduce((sum, row) => sum + Number(row.replications_simulated), 0));
    expect(stdout).toMatch(/against the baseline/);
    expect(stdout).toMatch(/saves £|no clear difference|costs £\S+ more/);
  });

  it('gives the same files for the same seed', () => {
    const one = join(work, 'again-1');
    const two = join(work, 'again-2');
    for (const out of [one, two]) expect(pathflow('optimise', example, '--nodes', 'P1_DN', '--runs', '6', '--out', out, '-q').status).toBe(0);
    for (const file of ['optimal.csv', 'cost_curve.csv', 'sensitivity.csv']) expect(readFileSync(join(two, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
  });

  it('gives the same bytes on one thread and on two', () => {
    const outs = ['1', '2'].map((threads) => {
      const out = join(work, `threads-${threads}`);
      const { status, stderr } = pathflow('optimise', example, '--nodes', 'P1_DN,P2_RV,P3_DN', '--runs', '6', '--threads', threads, '--out', out, '-q');
      expect(status, stderr).toBe(0);
      return out;
    });
    expect(JSON.parse(readFileSync(join(outs[1], 'manifest.json'), 'utf8')).threads).toBe(Math.min(2, availableParallelism()));
    for (const file of ['optimal.csv', 'cost_curve.csv', 'sensitivity.csv']) expect(readFileSync(join(outs[1], file), 'utf8'), file).toBe(readFileSync(join(outs[0], file), 'utf8'));
  });

  it('draws P1 stays as IPACS v1 does with --compat ipacs-v1, as run does', () => {
    const outs = [[], ['--compat', 'ipacs-v1']].map((extra, i) => {
      const out = join(work, `compat-${i}`);
      const { status, stderr } = pathflow('optimise', example, '--nodes', 'P1_DN', '--runs', '6', '--out', out, '-q', ...extra);
      expect(status, stderr).toBe(0);
      return out;
    });
    expect(JSON.parse(readFileSync(join(outs[1], 'manifest.json'), 'utf8')).compat).toBe('ipacs-v1');
    expect(readFileSync(join(outs[1], 'optimal.csv'), 'utf8')).not.toBe(readFileSync(join(outs[0], 'optimal.csv'), 'utf8'));
  });

  it('finds the least capacity meeting a service target with 95 % confidence, and shows the boundary it decided on', () => {
    const out = join(work, 'target');
    const { status, stdout, stderr } = pathflow('optimise', example, '--nodes', 'P2_DN', '--target', 'delay-days-per-patient<=0.5', '--runs', '10', '--out', out, '--scenario', 'S1Arr', '-q');
    expect(status, stderr).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/least capacity meeting delay-days-per-patient<=0.5 with 95% confidence/);
    const [row] = readCsv(join(out, 'optimal.csv')).rows;
    expect(row).toMatchObject({ node: 'P2_DN', objective: 'target', target: 'delay-days-per-patient<=0.5', arrival_scenario: 'S1Arr', los_scenario: 'Blos', target_confidence: '0.95' });
    expect(['confident', 'budget-spent']).toContain(row.target_status);
    // The answer meets the target by its upper bound, not only by its mean.
    expect(Number(row.target_value_high)).toBeLessThanOrEqual(0.5);
    expect(Number(row.target_value)).toBeLessThanOrEqual(Number(row.target_value_high));
    // One place less: failing it clearly, or (budget spent) not clearly meeting it.
    expect(Number(row.target_value_high_below)).toBeGreaterThan(0.5);
    if (row.target_status === 'confident') expect(Number(row.target_value_low_below)).toBeGreaterThan(0.5);
    expect(Number(row.best_capacity)).toBeGreaterThanOrEqual(Number(row.point_capacity));
    expect(Number(row.target_replications)).toBeGreaterThanOrEqual(10);
    expect(Number(row.target_replications)).toBeLessThanOrEqual(160);
    // The delays at it on fresh replications.
    expect(Number(row.delay_days_per_patient)).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ target: 'delay-days-per-patient<=0.5', confidence: 0.95, maxRuns: 160 });
  });

  it('reads a target written with its old name, and says what it is now called', () => {
    const out = join(work, 'renamed');
    const { status, stderr } = pathflow('optimise', example, '--nodes', 'P2_DN', '--target', 'p95-delayed<=5', '--runs', '4', '--max-runs', '8', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(stderr).toMatch(/^note: target metric p95-delayed is now called p95-delayed-per-run, the same quantity \(for the 95th percentile of all days, as summary.csv's p95_delayed, use p95-delayed-all-days\)/);
    expect(readCsv(join(out, 'optimal.csv')).rows[0].target).toBe('p95-delayed-per-run<=5');
  });

  it('plans every scenario with --scenario all, under the occupied basis', () => {
    const out = join(work, 'all');
    const { status, stderr } = pathflow('optimise', example, '--nodes', 'P3_CT', '--scenario', 'all', '--cost-basis', 'occupied', '--runs', '5', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    const rows = readCsv(join(out, 'optimal.csv')).rows;
    expect(rows.map((row) => `${row.los_scenario}/${row.arrival_scenario}`)).toEqual(['Blos/BArr', 'Blos/S1Arr', 'S1los/BArr', 'S1los/S1Arr']);
    for (const row of rows) expect(row.cost_basis).toBe('occupied');
  });

  it('rejects bad options with exit 2 and writes nothing', () => {
    const out = join(work, 'never');
    const cases: [string[], RegExp][] = [
      [['--target', 'delay-days-per-patient<1'], /metric<=value/],
      [['--target', 'speed<=1'], /not one of delay-days-per-patient, p95-delayed-per-run, p95-delayed-all-days, share-ever-delayed/],
      [['--target', 'share-ever-delayed<=5'], /between 0 and 1/],
      [['--target', 'delay-days-per-patient<=1', '--confidence', '100%'], /--confidence must be a percentage above 50 and below 100/],
      [['--target', 'delay-days-per-patient<=1', '--runs', '20', '--max-runs', '10'], /--max-runs 10 is fewer than --runs 20/],
      [['--objective', 'target'], /needs a --target/],
      [['--objective', 'cost', '--target', 'mean-wait<=1'], /--target is for --objective target/],
      [['--objective', 'fastest'], /Allowed choices are cost, target/],
      [['--cost-basis', 'free'], /Allowed choices are commissioned, occupied/],
      [['--nodes', 'P2_RV,P9_XX'], /P9_XX is not a node of the workbook/],
      [['--nodes', ''], /names no node/],
      [['--scenario', 'S9Arr'], /S9Arr is not an arrival or LOS scenario of P1_RV/],
      [['--runs', '1'], /--runs must be a whole number from 2 to 100000 \(at least 2/],
      [['--threads', '0'], /--threads must be a whole number from 1 to 1024/],
      [['--compat', 'ipacs-v2'], /Allowed choices are ipacs-v1/],
      [['--sensitivity', '1.5'], /--sensitivity must be a percentage above 0 and below 100, e.g. 10%, or a fraction below 1/],
    ];
    for (const [args, message] of cases) {
      const { status, stderr } = pathflow('optimise', example, '--out', out, ...args);
      expect(status, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
    expect(pathflow('optimise', join(work, 'missing.xlsx')).stderr).toMatch(/no such file/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('never'))).toEqual([]);
  });
});

