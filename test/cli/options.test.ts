/**
 * Numeric options are read strictly (issue 10, defect 8): plain decimals in a stated range,
 * anything else refused with exit 2 and a message naming the option, before any work; and
 * --threads is capped at what can help. The built CLI; `npm run build` first.
 */
import { availableParallelism } from 'node:os';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, example, pathflow } from '../cliHarness.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-options-');
});

const refused: Array<[command: string, option: string, value: string]> = [
  ['run', '--seed', ''],
  ['run', '--seed', '0x10'],
  ['run', '--seed', '1e3'],
  ['run', '--seed', '-1'],
  ['run', '--seed', '1.5'],
  ['run', '--seed', ' 7'],
  ['run', '--seed', '4294967296'],
  ['run', '--runs', '0'],
  ['run', '--runs', 'abc'],
  ['run', '--runs', ''],
  ['run', '--runs', '5e1'],
  ['run', '--runs', '0b11'],
  ['run', '--runs', '1000001'],
  ['run', '--threads', '0'],
  ['run', '--threads', '2.0'],
  ['run', '--threads', 'Infinity'],
  ['run', '--max-size', ''],
  ['run', '--max-size', '0x10'],
  ['run', '--max-size', '0'],
  ['run', '--max-size', 'NaN'],
  ['optimise', '--runs', '1e2'],
  ['optimise', '--runs', ''],
  ['optimise', '--seed', '0x10'],
  ['optimise', '--sensitivity', '0x0'],
  ['optimise', '--sensitivity', ''],
  ['optimise', '--sensitivity', '1e-1'],
  ['optimise', '--max-size', '1e3'],
  ['optimise', '--target', 'mean-wait<=0x10'],
  ['optimise', '--target', 'mean-wait<=1e1'],
  ['validate', '--max-size', '0x10'],
  ['validate', '--max-size', '-5'],
];

describe('numeric options', () => {
  let attempt = 0;
  it.each(refused)('%s %s %j is refused with exit 2, naming the option', (command, option, value) => {
    const out = join(work, `never-${++attempt}`);
    const args = command === 'validate' ? [command, example, option, value] : [command, example, option, value, '--out', out, '-q'];
    const { status, stderr } = pathflow(...args);
    expect(status, stderr).toBe(2);
    expect(stderr).toContain(option);
    expect(stderr).toMatch(/must be|is not/);
    expect(stderr.split('\n')[0], 'the first line says what is wrong').toContain(option);
    expect(existsSync(out)).toBe(false);
  });

  it('accepts plain decimals, leading zeros included', () => {
    const out = join(work, 'plain');
    const { status, stderr } = pathflow('run', example, '--runs', '02', '--seed', '4294967295', '--max-size', '25.5', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ runs: 2, seed: 4294967295 });
  });

  it('caps --threads at what can help and records the threads used', () => {
    const out = join(work, 'threads');
    const { status, stderr } = pathflow('run', example, '--runs', '2', '--threads', '256', '--out', out, '-q');
    expect(status, stderr).toBe(0);
    const cap = Math.min(availableParallelism(), 72);
    expect(stderr).toContain(`--threads 256 is more than can help: using ${cap}`);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).threads).toBe(cap);
    expect(readdirSync(work).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
