/**
 * The `pathflow` command end to end, as a planner runs it: the built CLI in a child process.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAILY_COLUMNS, dailyCsv } from '../../src/csv/daily.js';
import { ipacsOutputFiles } from '../../src/csv/ipacs.js';
import { SUMMARY_COLUMNS, summaryCsv } from '../../src/csv/summary.js';
import { replicationsCsv } from '../../src/csv/replications.js';
import { runModel } from '../../src/engine/run.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { builtCliWorkDirectory, example, pathflow, repoRoot } from '../cliHarness.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-cli-');
});

describe('pathflow run', () => {
  it('writes daily.csv, summary.csv, the IPACS-layout files and a manifest', () => {
    const out = join(work, 'example');
    const { status, stdout, stderr } = pathflow('run', example, '--runs', '4', '--seed', '7', '--threads', '2', '--out', out);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/scenarios x 4 replications x 182 days/);
    expect(stderr).toMatch(/progress: 100% /);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      [
        'bed_output_using_fictional-icb.csv',
        'daily.csv',
        'manifest.json',
        'model.json',
        'replications.csv',
        'stochastic_bed_output_using_fictional-icb.csv',
        'stochastic_visit_output_using_fictional-icb.csv',
        'summary.csv',
        'visit_output_using_fictional-icb.csv',
      ].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: 7, runs: 4, threads: 2, compat: 'none', days: 182, input: { file: 'fictional-icb.xlsx' } });
    // The manifest describes this input and this directory: facts the test can check
    // independently (no clock: a run's timing belongs to the benchmark).
    const input = readFileSync(example);
    expect(manifest.input.sha256).toBe(createHash('sha256').update(input).digest('hex'));
    expect(manifest.input.bytes).toBe(input.length);
    expect([...manifest.files].sort()).toEqual(files);
    expect(new Date(manifest.started).toISOString()).toBe(manifest.started);
    expect(Number.isFinite(manifest.elapsedSeconds) && manifest.elapsedSeconds >= 0).toBe(true);
    expect(manifest.pathflow).toBe(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(model.nodes).toHaveLength(9);
    expect(model.dates).toHaveLength(182);

    const summary = readFileSync(join(out, 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(summary[0]).toBe(SUMMARY_COLUMNS.join(','));
    const scenarios = manifest.scenarios as number;
    expect(summary).toHaveLength(scenarios + 1);
    const daily = readFileSync(join(out, 'daily.csv'), 'utf8').trimEnd().split('\n');
    expect(daily[0]).toBe(DAILY_COLUMNS.join(','));
    // One row per scenario x day x metric.
    expect(daily).toHaveLength(scenarios * 182 * 8 + 1);
    expect(daily[1].split(',')[8]).toBe('2026-10-01');
    // No staging directory is left beside the output.
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('gives byte-identical results on 1 and 2 threads', () => {
    const one = join(work, 'threads-1');
    const two = join(work, 'threads-2');
    expect(pathflow('run', example, '--runs', '6', '--threads', '1', '--out', one, '-q').status).toBe(0);
    expect(pathflow('run', example, '--runs', '6', '--threads', '2', '--out', two, '-q').status).toBe(0);
    for (const file of readdirSync(one).filter((name) => name.endsWith('.csv'))) {
      expect(readFileSync(join(two, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
    }
  });

  it('writes, from its writer thread, exactly what the CSV functions give for the same run in process', async () => {
    const out = join(work, 'reference');
    expect(pathflow('run', example, '--runs', '3', '--seed', '5', '--out', out, '-q').status).toBe(0);
    const read = await readIpacsWorkbook(new Uint8Array(readFileSync(example)), { fileName: 'fictional-icb.xlsx' });
    if (!read.ok) throw new Error('the example does not read');
    const result = await runModel(read.model, { replications: 3, seed: 5 });
    expect(readFileSync(join(out, 'daily.csv'), 'utf8')).toBe([...dailyCsv(result)].join(''));
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(summaryCsv(result, read.model));
    expect(readFileSync(join(out, 'replications.csv'), 'utf8')).toBe(replicationsCsv(result));
    for (const [name, content] of ipacsOutputFiles(read.model, result)) expect(readFileSync(join(out, name), 'utf8'), name).toBe(content);
  });

  it('refuses a file that is not a workbook, exits 2, and leaves no output behind', () => {
    const notWorkbook = join(work, 'plans.xlsx');
    writeFileSync(notWorkbook, 'node,arrivals\nP2_B,3\n');
    const out = join(work, 'never-written');
    const { status, stderr } = pathflow('run', notWorkbook, '--out', out);
    expect(status).toBe(2);
    expect(stderr).toMatch(/plans\.xlsx/);
    expect(stderr).toMatch(/not .*workbook|xlsx/i);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes('never-written'))).toEqual([]);
  });

  it('refuses a workbook over the size limit before reading it', () => {
    const { status, stderr } = pathflow('run', example, '--max-size', '0.001', '--out', join(work, 'too-big'));
    expect(status).toBe(2);
    expect(stderr).toMatch(/over the 0\.001 MB limit/);
    expect(existsSync(join(work, 'too-big'))).toBe(false);
  });

  it('rejects bad options with exit 2', () => {
    expect(pathflow('run', example, '--runs', '0').status).toBe(2);
    expect(pathflow('run', example, '--seed', '-1').status).toBe(2);
    expect(pathflow('run', example, '--compat', 'ipacs-v2').status).toBe(2);
    expect(pathflow('run', join(work, 'missing.xlsx')).stderr).toMatch(/no such file/);
  });

  it('will not overwrite a directory that is not a Pathflow output', () => {
    const precious = join(work, 'precious');
    mkdirSync(precious);
    writeFileSync(join(precious, 'notes.txt'), 'keep me');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--out', precious);
    expect(status).toBe(2);
    expect(stderr).toMatch(/not a Pathflow output directory/);
    expect(readdirSync(precious)).toEqual(['notes.txt']);
  });

  it('replaces an earlier Pathflow output in place', () => {
    const out = join(work, 'rerun');
    expect(pathflow('run', example, '--runs', '2', '--seed', '1', '--out', out, '-q').status).toBe(0);
    expect(pathflow('run', example, '--runs', '3', '--seed', '2', '--out', out, '-q').status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ runs: 3, seed: 2 });
  });
});

describe('pathflow validate', () => {
  it('accepts the example and describes it', () => {
    const { status, stdout } = pathflow('validate', example);
    expect(status).toBe(0);
    expect(stdout).toMatch(/fictional-icb\.xlsx: valid\. 9 nodes, \d+ scenarios, 182 days \(2026-10-01 to 2027-03-31\)/);
  });

  it('reports a broken workbook with exit 2', () => {
    const broken = join(work, 'broken.xlsx');
    writeFileSync(broken, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const { status, stderr } = pathflow('validate', broken);
    expect(status).toBe(2);
    expect(stderr).toMatch(/broken\.xlsx/);
  });
});
