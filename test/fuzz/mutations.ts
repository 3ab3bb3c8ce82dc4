/**
 * The fuzz suite's generator: seeded, deterministic mutations of the bundled example
 * workbook (examples/fictional-icb.xlsx), as an attacker or a careless user would make them.
 *
 * Case `index` under `seed` is always the same file: each case draws from its own generator,
 * seeded from (seed, index), so one case can be made (and replayed) without the others. The
 * first cases of each plan take every kind of mutation once, in a fixed order (the issue's
 * own probes first, so the far cells and huge numbers are always there); the rest pick a
 * kind at random. Only the parameters (which byte, which cell, which value) follow the seed.
 *
 * Families: raw bytes, zip structure, the XML of the sheets and workbook parts, cell values
 * and names. The example is written by scripts/make-example.ts; its layout, which the value
 * mutations aim at (rows are Excel's numbers):
 * - arrivals (sheet1): A node, B arrivals, C scenario, D date, E day; rows 2-3277
 * - initial conditions (sheet2): A node, B measure, C value; dtoc rows 2-10, occ rows 11-19
 * - capacity (sheet3): A node, B scenario, C capacity; rows 2-19
 * - los (sheet4): A node, B median, C sd_los, D IVR, E FVR, F scenario, G mean_los, H los_params,
 *   I los_dist, J mu, K sigma; rows 2-19, P1 nodes in rows 2-7
 * - costs (sheet5): A node, B community_cost, C acute_dtoc; rows 2-10
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import * as zlib from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { crc32, emptyZip, writeZip, type ZipEntry } from './zip.js';

export const repoRoot = join(import.meta.dirname, '../..');
export const EXAMPLE_PATH = join(repoRoot, 'examples/fictional-icb.xlsx');

/** The default seed: fixed, so CI runs the same files every time. */
export const DEFAULT_SEED = 20_260_610;
export const VALIDATE_CASES = 150;
export const RUN_CASES = 40;

export type Command = 'validate' | 'run';

export interface FuzzCase {
  seed: number;
  index: number;
  command: Command;
  kind: string;
  /** What was done, precisely enough to see the file without opening it. */
  description: string;
  fileName: string;
  bytes: Uint8Array;
  /**
   * What the issue demands of this file beyond the general rules, for its probes: it must be
   * refused (exit 2, or the browser's error list) with a message matching `refusedWith`.
   */
  refusedWith?: RegExp;
  /** A message that must not appear (a PDF called a CSV). */
  notSaying?: RegExp;
}

/** A case in a plan, before its file is made. */
export interface PlannedCase {
  index: number;
  command: Command;
  kind: string;
}

// ---------------------------------------------------------------------------------------------
// The random source

