/**
 * Replacing an earlier output is all or nothing as far as the filesystem allows: when a move
 * fails half-way, the new files are taken out and the earlier ones put back, and nothing
 * else in the directory is touched. A failure is simulated in the filesystem calls.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { stageOutput } from '../../src/cli/outputDirectory.js';

const failing = vi.hoisted(() => ({ destinationEnding: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const link: typeof actual.link = async (from, to) => {
    if (failing.destinationEnding && String(to).endsWith(failing.destinationEnding)) {
      throw Object.assign(new Error(`EIO: i/o error, link '${String(from)}' -> '${String(to)}'`), { code: 'EIO' });
    }
    return actual.link(from, to);
  };
  return { ...actual, link };
});

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('replacing an earlier output', () => {
  it('puts the earlier files back when moving the new ones in fails', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pathflow-rollback-'));
    const target = join(parent, 'out');
    mkdirSync(target);
    const earlier = {
      pathflow: '0.1.0',
      input: { file: 'plan.xlsx', sha256: 'a'.repeat(64), bytes: 1234 },
      seed: 1,
      runs: 2,
      started: '2026-11-20T10:00:00.000Z',
      files: ['daily.csv', 'report.html', 'manifest.json'],
    };
    writeFileSync(join(target, 'manifest.json'), JSON.stringify(earlier));
    writeFileSync(join(target, 'daily.csv'), 'old daily');
    writeFileSync(join(target, 'report.html'), 'old report');
    writeFileSync(join(target, 'notes.txt'), 'mine');
    const before = contents(target);

    const staged = await stageOutput(target);
    await staged.write('manifest.json', JSON.stringify({ ...earlier, seed: 2, files: ['daily.csv', 'summary.csv', 'manifest.json'] }));
    await staged.write('daily.csv', 'new daily');
    await staged.write('summary.csv', 'new summary');
    failing.destinationEnding = 'summary.csv';
    await expect(staged.commit()).rejects.toThrow(/EIO/);
    failing.destinationEnding = '';
    await staged.discard();

    expect(contents(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('moves the earlier files out and the new ones in, leaving the rest', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pathflow-replace-'));
    const target = join(parent, 'out');
    mkdirSync(target);
    const manifest = { pathflow: '0.1.0', command: 'optimise', input: { file: 'p.xlsx', sha256: 'b'.repeat(64), bytes: 1 }, seed: 3, runs: 4, started: '2026-11-20T10:00:00Z', files: ['optimal.csv', 'manifest.json'] };
    writeFileSync(join(target, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(target, 'optimal.csv'), 'old');
    writeFileSync(join(target, 'notes.txt'), 'mine');
    const staged = await stageOutput(target);
    await staged.write('manifest.json', JSON.stringify({ ...manifest, files: ['daily.csv', 'manifest.json'] }));
    await staged.write('daily.csv', 'new');
    await staged.commit();
    expect(readdirSync(target).sort()).toEqual(['daily.csv', 'manifest.json', 'notes.txt']);
    expect(existsSync(staged.directory)).toBe(false);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
