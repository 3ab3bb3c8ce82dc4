/**
 * Workbooks built to exhaust the reader: a cell at the far corner of the grid, a row numbered
 * past it, a part that unpacks to 900 MiB. Each is the bundled example with one sheet edited,
 * run through the built `pathflow validate` in a child process whose heap is capped, so that a
 * reader whose memory follows cell addresses rather than cells fails here by running out of
 * heap, not by a timing assertion. `npm test` builds first; run `npm run build` before running
 * this file alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, cli, example, repoRoot } from '../cliHarness.js';
import { MAX_PART_BYTES } from '../../src/workbook/container.js';
import { errorsOf, read } from './fixtures.js';

/**
 * The heap the child may use. Validating the example needs about 60 MB; the reader that
 * allocated every row and column up to the last cell needed 2.7 GB for a note at H9999999
 * and over 4 GB for one at XFD1048576.
 */
const HEAP_MB = 200;

/** The example's sheets, as the writer laid them out. */
const ARRIVALS = 'xl/worksheets/sheet1.xml';
const CAPACITY = 'xl/worksheets/sheet3.xml';
const COSTS = 'xl/worksheets/sheet5.xml';

let work: string;
let exampleParts: Record<string, Uint8Array>;
beforeAll(() => {
  work = builtCliWorkDirectory('pathflow-hostile-');
  exampleParts = unzipSync(readFileSync(example));
});

/** The example with rows added at the end of one sheet's <sheetData>. */
function withRows(part: string, rows: string): Uint8Array {
  const xml = strFromU8(exampleParts[part]);
  expect(xml).toContain('</sheetData>');
  return zipSync({ ...exampleParts, [part]: strToU8(xml.replace('</sheetData>', `${rows}</sheetData>`)) });
}

/** `pathflow validate` on the workbook, in a child with a capped heap; `problems` are the lines of its error report. */
function validate(name: string, workbook: Uint8Array, heapMb = HEAP_MB, timeout = 100_000): { status: number | null; stdout: string; stderr: string; problems: string[] } {
  const file = join(work, name);
  writeFileSync(file, workbook);
  const result = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, cli, 'validate', file], { encoding: 'utf8', cwd: repoRoot, timeout, maxBuffer: 256 * 1024 * 1024 });
  const problems = result.stderr.startsWith('error: the input has ') ? result.stderr.trimEnd().split('\n').slice(1).map((line) => line.trim()) : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, problems };
}

describe(`far cells, in ${HEAP_MB} MB of heap`, () => {
  it('ignores a note at the last cell of the grid, arrivals!XFD1048576, in a column the model does not use', () => {
    // A number takes the reader's fast path, inline text its scanner: both.
    for (const cell of ['<c r="XFD1048576"><v>42</v></c>', '<c r="XFD1048576" t="inlineStr"><is><t>checked by AB</t></is></c>']) {
      const { status, stdout, stderr } = validate('far-note.xlsx', withRows(ARRIVALS, `<row r="1048576">${cell}</row>`));
      expect(status, stderr).toBe(0);
      expect(stdout).toMatch(/far-note\.xlsx: valid\. 9 nodes/);
    }
  });

  it('reads the example with a far note as the example, with either zip reader', async () => {
    const farNote = withRows(ARRIVALS, '<row r="1048576"><c r="XFD1048576"><v>42</v></c></row>');
    // read() reads with zlib and with fflate (the browser's) and checks the two agree.
    const [withNote, without] = await Promise.all([read(farNote, 'fictional-icb.xlsx'), read(readFileSync(example), 'fictional-icb.xlsx')]);
    expect(withNote).toEqual(without);
    expect(withNote.ok).toBe(true);
  });

  it('reports a note in a model column at the last row of the grid at its cell', () => {
    const { status, stderr, problems } = validate('far-node.xlsx', withRows(ARRIVALS, '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>see notes</t></is></c></row>'));
    expect(status, stderr).toBe(2);
    expect(problems[0]).toMatch(/^arrivals!A1048576: node "see notes" is not of the form /);
  });

  it('refuses a cell below the grid, costs!H9999999, naming it', () => {
    const { status, stderr, problems } = validate('far-row.xlsx', withRows(COSTS, '<row r="9999999"><c r="H9999999"><v>1</v></c></row>'));
    expect(status, stderr).toBe(2);
    expect(problems).toEqual(["far-row.xlsx: the workbook cannot be read: costs!H9999999 is outside Excel's grid (columns A to XFD, rows 1 to 1048576)"]);
  });

  it('refuses a <row> numbered 2000000000, naming the sheet and the number', () => {
    // An empty row is named by its number; a cell in it (here one without r) by its reference.
    for (const [row, problem] of [
      ['<row r="2000000000"/>', 'sheet "arrivals" has a <row> numbered 2000000000, outside Excel\'s grid (rows 1 to 1048576)'],
      ['<row r="2000000000" spans="1:1" ht="15"><c><v>1</v></c></row>', "arrivals!A2000000000 is outside Excel's grid (columns A to XFD, rows 1 to 1048576)"],
    ]) {
      const { status, stderr, problems } = validate('huge-row.xlsx', withRows(ARRIVALS, row));
      expect(status, stderr).toBe(2);
      expect(problems).toEqual([`huge-row.xlsx: the workbook cannot be read: ${problem}`]);
    }
  });
});