export class Random {
  private readonly generator;
  constructor(seed: number, index: number) {
    // Each case its own stream: case 17 is the same file whether or not cases 0-16 were made.
    this.generator = xoroshiro128plus((Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) | 0);
  }
  /** A whole number from `from` to `to`, both included. */
  int(from: number, to: number): number {
    return uniformInt(this.generator, from, to);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(probability: number): boolean {
    return this.int(0, 999_999) < probability * 1_000_000;
  }
}

// ---------------------------------------------------------------------------------------------
// The example, as parts

let exampleBytes: Uint8Array | undefined;
let exampleParts: Array<[string, Uint8Array]> | undefined;

export function example(): Uint8Array {
  return (exampleBytes ??= new Uint8Array(readFileSync(EXAMPLE_PATH)));
}

/** The example's parts in the order of its zip. */
function parts(): Array<[string, Uint8Array]> {
  exampleParts ??= Object.entries(unzipSync(example()));
  return exampleParts.map(([name, data]) => [name, data.slice()]);
}

/** A workbook with some parts' text changed (and parts added or dropped), zipped again. */
class Workbook {
  readonly parts: Array<[string, Uint8Array]> = parts();
  text(part: string): string {
    const found = this.parts.find(([name]) => name === part);
    if (!found) throw new Error(`the example has no part ${part}`);
    return strFromU8(found[1]);
  }
  setText(part: string, text: string): void {
    this.setBytes(part, strToU8(text));
  }
  setBytes(part: string, data: Uint8Array): void {
    const found = this.parts.find(([name]) => name === part);
    if (found) found[1] = data;
    else this.parts.push([part, data]);
  }
  edit(part: string, change: (xml: string) => string): void {
    this.setText(part, change(this.text(part)));
  }
  entries(): ZipEntry[] {
    return this.parts.map(([name, data]) => ({ name, data }));
  }
  zip(): Uint8Array {
    return writeZip(this.entries()).bytes;
  }
}

export const SHEET = {
  arrivals: 'xl/worksheets/sheet1.xml',
  'initial conditions': 'xl/worksheets/sheet2.xml',
  capacity: 'xl/worksheets/sheet3.xml',
  los: 'xl/worksheets/sheet4.xml',
  costs: 'xl/worksheets/sheet5.xml',
} as const;
type SheetName = keyof typeof SHEET;
const SHEET_NAMES = Object.keys(SHEET) as SheetName[];
const XML_PARTS = [...Object.values(SHEET), 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'];

/** Every numeric input cell of the example, by sheet: columns and Excel rows. */
const NUMERIC_CELLS: Array<{ sheet: SheetName; columns: string[]; rows: [number, number]; what: string }> = [
  { sheet: 'arrivals', columns: ['B'], rows: [2, 3277], what: 'arrivals' },
  { sheet: 'initial conditions', columns: ['C'], rows: [2, 10], what: 'dtoc' },
  { sheet: 'initial conditions', columns: ['C'], rows: [11, 19], what: 'occ' },
  { sheet: 'capacity', columns: ['C'], rows: [2, 19], what: 'capacity' },
  { sheet: 'los', columns: ['B'], rows: [2, 19], what: 'median' },
  { sheet: 'los', columns: ['C'], rows: [2, 19], what: 'sd_los' },
  { sheet: 'los', columns: ['D', 'E'], rows: [2, 7], what: 'P1 visit rate' },
  { sheet: 'los', columns: ['G'], rows: [2, 19], what: 'mean_los' },
  { sheet: 'los', columns: ['J', 'K'], rows: [2, 19], what: 'mu/sigma' },
  { sheet: 'costs', columns: ['B', 'C'], rows: [2, 10], what: 'cost' },
];

/** Name cells: node ids (column A everywhere) and scenario names. */
const NAME_CELLS: Array<{ sheet: SheetName; column: string; rows: [number, number] }> = [
  { sheet: 'arrivals', column: 'A', rows: [2, 3277] },
  { sheet: 'arrivals', column: 'C', rows: [2, 3277] },
  { sheet: 'capacity', column: 'B', rows: [2, 19] },
  { sheet: 'los', column: 'F', rows: [2, 19] },
  { sheet: 'costs', column: 'A', rows: [2, 10] },
];

/** Shared strings that are names: index in xl/sharedStrings.xml, and whether it is a node id. */
const SHARED_NAMES: Array<{ index: number; node: boolean }> = [
  ...[5, 8, 9, 10, 11, 12, 13, 14, 15].map((index) => ({ index, node: true })),
  ...[6, 7, 21, 22, 32, 35].map((index) => ({ index, node: false })),
];

// ---------------------------------------------------------------------------------------------
// Editing sheet XML

const columnNumber = (letters: string) => [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text as Excel writes it: XML-escaped, and control characters (which XML 1.0 cannot hold)
 * as `_xHHHH_`.
 */
function excelText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

const numberCell = (ref: string, value: string) => `<c r="${ref}"><v>${value}</v></c>`;
const textCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${excelText(text)}</t></is></c>`;

/** Sets cell `ref` to `cellXml`: replaced where it is, else put in its row in column order, the row made if need be. */
function setCell(xml: string, ref: string, cellXml: string): string {
  const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
  const existing = new RegExp(`<c r="${ref}"(?:[^>]*?/>|[^>]*?>.*?</c>)`);
  if (existing.test(xml)) return xml.replace(existing, () => cellXml);
  const rowStart = xml.indexOf(`<row r="${digits}"`);
  if (rowStart < 0) {
    // A new row, before the first row below it, or at the end of the sheet's data.
    const rowXml = `<row r="${digits}">${cellXml}</row>`;
    const below = [...xml.matchAll(/<row r="(\d+)"/g)].find((match) => Number(match[1]) > Number(digits));
    if (below) return xml.slice(0, below.index) + rowXml + xml.slice(below.index);
    return xml.replace('</sheetData>', () => `${rowXml}</sheetData>`);
  }
  const rowEnd = xml.indexOf('</row>', rowStart);
  const row = xml.slice(rowStart, rowEnd);
  const after = [...row.matchAll(/<c r="([A-Z]+)\d+"/g)].find((match) => columnNumber(match[1]) > columnNumber(letters));
  const at = after ? rowStart + after.index! : rowEnd;
  return xml.slice(0, at) + cellXml + xml.slice(at);
}

/** Removes a cell, if present. */
function removeCell(xml: string, ref: string): string {
  return xml.replace(new RegExp(`<c r="${ref}"(?:[^>]*?/>|[^>]*?>.*?</c>)`), '');
}

/** The position of each tag boundary (`<`) inside `<sheetData>`, or in the whole part. */
function tagStarts(xml: string): number[] {
  const from = Math.max(0, xml.indexOf('<sheetData'));
  const starts: number[] = [];
  for (let at = xml.indexOf('<', from + 1); at >= 0; at = xml.indexOf('<', at + 1)) starts.push(at);
  return starts;
}

/** Rows to take a random position from in the arrivals sheet: the first ones, where the scanner meets them soon. */
const someRow = (r: Random, [first, last]: [number, number]) => r.int(first, last);

// ---------------------------------------------------------------------------------------------
// Payloads

const HUGE_AND_ODD_NUMBERS = ['1e308', '-1e308', '1.7976931348623157e308', '5e-324', '-0', '-1', '-0.5', '0', '1e9', '1e15', '1e-9', '2.5', '0.1', '123456789012345680000', '4294967296'];
const NUMBER_TEXTS = ['1e999', '-1e999', 'NaN', 'Infinity', '-Infinity', '', '   ', '1,000', '0x10', '1e308', '12abc', '٣', '=1+1', '+5', '.', '1e', '0b11'];
const BAD_NUMBER_VALUES = ['NaN', 'Infinity', '1e999', '', 'abc', '1..2', '0x1F'];
const DATE_VALUES: Array<['number' | 'text', string]> = [
  ['number', '-1'],
  ['number', '0'],
  ['number', '60'],
  ['number', '2958466'],
  ['number', '1e7'],
  ['number', '-1e308'],
  ['number', '46296.5'],
  ['text', '9999-12-32'],
  ['text', '31/02/2026'],
  ['text', '0000-01-01'],
  ['text', '2026-13-01'],
  ['text', '275760-09-14'],
  ['text', ''],
];
export const FORMULA_NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", '@SUM(1)', '\t=1+1', '\r=1+1', '=1+1'];
const HOSTILE_NAMES = [
  ...FORMULA_NAMES,
  '../../../../etc/passwd',
  '..\\..\\windows',
  'a/b',
  'a\u0001b',
  'line\nbreak',
  'nul\u0000here',
  '<script>alert(1)</script>',
  '\u202Egnp.exe',
  '',
  ' ',
  'x'.repeat(300),
  'y'.repeat(70_000),
  'naïve-名前',
];

// ---------------------------------------------------------------------------------------------
// Mutation kinds

interface Made {
  bytes: Uint8Array;
  description: string;
  fileName?: string;
  refusedWith?: RegExp;
  notSaying?: RegExp;
}
type Mutation = (r: Random) => Made | Promise<Made>;

/** One cell of the example set to `cellXml` (built for `ref`). */
function withCell(sheet: SheetName, ref: string, cell: (ref: string) => string): Uint8Array {
  const book = new Workbook();
  book.edit(SHEET[sheet], (xml) => setCell(xml, ref, cell(ref)));
  return book.zip();
}

/** The issue's probes, as the issue states them: each must be refused or handled within bounds. */
const PROBES: Record<string, Mutation> = {
  'probe: note at arrivals!XFD1048576': () => ({ bytes: withCell('arrivals', 'XFD1048576', (ref) => textCell(ref, 'note')), description: 'a text note at arrivals!XFD1048576 (issue 10, defect 2)' }),
  'probe: row r="2000000000"': () => ({
    // The cell has no r of its own, so only the row's number places it (as the issue's probe did).
    bytes: withCell('arrivals', 'A2000000000', () => '<c t="inlineStr"><is><t>note</t></is></c>'),
    description: 'arrivals gets <row r="2000000000"> holding a note whose <c> has no r (issue 10, defect 2)',
  }),
  'probe: note at costs!H9999999': () => ({ bytes: withCell('costs', 'H9999999', (ref) => textCell(ref, 'note')), description: 'a text note at costs!H9999999 (issue 10, defect 2)' }),
  'probe: arrivals 1e308': () => ({
    bytes: withCell('arrivals', 'B2', (ref) => numberCell(ref, '1e308')),
    description: 'arrivals!B2 = 1e308 (issue 10, defect 3)',
    refusedWith: /arrivals!B2\b/,
  }),
  'probe: arrivals "1e999" text': () => ({
    bytes: withCell('arrivals', 'B2', (ref) => textCell(ref, '1e999')),
    description: 'arrivals!B2 = the text "1e999" (issue 10, defect 3)',
    refusedWith: /arrivals!B2\b/,
  }),
  'probe: P1 IVR 1e308': () => ({
    bytes: withCell('los', 'D2', (ref) => numberCell(ref, '1e308')),
    description: 'los!D2 (P1_RV initial visit rate) = 1e308 (issue 10, defect 3)',
    refusedWith: /los!D2\b/,
  }),
  'probe: dtoc 1e9': () => ({
    bytes: withCell('initial conditions', 'C2', (ref) => numberCell(ref, '1e9')),
    description: 'initial conditions!C2 (P1_RV dtoc) = 1e9 (issue 10, defect 3)',
    refusedWith: /initial conditions!C2\b/,
  }),
  'probe: occ 1e9': () => ({
    bytes: withCell('initial conditions', 'C14', (ref) => numberCell(ref, '1e9')),
    description: 'initial conditions!C14 (P2_DN occ) = 1e9 (issue 10, defect 3)',
    refusedWith: /initial conditions!C14\b/,
  }),
  'probe: occ 1e15': () => ({
    bytes: withCell('initial conditions', 'C17', (ref) => numberCell(ref, '1e15')),
    description: 'initial conditions!C17 (P3_DN occ) = 1e15 (issue 10, defect 3)',
    refusedWith: /initial conditions!C17\b/,
  }),
  'probe: mean_los 1e308': () => ({
    bytes: withCell('los', 'G8', (ref) => numberCell(ref, '1e308')),
    description: 'los!G8 (P2_RV Blos mean_los) = 1e308 (issue 10, defect 3)',
    refusedWith: /los!G8\b/,
  }),
  'probe: mean_los 1e-9': () => {
    const book = new Workbook();
    book.edit(SHEET.los, (xml) => setCell(setCell(xml, 'G10', numberCell('G10', '1e-9')), 'B10', numberCell('B10', '5e-10')));
    return { bytes: book.zip(), description: 'los!G10 (P2_DN mean_los) = 1e-9, its median B10 = 5e-10 (issue 10, defect 3)', refusedWith: /los!G10\b/ };
  },
  'probe: mean_los "1e999" text': () => ({
    bytes: withCell('los', 'G8', (ref) => textCell(ref, '1e999')),
    description: 'los!G8 (P2_RV Blos mean_los) = the text "1e999" (issue 10, defect 8: must be reported at G8, not at the median)',
    refusedWith: /los!G8\b/,
  }),
  'probe: cost 1e308': () => ({
    bytes: withCell('costs', 'B2', (ref) => numberCell(ref, '1e308')),
    description: 'costs!B2 (P1_RV community_cost) = 1e308 (issue 10, defects 3 and 8)',
    refusedWith: /costs!B2\b/,
  }),
  'probe: scenario =HYPERLINK': () => sharedName(6, '=HYPERLINK("http://x","y")', 'the arrivals scenario BArr renamed =HYPERLINK("http://x","y") (issue 10, defect 4)'),
  'probe: locality +cmd': () => sharedName(10, "P2_+cmd|' /C calc'!A0", "node P2_RV renamed P2_+cmd|' /C calc'!A0 (issue 10, defect 4)"),
  'probe: scenario -2+3+cmd': () => sharedName(21, "-2+3+cmd|' /C calc'!A0", "the capacity scenario BCap renamed -2+3+cmd|' /C calc'!A0 (issue 10, defect 4)"),
  'probe: scenario @SUM(1)': () => sharedName(32, '@SUM(1)', 'the LOS scenario Blos renamed @SUM(1) (issue 10, defect 4)'),
  'probe: 900 MiB part': () => hugePart(900),
  'probe: PDF renamed .xlsx': () => {
    // As a real PDF: its first kilobytes text (the header and the page objects), a binary stream after.
    const objects = Array.from({ length: 60 }, (_, n) => `${n + 1} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n`).join('');
    const head = strToU8(`%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n${objects}`);
    const stream = Uint8Array.from({ length: 2048 }, (_, n) => (n * 131) % 256);
    const bytes = new Uint8Array(head.length + stream.length);
    bytes.set(head);
    bytes.set(stream, head.length);
    return { bytes, description: 'a PDF file named .xlsx (issue 10, defect 8: not to be called a CSV)', notSaying: /CSV/ };
  },
};

function sharedName(index: number, name: string, description: string): Made {
  const book = new Workbook();
  let seen = -1;
  book.edit('xl/sharedStrings.xml', (xml) => xml.replace(/<si><t>.*?<\/t><\/si>/g, (si) => (++seen === index ? `<si><t xml:space="preserve">${excelText(name)}</t></si>` : si)));
  return { bytes: book.zip(), description };
}

/**
 * A costs sheet padded with whitespace to `mebibytes` unpacked: inside the zip-bomb limit
 * (40 times the 25 MiB file limit), yet beyond what a string can hold. Deflated in a stream,
 * so the test process never holds it whole.
 */
async function hugePart(mebibytes: number): Promise<Made> {
  const book = new Workbook();
  const costs = book.text(SHEET.costs);
  const cut = costs.indexOf('</sheetData>');
  const head = strToU8(costs.slice(0, cut));
  const tail = strToU8(costs.slice(cut));
  const padding = new Uint8Array(1024 * 1024).fill(0x20);
  const deflater = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => deflater.on('end', resolve));
  // Node 20.15 and later have a native CRC-32; the JavaScript one is the fallback.
  const nativeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  const crc = nativeCrc ?? crc32;
  let checksum = 0;
  const write = async (data: Uint8Array) => {
    checksum = crc(data, checksum);
    if (!deflater.write(data)) await new Promise((resolve) => deflater.once('drain', resolve));
  };
  await write(head);
  for (let i = 0; i < mebibytes; i++) await write(padding);
  await write(tail);
  deflater.end();
  await ended;
  const compressed = { bytes: new Uint8Array(Buffer.concat(chunks)), size: head.length + mebibytes * padding.length + tail.length, crc: checksum };
  const entries = book.entries().map((entry) => (entry.name === SHEET.costs ? { ...entry, compressed } : entry));
  return {
    bytes: writeZip(entries).bytes,
    description: `the costs sheet padded with ${mebibytes} MiB of spaces (a real part inside the zip-bomb limit; issue 10, defect 8: not "Cannot create a string", not "the sheet is empty")`,
    notSaying: /is empty/,
  };
}

const BYTES: Record<string, Mutation> = {
  'bytes: flip bits': (r) => {
    const bytes = example().slice();
    const flips = Array.from({ length: r.int(1, 16) }, () => [r.int(0, bytes.length - 1), r.int(0, 7)] as const);
    for (const [at, bit] of flips) bytes[at] ^= 1 << bit;
    return { bytes, description: `flipped bits (offset:bit) ${flips.map(([at, bit]) => `${at}:${bit}`).join(', ')}` };
  },
  'bytes: truncate': (r) => {
    const length = r.chance(0.2) ? r.int(0, 64) : r.int(0, example().length - 1);
    return { bytes: example().slice(0, length), description: `truncated to ${length} of ${example().length} bytes` };
  },
  'bytes: insert': (r) => {
    const at = r.int(0, example().length);
    const inserted = Uint8Array.from({ length: r.int(1, 4096) }, () => r.int(0, 255));
    const bytes = new Uint8Array(example().length + inserted.length);
    bytes.set(example().subarray(0, at));
    bytes.set(inserted, at);
    bytes.set(example().subarray(at), at + inserted.length);
    return { bytes, description: `${inserted.length} random bytes inserted at offset ${at}` };
  },
  'bytes: zero a range': (r) => {
    const bytes = example().slice();
    const at = r.int(0, bytes.length - 1);
    const length = r.int(1, Math.min(8192, bytes.length - at));
    bytes.fill(0, at, at + length);
    return { bytes, description: `bytes ${at}-${at + length - 1} zeroed` };
  },
};

/** The example rewritten by our zip writer, with the header fields the mutation changes. */
function zipWith(change: (zip: ReturnType<typeof writeZip>, view: DataView, r: Random) => string, r: Random): Made {
  const zip = writeZip(new Workbook().entries());
  const view = new DataView(zip.bytes.buffer);
  const description = change(zip, view, r);
  return { bytes: zip.bytes, description };
}

const ZIP: Record<string, Mutation> = {
  'zip: corrupt a local header': (r) =>
    zipWith((zip, view) => {
      const entry = r.pick(zip.headers);
      const field = r.pick([0, 4, 6, 8, 14, 18, 22, 26, 28]);
      const value = r.pick([0, 0xffff, r.int(1, 0xfffe)]);
      view.setUint16(entry.local + field, value, true);
      return `local header of ${entry.name}: bytes ${field}-${field + 1} set to ${value}`;
    }, r),
  'zip: corrupt a central directory record': (r) =>
    zipWith((zip, view) => {
      const entry = r.pick(zip.headers);
      const field = r.pick([0, 4, 8, 10, 16, 20, 24, 28, 30, 32, 42, 44]);
      const value = r.pick([0, 0xffff, r.int(1, 0xfffe)]);
      view.setUint16(entry.central + field, value, true);
      return `central directory record of ${entry.name}: bytes ${field}-${field + 1} set to ${value}`;
    }, r),
  'zip: corrupt the end record': (r) =>
    zipWith((zip, view) => {
      const field = r.pick([4, 6, 8, 10, 12, 16, 20]);
      const value = r.pick([0, 0xffff, r.int(1, 0xfffe)]);
      view.setUint16(zip.endOfDirectory + field, value, true);
      return `end of central directory: bytes ${field}-${field + 1} set to ${value}`;
    }, r),
  'zip: wrong sizes': (r) => {
    const book = new Workbook();
    const entries = book.entries();
    const entry = r.pick(entries);
    const real = entry.data.length;
    const size = r.pick([0, 1, real - 1, real + 1, real * 2, Math.floor(real / 2)]);
    entry.declaredSize = Math.max(0, size);
    if (r.chance(0.3)) entry.declaredCompressedSize = r.int(0, real);
    return { bytes: writeZip(entries).bytes, description: `${entry.name} declares ${entry.declaredSize} bytes unpacked (it has ${real})${entry.declaredCompressedSize === undefined ? '' : ` and ${entry.declaredCompressedSize} packed`}` };
  },
  'zip: wrong CRC': (r) => {
    const entries = new Workbook().entries();
    const entry = r.pick(entries);
    entry.declaredCrc = r.int(0, 0x7fffffff);
    return { bytes: writeZip(entries).bytes, description: `${entry.name} with a wrong CRC-32 ${entry.declaredCrc}` };
  },
  'zip: compression method not deflate': (r) => {
    const entries = new Workbook().entries();
    const entry = r.chance(0.5) ? entries.find((e) => e.name === SHEET.arrivals)! : r.pick(entries);
    entry.method = r.pick([1, 6, 9, 12, 14, 93, 95, 98, 99]);
    return { bytes: writeZip(entries).bytes, description: `${entry.name} declared with compression method ${entry.method} (its data deflated)` };
  },
  'zip: duplicate entry': (r) => {
    const entries = new Workbook().entries();
    const entry = r.pick(entries);
    const twin: ZipEntry = { name: entry.name, data: r.chance(0.5) ? strToU8('<?xml version="1.0"?><worksheet/>') : example().slice(0, 100) };
    const first = r.chance(0.5);
    const at = entries.indexOf(entry);
    entries.splice(first ? at : at + 1, 0, twin);
    return { bytes: writeZip(entries).bytes, description: `${entry.name} twice, a different copy ${first ? 'first' : 'second'}` };
  },
  'zip: missing entry': (r) => {
    const book = new Workbook();
    const removed = r.pick(book.parts.map(([name]) => name));
    const entries = book.entries().filter((entry) => entry.name !== removed);
    return { bytes: writeZip(entries).bytes, description: `${removed} left out` };
  },
  'zip: entry name with ../': (r) => {
    const book = new Workbook();
    const target = r.pick(['../../../../tmp/pathflow-fuzz-escape.xml', '../sheet.xml', '..\\..\\evil.xml', '/etc/pathflow-fuzz.xml', 'xl/worksheets/../../../x.xml']);
    if (r.chance(0.5)) {
      // The arrivals sheet itself moved there, and the workbook's relationship pointing at it.
      const data = book.parts.find(([name]) => name === SHEET.arrivals)![1];
      book.parts.splice(book.parts.findIndex(([name]) => name === SHEET.arrivals), 1);
      book.setBytes(target, data);
      book.edit('xl/_rels/workbook.xml.rels', (xml) => xml.replace('worksheets/sheet1.xml', escapeXml(target.startsWith('/') ? target : `../${target}`)));
      return { bytes: book.zip(), description: `the arrivals sheet stored as ${target}, the relationship pointing at it` };
    }
    book.setBytes(target, strToU8('<x>escape</x>'));
    return { bytes: book.zip(), description: `an extra entry named ${target}` };
  },
  'zip: huge declared size': (r) => {
    const entries = new Workbook().entries();
    const entry = r.pick(entries);
    entry.declaredSize = r.pick([0xfffffff0, 0xffffffff, 0x7fffffff, 900 * 1024 * 1024, 2 ** 30]);
    return { bytes: writeZip(entries).bytes, description: `${entry.name} declares ${entry.declaredSize} bytes unpacked` };
  },
  'zip: nested zip': (r) => {
    const book = new Workbook();
    if (r.chance(0.5)) {
      const part = r.pick([SHEET.arrivals, SHEET.los, 'xl/workbook.xml', 'xl/sharedStrings.xml']);
      book.setBytes(part, example());
      return { bytes: book.zip(), description: `${part} holds the whole example workbook (a zip) instead of XML` };
    }
    book.setBytes('xl/embeddings/inner.xlsx', example());
    return { bytes: book.zip(), description: 'the example embedded as xl/embeddings/inner.xlsx' };
  },
  'zip: empty zip': () => ({ bytes: emptyZip(), description: 'a zip with no entries' }),
  'zip: a zip that is not a workbook': (r) => {
    const name = r.pick(['mimetype', 'readme.txt', 'word/document.xml']);
    const data = name === 'mimetype' ? strToU8('application/vnd.oasis.opendocument.spreadsheet') : strToU8('hello');
    return { bytes: writeZip([{ name, data, method: 0 }]).bytes, description: `a zip holding only ${name}` };
  },
};

const XML: Record<string, Mutation> = {
  'xml: unbalanced tags': (r) => {
    const book = new Workbook();
    const part = r.pick(XML_PARTS);
    const how = r.int(0, 3);
    let what = '';
    book.edit(part, (xml) => {
      if (how === 0) {
        const closers = [...xml.matchAll(/<\/[A-Za-z:]+>/g)];
        if (closers.length === 0) return xml.slice(0, xml.length - 1);
        const match = r.pick(closers);
        what = `${match[0]} at ${match.index} removed`;
        return xml.slice(0, match.index) + xml.slice(match.index! + match[0].length);
      }
      if (how === 1) {
        const at = r.pick(tagStarts(xml));
        const tag = r.pick(['<row>', '<c>', '<sheetData>', '<v>', '<si>', '<sheet>', '</row>', '</c>', '</worksheet>']);
        what = `${tag} inserted at ${at}`;
        return xml.slice(0, at) + tag + xml.slice(at);
      }
      if (how === 2) {
        const at = r.int(0, xml.length - 1);
        what = `cut at character ${at} of ${xml.length}`;
        return xml.slice(0, at);
      }
      what = 'a second root element after the first';
      return `${xml}<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    });
    return { bytes: book.zip(), description: `${part}: ${what}` };
  },
  'xml: unknown elements': (r) => {
    const book = new Workbook();
    const part = r.pick(XML_PARTS);
    const element = r.pick([
      '<x:unknown xmlns:x="urn:fuzz" a="1"><x:deeper/>text</x:unknown>',
      '<foo/>',
      '<c r="Q1"><zz/><v>1</v></c>',
      '<extLst><ext uri="{fuzz}"><x14:thing xmlns:x14="urn:x14"/></ext></extLst>',
      '<?fuzz processing instruction?>',
      '<!-- a comment with <c r="A1"><v>9</v></c> inside -->',
      '<![CDATA[<row r="2"><c r="A2"><v>1</v></c></row>]]>',
    ]);
    const at = r.pick(tagStarts(book.text(part)));
    book.edit(part, (xml) => xml.slice(0, at) + element + xml.slice(at));
    return { bytes: book.zip(), description: `${part}: ${element} inserted at ${at}` };
  },
  'xml: entities': (r) => {
    const book = new Workbook();
    const form = r.int(0, 3);
    const laughs = ['<!DOCTYPE worksheet [<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`), ']>'].join('');
    const declarations = [laughs, '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '', ''][form];
    const reference = ['&lol9;', '&xxe;', '&nope;', r.pick(['&#0;', '&#x110000;', '&#xD800;', '&#99999999999;', '&#x;', '&amp'])][form];
    const part = r.pick([SHEET.arrivals, SHEET.capacity, SHEET.los, 'xl/sharedStrings.xml']);
    book.edit(part, (xml) => {
      const withDoctype = declarations ? xml.replace(/^(<\?xml[^>]*\?>)/, `$1${declarations}`) : xml;
      if (part === 'xl/sharedStrings.xml') return withDoctype.replace('<t>P1_RV</t>', `<t>P1_RV${reference}</t>`);
      const column = part === SHEET.los ? 'F' : part === SHEET.capacity ? 'B' : 'C';
      return setCell(withDoctype, `${column}2`, `<c r="${column}2" t="inlineStr"><is><t>B${reference}</t></is></c>`);
    });
    return { bytes: book.zip(), description: `${part}: ${['billion laughs', 'external entity', 'undefined entity', 'bad character reference'][form]} ${reference}` };
  },
  'xml: far cell or row': (r) => {
    const sheet = r.pick(SHEET_NAMES);
    const far = r.pick(['XFD1048576', 'H9999999', 'A1048577', 'XFE1', 'ZZZZZ1', 'A99999999999', 'XFD2', 'AAA500000', 'A2000000000', 'A4294967297']);
    const value = r.pick(['note', '1', '1e308']);
    // A cell without r is placed by its row's r alone: the reader must not trust either blindly.
    const bare = r.chance(0.4);
    const cell = value === 'note' ? textCell(far, value) : numberCell(far, value);
    const book = new Workbook();
    book.edit(SHEET[sheet], (xml) => setCell(xml, far, bare ? cell.replace(/ r="[^"]*"/, '') : cell));
    return { bytes: book.zip(), description: `${sheet}!${far} = ${value === 'note' ? '"note"' : value}${bare ? ' (its <c> without r, placed by the row)' : ''}` };
  },
  'xml: odd row and cell references': (r) => {
    const sheet = r.pick(SHEET_NAMES);
    const book = new Workbook();
    const row = r.int(2, 9);
    const attribute = r.pick(['0', '-1', '1e10', 'abc', '', '2.5', '99999999999999999999', '0x10']);
    const onCell = r.chance(0.5);
    book.edit(SHEET[sheet], (xml) =>
      onCell ? xml.replace(new RegExp(`<c r="B${row}"`), `<c r="B${attribute}"`) : xml.replace(`<row r="${row}"`, `<row r="${attribute}"`),
    );
    return { bytes: book.zip(), description: `${sheet}: the ${onCell ? `cell B${row}` : `row ${row}`} given r="${attribute}"` };
  },
  'xml: cells out of order': (r) => {
    const sheet = r.pick(SHEET_NAMES);
    const book = new Workbook();
    const row = r.int(2, 9);
    const how = r.int(0, 2);
    book.edit(SHEET[sheet], (xml) => {
      const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>.*?<\/row>/g)];
      const target = rows.find((match) => match[1] === String(row))!;
      if (how === 0) {
        // The row's cells reversed.
        const cells = [...target[0].matchAll(/<c r=.*?(?:\/>|<\/c>)/g)].map((match) => match[0]);
        const rebuilt = target[0].replace(/<c r=.*<\/c>/, cells.reverse().join(''));
        return xml.replace(target[0], rebuilt);
      }
      const next = rows.find((match) => match[1] === String(row + 1))!;
      if (how === 1) return xml.replace(target[0] + next[0], next[0] + target[0]);
      // A row given twice.
      return xml.replace(target[0], target[0] + target[0]);
    });
    return { bytes: book.zip(), description: `${sheet}: row ${row} ${['with its cells reversed', `swapped with row ${row + 1}`, 'given twice'][how]}` };
  },
  'xml: very long string': (r) => {
    const length = 2 ** r.int(12, 23);
    const book = new Workbook();
    const where = r.int(0, 2);
    const text = r.pick(['x', 'P1_', '=', ' ']).repeat(length);
    if (where === 0) {
      let first = true;
      book.edit('xl/sharedStrings.xml', (xml) => xml.replace(/<si><t>P2_CT<\/t><\/si>/, (si) => (first ? ((first = false), `<si><t>${escapeXml(text)}</t></si>`) : si)));
    } else if (where === 1) {
      book.edit(SHEET.capacity, (xml) => setCell(xml, 'B4', textCell('B4', text)));
    } else {
      book.edit(SHEET.los, (xml) => setCell(xml, 'L2', textCell('L2', text)));
    }
    return { bytes: book.zip(), description: `a string of ${length} characters ${['as node P2_CT (every sheet)', 'as capacity!B4, a scenario name', 'in los!L2, a column no one reads'][where]}` };
  },
  'xml: many columns': (r) => {
    const count = r.pick([1000, 5000, 16384]);
    const sheet = r.pick(SHEET_NAMES);
    const header = r.chance(0.5);
    const letters = (n: number) => {
      let s = '';
      for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
      return s;
    };
    const book = new Workbook();
    book.edit(SHEET[sheet], (xml) => {
      const row = header ? 1 : 2;
      const start = header ? 12 : 20;
      let cells = '';
      for (let column = start; column < start + count && column <= 16384; column++) {
        const ref = `${letters(column)}${row}`;
        cells += header ? textCell(ref, `h${column}`) : numberCell(ref, String(column));
      }
      const rowEnd = xml.indexOf('</row>', xml.indexOf(`<row r="${row}"`));
      return xml.slice(0, rowEnd) + cells + xml.slice(rowEnd);
    });
    return { bytes: book.zip(), description: `${sheet}: ${count} more ${header ? 'header cells in row 1' : 'numbers in row 2'} from column ${header ? 'L' : 'T'} on` };
  },
  'xml: shared-string index out of range': (r) => {
    const sheet = r.pick(SHEET_NAMES);
    const value = r.pick(['99999', '-1', '4294967296', '1.5', 'abc', '', '56', '1e3']);
    const book = new Workbook();
    const row = r.int(2, 9);
    book.edit(SHEET[sheet], (xml) => xml.replace(new RegExp(`(<c r="A${row}" t="s"><v>)\\d+(</v>)`), `$1${value}$2`));
    return { bytes: book.zip(), description: `${sheet}!A${row}: shared-string index "${value}"` };
  },
  'xml: style index out of range': (r) => {
    const book = new Workbook();
    if (r.chance(0.3)) {
      book.edit('xl/styles.xml', (xml) => xml.replace(/<cellXfs count="3">.*<\/cellXfs>/, '<cellXfs count="0"></cellXfs>'));
      return { bytes: book.zip(), description: 'xl/styles.xml with no cell formats (the date cells point at format 2)' };
    }
    const sheet = r.pick(SHEET_NAMES);
    const value = r.pick(['999', '-1', '1e10', 'x', '3', '']);
    const row = r.int(2, 9);
    book.edit(SHEET[sheet], (xml) => xml.replace(`<c r="B${row}"`, `<c r="B${row}" s="${value}"`));
    return { bytes: book.zip(), description: `${sheet}!B${row}: style index "${value}"` };
  },
  'xml: workbook part': (r) => {
    const book = new Workbook();
    const how = r.int(0, 5);
    const descriptions = [
      'two sheets named arrivals',
      'a sheet pointing at a relationship that does not exist',
      'the arrivals relationship pointing outside the package (../../../etc/passwd)',
      'date1904="1": every date four years later',
      'no <sheets> element',
      'the sheet names in upper case and padded',
    ];
    if (how === 2) book.edit('xl/_rels/workbook.xml.rels', (xml) => xml.replace('worksheets/sheet1.xml', '../../../etc/passwd'));
    else
      book.edit('xl/workbook.xml', (xml) =>
        [
          () => xml.replace('name="capacity"', 'name="arrivals"'),
          () => xml.replace('r:id="rId3"', 'r:id="rId99"'),
          () => xml,
          () => xml.replace('<workbookPr/>', '<workbookPr date1904="1"/>'),
          () => xml.replace(/<sheets>.*<\/sheets>/, ''),
          () => xml.replace(/name="([a-z ]+)"/g, (_, name: string) => `name=" ${name.toUpperCase()} "`),
        ][how](),
      );
    return { bytes: book.zip(), description: `${how === 2 ? 'xl/_rels/workbook.xml.rels' : 'xl/workbook.xml'}: ${descriptions[how]}` };
  },
};

