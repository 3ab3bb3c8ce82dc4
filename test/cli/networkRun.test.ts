/**
 * `pathflow run` and `pathflow report` on the bundled network example, end to end: the network
 * files beside today's, the same bytes for any thread count, a report with its network section,
 * the same run from the model.json, and a broken routing sheet refused at its cell with nothing
 * written. `npm test` builds first;
 * run `npm run build` before running this file alone.
 */
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { editedWorkbook, setCell } from '../workbook/fixtures.js';
import { builtCliWorkDirectory, pathflow, repoRoot } from '../cliHarness.js';

const networkExample = join(repoRoot, 'examples/fictional-icb-network.xlsx');
const RUN_MS = 240_000;
let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-network-cli-');
});

function filesOf(directory: string): Map<string, string> {
  return new Map(
    readdirSync(directory)
      .filter((name) => name !== 'manifest.json')
      .sort()
      .map((name) => [name, readFileSync(join(directory, name), 'utf8')]),
  );
}

describe('pathflow run on a network', () => {
  it('writes the network files beside today\'s, the same bytes on 1 and 2 threads', () => {
    const one = join(work, 'one');
    const two = join(work, 'two');
    for (const [out, threads] of [[one, '1'], [two, '2']]) {
      const run = pathflow('run', networkExample, '--runs', '6', '--seed', '3', '--threads', threads, '--out', out, '-q');
      expect(run.status, run.stderr).toBe(0);
    }
    const files = filesOf(one);
    // Every node is in a network, so no node is IPACS's and there are no IPACS-layout files.
    expect([...files.keys()]).toEqual(['daily.csv', 'flows.csv', 'model.json', 'replications.csv', 'summary.csv', 'system.csv']);
    expect(filesOf(two)).toEqual(files);

    const system = files.get('system.csv')!.trimEnd().split('\n');
    const components = new Set(system.slice(1).map((line) => line.split(',')[0]));
    expect(components).toEqual(new Set(['RV', 'DN', 'CT']));
    // Three localities x two capacity x two routing scenarios, each with total cost and delayed discharges.
    expect(system.filter((line) => line.includes(',total_cost,'))).toHaveLength(12);
    const flows = files.get('flows.csv')!;
    expect(flows).toContain(',Acute_RV,P2_RV,route,1,2026-10-01,');
    const daily = files.get('daily.csv')!;
    for (const metric of ['blocked', 'occ_bed', 'transfer', 'reserved', 'arrivals_internal', 'overflowed']) expect(daily).toContain(`,${metric},`);
  }, RUN_MS);

  it('runs the same model from its model.json as from its workbook, and refuses a bad one at its field', () => {
    const fromJson = join(work, 'json');
    const run = pathflow('run', join(repoRoot, 'examples/fictional-icb-network.json'), '--runs', '6', '--seed', '3', '--threads', '1', '--out', fromJson, '-q');
    expect(run.status, run.stderr).toBe(0);
    const [json, workbook] = [filesOf(fromJson), filesOf(join(work, 'one'))];
    // model.json keeps the order its source gave the fields in: the same model, other bytes.
    expect(JSON.parse(json.get('model.json')!)).toEqual(JSON.parse(workbook.get('model.json')!));
    json.delete('model.json');
    workbook.delete('model.json');
    expect(json).toEqual(workbook);
    const broken = join(work, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(readFileSync(join(repoRoot, 'examples/fictional-icb-network.json'), 'utf8')), warmupDays: -1 }));
    const refused = pathflow('run', broken, '--out', join(work, 'refused'), '-q');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^ {2}broken\.json: warmupDays\b/m);
    expect(existsSync(join(work, 'refused'))).toBe(false);
  }, RUN_MS);

  it('makes a report with a pathway-networks section from the run directory', () => {
    const out = join(work, 'one');
    const report = pathflow('report', out, '-f', 'html');
    expect(report.status, report.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/Pathway networks/);
    expect(html).toContain('LTC_RV');
  }, RUN_MS);

  it('refuses a routing sheet whose probabilities do not add up, at its cell, writing nothing', async () => {
    const model = validateModel(JSON.parse(readFileSync(join(repoRoot, 'examples/fictional-icb-network.json'), 'utf8')));
    if (!model.ok) throw new Error('the example must validate');
    const broken = await editedWorkbook((sheets) => setCell(sheets, 'routing', 'D2', 0.9), model.model as ModelSpec);
    const input = join(work, 'broken.xlsx');
    writeFileSync(input, broken);
    const out = join(work, 'broken');
    const run = pathflow('run', input, '--runs', '2', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/routing!D\d+: the routes out of Acute_RV in routing scenario BRoute \(row 2, .*\) sum to 1\.24, not 1/);
    expect(existsSync(out)).toBe(false);
  }, RUN_MS);
});
