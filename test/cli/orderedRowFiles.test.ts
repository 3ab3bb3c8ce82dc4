/**
 * The IPACS stochastic files written as scenarios arrive: whatever the order they come in, and
 * whether a scenario's rows went straight to the file, waited in memory or in the spool, each
 * file is its head and then every scenario's rows in the layout's order, as a plain
 * concatenation makes it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderedRowFiles } from '../../src/cli/spooledRows.js';
import type { IpacsFileLayout } from '../../src/csv/ipacs.js';
import { seededUniform } from '../seededUniform.js';
import { scratchDirectories } from '../scratchDirectories.js';

const scratch = scratchDirectories('pathflow-ordered-rows-');

const SPOOL = '.rows.spool';

/** A scenario's rows: some lines naming it, of a length that varies from scenario to scenario. */
function rowsOf(id: string, lines: number): string {
  return Array.from({ length: lines }, (_, line) => `${id},${line},${(line * 0.37).toFixed(2)}\n`).join('');
}

function shuffled<T>(items: readonly T[], uniform: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Puts each id's rows, in `arrival` order, through one scratch buffer that is overwritten by
 * the next scenario (as the formatter's is), then finishes; returns the files' names.
 */
function writeThrough(directory: string, layout: IpacsFileLayout[], arrival: readonly string[], lines: ReadonlyMap<string, number>): string[] {
  const files = new OrderedRowFiles(directory, join(directory, SPOOL));
  files.open(layout);
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(1 << 16);
  for (const id of arrival) {
    const { written } = encoder.encodeInto(rowsOf(id, lines.get(id)!), buffer);
    files.put(id, buffer.subarray(0, written));
    buffer.fill(0x21);
  }
  return files.finish();
}

function plainFile({ head, rowsOf: ids }: IpacsFileLayout, arrived: ReadonlySet<string>, lines: ReadonlyMap<string, number>): string {
  return (typeof head === 'string' ? head : new TextDecoder().decode(head)) + ids.filter((id) => arrived.has(id)).map((id) => rowsOf(id, lines.get(id)!)).join('');
}

describe('the IPACS stochastic files written as scenarios arrive', () => {
  // Two files, enough scenarios in each that some arrive more than the memory's reach ahead of their turn.
  const bed = Array.from({ length: 300 }, (_, k) => `bed-${k}`);
  const visit = Array.from({ length: 90 }, (_, k) => `visit-${k}`);
  const layout: IpacsFileLayout[] = [
    { name: 'stochastic_bed.csv', head: '"node","time"\n', rowsOf: bed },
    { name: 'stochastic_visit.csv', head: new TextEncoder().encode('"day","node"\n'), rowsOf: visit },
  ];
  const uniform = seededUniform(20261206);
  const lines = new Map([...bed, ...visit].map((id) => [id, 1 + Math.floor(uniform() * 40)]));

  const orders: Array<[string, string[]]> = [
    ['in turn', [...bed, ...visit]],
    ['last first', [...visit, ...bed].reverse()],
    ['shuffled', shuffled([...bed, ...visit], seededUniform(7))],
    // As the national workbook's come: the second half of the bed file first, the rest a little shuffled.
    ['second half first', [...bed.slice(150), ...shuffled([...bed.slice(0, 150), ...visit], seededUniform(11))]],
  ];
  for (const [label, arrival] of orders) {
    it(`writes each file in the layout's order (${label})`, () => {
      const directory = scratch();
      expect(writeThrough(directory, layout, arrival, lines)).toEqual(['stochastic_bed.csv', 'stochastic_visit.csv']);
      const arrived = new Set(arrival);
      for (const file of layout) expect(readFileSync(join(directory, file.name), 'utf8')).toBe(plainFile(file, arrived, lines));
      expect(existsSync(join(directory, SPOOL))).toBe(false);
      expect(readdirSync(directory).sort()).toEqual(['stochastic_bed.csv', 'stochastic_visit.csv']);
    });
  }

  it('leaves out scenarios that never came, and ignores ids no file lists', () => {
    const directory = scratch();
    const missing = new Set(['bed-0', 'bed-150', 'bed-299', 'visit-45']);
    const arrival = [...shuffled([...bed, ...visit], seededUniform(3)).filter((id) => !missing.has(id)), 'elsewhere'];
    writeThrough(directory, layout, arrival, new Map([...lines, ['elsewhere', 3]]));
    const arrived = new Set(arrival);
    for (const file of layout) expect(readFileSync(join(directory, file.name), 'utf8')).toBe(plainFile(file, arrived, lines));
  });

  it('writes a file with no scenarios as its head alone', () => {
    const directory = scratch();
    writeThrough(directory, [{ name: 'empty.csv', head: 'h\n', rowsOf: [] }], [], lines);
    expect(readFileSync(join(directory, 'empty.csv'), 'utf8')).toBe('h\n');
  });
});