/** A numeric input cell chosen at random, as a reference. */
function numericTarget(r: Random): { sheet: SheetName; ref: string; what: string } {
  const target = r.pick(NUMERIC_CELLS);
  return { sheet: target.sheet, ref: `${r.pick(target.columns)}${someRow(r, target.rows)}`, what: target.what };
}

const VALUES: Record<string, Mutation> = {
  'value: huge, tiny, negative or fractional number': (r) => {
    const { sheet, ref, what } = numericTarget(r);
    const value = r.pick(HUGE_AND_ODD_NUMBERS);
    return { bytes: withCell(sheet, ref, (at) => numberCell(at, value)), description: `${sheet}!${ref} (${what}) = ${value}` };
  },
  'value: number as text': (r) => {
    const { sheet, ref, what } = numericTarget(r);
    const value = r.pick(NUMBER_TEXTS);
    return { bytes: withCell(sheet, ref, (at) => textCell(at, value)), description: `${sheet}!${ref} (${what}) = the text ${JSON.stringify(value)}` };
  },
  'value: numeric cell that is not a number': (r) => {
    const { sheet, ref, what } = numericTarget(r);
    const value = r.pick(BAD_NUMBER_VALUES);
    return { bytes: withCell(sheet, ref, (at) => numberCell(at, value)), description: `${sheet}!${ref} (${what}) = <v>${value}</v> in a number cell` };
  },
  'value: boolean, error or formula': (r) => {
    const { sheet, ref, what } = numericTarget(r);
    const form = r.pick([
      (at: string) => `<c r="${at}" t="b"><v>1</v></c>`,
      (at: string) => `<c r="${at}" t="e"><v>#DIV/0!</v></c>`,
      (at: string) => `<c r="${at}"><f>1/0</f></c>`,
      (at: string) => `<c r="${at}"><f>A1</f><v>7</v></c>`,
      (at: string) => `<c r="${at}" t="str"><f>"x"</f><v>1e999</v></c>`,
      (at: string) => `<c r="${at}"/>`,
    ]);
    const cell = form(ref);
    return { bytes: withCell(sheet, ref, () => cell), description: `${sheet}!${ref} (${what}) = ${cell}` };
  },
  'value: dates out of range': (r) => {
    const row = r.chance(0.5) ? 2 : r.int(2, 3277);
    const [type, value] = r.pick(DATE_VALUES);
    const bytes = withCell('arrivals', `D${row}`, (at) => (type === 'number' ? `<c r="${at}" s="2"><v>${value}</v></c>` : textCell(at, value)));
    return { bytes, description: `arrivals!D${row} (date) = ${type === 'number' ? `serial ${value}` : `the text ${JSON.stringify(value)}`}` };
  },
  'value: empty or removed cell': (r) => {
    const { sheet, ref, what } = numericTarget(r);
    const book = new Workbook();
    const remove = r.chance(0.5);
    book.edit(SHEET[sheet], (xml) => (remove ? removeCell(xml, ref) : setCell(xml, ref, textCell(ref, ''))));
    return { bytes: book.zip(), description: `${sheet}!${ref} (${what}) ${remove ? 'removed' : 'an empty string'}` };
  },
  'name: hostile shared name': (r) => {
    const { index, node } = r.pick(SHARED_NAMES);
    const payload = r.pick(HOSTILE_NAMES);
    const name = node && r.chance(0.7) ? `P${r.int(1, 3)}_${payload}` : payload;
    return sharedName(index, name, `shared string ${index} (${node ? 'a node id' : 'a scenario name'}, in every sheet) renamed ${JSON.stringify(name).slice(0, 120)}`);
  },
  'name: hostile name in one cell': (r) => {
    const target = r.pick(NAME_CELLS);
    const ref = `${target.column}${someRow(r, target.rows)}`;
    const name = r.pick(HOSTILE_NAMES);
    return { bytes: withCell(target.sheet, ref, (at) => textCell(at, name)), description: `${target.sheet}!${ref} = ${JSON.stringify(name).slice(0, 120)}` };
  },
  'name: hostile file name': (r) => {
    const fileName = r.pick(['=HYPERLINK("http://x","y").xlsx', "+cmd|' -C calc'!A0.xlsx", '@SUM(1).xlsx', '-2+3.xlsx', 'a b\tc.xlsx', `${'n'.repeat(200)}.xlsx`, '..xlsx', '.xlsx', 'naïve 名前.xlsx', 'x.XLSX', 'noextension']);
    return { bytes: example(), fileName, description: `the example saved as ${JSON.stringify(fileName)}` };
  },
};

