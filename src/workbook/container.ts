/**
 * The workbook as a file: whether it is an .xlsx at all, and its parts, unpacked on demand.
 *
 * It tells a CSV, a legacy .xls, a password-protected workbook, an OpenDocument file, a
 * damaged zip and a zip bomb apart, each with its own message, before any XML is parsed. The
 * zip is opened by the reader given (zipArchive.ts); each part is inflated only when the cell
 * reader (xlsx.ts) asks for it, and only once.
 */
import { openXlsx, XlsxError, type XlsxWorkbook } from './xlsx.js';
import type { ZipArchive } from './zipArchive.js';

/** The workbook's sheets and date system; a sheet's cells are read when asked for (xlsx.ts). */
export type WorkbookFile = XlsxWorkbook;

export type OpenedFile = { ok: true; file: WorkbookFile } | { ok: false; message: string };

/**
 * A zip bomb is small on disk and huge unpacked: refuse archives that declare more than
 * this many times the size limit of unpacked content (ordinary workbooks unpack to 5-20x).
 */
export const MAX_EXPANSION = 40;

const MIB = 1024 * 1024;

/**
 * No part larger than this is unpacked. A 900 MiB sheet inside the zip-bomb limit did not fit
 * a JavaScript string (V8's longest is just under 512 MiB): Node failed with "Cannot create a
 * string longer than ..." and the browser called the sheet empty. 256 MiB is 250 times the
 * largest part of the public IPACS sample (its arrivals sheet, 1.0 MB for 3,259 rows), room
 * for about 800,000 such rows.
 */
export const MAX_PART_BYTES = 256 * MIB;
const ZIP_SIGNATURE = [0x50, 0x4b];
/** OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const DAMAGED = 'the file is damaged: it starts like an .xlsx workbook but cannot be unpacked';

const NOT_A_WORKBOOK = 'not an Excel .xlsx workbook: the parameters must be an .xlsx workbook with the IPACS sheets';

/**
 * Files picked by mistake, by their first bytes, so that they are named for what they are
 * (a PDF has few control characters in its first bytes and passed for a CSV). A PDF may have
 * up to 1 KiB of anything before its `%PDF-`.
 */
