/**
 * `pathflow fit`, end to end through the built CLI on the bundled synthetic extract: the four
 * files and the manifest, a workbook that reads back as the fitted model and runs, observed.csv
 * with small counts withheld (and shown with --no-suppress), no person's id in any file, the
 * same bytes for the same seed, and bad input refused at its row and column with exit 2 and
 * nothing written. `npm run build` first when run alone.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitEpisodes } from '../../src/fit/fitEpisodes.js';
import { fittedModel } from '../../src/fit/fittedModel.js';
import { readEpisodes } from '../../src/fit/readEpisodes.js';
import { parseObservedCsv } from '../../src/observed/observedCsv.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { builtCliWorkDirectory, pathflow, repoRoot } from '../cliHarness.js';

const EXTRACT = join(repoRoot, 'examples/fictional-episodes.csv');
const FILES = ['model.xlsx', 'fit.csv', 'observed.csv', 'fit.html', 'manifest.json'];

let work: string;
let suppressed: string;
let open: string;
let first: ReturnType<typeof pathflow>;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-fit-cli-');
  suppressed = join(work, 'suppressed');
  open = join(work, 'open');
  first = pathflow('fit', EXTRACT, '--out', suppressed, '--seed', '7');
  if (first.status !== 0) throw new Error(first.stderr);
  const second = pathflow('fit', EXTRACT, '--out', open, '--seed', '7', '--no-suppress');
  if (second.status !== 0) throw new Error(second.stderr);
}, 180_000);

/** Every text a file holds: an xlsx's entries unzipped, so a string inside the workbook is found too. */
function textsOf(path: string): string[] {
  const bytes = readFileSync(path);
  if (!path.endsWith('.xlsx')) return [bytes.toString('utf8')];
  return Object.values(unzipSync(new Uint8Array(bytes))).map((entry) => new TextDecoder().decode(entry));
}