// ---------------------------------------------------------------------------------------------
// Plans

const MUTATIONS: Record<string, Mutation> = { ...PROBES, ...BYTES, ...ZIP, ...XML, ...VALUES };

/** Probes that only make sense through `validate` (they never load), or are too slow to make twice. */
const VALIDATE_ONLY_PROBES = ['probe: 900 MiB part', 'probe: PDF renamed .xlsx'];
/** What `run` is for: files that may well load, so the simulation and the writing are reached. */
const RUN_KINDS = [
  ...Object.keys(PROBES).filter((kind) => !VALIDATE_ONLY_PROBES.includes(kind)),
  ...Object.keys(VALUES),
  'xml: far cell or row',
  'xml: unknown elements',
  'xml: cells out of order',
  'xml: many columns',
  'xml: workbook part',
];
/** Random picks after the fixed first pass: probes are not repeated (their parameters are fixed). */
const RANDOM_VALIDATE_KINDS = Object.keys(MUTATIONS).filter((kind) => !kind.startsWith('probe:'));
const RANDOM_RUN_KINDS = RUN_KINDS.filter((kind) => !kind.startsWith('probe:'));

/** Which case is which: validate cases first, then run cases, each plan starting with every kind once. */
export function fuzzPlan(seed: number): PlannedCase[] {
  const plan: PlannedCase[] = [];
  const kinds = Object.keys(MUTATIONS);
  for (let i = 0; i < VALIDATE_CASES; i++) {
    const kind = i < kinds.length ? kinds[i] : new Random(seed, -1 - i).pick(RANDOM_VALIDATE_KINDS);
    plan.push({ index: i, command: 'validate', kind });
  }
  for (let j = 0; j < RUN_CASES; j++) {
    const index = VALIDATE_CASES + j;
    const kind = j < RUN_KINDS.length ? RUN_KINDS[j] : new Random(seed, -1 - index).pick(RANDOM_RUN_KINDS);
    plan.push({ index, command: 'run', kind });
  }
  return plan;
}

