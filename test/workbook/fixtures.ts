/**
 * Workbooks the tests build: a small valid model, written with writeIpacsWorkbook and then
 * edited cell by cell (through read-excel-file and write-excel-file) or, for what those
 * libraries cannot express, by editing the sheet XML inside the zip.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import writeExcelFile, { type Cell } from 'write-excel-file/universal';
import type { ModelSpec } from '../../src/engine/model.js';
import { formatIssue, readIpacsWorkbook, type ReadWorkbookResult } from '../../src/workbook/read.js';
import { zlibInflateRaw } from '../../src/cli/workbookInput.js';
import { expect } from 'vitest';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The third-party IPACS data lives beside the repository, never in it. */
export const ipacsDataDir = path.resolve(repoRoot, '../shared/data/ipacs');
export const samplePath = path.join(ipacsDataDir, 'IPACS_params.xlsx');
export const noDtocSamplePath = path.join(ipacsDataDir, 'sample_nodtoc.xlsx');
export const sampleMissing = !existsSync(samplePath) || !existsSync(noDtocSamplePath);
/** The suite title says why it was skipped, so a skipped run is not mistaken for a pass. */
export const sampleSuiteTitle = (title: string) => (sampleMissing ? `${title} (skipped: ${ipacsDataDir} not found; it holds the public IPACS sample)` : title);

/**
 * Three nodes over `days` days from 2024-01-01, two scenarios of each kind. As written (3 days),
 * each sheet has its header in row 1 and rows grouped by node:
 * - arrivals (A node, B arrivals, C scenario, D date, E day): P1_A BArr rows 2-4, S1Arr 5-7; P2_A 8-13; P3_A 14-19
 * - initial conditions (A node, B measure, C value): dtoc of P1_A, P2_A, P3_A in rows 2-4, occ in rows 5-7
 * - capacity (A node, B scenario, C capacity): P1_A BCap 2, S1Cap 3; P2_A 4-5; P3_A 6-7
 * - los (A node, B median, C sd_los, D IVR, E FVR, F scenario, G mean_los, H los_params, I los_dist, J mu, K sigma):
 *   P1_A Blos 2 (median 9, mean 18), S1los 3 (sd 6, mean 10); P2_A 4-5 (Blos median 10, mean 19); P3_A 6-7 (Blos mean 20)
 * - costs (A node, B community_cost, C acute_dtoc): P1_A 2, P2_A 3, P3_A 4
 */
export function smallModel(days = 3): ModelSpec {
  const dates = Array.from({ length: days }, (_, day) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10));
  return {
    name: 'small',
    dates,
    nodes: (['P1', 'P2', 'P3'] as const).map((pathway, index) => ({
      id: `${pathway}_A`,
      pathway,
      locality: 'A',
      arrivals: [
        { name: 'BArr', daily: dates.map((_, day) => [2 + index, 3.5, 1.25][day % 3]) },
        { name: 'S1Arr', daily: dates.map((_, day) => [4, 0, 2.75][day % 3]) },
      ],
      capacity: [
        { name: 'BCap', capacity: 20 + index },
        { name: 'S1Cap', capacity: 2000 },
      ],
      los: [
        {
          name: 'Blos',
          family: 'lnorm',
          mean: 18 + index,
          median: 9 + index,
          ...(pathway === 'P1' ? { initialVisitRate: 4, finalVisitRate: 1 } : {}),
        },
        {
          name: 'S1los',
          family: 'lnorm',
          mean: 10 + index,
          sd: 6,
          ...(pathway === 'P1' ? { initialVisitRate: 3.5, finalVisitRate: 1.5 } : {}),
        },
      ],
      initial: { occupied: 15 + index, waiting: index },
      costs: { community: 125 + index, acuteDelay: 346 },
    })),
  };
}

/** A workbook as editable rows of values: `sheets[name][row - 1][column]`, Excel's numbering minus one. */
export type EditableSheets = Map<string, (Cell | null)[][]>;

