/**
 * The workbook as a file: whether it is an .xlsx at all, and the facts about its cells that
 * read-excel-file cannot give us.
 *
 * read-excel-file shows a formula cell whose result was never saved, and a cell holding an
 * Excel error such as `#DIV/0!`, as an empty cell. The format requires the first to be an
 * error of its own, and a planner deserves better than "blank" for the second, so this module
 * opens the zip itself (with fflate, which read-excel-file already depends on and which runs
 * in Node and browsers alike) and scans the raw sheet XML for such cells. It also tells a
 * CSV, a legacy .xls, a password-protected workbook and an OpenDocument file apart, which
 * read-excel-file reports only as an unsupported file.
 */
import { strFromU8, unzipSync, type UnzipFileInfo, type Unzipped } from 'fflate';

/** What read-excel-file's values are not enough to know about an .xlsx. */
export interface WorkbookFile {
  /** True when serial dates count from 1904 (old Mac Excel) rather than 1900. */
  epoch1904: boolean;
  /** Cells of a sheet that read as empty but are not: cell reference (`B7`) to the reason. */
  unreadableCells(sheetName: string): Map<string, string>;
}

export type OpenedFile = { ok: true; file: WorkbookFile } | { ok: false; message: string };

/**
 * A zip bomb is small on disk and huge unpacked: refuse archives that declare more than
 * this many times the size limit of unpacked content (ordinary workbooks unpack to 5-20x).
 */
export const MAX_EXPANSION = 40;

const MIB = 1024 * 1024;
const ZIP_SIGNATURE = [0x50, 0x4b];
/** OLE2 compound file: a legacy .xls, or an .xlsx encrypted with a password. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

export function openWorkbookFile(data: Uint8Array, maxBytes: number): OpenedFile {
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
    return {
      ok: false,
      message: looksLikeText(data)
        ? 'the file is text (a CSV?), not an Excel workbook: the parameters must be an .xlsx workbook with the IPACS sheets'
        : 'the file is not an Excel .xlsx workbook',
    };
  }

  // The sizes the zip declares are checked before anything is inflated: the first pass only lists.
  let unpackedBytes = 0;
  const listed = unzip(data, (entry) => {
    unpackedBytes += entry.originalSize;
    return false;
  });
  const entries = listed && unzip(data, (entry) => ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'mimetype'].includes(entry.name));
  if (!entries) return { ok: false, message: 'the file is damaged: it starts like an .xlsx workbook but cannot be unpacked' };
  if (unpackedBytes > MAX_EXPANSION * maxBytes) {
    return {
      ok: false,
      message: `the workbook unpacks to ${describeSize(unpackedBytes, Math.ceil)}, over ${MAX_EXPANSION} times the ${describeSize(maxBytes, Math.round)} limit for a workbook`,
    };
  }
  const workbookXml = entries['xl/workbook.xml'];
  if (!workbookXml) {
    const mimetype = entries['mimetype'] ? strFromU8(entries['mimetype']) : '';
    return {
      ok: false,
      message: mimetype.includes('opendocument.spreadsheet')
        ? 'this is an OpenDocument spreadsheet (.ods): save it as an Excel .xlsx workbook'
        : 'the file is a zip archive but not an Excel workbook (it has no xl/workbook.xml)',
    };
  }

  const workbook = strFromU8(workbookXml);
  const relationships = entries['xl/_rels/workbook.xml.rels'];
  const targets = new Map<string, string>();
  for (const attributes of elements(relationships ? strFromU8(relationships) : '', 'Relationship')) {
    const id = attributes.get('Id');
    const target = attributes.get('Target');
    if (id !== undefined && target !== undefined) targets.set(id, partPath(target));
  }
  const sheetPaths = new Map<string, string | undefined>();
  for (const attributes of elements(workbook, 'sheet')) {
    const name = attributes.get('name');
    if (name === undefined) continue;
    const relationshipId = [...attributes].find(([key]) => key.endsWith(':id'))?.[1];
    sheetPaths.set(name, relationshipId === undefined ? undefined : targets.get(relationshipId));
  }
  const workbookProperties = elements(workbook, 'workbookPr')[0];
  const date1904 = workbookProperties?.get('date1904');

  return {
    ok: true,
    file: {
      epoch1904: date1904 === '1' || date1904 === 'true',
      unreadableCells: (sheetName) => {
        const path = sheetPaths.get(sheetName);
        const xml = path === undefined ? undefined : unzip(data, (entry) => entry.name === path)?.[path];
        return xml ? scanUnreadableCells(strFromU8(xml)) : new Map();
      },
    },
  };
}

/**
 * Formula cells with no saved result, and cells holding an Excel error value.
 * A saved result is the text of `<v>`; only a text formula (`t="str"`) may have saved "".
 */
function scanUnreadableCells(sheetXml: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!/<(?:[\w.-]+:)?f\b/.test(sheetXml) && !/\bt=["']e["']/.test(sheetXml)) return found;
  const cellPattern = /<(?:[\w.-]+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?c>)/g;
  for (const match of sheetXml.matchAll(cellPattern)) {
    const attributes = parseAttributes(match[1]);
    const reference = attributes.get('r');
    const body = match[2] ?? '';
    if (reference === undefined) continue;
    const cached = /<(?:[\w.-]+:)?v(?:\s*\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?v>)/.exec(body);
    const type = attributes.get('t');
    if (type === 'e') {
      found.set(reference, `the cell shows the error ${cached?.[1] ? decodeXml(cached[1]) : 'value'}`);
    } else if (/<(?:[\w.-]+:)?f\b/.test(body) && (type === 'str' ? !cached : !cached?.[1])) {
      found.set(reference, 'the cell holds a formula with no saved result: open the workbook in Excel or LibreOffice, let it calculate, and save it again');
    }
  }
  return found;
}

/** The entries the filter picks, or nothing when the zip is damaged. */
function unzip(data: Uint8Array, filter: (entry: UnzipFileInfo) => boolean): Unzipped | undefined {
  try {
    return unzipSync(data, { filter });
  } catch {
    return undefined;
  }
}

/** The attributes of every `<name ...>` element (any namespace prefix). */
function elements(xml: string, name: string): Map<string, string>[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)/?>`, 'g');
  return [...xml.matchAll(pattern)].map((match) => parseAttributes(match[1]));
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(["'])([\s\S]*?)\2/g)) attributes.set(match[1], decodeXml(match[3]));
  return attributes;
}

function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return named[body] ?? entity;
    return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
  });
}

/** A relationship target as a path inside the zip: relative to `xl/`, or absolute. */
function partPath(target: string): string {
  const segments: string[] = [];
  for (const segment of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function startsWith(data: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, index) => data[index] === byte);
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