/** Makes one case's file. */
export async function makeCase(seed: number, planned: PlannedCase): Promise<FuzzCase> {
  const made = await MUTATIONS[planned.kind](new Random(seed, planned.index));
  return {
    seed,
    index: planned.index,
    command: planned.command,
    kind: planned.kind,
    description: made.description,
    fileName: made.fileName ?? `fuzz-${planned.index}.xlsx`,
    bytes: made.bytes,
    refusedWith: made.refusedWith,
    notSaying: made.notSaying,
  };
}

/**
 * The browser's sample: the far cells, huge numbers and injections deliberately, some zip and
 * XML damage, then a spread of the random validate cases, `size` in all.
 */
export function browserSample(seed: number, size = 25): PlannedCase[] {
  const plan = fuzzPlan(seed).filter((planned) => planned.command === 'validate');
  const deliberate = [
    'probe: note at arrivals!XFD1048576',
    'probe: row r="2000000000"',
    'probe: note at costs!H9999999',
    'probe: arrivals 1e308',
    'probe: arrivals "1e999" text',
    'probe: mean_los "1e999" text',
    'probe: scenario =HYPERLINK',
    'probe: 900 MiB part',
    'probe: PDF renamed .xlsx',
    'xml: far cell or row',
    'xml: entities',
    'xml: very long string',
    'zip: huge declared size',
    'zip: nested zip',
    'zip: empty zip',
    'bytes: truncate',
  ];
  const chosen = deliberate.map((kind) => plan.find((planned) => planned.kind === kind)!);
  const rest = plan.filter((planned) => planned.index >= Object.keys(MUTATIONS).length);
  const step = rest.length / (size - chosen.length);
  for (let k = 0; chosen.length < size; k++) chosen.push(rest[Math.floor(k * step)]);
  return chosen;
}

/** How to run one case again, for a failure message. */
export function replayHint(fuzzCase: { seed: number; index: number }, testFile: string): string {
  return `replay: PATHFLOW_FUZZ_SEED=${fuzzCase.seed} PATHFLOW_FUZZ_CASE=${fuzzCase.index} npx vitest run ${testFile}`;
}

/** The seed and the cases chosen through the environment (PATHFLOW_FUZZ_SEED, PATHFLOW_FUZZ_CASE=17 or 3,17). */
export function fuzzSelection(): { seed: number; only?: Set<number> } {
  const seedText = process.env.PATHFLOW_FUZZ_SEED;
  const seed = seedText === undefined || seedText === '' ? DEFAULT_SEED : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`PATHFLOW_FUZZ_SEED must be a whole number, not ${seedText}`);
  const caseText = process.env.PATHFLOW_FUZZ_CASE;
  if (caseText === undefined || caseText === '') return { seed };
  const only = new Set(caseText.split(',').map((part) => Number(part.trim())));
  for (const index of only) if (!Number.isInteger(index) || index < 0) throw new Error(`PATHFLOW_FUZZ_CASE must list case numbers, not ${caseText}`);
  return { seed, only };
}