/** Writes the model, lets `edit` change the sheets' values, and writes them again. */
export async function editedWorkbook(edit: (sheets: EditableSheets) => void, model = smallModel()): Promise<Uint8Array> {
  const written = await writeIpacsWorkbook(model);
  const sheets: EditableSheets = new Map();
  for (const { sheet, data } of await readXlsxFile(written.slice().buffer)) sheets.set(sheet, data as (Cell | null)[][]);
  edit(sheets);
  const blob = await writeExcelFile([...sheets].map(([sheet, data]) => ({ sheet, data, dateFormat: 'yyyy-mm-dd' }))).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Sets a cell by its Excel reference, e.g. `setCell(sheets, 'los', 'B2', 20)`. */
export function setCell(sheets: EditableSheets, sheet: string, reference: string, value: Cell | null): void {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(reference)!;
  const rows = sheets.get(sheet)!;
  const rowIndex = Number(digits) - 1;
  const columnIndex = [...letters].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
  while (rows.length <= rowIndex) rows.push([]);
  const row = rows[rowIndex];
  while (row.length <= columnIndex) row.push(null);
  row[columnIndex] = value;
}

/** Edits the XML of one part of the zip, e.g. `xl/worksheets/sheet4.xml` (the writer's los sheet). */
export function editPart(workbook: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const entries = unzipSync(workbook);
  entries[part] = strToU8(edit(strFromU8(entries[part])));
  return zipSync(entries);
}

/** The writer's zip parts for each sheet. */
export const PART = {
  arrivals: 'xl/worksheets/sheet1.xml',
  initial: 'xl/worksheets/sheet2.xml',
  capacity: 'xl/worksheets/sheet3.xml',
  los: 'xl/worksheets/sheet4.xml',
  costs: 'xl/worksheets/sheet5.xml',
} as const;

/** Replaces the `<c>` element of a cell with the given XML. */
export function replaceCellXml(xml: string, reference: string, cellXml: string): string {
  const pattern = new RegExp(`<c r="${reference}"[^>]*?(?:/>|>.*?</c>)`);
  if (!pattern.test(xml)) throw new Error(`no cell ${reference}`);
  return xml.replace(pattern, cellXml);
}

/**
 * Reads a workbook as the browser does (fflate) and as the CLI does (zlib for plain
 * archives), and checks that the two agree exactly: every workbook test covers both.
 */
export async function read(workbook: Uint8Array, fileName = 'small.xlsx', maxBytes?: number): Promise<ReadWorkbookResult> {
  const options = { fileName, ...(maxBytes === undefined ? {} : { maxBytes }) };
  const plain = await readIpacsWorkbook(workbook, options);
  const native = await readIpacsWorkbook(workbook, { ...options, inflateRaw: zlibInflateRaw });
  expect(native).toEqual(plain);
  return plain;
}

/** The errors of a workbook that must fail, formatted as the CLI prints them. */
export async function errorsOf(workbook: Uint8Array, maxBytes?: number): Promise<string[]> {
  const result = await read(workbook, 'small.xlsx', maxBytes);
  if (result.ok) throw new Error('expected the workbook to be refused, but it was read');
  return result.errors.map(formatIssue);
}

/** The warnings of a workbook that must be read. */
export async function warningsOf(workbook: Uint8Array): Promise<string[]> {
  const result = await read(workbook);
  if (!result.ok) throw new Error(`expected the workbook to be read, but: ${result.errors.map(formatIssue).join('; ')}`);
  return result.warnings.map(formatIssue);
}

export async function modelOf(workbook: Uint8Array, fileName = 'small.xlsx'): Promise<ModelSpec> {
  const result = await read(workbook, fileName);
  if (!result.ok) throw new Error(`expected the workbook to be read, but: ${result.errors.map(formatIssue).join('; ')}`);
  return withoutSheetRows(result.model);
}

/**
 * The model without the record of its sheets' row order, which a written workbook (grouped by
 * node) does not keep: what "reads back as the same model" compares.
 */
export function withoutSheetRows(model: ModelSpec): ModelSpec {
  const { ipacsSheetRows: _rows, ...rest } = model;
  return rest;
}