describe('many distinct nodes and dates', () => {
  it('checks every node against every sheet and date in time that follows the rows, not their square', () => {
    // 60,000 rows, each a node and a date of its own, in arrivals and capacity: a 2 MB file
    // whose checks, done pair by pair (every node's dates against every date, every node
    // against every node), took 23 s for 20,000 rows and grew with the square; done row by row
    // they take about 20 s on a busy two-core machine, most of it printing the 360,000 problems.
    // The child is given the heap for them, and is stopped after 150 s.
    const count = 60_000;
    const arrivals = Array.from({ length: count }, (_, index) => {
      const row = 3278 + index;
      return `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>P1_X${index}</t></is></c><c r="B${row}"><v>1</v></c><c r="C${row}" t="inlineStr"><is><t>BArr</t></is></c><c r="D${row}"><v>${46296 + 200 + index}</v></c></row>`;
    }).join('');
    const capacity = Array.from({ length: count }, (_, index) => {
      const row = 20 + index;
      return `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>P1_Y${index}</t></is></c><c r="B${row}" t="inlineStr"><is><t>BCap</t></is></c><c r="C${row}"><v>1</v></c></row>`;
    }).join('');
    const withArrivals = strFromU8(exampleParts[ARRIVALS]).replace('</sheetData>', `${arrivals}</sheetData>`);
    const withCapacity = strFromU8(exampleParts[CAPACITY]).replace('</sheetData>', `${capacity}</sheetData>`);
    const workbook = zipSync({ ...exampleParts, [ARRIVALS]: strToU8(withArrivals), [CAPACITY]: strToU8(withCapacity) });
    const { status, stderr, problems } = validate('many-nodes.xlsx', workbook, 1024, 150_000);
    expect(status, stderr.slice(0, 2000)).toBe(2);
    expect(problems).toContain('arrivals: P1_X0 BArr has no row for 60181 of the 60182 dates: 2026-10-01, 2026-10-02, 2026-10-03, 2026-10-04, 2026-10-05, ...');
    expect(problems).toContain('capacity!A60019: node P1_Y59999 is not in the arrivals sheet');
  }, 200_000);
});

describe('a part too large to read', () => {
  /**
   * The example with its costs sheet padded with white space to `bytes` in all. Deflate packs
   * the padding at about 1000:1, so a 900 MiB part is a 2 MB file, inside the zip-bomb limit
   * (40 times the 25 MiB file limit). The padding is one megabyte deflated once with a full
   * flush, so that copies of it can be laid end to end as one deflate stream.
   */
  function withLargeCosts(bytes: number): Uint8Array {
    const xml = strFromU8(exampleParts[COSTS]);
    const at = xml.indexOf('</sheetData>');
    const head = strToU8(xml.slice(0, at));
    const tail = strToU8(xml.slice(at));
    const padding = new Uint8Array(1024 * 1024).fill(0x20);
    const copies = Math.floor((bytes - head.length - tail.length) / padding.length);
    const rest = padding.subarray(0, bytes - head.length - tail.length - copies * padding.length);
    const flushed = (data: Uint8Array) => zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH });
    const deflated = Buffer.concat([flushed(head), ...Array<Buffer>(copies).fill(flushed(padding)), flushed(rest), zlib.deflateRawSync(tail)]);
    let crc = crc32(head);
    for (let copy = 0; copy < copies; copy++) crc = crc32(padding, crc);
    crc = crc32(tail, crc32(rest, crc));
    const { [COSTS]: _costs, ...others } = exampleParts;
    return zipWith(others, { name: COSTS, deflated, size: bytes, crc });
  }

  it('refuses a 900 MiB sheet with its name and size, not with a JavaScript string error, in both zip readers', async () => {
    const workbook = withLargeCosts(900 * 1024 * 1024);
    expect(workbook.length).toBeLessThan(3 * 1024 * 1024);
    const message = `the workbook cannot be read: the sheet "costs" (${COSTS}) unpacks to 900 MiB, over the ${MAX_PART_BYTES / 1024 / 1024} MiB limit for one part of a workbook`;
    // Node's zlib (the CLI) and fflate (the browser), compared by errorsOf.
    expect(await errorsOf(workbook)).toEqual([message]);
    const { status, stderr, problems } = validate('large-part.xlsx', workbook);
    expect(status, stderr).toBe(2);
    expect(problems).toEqual([`large-part.xlsx: ${message}`]);
  });

  it('reads a part just under the limit', async () => {
    // White space between rows is no content: the workbook reads as the example does. The
    // sheet's text alone is 255 MB, so this child has the heap for it.
    const workbook = withLargeCosts(MAX_PART_BYTES - 1024 * 1024);
    const { status, stdout, stderr } = validate('under-limit.xlsx', workbook, 1024);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/under-limit\.xlsx: valid\. 9 nodes/);
  });
});

/** A zip of the parts (deflated here) and one part deflated by the caller. */
function zipWith(parts: Record<string, Uint8Array>, large: { name: string; deflated: Uint8Array; size: number; crc: number }): Uint8Array {
  const entries = [
    ...Object.entries(parts).map(([name, data]) => ({ name, deflated: zlib.deflateRawSync(data), size: data.length, crc: crc32(data) })),
    large,
  ];
  const chunks: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, entry.crc, true);
    local.setUint32(18, entry.deflated.length, true);
    local.setUint32(22, entry.size, true);
    local.setUint16(26, name.length, true);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(10, 8, true);
    central.setUint32(16, entry.crc, true);
    central.setUint32(20, entry.deflated.length, true);
    central.setUint32(24, entry.size, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), name, entry.deflated);
    directory.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + entry.deflated.length;
  }
  const directorySize = directory.reduce((sum, chunk) => sum + chunk.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  return Buffer.concat([...chunks, ...directory, new Uint8Array(end.buffer)]);
}

/** zlib's CRC-32 where Node has it (20.15 and later), else the same computed here. */
function crc32(data: Uint8Array, initial = 0): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data, initial);
  let crc = ~initial >>> 0;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
