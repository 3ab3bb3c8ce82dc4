/**
 * `pathflow run --outputs`: each chosen group's files are the very bytes the full run writes,
 * the rest are not written, and the manifest lists exactly what was; daily.parquet and
 * summary.parquet, read back by an independent reader (hyparquet), hold the CSVs' values.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { builtCliWorkDirectory, example, pathflow, repoRoot } from '../cliHarness.js';
import { parseCsv } from '../../src/csv/records.js';
import { SUMMARY_TEXT_COLUMNS } from '../../src/csv/summary.js';
import { DAILY_COLUMNS } from '../../src/csv/daily.js';
import { SCENARIO_COLUMNS } from '../../src/csv/format.js';

const networkExample = join(repoRoot, 'examples/fictional-icb-network.xlsx');
const RUN = ['--runs', '4', '--seed', '3', '--threads', '2', '-q'];
/** Written whatever is chosen. */
const ALWAYS = ['model.json', 'manifest.json'];

let work: string;
const full: Record<string, string> = {};

beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-outputs-');
  for (const [name, workbook] of [['isolated', example], ['network', networkExample]] as const) {
    full[name] = join(work, `${name}-full`);
    const run = pathflow('run', workbook, ...RUN, '--out', full[name]);
    expect(run.status, run.stderr).toBe(0);
  }
  // Two full runs: minutes on a busy 2-core machine.
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function manifestFiles(directory: string): string[] {
  return JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')).files;
}

describe('pathflow run --outputs', () => {
  const cases: Array<[workbook: 'isolated' | 'network', outputs: string, files: (fullFiles: string[]) => string[]]> = [
    ['isolated', 'summary', () => ['summary.csv']],
    ['isolated', 'daily,ipacs', (all) => ['daily.csv', ...all.filter((name) => name.includes('_output_using_'))]],
    ['isolated', 'replications', () => ['replications.csv']],
    ['network', 'network,summary', () => ['summary.csv', 'flows.csv', 'system.csv']],
    ['network', 'daily', () => ['daily.csv']],
  ];

  for (const [workbook, outputs, expected] of cases) {
    it(`--outputs ${outputs} (${workbook}): the same bytes as the full run's files, and no others`, () => {
      const out = join(work, `${workbook}-${outputs.replace(/,/g, '-')}`);
      const run = pathflow('run', workbook === 'isolated' ? example : networkExample, ...RUN, '--outputs', outputs, '--out', out);
      expect(run.status, run.stderr).toBe(0);
      const fullFiles = manifestFiles(full[workbook]);
      const chosen = expected(fullFiles);
      expect(chosen.every((name) => fullFiles.includes(name))).toBe(true);
      expect(readdirSync(out).sort()).toEqual([...chosen, ...ALWAYS].sort());
      expect(manifestFiles(out).sort()).toEqual([...chosen, ...ALWAYS].sort());
      for (const name of [...chosen, 'model.json']) expect(readFileSync(join(out, name)).equals(readFileSync(join(full[workbook], name))), name).toBe(true);
    });
  }

  it('the default is the full set: every file but the Parquet ones', () => {
    const out = join(work, 'isolated-all');
    const run = pathflow('run', example, ...RUN, '--outputs', 'all', '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(manifestFiles(out).sort()).toEqual([...manifestFiles(full.isolated), 'daily.parquet', 'summary.parquet'].sort());
    for (const name of manifestFiles(full.isolated).filter((name) => name !== 'manifest.json')) {
      expect(readFileSync(join(out, name)).equals(readFileSync(join(full.isolated, name))), name).toBe(true);
    }
  });

  it('refuses a group it does not know, naming it, with exit status 2 and no output', () => {
    const out = join(work, 'refused');
    const run = pathflow('run', example, ...RUN, '--outputs', 'summary,csv', '--out', out);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--outputs takes a comma-separated list of summary, daily, replications, ipacs, network, parquet or all, not 'csv'");
    expect(existsSync(out)).toBe(false);
  });
});

/** A CSV's records as header-keyed rows. */
function csvRows(path: string): Array<Record<string, string>> {
  const parsed = parseCsv(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path}:${parsed.line}: ${parsed.message}`);
  const [header, ...rows] = parsed.records.map((record) => record.cells);
  return rows.map((cells) => Object.fromEntries(header.map((name, c) => [name, cells[c]])));
}

/** A CSV cell as the typed value the Parquet file must hold: text as it is, a number parsed, a blank null. */
function expectedValue(cell: string, text: boolean): string | number | null {
  if (text) return cell;
  return cell === '' ? null : Number(cell);
}

async function expectParquetEqualsCsv(parquetPath: string, csvPath: string, textColumns: ReadonlySet<string>): Promise<number> {
  const csv = csvRows(csvPath);
  const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(parquetPath) });
  expect(parquet.length).toBe(csv.length);
  expect(Object.keys(parquet[0])).toEqual(Object.keys(csv[0]));
  csv.forEach((row, r) => {
    for (const [name, cell] of Object.entries(row)) {
      const actual = parquet[r][name];
      const expected = expectedValue(cell, textColumns.has(name));
      // One assertion per mismatch, named, rather than one per cell (tens of thousands).
      if (!Object.is(actual, expected)) expect({ row: r + 2, column: name, value: actual }).toEqual({ row: r + 2, column: name, value: expected });
    }
  });
  return csv.length;
}

describe('Parquet beside CSV', () => {
  const dailyText = new Set<string>([...SCENARIO_COLUMNS, 'date', 'metric']);

  for (const workbook of ['isolated', 'network'] as const) {
    it(`daily.parquet and summary.parquet hold every value of daily.csv and summary.csv (${workbook}, read by hyparquet)`, async () => {
      const out = join(work, `${workbook}-parquet`);
      const run = pathflow('run', workbook === 'isolated' ? example : networkExample, ...RUN, '--outputs', 'daily,summary,parquet', '--out', out);
      expect(run.status, run.stderr).toBe(0);
      // The CSVs beside them are the full run's bytes: the Parquet files are checked against those.
      for (const name of ['daily.csv', 'summary.csv']) expect(readFileSync(join(out, name)).equals(readFileSync(join(full[workbook], name)))).toBe(true);
      const dailyRows = await expectParquetEqualsCsv(join(out, 'daily.parquet'), join(out, 'daily.csv'), dailyText);
      const summaryRows = await expectParquetEqualsCsv(join(out, 'summary.parquet'), join(out, 'summary.csv'), SUMMARY_TEXT_COLUMNS);
      expect(dailyRows).toBeGreaterThan(1000);
      expect(summaryRows).toBeGreaterThan(8);
      expect(DAILY_COLUMNS.length).toBe(Object.keys(csvRows(join(out, 'daily.csv'))[0]).length);
      // The network example's daily.csv is some 900,000 rows: minutes to compare on a busy machine.
    }, 900_000);
  }

  it('is the same bytes on one thread and on two', () => {
    const outs = ['1', '2'].map((threads) => {
      const out = join(work, `parquet-threads-${threads}`);
      const run = pathflow('run', example, '--runs', '4', '--seed', '3', '-q', '--threads', threads, '--outputs', 'parquet', '--out', out);
      expect(run.status, run.stderr).toBe(0);
      return out;
    });
    for (const name of ['daily.parquet', 'summary.parquet']) expect(readFileSync(join(outs[0], name)).equals(readFileSync(join(outs[1], name))), name).toBe(true);
  });
});