const SIGNATURES: { kind: string; signature: number[]; within?: number }[] = [
  { kind: 'a PDF document', signature: ascii('%PDF-'), within: 1024 },
  { kind: 'a PNG image', signature: [0x89, ...ascii('PNG\r\n'), 0x1a, 0x0a] },
  { kind: 'a JPEG image', signature: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', signature: ascii('GIF8') },
  { kind: 'an RTF document', signature: ascii('{\\rtf') },
];
/** A web page, as Excel's "Save as Web Page" and many exports write one named .xls: after a BOM and white space. */
const HTML = /^(?:\ufeff)?\s*(?:<!doctype\s+html|<html[\s>])/i;
/** Zips of other office formats: [kind, a part only it has, or its OpenDocument mimetype]. */
const ZIPPED_DOCUMENTS: [string, string | undefined, string | undefined][] = [
  ['a Word document (.docx)', 'word/document.xml', undefined],
  ['a PowerPoint presentation (.pptx)', 'ppt/presentation.xml', undefined],
  ['an OpenDocument text document (.odt)', undefined, 'opendocument.text'],
  ['an OpenDocument presentation (.odp)', undefined, 'opendocument.presentation'],
];

/** A part the zip lists but cannot inflate. */
class DamagedPartError extends XlsxError {}

export function openWorkbookFile(data: Uint8Array, maxBytes: number, openArchive: (data: Uint8Array) => ZipArchive | undefined): OpenedFile {
  if (data.byteLength > maxBytes) {
    return {
      ok: false,
      message: `the file is ${describeSize(data.byteLength, Math.ceil)}, over the ${describeSize(maxBytes, Math.round)} limit for a workbook`,
    };
  }
  if (data.byteLength === 0) return { ok: false, message: 'the file is empty' };
  if (startsWith(data, OLE_SIGNATURE)) {
    return {
      ok: false,
      message: containsUtf16(data, 'EncryptedPackage')
        ? 'the workbook is password-protected (encrypted): remove the password in Excel (File > Info > Protect Workbook) and save it again'
        : 'this is a legacy Excel .xls file: open it in Excel or LibreOffice and save it as an .xlsx workbook',
    };
  }
  if (!startsWith(data, ZIP_SIGNATURE)) {
    const kind = kindOf(data);
    if (kind) return { ok: false, message: `this is ${kind}, ${NOT_A_WORKBOOK}` };
    return {
      ok: false,
      message: looksLikeText(data)
        ? 'the file is text (a CSV?), not an Excel workbook: the parameters must be an .xlsx workbook with the IPACS sheets'
        : 'the file is not an Excel .xlsx workbook',
    };
  }

  // The sizes the zip declares are checked before anything is inflated: this pass only lists.
  const archive = openArchive(data);
  if (!archive) return { ok: false, message: DAMAGED };
  let unpackedBytes = 0;
  const sizes = new Map<string, number>();
  for (const entry of archive.entries) {
    unpackedBytes += entry.size;
    sizes.set(entry.name, entry.size);
  }
  if (unpackedBytes > MAX_EXPANSION * maxBytes) {
    return {
      ok: false,
      message: `the workbook unpacks to ${describeSize(unpackedBytes, Math.ceil)}, over ${MAX_EXPANSION} times the ${describeSize(maxBytes, Math.round)} limit for a workbook`,
    };
  }

  const decoder = new TextDecoder();
  const readPart = (path: string, description?: string): string | undefined => {
    const size = sizes.get(path);
    if (size === undefined) return undefined;
    // The declared size bounds what either inflater produces (zipArchive.ts), so it is checked first.
    if (size > MAX_PART_BYTES) {
      const part = description === undefined ? path : `${description} (${path})`;
      throw new XlsxError(`${part} unpacks to ${describeSize(size, Math.ceil)}, over the ${describeSize(MAX_PART_BYTES, Math.round)} limit for one part of a workbook`);
    }
    const bytes = archive.read(path);
    if (!bytes) throw new DamagedPartError(`${path} cannot be unpacked: the file is damaged`);
    return decoder.decode(bytes);
  };
  try {
    if (!sizes.has('xl/workbook.xml')) {
      const mimetype = readPart('mimetype');
      if (mimetype?.includes('opendocument.spreadsheet')) return { ok: false, message: 'this is an OpenDocument spreadsheet (.ods): save it as an Excel .xlsx workbook' };
      const document = ZIPPED_DOCUMENTS.find(([, part, type]) => (part !== undefined && sizes.has(part)) || (type !== undefined && mimetype?.includes(type)));
      return {
        ok: false,
        message: document ? `this is ${document[0]}, ${NOT_A_WORKBOOK}` : 'the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
      };
    }
    return { ok: true, file: openXlsx(readPart) };
  } catch (error) {
    if (error instanceof DamagedPartError) return { ok: false, message: DAMAGED };
    if (error instanceof XlsxError) return { ok: false, message: `the workbook cannot be read: ${error.message}` };
    throw error;
  }
}

function startsWith(data: Uint8Array, signature: number[], at = 0): boolean {
  return signature.every((byte, index) => data[at + index] === byte);
}

function ascii(text: string): number[] {
  return Array.from(text, (character) => character.charCodeAt(0));
}

/** What a file that is not a workbook is, when its first bytes say so; undefined otherwise. */
function kindOf(data: Uint8Array): string | undefined {
  for (const { kind, signature, within = 0 } of SIGNATURES) {
    for (let at = 0; at <= within && at + signature.length <= data.length; at++) if (startsWith(data, signature, at)) return kind;
  }
  const head = new TextDecoder().decode(data.subarray(0, 1024));
  return HTML.test(head) ? 'a web page (HTML)' : undefined;
}

function containsUtf16(data: Uint8Array, text: string): boolean {
  const pattern = Array.from(text).flatMap((character) => [character.charCodeAt(0), 0]);
  outer: for (let start = 0; start + pattern.length <= data.length; start++) {
    for (let index = 0; index < pattern.length; index++) if (data[start + index] !== pattern[index]) continue outer;
    return true;
  }
  return false;
}

/** Text files (CSV, TSV, HTML saved as .xls) have no NUL and few control characters. */
function looksLikeText(data: Uint8Array): boolean {
  const head = data.subarray(0, 4096);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  }
  return control <= head.length / 100;
}

/**
 * `30.2 MiB`, `98 KiB`, `900 bytes`. A file's size is rounded up, so that a file just over
 * the limit never reads as equal to it.
 */
function describeSize(bytes: number, rounding: (value: number) => number): string {
  if (bytes >= MIB) return `${rounding((bytes / MIB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${rounding(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
