/**
 * The cell reader: the sheets of an .xlsx as rows of cell values, read from the zip parts
 * container.ts unpacks.
 *
 * Why our own. Reading used to parse every sheet twice: read-excel-file unzipped the whole
 * workbook and ran its SAX parser over all seven sheets of the IPACS sample (a megabyte of
 * XML, most of it the arrivals sheet), and container.ts unzipped the five model sheets again
 * and ran regular expressions over them for what read-excel-file hides (formulas without a
 * saved result, error cells). Reading the 96 KiB public sample took about 190 ms cold (the
 * first call in a fresh Node process) and 75 ms warm, a fifth of the CLI's one-second budget.
 * This reader unzips each part once, only the parts it needs, and scans each model sheet once
 * with a hand-written scanner (indexOf and charCodeAt over the decoded text, no DOM, no
 * per-element objects), taking the formula and error cells in the same pass: about 45 ms cold
 * and 12 ms warm on the same machine, most of what is left being fflate's inflate
 * (docs/workbook.md has the measurements). It uses no Node built-in (TextDecoder and fflate
 * exist in browsers and Web Workers alike).
 *
 * What it returns is what read-excel-file 9 returned, value for value, because read.ts and
 * cells.ts rely on it (test/workbook/xlsx.test.ts compares the two on the public sample):
 * - a sheet is rows of cells, each row as long as the longest (`null` for an empty cell),
 *   placed by the `r` of `<row>` and `<c>`; empty rows at the bottom are dropped;
 * - text (shared, inline, or a text formula's result) is trimmed, and empty text is `null`;
 *   rich-text runs are joined, phonetic runs (`<rPh>`) left out, entities and `_xHHHH_`
 *   escapes decoded;
 * - a number is a Date when its style's number format is a date one (built-in formats 14-22,
 *   27-36, 45-47, 50-58, 71-81, or a custom format whose code has only date and time tokens
 *   outside quotes and brackets, read-excel-file's rule exactly), at UTC:
 *   `Math.floor((serial - 25569) * 86400000)` milliseconds, the serial first moved by 1462 days
 *   in the 1904 date system;
 * - a boolean is `true` or `false`; an error value (`#DIV/0!`) and a formula whose result was
 *   never saved are `null`, and are listed apart in `unreadable` with the reason;
 * - cells out of order, and values read-excel-file refused (a number that is not one, a shared
 *   string or a style that does not exist, an unknown cell type), throw an XlsxError.
 * Where this reader differs it is on input read-excel-file mishandled: `date1904="true"` (as
 * LibreOffice may write it) means the 1904 system, as `"1"` does; a `<c>` or `<row>` without
 * `r` takes the next position rather than failing; `&#NN;` above U+FFFF decodes to the right
 * character; CDATA text is kept; a chart sheet reads as an empty sheet; and sheets nobody
 * asks for are never parsed, so a broken extra sheet no longer stops the model being read.
 */
import type { CellValue } from './cells.js';
import { columnLetter } from './issues.js';

/** A workbook whose XML this reader cannot make sense of; the message says where. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

export interface SheetCells {
  /** `rows[row - 1][column]`: Excel's row number minus one, 0-based column index. */
  rows: CellValue[][];
  /**
   * Cells that read as empty (`null`) but are not, by reference (`B7`), with the reason: an
   * Excel error value, or a formula with no saved result (only a text formula may have saved "").
   */
  unreadable: Map<string, string>;
}

export interface XlsxWorkbook {
  /** Every sheet's name, in the workbook's order. */
  readonly sheetNames: readonly string[];
  /** True when serial dates count from 1904 (old Mac Excel) rather than 1900. */
  readonly epoch1904: boolean;
  /**
   * The cells of the (first) sheet of that name, parsed on the first request and kept.
   * Throws an XlsxError when the sheet's XML cannot be read.
   */
  sheet(name: string): SheetCells;
}

/** The text of a part of the zip (`xl/workbook.xml`), or undefined when there is no such part. */
export type PartReader = (path: string) => string | undefined;

