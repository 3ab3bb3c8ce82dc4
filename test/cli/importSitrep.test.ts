/**
 * `pathflow import sitrep` end to end through the built CLI, for ICB QUY (BNSSG) over January
 * to June 2023, the months of the public IPACS sample. observed.csv is checked against figures
 * this test reads from the published files itself, with the workbook cell reader alone (the
 * row whose code cell is QUY, the columns under each heading), not with src/sitrep. A broken
 * file exits 2 with the sheet and cell, writing nothing. `npm run build` first when run alone.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseObservedCsv } from '../../src/observed/observedCsv.js';
import type { ObservedRow } from '../../src/observed/observedSeries.js';
import { openWorkbookFile } from '../../src/workbook/container.js';
import { fflateArchive } from '../../src/workbook/fflateArchive.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import type { SheetRow } from '../../src/workbook/xlsx.js';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { editSheet, textInCell } from '../sitrep/sitrepEdits.js';
import { FIRST_HALF_2023, HAVE_SITREP, MISSING_SITREP, sitrepBytes, sitrepPath } from '../sitrep/sitrepData.js';

let work: string;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-sitrep-cli-');
});

/** One sheet's rows, as the cell reader gives them. */
function sheetRows(name: string, sheet: string): SheetRow[] {
  const opened = openWorkbookFile(sitrepBytes('acute', name), 50e6, fflateArchive);
  if (!opened.ok) throw new Error(opened.message);
  return opened.file.sheet(sheet).rows;
}
const text = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');
const quyRow = (rows: SheetRow[]) => rows.find((row) => row.values.includes('QUY'))!;
/** The header row holding a cell that starts with `start`, and each heading's column. */
function headings(rows: SheetRow[], start: string): { column: number; text: string }[] {
  const row = rows.find((candidate) => candidate.values.some((value) => text(value).startsWith(start)))!;
  return row.columns.map((column, index) => ({ column, text: text(row.values[index]) })).filter((heading) => heading.text !== '');
}
const valueOf = (value: unknown) => (typeof value === 'number' ? value : NaN);

