/**
 * `pathflow optimise --component`: a joint plan of a network component, end to end with the
 * built CLI on a model.json (a P2 -> P3 component: a full P3 blocks P2 beds). Run
 * `npm run build` before running this file alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOINT_OPTIMAL_COLUMNS, jointSurfaceColumns } from '../../src/csv/jointPlan.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { modelFileText, validateModel } from '../../src/engine/modelSchema.js';
import { jointProblems } from '../../src/engine/network/jointProblem.js';
import { planJoint } from '../../src/engine/network/jointSearch.js';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';

const dates = Array.from({ length: 120 }, (_, d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));

function model(): ModelSpec {
  return {
    name: 'two-node component',
    dates,
    warmupDays: 30,
    nodes: [
      { id: 'P2_N', pathway: 'P2', locality: 'N', arrivals: [{ name: 'BArr', daily: dates.map(() => 2) }], capacity: [{ name: 'BCap', capacity: 10 }], los: [{ name: 'Blos', family: 'exp', mean: 6 }], initial: { occupied: 0, waiting: 0 }, costs: { community: 200, acuteDelay: 350 } },
      { id: 'P3_N', pathway: 'P3', locality: 'N', arrivals: [], capacity: [{ name: 'BCap', capacity: 8 }, { name: 'S1Cap', capacity: 20 }], los: [{ name: 'Blos', family: 'exp', mean: 10 }], initial: { occupied: 0, waiting: 0 }, costs: { community: 120, acuteDelay: 350 } },
    ],
    edges: [{ from: 'P2_N', to: 'P3_N', probability: 1 }],
  };
}

function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const header = head.split(',');
  return { header, rows: lines.map((line) => Object.fromEntries(line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((value, i) => [header[i], value]))) };
}

let work: string;
let modelPath: string;
const plan = (out: string, ...extra: string[]) =>
  pathflow('optimise', modelPath, '--component', 'N', '--nodes', 'P2_N,P3_N', '--range', 'P2_N=8:24,P3_N=16:34', '--cost-basis', 'commissioned', '--runs', '10', '--seed', '4', '--out', join(work, out), ...extra);

beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-joint-');
  modelPath = join(work, 'network.json');
  writeFileSync(modelPath, modelFileText(model()));
});

describe('pathflow optimise --component', () => {
  it('writes joint_optimal.csv, joint_surface.csv and a manifest, with the engine\'s plan', () => {
    const { status, stdout, stderr } = plan('cost');
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('least system cost: N_BCap_Blos_BArr_BRoute (commissioned cost basis, 10 replications, 120 days)');
    expect(stdout).toMatch(/wrote 3 files to .*\(joint_optimal\.csv, joint_surface\.csv, manifest\.json\)/);
    const optimal = readCsv(join(work, 'cost', 'joint_optimal.csv'));
    expect(optimal.header).toEqual(JOINT_OPTIMAL_COLUMNS);
    expect(optimal.rows.map((row) => row.node)).toEqual(['P2_N', 'P3_N']);

    const validated = validateModel(JSON.parse(readFileSync(modelPath, 'utf8')));
    if (!validated.ok) throw new Error('the test model does not validate');
    const [problem] = jointProblems(validated.model, {
      component: 'N', nodes: ['P2_N', 'P3_N'], ranges: { P2_N: { low: 8, high: 24 }, P3_N: { low: 16, high: 34 } },
      scenario: 'baseline', seed: 4, replications: 10, initialResidual: 'ipacs', costBasis: 'commissioned', objective: { kind: 'cost' },
    }).problems;
    const engine = planJoint(problem);
    expect(optimal.rows.map((row) => Number(row.best_capacity))).toEqual(engine.capacities);
    expect(optimal.rows.map((row) => [Number(row.capacity_low95), Number(row.capacity_high95)])).toEqual(engine.intervals.map((i) => [i.low, i.high]));
    for (const row of optimal.rows) {
      expect(Number(row.capacity_low95)).toBeLessThanOrEqual(Number(row.best_capacity));
      expect(Number(row.best_capacity)).toBeLessThanOrEqual(Number(row.capacity_high95));
      // Re-priced on fresh replications, so not the search's own figure; cost = delay + community.
      expect(row.total_cost).not.toBe(row.search_total_cost);
      expect(Number(row.total_cost)).toBeCloseTo(Number(row.delay_cost) + Number(row.community_cost), 2);
      expect(Number(row.cost_saved)).toBeCloseTo(Number(row.baseline_total_cost) - Number(row.total_cost), 2);
      expect(row.note).toMatch(/^"?against the baseline: saves £/);
    }

    const surface = readCsv(join(work, 'cost', 'joint_surface.csv'));
    expect(surface.header).toEqual(jointSurfaceColumns(['P2_N', 'P3_N']));
    expect(surface.rows.length).toBe(Number(optimal.rows[0].vectors_simulated) + 1);
    const best = surface.rows.filter((row) => row.is_best === 'TRUE');
    expect(best.map((row) => [Number(row.capacity_P2_N), Number(row.capacity_P3_N)])).toEqual([engine.capacities]);
    expect(best[0].total_cost).toBe(optimal.rows[0].search_total_cost);
    expect(surface.rows.filter((row) => row.is_baseline === 'TRUE').map((row) => [row.capacity_P2_N, row.capacity_P3_N])).toEqual([['10', '8']]);
    // Nothing simulated is cheaper than the best on the search's replications.
    expect(Math.min(...surface.rows.map((row) => Number(row.total_cost)))).toBe(Number(best[0].total_cost));

    const manifest = JSON.parse(readFileSync(join(work, 'cost', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ command: 'optimise', component: 'N', nodes: ['P2_N', 'P3_N'], ranges: { P2_N: { low: 8, high: 24 }, P3_N: { low: 16, high: 34 } }, threads: 1, costBasis: 'commissioned' });
    expect(stderr).toBe('N_BCap_Blos_BArr_BRoute: ' + engine.capacities!.map((c, i) => `${['P2_N', 'P3_N'][i]}=${c}`).join(', ') + `, ${engine.vectorsSearched} capacity vectors searched\n`);
    expect(manifest.files).toEqual(['joint_optimal.csv', 'joint_surface.csv', 'manifest.json']);
  });

  it('writes identical files for the same seed, whatever --threads says', () => {
    const again = plan('again', '--threads', '2');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('warning: --threads 2 is more than can help: using 1 (a network plan searches each component scenario on one thread; 1 to plan');
    for (const file of ['joint_optimal.csv', 'joint_surface.csv']) {
      expect(readFileSync(join(work, 'again', file))).toEqual(readFileSync(join(work, 'cost', file)));
    }
  });

  it('plans every component scenario with --scenario all, side by side on threads, the same bytes as on one', () => {
    const one = plan('all-1', '--scenario', 'all', '--threads', '1', '--runs', '4');
    const two = plan('all-2', '--scenario', 'all', '--threads', '2', '--runs', '4');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(one.stderr).toContain('warning: P2_N has no capacity scenario S1Cap: it runs BCap');
    const optimal = readCsv(join(work, 'all-1', 'joint_optimal.csv'));
    expect(optimal.rows.map((row) => [row.scenario, row.node, row.baseline_capacity])).toEqual([
      ['N_BCap_Blos_BArr_BRoute', 'P2_N', '10'],
      ['N_BCap_Blos_BArr_BRoute', 'P3_N', '8'],
      ['N_S1Cap_Blos_BArr_BRoute', 'P2_N', '10'],
      ['N_S1Cap_Blos_BArr_BRoute', 'P3_N', '20'],
    ]);
    for (const file of ['joint_optimal.csv', 'joint_surface.csv']) {
      expect(readFileSync(join(work, 'all-2', file))).toEqual(readFileSync(join(work, 'all-1', file)));
    }
    expect(JSON.parse(readFileSync(join(work, 'all-2', 'manifest.json'), 'utf8')).threads).toBe(Math.min(2, availableParallelism()));
  });

  it('plans for a target: the least commissioned cost meeting it with 95 % confidence, with the decision at one place fewer at each node and the status', () => {
    const { status, stdout, stderr } = plan('target', '--target', 'delayed-per-day<=0.2');
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('least commissioned cost meeting delayed-per-day<=0.2 with 95 % confidence');
    const optimal = readCsv(join(work, 'target', 'joint_optimal.csv'));
    // Named as optimal.csv names a node's target columns.
    expect(optimal.header).toEqual(expect.arrayContaining(['target_status', 'target_confidence', 'target_value', 'target_value_low', 'target_value_high', 'target_replications', 'target_value_below', 'target_value_low_below', 'target_value_high_below', 'target_replications_below', 'target_decision_below']));
    for (const row of optimal.rows) {
      expect(row.objective).toBe('target');
      expect(row.target).toBe('delayed-per-day<=0.2');
      expect(row.target_confidence).toBe('0.95');
      expect(Number(row.target_value_high)).toBeLessThanOrEqual(0.2);
      expect(Number(row.target_replications)).toBeGreaterThanOrEqual(40);
      expect(['fails', 'unclear']).toContain(row.target_decision_below);
      if (row.target_decision_below === 'fails') expect(Number(row.target_value_low_below)).toBeGreaterThan(0.2);
      expect(row.target_status).toBe(optimal.rows.every((r) => r.target_decision_below === 'fails') ? 'confident' : 'budget-spent');
    }
    const surface = readCsv(join(work, 'target', 'joint_surface.csv'));
    expect(surface.rows.find((row) => row.is_best === 'TRUE')!.target_decision).toBe('meets');
  });

  it.each([
    [['--component', 'S', '--nodes', 'P2_N'], '--component S is not a component of the model (its components: N)'],
    [['--component', 'N', '--nodes', 'P2_N,P3_Q'], '--nodes: P3_Q is not a node of the model'],
    [['--component', 'N', '--nodes', 'P2_N,P3_N', '--range', 'P2_N=30:10'], '--range P2_N=30:10: the low end 30 is above the high end 10 (write low:high)'],
    [['--component', 'N', '--nodes', 'P2_N', '--range', 'P2_N=1:x'], "--range must be NODE=LOW:HIGH in whole numbers, e.g. P3_N=10:40,LTC_N=50:90, not 'P2_N=1:x'"],
    [['--component', 'N'], '--component needs --nodes'],
    [['--component', 'N', '--nodes', 'P2_N', '--target', 'mean-wait<=1'], 'is for one node; a network plan\'s targets are delayed-per-day, blocked:NODE and queue:NODE'],
    [['--component', 'N', '--nodes', 'P2_N', '--target', 'blocked:P9_N<=1'], '--target: P9_N is not a node of component N'],
    [['--nodes', 'P2_N', '--range', 'P2_N=1:5'], '--range is for a network plan: give --component too'],
    [['--nodes', 'P2_N', '--target', 'delayed-per-day<=1'], '--target delayed-per-day<=1 is for a network plan: give --component and --nodes'],
  ])('refuses %j with exit 2 and writes nothing', (args, message) => {
    const out = join(work, `bad-${Math.random().toString(36).slice(2)}`);
    const { status, stderr } = pathflow('optimise', modelPath, '--runs', '2', '--out', out, ...args);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a node without beds, and a model file that is not a model, with exit 2', () => {
    const withDelay = model();
    withDelay.nodes[1] = { ...withDelay.nodes[1], kind: 'delay', capacity: [] };
    const delayPath = join(work, 'delay.json');
    writeFileSync(delayPath, modelFileText(withDelay));
    const delay = pathflow('optimise', delayPath, '--component', 'N', '--nodes', 'P3_N', '--range', 'P3_N=1:5', '--runs', '2', '--out', join(work, 'delay'));
    expect(delay.status).toBe(2);
    expect(delay.stderr).toContain("--nodes: P3_N is a delay node, and only bed nodes' capacities are planned: it has no beds");
    const brokenPath = join(work, 'broken.json');
    writeFileSync(brokenPath, '{"nodes": [');
    const broken = pathflow('optimise', brokenPath, '--component', 'N', '--nodes', 'P3_N', '--out', join(work, 'broken'));
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.json: not a model:');
    expect(existsSync(join(work, 'delay'))).toBe(false);
    expect(existsSync(join(work, 'broken'))).toBe(false);
  });
});
