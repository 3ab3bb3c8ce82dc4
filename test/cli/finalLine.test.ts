/**
 * Issue 11, the command line a planner reads: `run`, `optimise` and `report` end with one
 * line naming every file written and where, and `--sensitivity` is read as the app shows it,
 * a percentage (`10%`), a fraction (`0.1`) still accepted. The built CLI; `npm run build` first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-final-line-');
});

const lastLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1);
const manifestFiles = (dir: string): string[] => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files;

describe('the line saying what was written where', () => {
  it('run names each file it wrote, even when --quiet silences the progress', { timeout: 120_000 }, () => {
    const out = join(work, 'run');
    const { status, stdout, stderr } = pathflow('run', example, '--runs', '2', '--out', out, '--quiet', '--report', 'html');
    expect(status, stderr).toBe(0);
    expect(stderr).toBe('');
    const files = manifestFiles(out);
    expect([...files].sort()).toEqual(readdirSync(out).sort());
    expect(files).toContain('report.html');
    expect(lastLine(stdout)).toBe(`wrote ${files.length} files to ${out} (${files.join(', ')})`);
  });

  it('optimise and report end the same way', { timeout: 120_000 }, () => {
    const out = join(work, 'optimise');
    const optimised = pathflow('optimise', example, '--nodes', 'P2_RV', '--runs', '3', '--out', out, '-q');
    expect(optimised.status, optimised.stderr).toBe(0);
    expect(lastLine(optimised.stdout)).toBe(`wrote 4 files to ${out} (optimal.csv, cost_curve.csv, sensitivity.csv, manifest.json)`);

    const run = join(work, 'for-report');
    expect(pathflow('run', example, '--runs', '2', '--out', run, '-q').status).toBe(0);
    const reported = pathflow('report', run, '--format', 'html');
    expect(reported.status, reported.stderr).toBe(0);
    expect(reported.stdout).toBe(`wrote 1 file to ${run} (report.html)\n`);
  });
});

describe('--sensitivity', () => {
  const optimise = (dir: string, change: string) => pathflow('optimise', example, '--nodes', 'P3_DN', '--runs', '3', '--out', join(work, dir), '-q', '--sensitivity', change);

  it('takes a percentage, and a fraction as before, to the same result', { timeout: 120_000 }, () => {
    const percent = optimise('percent', '10%');
    const fraction = optimise('fraction', '0.1');
    expect(percent.status, percent.stderr).toBe(0);
    expect(fraction.status, fraction.stderr).toBe(0);
    expect(readFileSync(join(work, 'percent', 'sensitivity.csv'), 'utf8')).toBe(readFileSync(join(work, 'fraction', 'sensitivity.csv'), 'utf8'));
    expect(JSON.parse(readFileSync(join(work, 'percent', 'manifest.json'), 'utf8')).sensitivity).toBe(0.1);
    expect(percent.stdout).toContain('cost -10%');
  });

  it('prints a percentage that is not whole as it was given', { timeout: 120_000 }, () => {
    const { status, stdout, stderr } = optimise('twelve-and-a-half', '12.5 %');
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('cost -12.5%');
    expect(stdout).toContain('cost +12.5%');
    expect(JSON.parse(readFileSync(join(work, 'twelve-and-a-half', 'manifest.json'), 'utf8')).sensitivity).toBe(0.125);
  });

  it.each(['10', '100%', '0%', '%', '1e1%', '-5%', '0x10%', '1'])('refuses %j with exit 2, saying how to write it', (change) => {
    const dir = `refused-${change.replace(/\W/g, '_')}`;
    const { status, stderr } = optimise(dir, change);
    expect(status, stderr).toBe(2);
    expect(stderr.split('\n')[0]).toContain('--sensitivity');
    expect(stderr).toContain('10%');
    expect(existsSync(join(work, dir))).toBe(false);
  });
});