/** Reads the workbook's sheet list and date system now; styles, shared strings and sheets on demand. */
export function openXlsx(readPart: PartReader): XlsxWorkbook {
  const workbookXml = readPart('xl/workbook.xml');
  if (workbookXml === undefined) throw new XlsxError('the file has no xl/workbook.xml');
  const { sheets, epoch1904 } = parseWorkbook(workbookXml);
  const relationshipsXml = readPart('xl/_rels/workbook.xml.rels');
  const relationships = relationshipsXml === undefined ? new Map<string, Relationship>() : parseRelationships(relationshipsXml);
  const partOfType = (type: string, fallback: string) => {
    let path = fallback;
    for (const relationship of relationships.values()) if (relationship.type === type) path = relationship.path;
    return path;
  };

  let context: SheetContext | undefined;
  const parsed = new Map<string, SheetCells>();
  return {
    sheetNames: sheets.map((sheet) => sheet.name),
    epoch1904,
    sheet(name) {
      const found = parsed.get(name);
      if (found) return found;
      const sheet = sheets.find((candidate) => candidate.name === name);
      if (!sheet) throw new XlsxError(`there is no sheet "${name}"`);
      const relationship = sheet.relationshipId === undefined ? undefined : relationships.get(sheet.relationshipId);
      if (!relationship) throw new XlsxError(`the sheet "${name}" has no part in the file (xl/_rels/workbook.xml.rels does not name it)`);
      let cells: SheetCells;
      if (relationship.type !== 'worksheet') {
        // A chart sheet, dialog sheet or macro sheet holds no cells.
        cells = { rows: [], unreadable: new Map() };
      } else {
        const xml = readPart(relationship.path);
        if (xml === undefined) throw new XlsxError(`the sheet "${name}" is missing: the file has no ${relationship.path}`);
        context ??= {
          sharedStrings: parseSharedStrings(readPart(partOfType('sharedStrings', 'xl/sharedStrings.xml')) ?? ''),
          dateStyles: parseDateStyles(readPart(partOfType('styles', 'xl/styles.xml')) ?? ''),
          epoch1904,
        };
        cells = parseSheet(xml, name, context);
      }
      parsed.set(name, cells);
      return cells;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The scanner

/**
 * Steps through XML from tag to tag: the caller asks for the next tag and reads its local
 * name (namespace prefix dropped), whether it opens, closes or both, and its attributes. Text
 * is collected only while the caller asks for it. Comments, processing instructions and the
 * DOCTYPE are skipped; CDATA is text. It checks no more well-formedness than it needs to find
 * its way, and throws an XlsxError when it loses it.
 */
class XmlScanner {
  /** Local name of the current tag (`c` for `<x:c>`). */
  name = '';
  /** `</c>` */
  closing = false;
  /** `<c/>`: opens and closes. */
  selfClosing = false;
  private pos = 0;
  /** Attributes of the current tag: [name start, local name start, name end, value start, value end] each. */
  private attributes: number[] = [];
  private attributeCount = 0;
  private capturing = false;
  private captured = '';

  constructor(
    private readonly xml: string,
    /** The part, for messages. */
    private readonly part: string,
  ) {}

  /** Moves to the next tag; false at the end of the text. */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      const start = xml.indexOf('<', this.pos);
      if (start === -1) {
        if (this.capturing) this.captured += decodeEntities(xml.slice(this.pos));
        this.pos = xml.length;
        return false;
      }
      if (this.capturing && start > this.pos) this.captured += decodeEntities(xml.slice(this.pos, start));
      const next = xml.charCodeAt(start + 1);
      if (next === 0x21 /* ! */) {
        if (xml.startsWith('<!--', start)) this.pos = this.skipPast('-->', start + 4);
        else if (xml.startsWith('<![CDATA[', start)) {
          const end = this.skipPast(']]>', start + 9);
          if (this.capturing) this.captured += xml.slice(start + 9, end - 3);
          this.pos = end;
        } else this.pos = this.skipPast('>', start + 2);
        continue;
      }
      if (next === 0x3f /* ? */) {
        this.pos = this.skipPast('?>', start + 2);
        continue;
      }
      this.readTag(start);
      return true;
    }
  }

  /** The decoded value of the attribute of that local name (`id` finds `r:id`), if the tag has it. */
  attribute(localName: string): string | undefined {
    const { xml, attributes } = this;
    for (let index = 0; index < this.attributeCount * 5; index += 5) {
      const local = attributes[index + 1];
      if (attributes[index + 2] - local !== localName.length || !xml.startsWith(localName, local)) continue;
      // `xmlns:id="..."` declares a namespace; it is not an attribute.
      if (local !== attributes[index] && xml.startsWith('xmlns:', attributes[index])) continue;
      return decodeEntities(xml.slice(attributes[index + 3], attributes[index + 4]));
    }
    return undefined;
  }

  /** Starts collecting the text that follows, until takeText. */
  startText(): void {
    this.capturing = true;
    this.captured = '';
  }

  /** The text collected since startText (entities decoded), and stops collecting. */
  takeText(): string {
    const text = this.captured;
    this.capturing = false;
    this.captured = '';
    return text;
  }

  private readTag(start: number): void {
    const xml = this.xml;
    const length = xml.length;
    let index = start + 1;
    this.closing = xml.charCodeAt(index) === 0x2f; /* / */
    if (this.closing) index++;
    const nameStart = index;
    let local = index;
    for (; index < length; index++) {
      const code = xml.charCodeAt(index);
      if (code === 0x3e /* > */ || code === 0x2f /* / */ || code <= 0x20) break;
      if (code === 0x3a /* : */) local = index + 1;
    }
    if (index === nameStart) this.fail(start, 'a tag without a name');
    this.name = xml.slice(local, index);
    this.attributeCount = 0;
    for (;;) {
      while (index < length && xml.charCodeAt(index) <= 0x20) index++;
      if (index >= length) this.fail(start, 'an unfinished tag');
      const code = xml.charCodeAt(index);
      if (code === 0x3e /* > */) {
        this.selfClosing = false;
        index++;
        break;
      }
      if (code === 0x2f /* / */ && xml.charCodeAt(index + 1) === 0x3e) {
        this.selfClosing = true;
        index += 2;
        break;
      }
      if (this.closing) this.fail(start, 'a closing tag with attributes');
      index = this.readAttribute(start, index);
    }
    this.pos = index;
  }

  /** Reads `name="value"` at index; returns the index after it. */
  private readAttribute(tagStart: number, index: number): number {
    const xml = this.xml;
    const nameStart = index;
    let local = index;
    for (; index < xml.length; index++) {
      const code = xml.charCodeAt(index);
      if (code === 0x3d /* = */ || code <= 0x20 || code === 0x3e || code === 0x2f) break;
      if (code === 0x3a /* : */) local = index + 1;
    }
    const nameEnd = index;
    while (index < xml.length && xml.charCodeAt(index) <= 0x20) index++;
    if (nameEnd === nameStart || xml.charCodeAt(index) !== 0x3d) this.fail(tagStart, 'an attribute without a value');
    index++;
    while (index < xml.length && xml.charCodeAt(index) <= 0x20) index++;
    const quote = xml.charCodeAt(index);
    if (quote !== 0x22 && quote !== 0x27) this.fail(tagStart, 'an attribute value without quotes');
    const valueEnd = xml.indexOf(quote === 0x22 ? '"' : "'", index + 1);
    if (valueEnd === -1) this.fail(tagStart, 'an unfinished attribute value');
    const offset = this.attributeCount++ * 5;
    const attributes = this.attributes;
    attributes[offset] = nameStart;
    attributes[offset + 1] = local;
    attributes[offset + 2] = nameEnd;
    attributes[offset + 3] = index + 1;
    attributes[offset + 4] = valueEnd;
    return valueEnd + 1;
  }

  private skipPast(terminator: string, from: number): number {
    const end = this.xml.indexOf(terminator, from);
    if (end === -1) this.fail(from, `no "${terminator}" to end what starts there`);
    return end + terminator.length;
  }

  private fail(at: number, problem: string): never {
    throw new XlsxError(`${this.part} is not valid XML: ${problem} at character ${at}`);
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;`; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (entity, body: string) => {
    if (body.charCodeAt(0) !== 0x23 /* # */) return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    const hex = body[1] === 'x' || body[1] === 'X';
    const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/**
 * Decodes the `_xHHHH_` escapes of the OOXML `ST_Xstring` type (characters XML 1.0 cannot
 * hold, such as control characters). `_x005F_` escapes an underscore, so `_x005F_x0041_`
 * reads `_x0041_`: matches are replaced left to right and do not overlap.
 */
export function unescapeXlsxString(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// ---------------------------------------------------------------------------------------------
// The workbook, its relationships, shared strings and styles

interface SheetEntry {
  name: string;
  relationshipId: string | undefined;
}

function parseWorkbook(xml: string): { sheets: SheetEntry[]; epoch1904: boolean } {
  const scanner = new XmlScanner(xml, 'xl/workbook.xml');
  const sheets: SheetEntry[] = [];
  let date1904: string | undefined;
  let seenProperties = false;
  while (scanner.next()) {
    if (scanner.closing) continue;
    if (scanner.name === 'sheet') {
      const name = scanner.attribute('name');
      if (name) sheets.push({ name: unescapeXlsxString(name), relationshipId: scanner.attribute('id') });
    } else if (scanner.name === 'workbookPr' && !seenProperties) {
      // Only the first counts, should a workbook (wrongly) have two.
      seenProperties = true;
      date1904 = scanner.attribute('date1904');
    }
  }
  return { sheets, epoch1904: date1904 === '1' || date1904 === 'true' };
}

interface Relationship {
  /** The last segment of the relationship's type: `worksheet`, `styles`, `sharedStrings`, `chartsheet`... */
  type: string;
  /** The target as a path inside the zip. */
  path: string;
}

function parseRelationships(xml: string): Map<string, Relationship> {
  const scanner = new XmlScanner(xml, 'xl/_rels/workbook.xml.rels');
  const relationships = new Map<string, Relationship>();
  while (scanner.next()) {
    if (scanner.closing || scanner.name !== 'Relationship') continue;
    const id = scanner.attribute('Id');
    const type = scanner.attribute('Type');
    const target = scanner.attribute('Target');
    // Transitional and Strict OOXML name the types under different URLs, with the same last segment.
    if (id !== undefined && type !== undefined && target !== undefined) relationships.set(id, { type: type.slice(type.lastIndexOf('/') + 1), path: partPath(target) });
  }
  return relationships;
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

/** Each `<si>`: its `<t>` texts joined (rich-text runs), phonetic runs left out, `_xHHHH_` decoded. */
function parseSharedStrings(xml: string): string[] {
  const scanner = new XmlScanner(xml, 'xl/sharedStrings.xml');
  const strings: string[] = [];
  let text: string | undefined;
  let phonetic = 0;
  while (scanner.next()) {
    const { name } = scanner;
    if (scanner.closing) {
      if (name === 't' && text !== undefined && phonetic === 0) text += scanner.takeText();
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && text !== undefined) {
        strings.push(unescapeXlsxString(text));
        text = undefined;
      }
    } else if (name === 'si') {
      if (scanner.selfClosing) strings.push('');
      else text = '';
    } else if (name === 't' && text !== undefined && phonetic === 0 && !scanner.selfClosing) scanner.startText();
    else if (name === 'rPh' && !scanner.selfClosing) phonetic++;
  }
  return strings;
}

/**
 * Whether each cell style (`<cellXfs>` entry, by index) formats numbers as dates, following
 * read-excel-file: a style without `numFmtId` takes its base style's (`<cellStyleXfs>`, by
 * `xfId`, except base 0) as a built-in id only; custom format codes count for ids from 100.
 */
function parseDateStyles(xml: string): boolean[] {
  const scanner = new XmlScanner(xml, 'xl/styles.xml');
  const formatCodes = new Map<number, string | undefined>();
  const baseFormats: (number | undefined)[] = [];
  const dateStyles: boolean[] = [];
  let section: 'cellStyleXfs' | 'cellXfs' | undefined;
  while (scanner.next()) {
    const { name } = scanner;
    if (scanner.closing) {
      if (name === section) section = undefined;
      continue;
    }
    if (name === 'numFmt') {
      const id = Number(scanner.attribute('numFmtId'));
      formatCodes.set(id, id >= 100 ? scanner.attribute('formatCode') : undefined);
    } else if ((name === 'cellStyleXfs' || name === 'cellXfs') && !scanner.selfClosing) {
      section = name;
    } else if (name === 'xf' && section !== undefined) {
      const formatId = scanner.attribute('numFmtId');
      const id = formatId ? Number(formatId) : undefined;
      if (section === 'cellStyleXfs') {
        baseFormats.push(id);
        continue;
      }
      const baseIndex = Number(scanner.attribute('xfId'));
      if (id !== undefined) dateStyles.push(isDateFormat(id, formatCodes.get(id)));
      else {
        const baseId = baseIndex ? baseFormats[baseIndex] : undefined;
        dateStyles.push(baseId !== undefined && isDateFormat(baseId, undefined));
      }
    }
  }
  return dateStyles;
}

/** Built-in number formats that show dates or times (some only in East Asian or Thai locales). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81]);

const DATE_TOKENS = new Set(['s', 'ss', 'm', 'mm', 'h', 'hh', 'am', 'pm', 'a', 'p', 'd', 'dd', 'ddd', 'dddd', 'aaa', 'aaaa', 'aaaaa', 'mmm', 'mmmm', 'mmmmm', 'y', 'yy', 'yyyy', 'e', 'ee', 'eeee']);

function isDateFormat(id: number, code: string | undefined): boolean {
  return BUILT_IN_DATE_FORMATS.has(id) || (code !== undefined && isDateFormatCode(code));
}

/**
 * Whether a custom number format code shows a date or time: some section of it (`;`-separated),
 * once quoted text, escaped characters, fractional seconds, elapsed-time and other bracketed
 * prefixes (`[h]`, `[Red]`, `[$-409]`) are set aside, has tokens and only date or time ones
 * (`dd/mm/yyyy`, `[h]:mm:ss`, `yyyy\-mm\-dd`, not `0.00`, `#,##0`, `0%`). read-excel-file's rule.
 */
export function isDateFormatCode(code: string): boolean {
  const sections = code
    .toLowerCase()
    .replace(/;@$/, '')
    .replace(/\\./g, ' ')
    .split(';');
  return sections.some((section) => {
    const tokens = section
      .replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/)
      .filter((token) => token !== '');
    return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
  });
}

// ---------------------------------------------------------------------------------------------
// A sheet

interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  epoch1904: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Serial day of 1970-01-01 in the 1900 system, and how far the 1904 system's day 0 is from the 1900 one's. */
const UNIX_EPOCH_SERIAL = 25569;
const EPOCH_1904_OFFSET = 1462;
const RESAVE = 'the cell holds a formula with no saved result: open the workbook in Excel or LibreOffice, let it calculate, and save it again';

/** One pass over `<sheetData>`: values by position, and the cells that only look empty. */
function parseSheet(xml: string, sheetName: string, context: SheetContext): SheetCells {
  const scanner = new XmlScanner(xml, `the XML of sheet "${sheetName}"`);
  const rows: CellValue[][] = [];
  const unreadable = new Map<string, string>();

  // The row being read: its number (0 until known) and non-empty cells so far.
  let row: CellValue[] | undefined;
  let rowNumber = 0;
  // The last cell read, to check that cells come in order.
  let lastRow = 0;
  let lastColumn = 0;
  // The last row with a value, and the last column with one in any row.
  let dataRows = 0;
  let dataColumns = 0;

  // The cell being read.
  let inCell = false;
  let cellRow = 0;
  let cellColumn = 0;
  let type: string | undefined;
  let style: string | undefined;
  let hasFormula = false;
  let saved: string | undefined;
  let inline: string | undefined;
  // Inside <v>, inside <is>, inside <t> within <is>, depth of <rPh> within <is>.
  let inValue = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;

  const reference = (rowAt: number, column: number) => `${sheetName}!${columnLetter(column - 1)}${rowAt}`;

  const openRow = () => {
    const r = scanner.attribute('r');
    rowNumber = r ? Number(r) : 0;
    if (!Number.isInteger(rowNumber) || rowNumber < 0) throw new XlsxError(`sheet "${sheetName}" has a <row> numbered "${r}"`);
    row = [];
  };

  const closeRow = () => {
    if (!row) return;
    if (rowNumber) {
      if (rowNumber <= rows.length) throw new XlsxError(`Out-of-place <row/> number ${rowNumber} follows <row/> number ${rows.length} in sheet "${sheetName}"`);
      while (rows.length < rowNumber - 1) rows.push([]);
    }
    rows.push(row);
    if (row.length > 0) dataRows = rows.length;
    row = undefined;
    rowNumber = 0;
  };

  const openCell = () => {
    if (!row) throw new XlsxError(`sheet "${sheetName}" has a <c> outside any <row>`);
    const r = scanner.attribute('r');
    if (r === undefined) {
      // No reference: the cell after the previous one in this row.
      cellRow = rowNumber || rows.length + 1;
      cellColumn = cellRow === lastRow ? lastColumn + 1 : 1;
    } else {
      parseReference(r);
    }
    type = scanner.attribute('t');
    style = scanner.attribute('s');
    hasFormula = false;
    saved = undefined;
    inline = undefined;
    inCell = true;
  };

  const parseReference = (r: string) => {
    let column = 0;
    let index = 0;
    for (; index < r.length; index++) {
      const code = r.charCodeAt(index) & ~0x20; // upper case
      if (code < 0x41 || code > 0x5a) break;
      column = column * 26 + code - 0x40;
    }
    let number = 0;
    const digitsStart = index;
    for (; index < r.length; index++) {
      const digit = r.charCodeAt(index) - 0x30;
      if (digit < 0 || digit > 9) break;
      number = number * 10 + digit;
    }
    if (column === 0 || index === digitsStart || index < r.length || number < 1) {
      throw new XlsxError(`sheet "${sheetName}" has a cell with the reference "${r}"`);
    }
    cellRow = number;
    cellColumn = column;
  };

  const closeCell = () => {
    inCell = false;
    if (cellRow < lastRow || (cellRow === lastRow && cellColumn <= lastColumn)) {
      // read-excel-file's words, which docs/workbook.md quotes.
      throw new XlsxError(
        `Out-of-place <c/> at row ${cellRow} col ${cellColumn} follows <c/> at row ${lastRow} col ${lastColumn}` +
          ` (${reference(cellRow, cellColumn)} after ${columnLetter(lastColumn - 1)}${lastRow}: cells must be in order)`,
      );
    }
    lastRow = cellRow;
    lastColumn = cellColumn;
    if (!rowNumber) rowNumber = cellRow;
    if (type === 'e') {
      unreadable.set(`${columnLetter(cellColumn - 1)}${cellRow}`, `the cell shows the error ${saved || 'value'}`);
      return;
    }
    const value = cellValue();
    if (hasFormula && (type === 'str' ? saved === undefined : !saved)) unreadable.set(`${columnLetter(cellColumn - 1)}${cellRow}`, RESAVE);
    if (value === null) return;
    const cells = row!;
    while (cells.length < cellColumn - 1) cells.push(null);
    cells.push(value);
    if (cellColumn > dataColumns) dataColumns = cellColumn;
  };

  /** The value of the cell just closed, as read-excel-file gives it (not called for error cells, always null). */
  const cellValue = (): CellValue => {
    switch (type ?? 'n') {
      case 'n': {
        if (!saved) return null;
        if (style) {
          const index = Number(style);
          const isDate = context.dateStyles[index];
          if (isDate === undefined) invalid(`its style ${style} does not exist (the workbook has ${context.dateStyles.length})`);
          if (isDate) {
            let serial = Number(saved);
            if (Number.isNaN(serial)) invalid(`its date "${saved}" is not a number`);
            if (context.epoch1904) serial += EPOCH_1904_OFFSET;
            return new Date(Math.floor((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
          }
        }
        const number = Number(saved);
        if (Number.isNaN(number)) invalid(`its number "${saved}" is not a number`);
        return number;
      }
      case 's': {
        if (!saved) return null;
        const text = context.sharedStrings[Number(saved)];
        if (text === undefined) invalid(`its shared string ${saved} does not exist (the workbook has ${context.sharedStrings.length})`);
        return textValue(text);
      }
      case 'str':
        return saved ? textValue(unescapeXlsxString(saved)) : null;
      case 'inlineStr':
        return inline === undefined ? null : textValue(unescapeXlsxString(inline));
      case 'b':
        if (!saved) return null;
        if (saved === '1') return true;
        if (saved === '0') return false;
        return invalid(`its boolean "${saved}" is not 1 or 0`);
      case 'd': {
        if (!saved) return null;
        const time = new Date(saved).getTime();
        if (Number.isNaN(time)) invalid(`its date "${saved}" is not a date`);
        return new Date(time);
      }
      default:
        return invalid(`its type "${type}" is not one of n, s, str, inlineStr, b, e, d`);
    }
  };

  const invalid = (problem: string): never => {
    throw new XlsxError(`${reference(cellRow, cellColumn)} cannot be read: ${problem}`);
  };

  const close = (name: string) => {
    if (inCell) {
      if (name === 'v' && inValue) {
        saved = scanner.takeText();
        inValue = false;
      } else if (name === 't' && inInlineText) {
        if (phonetic === 0) inline += scanner.takeText();
        inInlineText = false;
      } else if (name === 'rPh' && inInline) phonetic--;
      else if (name === 'is' && inInline) inInline = false;
      else if (name === 'c') closeCell();
    } else if (name === 'row') closeRow();
  };

  // Up to <sheetData>.
  let found = false;
  while (scanner.next()) {
    if (!scanner.closing && scanner.name === 'sheetData') {
      found = true;
      break;
    }
  }
  if (!found || scanner.selfClosing) return { rows, unreadable };

  for (;;) {
    if (!scanner.next()) throw new XlsxError(`the XML of sheet "${sheetName}" ends inside <sheetData>: the file is damaged`);
    const { name } = scanner;
    if (scanner.closing) {
      if (name === 'sheetData') break;
      close(name);
      continue;
    }
    if (inCell) {
      if (name === 'v' && !inInline) {
        if (scanner.selfClosing) saved = '';
        else {
          inValue = true;
          scanner.startText();
        }
      } else if (name === 'f') hasFormula = true;
      else if (name === 'is') {
        inline = '';
        inInline = !scanner.selfClosing;
        phonetic = 0;
      } else if (name === 't' && inInline && phonetic === 0 && !scanner.selfClosing) {
        inInlineText = true;
        scanner.startText();
      } else if (name === 'rPh' && inInline && !scanner.selfClosing) phonetic++;
      continue;
    }
    if (name === 'row') {
      closeRow();
      openRow();
    } else if (name === 'c') openCell();
    if (scanner.selfClosing) close(name);
  }
  closeRow();

  rows.length = dataRows;
  for (const cells of rows) while (cells.length < dataColumns) cells.push(null);
  return { rows, unreadable };
}

function textValue(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