describe('pathflow fit', () => {
  it('writes model.xlsx, fit.csv, observed.csv, fit.html and manifest.json, and the workbook reads back as the fitted model and runs', async () => {
    expect(readdirSync(suppressed).sort()).toEqual([...FILES].sort());
    expect(first.stdout).toBe(`wrote 5 files to ${suppressed} (model.xlsx, fit.csv, observed.csv, fit.html, manifest.json)\n`);
    expect(first.stderr).toContain('note: capacities are inferred');
    const read = await readIpacsWorkbook(new Uint8Array(readFileSync(join(suppressed, 'model.xlsx'))), { fileName: 'model.xlsx' });
    expect(read.ok && read.warnings).toEqual([]);
    if (!read.ok) return;
    const episodes = readEpisodes(readFileSync(EXTRACT, 'utf8'), 'fictional-episodes.csv');
    if (!episodes.ok) throw new Error(episodes.problems.join('\n'));
    const expected = fittedModel(fitEpisodes(episodes.episodes, { snapshot: episodes.snapshot, seed: 7 }), 'fictional-episodes', true);
    expect(read.model.dates).toEqual(expected.dates);
    expect(read.model.dates).toHaveLength(181);
    expect(read.model.dates[0] > episodes.snapshot).toBe(true);
    expect(read.model.nodes.map((node) => node.id)).toEqual(expected.nodes.map((node) => node.id));
    for (const [k, node] of read.model.nodes.entries()) {
      const want = expected.nodes[k];
      expect(node.initial).toEqual(want.initial);
      expect(node.capacity.map((c) => c.capacity)).toEqual(want.capacity.map((c) => c.capacity));
      expect(node.los.map(({ family, mean, sd }) => ({ family, mean, sd }))).toEqual(want.los.map(({ family, mean, sd }) => ({ family, mean, sd })));
      expect(node.arrivals.map((a) => a.name)).toEqual(['BArr', 'S1Arr']);
      node.arrivals.forEach((a, i) => a.daily.forEach((value, d) => expect(value).toBeCloseTo(want.arrivals[i].daily[d], 6)));
    }
    const run = pathflow('run', join(suppressed, 'model.xlsx'), '--runs', '2', '--out', join(work, 'run'), '-q');
    expect(run.status, run.stderr).toBe(0);
  }, 120_000);

  it('withholds counts of 1 to 4 in observed.csv and fit.csv by default, and shows them with --no-suppress', () => {
    const rowsOf = (dir: string) => {
      const parsed = parseObservedCsv(readFileSync(join(dir, 'observed.csv'), 'utf8'));
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
      return parsed.rows;
    };
    const hidden = rowsOf(suppressed);
    const shown = rowsOf(open);
    expect(hidden).toHaveLength(shown.length);
    expect(new Set(shown.map((row) => row.measure))).toEqual(new Set(['delayed', 'in_service', 'discharges']));
    expect(shown.every((row) => row.basis === 'reported' && Number.isInteger(row.value))).toBe(true);
    const small = shown.filter((row) => row.value >= 1 && row.value <= 4);
    expect(small.length).toBeGreaterThan(0);
    hidden.forEach((row, i) => {
      if (shown[i].value >= 1 && shown[i].value <= 4) expect(row).toMatchObject({ basis: 'suppressed', value: NaN });
      else expect(row).toEqual(shown[i]);
    });
    const fitCsv = readFileSync(join(suppressed, 'fit.csv'), 'utf8');
    const people = fitCsv.split('\n').filter((line) => /,(episodes|initial|los),(episodes|completed_stays|in_service_stays|in_service|waiting|capacity),/.test(line));
    expect(people.length).toBeGreaterThan(0);
    for (const line of people) expect(line.split(',')[3]).not.toMatch(/^[1-4]$/);
    expect(fitCsv).toContain('suppressed (1–4)');
    expect(readFileSync(join(open, 'fit.csv'), 'utf8')).not.toContain('suppressed');
    expect(readFileSync(join(suppressed, 'fit.html'), 'utf8')).toContain('1–4');
  });

  it('writes no person id from the extract into any file, suppressed or not', () => {
    const ids = readFileSync(EXTRACT, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]);
    expect(ids.length).toBeGreaterThan(1000);
    for (const dir of [suppressed, open]) {
      const texts = FILES.flatMap((file) => textsOf(join(dir, file)));
      const found = ids.filter((id) => texts.some((text) => text.includes(id)));
      expect(found, dir).toEqual([]);
    }
  });

  it('writes the same bytes for the same seed and extract (the manifest aside, which records the time), re-fitting into its own directory and leaving other files there alone', () => {
    const before = new Map(FILES.map((file) => [file, readFileSync(join(suppressed, file))]));
    writeFileSync(join(suppressed, 'notes.txt'), 'my notes');
    const again = pathflow('fit', EXTRACT, '--out', suppressed, '--seed', '7');
    expect(again.status, again.stderr).toBe(0);
    for (const file of FILES.filter((name) => name !== 'manifest.json')) expect(readFileSync(join(suppressed, file)).equals(before.get(file)!), file).toBe(true);
    expect(readFileSync(join(suppressed, 'notes.txt'), 'utf8')).toBe('my notes');
  }, 120_000);

  it('refuses a bad extract with every problem at its row and column, exit 2, and writes nothing', () => {
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'person_id,locality,pathway,referred,started,ended,outcome\nA1,North,P2,2025-13-01,,,\nA2,North,P9,2025-04-01,2025-04-02,,\nA3,North,P1,2025-04-05,2025-04-06,2025-04-03,\n');
    const out = join(work, 'bad-out');
    const result = pathflow('fit', bad, '--out', out);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/row 2/);
    expect(result.stderr).toMatch(/row 3/);
    expect(result.stderr).toMatch(/row 4/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a horizon that starts before the snapshot, exit 2', () => {
    const out = join(work, 'early');
    const result = pathflow('fit', EXTRACT, '--out', out, '--start', '2026-03-01');
    expect(result.status).toBe(2);
    // The extract's last date, 2026-03-31, is the snapshot.
    expect(result.stderr).toContain('--start 2026-03-01 must be after the snapshot date 2026-03-31');
    expect(existsSync(out)).toBe(false);
  });

  it('with an earlier --snapshot, fits on what was known then and keeps the rest in observed.csv, so the backtest checks the model against what followed', () => {
    const out = join(work, 'held-out');
    const fitted = pathflow('fit', EXTRACT, '--out', out, '--snapshot', '2025-12-31', '--days', '90', '--no-suppress');
    expect(fitted.status, fitted.stderr).toBe(0);
    const observed = parseObservedCsv(readFileSync(join(out, 'observed.csv'), 'utf8'));
    if (!observed.ok) throw new Error(observed.problems.join('\n'));
    const dates = observed.rows.map((row) => row.date).sort();
    // The whole extract, to its last date, though the fit stopped at the snapshot.
    expect(dates[dates.length - 1]).toBe('2026-03-31');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { snapshot: string; firstDate: string; lastDate: string };
    expect(manifest).toMatchObject({ snapshot: '2025-12-31', firstDate: '2026-01-01', lastDate: '2026-03-31' });
    const checked = pathflow('backtest', join(out, 'model.xlsx'), '--observed', join(out, 'observed.csv'), '--out', join(work, 'held-out-backtest'), '--replications', '20', '--quiet');
    expect(checked.status, checked.stderr).toBe(0);
    const summary = readFileSync(join(work, 'held-out-backtest', 'backtest_summary.csv'), 'utf8').trim().split('\n');
    // One series a node, each compared on the 90 held-out days.
    expect(summary.length - 1).toBe(9);
    for (const line of summary.slice(1)) expect(line.split(',')[1]).toBe('90');
  });

  it('refuses a snapshot before the extract begins, exit 2, nothing written', () => {
    const out = join(work, 'too-early');
    const result = pathflow('fit', EXTRACT, '--out', out, '--snapshot', '2020-01-01');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--snapshot 2020-01-01 is before the extract's first referral: nothing was known then");
    expect(existsSync(out)).toBe(false);
  });
});
