import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import writeExcelFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { importPathsimr } from '../../src/pathsimr/importPathsimr.js';
import { xlsxParts } from '../../src/workbook/xlsxParts.js';
import { libraryWorkbook, workbookSheets, writeIpacsWorkbook } from '../../src/workbook/write.js';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { zlibInflateRaw } from '../../src/cli/workbookInput.js';
import { repoRoot, smallModel } from './fixtures.js';
import { seededUniform } from '../seededUniform.js';

/** The library's parts of the same sheets, in its archive's order. */
async function libraryParts(sheets: Sheet<Blob>[]): Promise<Array<[string, string]>> {
  const archive = new Uint8Array(await (await writeExcelFile(sheets).toBlob()).arrayBuffer());
  return Object.entries(unzipSync(archive)).map(([name, bytes]) => [name, strFromU8(bytes)]);
}


// Names a planner might type: XML's special characters, spaces at either end, accents, a formula.
const WORDS = ['P1_A', 'BArr', 'a & b', '<x>', '"quoted"', "it's", ' lead', 'trail ', 'Ysgol Gymraeg', 'café', '=SUM(A1)', '10', '', '  ', 'tab\there', 'line\nbreak', '€ £', 'ünïcödé'];

function randomCell(random: () => number): Cell | null | undefined {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  switch (Math.floor(random() * 11)) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return { value: pick(WORDS), type: String };
    case 3:
      return { value: pick(WORDS), type: String, fontWeight: 'bold' };
    case 4:
      return pick([0, -0, 1, -3, 2.5, 1 / 3, 1e21, 1e-7, 123456789.125, Number.MAX_VALUE, NaN]);
    case 5:
      return Math.round(random() * 1e6) / 1e3;
    case 6:
      return random() < 0.5;
    case 7:
      return { value: new Date(Date.UTC(2020 + Math.floor(random() * 10), Math.floor(random() * 12), 1 + Math.floor(random() * 28))), type: Date, format: 'yyyy-mm-dd' };
    case 8:
      return { value: new Date(Date.UTC(2026, 3, 1)), type: Date, format: pick(['dd/mm/yyyy', 'yyyy-mm-dd']) };
    case 9:
      return pick(WORDS);
    default:
      return { value: pick([null, '', 7]) as never, type: Number, fontWeight: 'bold' };
  }
}

function randomSheets(random: () => number): Sheet<Blob>[] {
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, (_, index): Sheet<Blob> => {
    const width = Math.floor(random() * 30);
    const rows: Row[] = Array.from({ length: Math.floor(random() * 12) }, () => Array.from({ length: Math.floor(random() * width) }, () => randomCell(random)) as Row);
    const sheet: Sheet<Blob> = { sheet: `sheet & ${index} <${Math.floor(random() * 100)}>`, data: rows };
    if (random() < 0.7) sheet.columns = Array.from({ length: Math.floor(random() * 6) }, () => (random() < 0.2 ? undefined : { width: [0, 10, 12.5, 40][Math.floor(random() * 4)] })) as never;
    if (random() < 0.7) sheet.stickyRowsCount = Math.floor(random() * 3);
    return sheet;
  });
}

describe('xlsxParts', () => {
  it("writes write-excel-file's parts character for character, in its order, for random sheets", async () => {
    const random = seededUniform(20261206);
    for (let trial = 0; trial < 200; trial++) {
      const sheets = randomSheets(random);
      expect(xlsxParts(sheets), `trial ${trial}`).toEqual(await libraryParts(sheets));
    }
  });

  it('leaves to the library what it does not write, and the workbook is then the library’s', async () => {
    const model = smallModel();
    model.nodes[0].locality = 'A\u0001B';
    model.nodes[1].id = 'P2_\ud800';
    const sheets = workbookSheets(model);
    expect(xlsxParts(sheets)).toBeUndefined();
    expect(xlsxParts([{ sheet: 'a', data: [[{ value: 1, type: Number, align: 'center' }]] }])).toBeUndefined();
    expect(xlsxParts([{ sheet: 'a', data: [[new Date(0)]] }])).toBeUndefined();
    expect(xlsxParts([{ sheet: 'a/b', data: [] }])).toBeUndefined();
    expect(await writeIpacsWorkbook(model)).toEqual(await libraryWorkbook(sheets));
  });
});

describe("writeIpacsWorkbook without write-excel-file: the library's bytes", () => {
  for (const example of ['fictional-icb.xlsx', 'fictional-icb-network.xlsx']) {
    it(`rewrites examples/${example} to the same bytes`, async () => {
      const bytes = readFileSync(path.join(repoRoot, 'examples', example));
      const read = await readIpacsWorkbook(new Uint8Array(bytes), { fileName: example, inflateRaw: zlibInflateRaw });
      if (!read.ok) throw new Error(`${example} does not read`);
      const sheets = workbookSheets(read.model);
      expect(xlsxParts(sheets)).toBeDefined();
      expect(await writeIpacsWorkbook(read.model)).toEqual(await libraryWorkbook(sheets));
    });
  }
  it('writes a small model over 40 days as the library does', async () => {
    const model = smallModel(40);
    expect(await writeIpacsWorkbook(model)).toEqual(await libraryWorkbook(workbookSheets(model)));
  });
  const pathsimr = path.resolve(repoRoot, '../shared/data/pathsimr');
  const cases = [
    ['AandE', 'A&E', 'hours', 168, 7],
    ['Stroke', 'Stroke', 'days', 180, 365],
    ['Urology', 'Urology', 'hours', 672, 7],
  ] as const;
  for (const [dir, prefix, unit, warmup, days] of cases) {
    const templates = path.join(pathsimr, dir, 'templates');
    it.skipIf(!existsSync(templates))(`writes PathSimR's ${dir} case as the library does`, async () => {
      const imported = importPathsimr(readFileSync(path.join(templates, `${prefix}_Network_Template.csv`), 'utf8'), readFileSync(path.join(templates, `${prefix}_Calendar_Template.csv`), 'utf8'), { unit, warmup, days });
      if (!imported.ok) throw new Error(imported.errors.join('; '));
      expect(await writeIpacsWorkbook(imported.model)).toEqual(await libraryWorkbook(workbookSheets(imported.model)));
    });
  }
});