describe.skipIf(!HAVE_SITREP)(`pathflow import sitrep, QUY January to June 2023${HAVE_SITREP ? '' : ` (${MISSING_SITREP})`}`, () => {
  let rows: ObservedRow[];
  const out = () => join(work, 'quy');
  const find = (grain: string, date: string, measure: string, pathway = 'all', detail = '') =>
    rows.filter((row) => row.grain === grain && row.date === date && row.measure === measure && row.pathway === pathway && (detail === '' || row.detail === detail));

  beforeAll(() => {
    const run = pathflow('import', 'sitrep', ...FIRST_HALF_2023.map((name) => sitrepPath('acute', name)), '--org', 'QUY', '--out', out());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(`wrote 3 files to ${out()} (observed.csv, model.xlsx, sitrep-notes.md)\n`);
    expect(run.stderr).toContain('## What the data cannot tell');
    const parsed = parseObservedCsv(readFileSync(join(out(), 'observed.csv'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    rows = parsed.rows;
  });

  it("has every day's Table 2 figures as the files have them", () => {
    let days = 0;
    for (const name of FIRST_HALF_2023) {
      const sheet = sheetRows(name, 'Table 2');
      const quy = quyRow(sheet);
      const dateRow = sheet.find((row) => row.values.some((value) => value instanceof Date))!;
      dateRow.columns.forEach((column, index) => {
        const date = (dateRow.values[index] as Date).toISOString().slice(0, 10);
        expect(find('day', date, 'ctr_not_met').map((row) => row.value)).toEqual([valueOf(quy.get(column))]);
        expect(find('day', date, 'discharged').map((row) => row.value)).toEqual([valueOf(quy.get(column + 1))]);
        expect(find('day', date, 'remaining').map((row) => row.value)).toEqual([valueOf(quy.get(column + 2))]);
        days++;
      });
    }
    expect(days).toBe(181);
    expect(rows.filter((row) => row.grain === 'day' && row.measure === 'remaining')).toHaveLength(181);
  });

  it("has each month's discharges by destination (Table 4) and long stays by reason (Table 5)", () => {
    FIRST_HALF_2023.forEach((name, month) => {
      const date = `2023-0${month + 1}-01`;
      for (const [sheet, measure, start] of [['Table 4', 'discharges', 'P0 - Domestic'], ['Table 5', 'long_stay_14plus', 'Awaiting a medical']] as const) {
        const rows4 = sheetRows(name, sheet);
        const quy = quyRow(rows4);
        const columns = headings(rows4, start);
        expect(columns.length).toBeGreaterThanOrEqual(12);
        for (const heading of columns) {
          const found = rows.filter((row) => row.grain === 'month' && row.date === date && row.measure === measure && row.detail === heading.text);
          expect(found.map((row) => row.value), `${name} ${heading.text}`).toEqual([valueOf(quy.get(heading.column))]);
        }
      }
    });
    expect(find('month', '2023-01-01', 'discharges', 'P1').reduce((sum, row) => sum + row.value, 0)).toBe(470);
  });

  it("derives each day's delays per pathway from remaining and the month's Table 5 shares", () => {
    const reasons = rows.filter((row) => row.grain === 'month' && row.date === '2023-03-01' && row.measure === 'long_stay_14plus' && !Number.isNaN(row.value));
    const all = reasons.reduce((sum, row) => sum + row.value, 0);
    const remaining = find('day', '2023-03-15', 'remaining')[0].value;
    for (const pathway of ['P1', 'P2', 'P3']) {
      const share = reasons.filter((row) => row.pathway === pathway).reduce((sum, row) => sum + row.value, 0) / all;
      const [delayed] = find('day', '2023-03-15', 'delayed', pathway);
      expect(delayed.basis).toBe('derived');
      // Written to 2 decimals.
      expect(Math.abs(delayed.value - remaining * share)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  it("writes a skeleton workbook whose January P1 arrivals add up to Table 4's P1 referrals", async () => {
    const read = await readIpacsWorkbook(new Uint8Array(readFileSync(join(out(), 'model.xlsx'))), { fileName: 'model.xlsx' });
    if (!read.ok) throw new Error(read.errors.map((error) => error.message).join('\n'));
    expect(read.model.nodes.map((node) => node.id)).toEqual(['P1_QUY', 'P2_QUY', 'P3_QUY']);
    expect(read.model.dates).toHaveLength(181);
    const january = read.model.nodes[0].arrivals[0].daily.slice(0, 31).reduce((sum, value) => sum + value, 0);
    // Each day is written to 3 decimals: 31 days can be 31 x 0.0005 off.
    expect(Math.abs(january - 470)).toBeLessThanOrEqual(31 * 0.0005);
    expect(readFileSync(join(out(), 'sitrep-notes.md'), 'utf8')).toContain('P3b (an existing care-home resident going back)');
  });

  it('writes the same bytes when the files are given in another order', () => {
    const again = join(work, 'quy-again');
    const run = pathflow('import', 'sitrep', ...[...FIRST_HALF_2023].reverse().map((name) => sitrepPath('acute', name)), '--org', 'QUY', '--out', again);
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['observed.csv', 'model.xlsx', 'sitrep-notes.md']) expect(readFileSync(join(again, file)).equals(readFileSync(join(out(), file))), file).toBe(true);
  });

  it('exits 2 on text in a figure, naming the file, sheet and cell, and writes nothing', () => {
    const broken = join(work, 'june2023.xlsx');
    writeFileSync(broken, editSheet(sitrepBytes('acute', 'june2023.xlsx'), 'Table 2', (xml) => textInCell(xml, 'E20', 'unknown')));
    const target = join(work, 'refused');
    const run = pathflow('import', 'sitrep', sitrepPath('acute', 'may2023.xlsx'), broken, '--org', 'QUY', '--out', target);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('june2023.xlsx: Table 2!E20: "unknown" where a number (or "-" for missing) was expected');
    expect(existsSync(target)).toBe(false);
  });
});
