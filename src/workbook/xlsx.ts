/**
 * The cell reader: the sheets of an .xlsx as rows of cell values, read from the zip parts
 * container.ts unpacks.
 *
 * Why our own. Reading used to parse every sheet twice: read-excel-file unzipped the whole
 * workbook and ran its SAX parser over all seven sheets of the IPACS sample (a megabyte of
 * XML, most of it the arrivals sheet), and container.ts unzipped the five model sheets again
 * and ran regular expressions over them for what read-excel-file hides (formulas without a
 * saved result, error cells). readIpacsWorkbook on the 96 KiB public sample took 232 ms cold
 * (the first call in a fresh Node process; median of 20) and 100 ms warm, a quarter of the
 * CLI's one-second budget. This reader unzips each part once, only the parts it needs, and
 * scans each model sheet once with a hand-written scanner (indexOf and charCodeAt over the
 * decoded text, no DOM, nothing allocated per tag), taking the formula and error cells in the
 * same pass; the common shapes of <row> and <c> are matched natively (see PLAIN_CELL).
 * readIpacsWorkbook now takes 91 ms cold and 15 ms warm on the same machine, of which this
 * module is about 20 ms and fflate's inflate about 28 ms cold (docs/workbook.md has the
 * measurements). It uses no Node built-in: TextDecoder and fflate exist in browsers and Web
 * Workers alike.
 *
 * What it returns is what read-excel-file 9 returned, value for value, because read.ts and
 * cells.ts rely on it (test/workbook/xlsx.test.ts compares the two on the public sample):
 * - a sheet is its rows that hold something, each with only its non-empty cells, placed by
 *   the `r` of `<row>` and `<c>` (read-excel-file padded every row to the widest and filled
 *   every missing row, so that one note at XFD1048576 cost gigabytes; laid out that way, the
 *   two are equal); rows after the last value are dropped; a reference outside Excel's grid
 *   (past column XFD or row 1,048,576) throws an XlsxError;
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
import { columnLetter, quoted } from './issues.js';

/** A workbook whose XML this reader cannot make sense of; the message says where. */
export class XlsxError extends Error {
  override name = 'XlsxError';
}

/** Excel's grid: columns A to XFD, rows 1 to 1,048,576. A reference beyond it is not a workbook's. */
export const MAX_COLUMNS = 16384;
export const MAX_ROWS = 1048576;
const GRID = `columns A to XFD, rows 1 to ${MAX_ROWS}`;

/**
 * A row that holds something: only its non-empty cells, so that a lone note at XFD costs one
 * cell, not 16,384.
 */
export class SheetRow {
  constructor(
    /** Excel's row number, from 1. */
    readonly number: number,
    /** The 0-based column of each cell with a value, ascending. */
    readonly columns: readonly number[],
    /** Each one's value, in the same order. */
    readonly values: readonly Exclude<CellValue, null>[],
  ) {}

  /** The value in the 0-based column, or null when that cell is empty. */
  get(column: number): CellValue {
    const { columns } = this;
    // Most rows are filled from column A without gaps: then a cell's index is its column.
    if (columns[column] === column) return this.values[column];
    let low = 0;
    let high = Math.min(columns.length, column) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = columns[middle];
      if (found === column) return this.values[middle];
      if (found < column) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }
}

export interface SheetCells {
  /**
   * The rows that hold a value, or a cell listed in `unreadable`, in order; none after the last
   * row with a value. Memory follows the cells there are, not their addresses.
   */
  rows: SheetRow[];
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

/**
 * The text of a part of the zip (`xl/workbook.xml`), or undefined when there is no such part.
 * `description` (`the sheet "costs"`) names the part in messages.
 */
export type PartReader = (path: string, description?: string) => string | undefined;

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
      if (!sheet) throw new XlsxError(`there is no sheet ${quoted(name)}`);
      const relationship = sheet.relationshipId === undefined ? undefined : relationships.get(sheet.relationshipId);
      if (!relationship) throw new XlsxError(`the sheet ${quoted(name)} has no part in the file (xl/_rels/workbook.xml.rels does not name it)`);
      let cells: SheetCells;
      if (relationship.type !== 'worksheet') {
        // A chart sheet, dialog sheet or macro sheet holds no cells.
        cells = { rows: [], unreadable: new Map() };
      } else {
        const xml = readPart(relationship.path, `the sheet ${quoted(name)}`);
        if (xml === undefined) throw new XlsxError(`the sheet ${quoted(name)} is missing: the file has no ${relationship.path}`);
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
 *
 * Nothing is allocated per tag: names and attributes are positions in the text, compared in
 * place, and sliced only when the caller asks for a value.
 */
class XmlScanner {
  /** `</c>` */
  closing = false;
  /** `<c/>`: opens and closes. */
  selfClosing = false;
  /** Where the local name of the current tag starts (`c` of `<x:c>`) and ends. */
  nameStart = 0;
  nameEnd = 0;
  /** The current tag's attributes: [name start, local name start, name end, value start, value end] each. */
  readonly attributes: number[] = [];
  attributeCount = 0;
  /** Where the scanner is: the next tag is looked for from here. */
  position = 0;
  private capturing = false;
  private captured = '';

  constructor(
    readonly xml: string,
    /** The part, for messages. */
    private readonly part: string,
  ) {}

  /** Moves to the next tag; false at the end of the text. */
  next(): boolean {
    const xml = this.xml;
    for (;;) {
      const start = xml.indexOf('<', this.position);
      if (start === -1) {
        if (this.capturing) this.captured += decodeEntities(xml.slice(this.position));
        this.position = xml.length;
        return false;
      }
      if (this.capturing && start > this.position) this.captured += decodeEntities(xml.slice(this.position, start));
      const next = xml.charCodeAt(start + 1);
      if (next === 0x21 /* ! */) {
        if (xml.startsWith('<!--', start)) this.position = this.skipPast('-->', start + 4);
        else if (xml.startsWith('<![CDATA[', start)) {
          const end = this.skipPast(']]>', start + 9);
          if (this.capturing) this.captured += xml.slice(start + 9, end - 3);
          this.position = end;
        } else this.position = this.skipPast('>', start + 2);
        continue;
      }
      if (next === 0x3f /* ? */) {
        this.position = this.skipPast('?>', start + 2);
        continue;
      }
      this.readTag(start);
      return true;
    }
  }

  /** The current tag's local name. */
  get name(): string {
    return this.xml.slice(this.nameStart, this.nameEnd);
  }

  /** Whether the current tag's local name is this one. */
  is(localName: string): boolean {
    return this.nameEnd - this.nameStart === localName.length && this.xml.startsWith(localName, this.nameStart);
  }

  /** The decoded value of the attribute of that local name (`id` finds `r:id`), if the tag has it. */
  attribute(localName: string): string | undefined {
    const { xml, attributes } = this;
    for (let slot = 0; slot < this.attributeCount * 5; slot += 5) {
      const local = attributes[slot + 1];
      if (attributes[slot + 2] - local !== localName.length || !xml.startsWith(localName, local)) continue;
      // `xmlns:id="..."` declares a namespace; it is not an attribute.
      if (local !== attributes[slot] && xml.startsWith('xmlns:', attributes[slot])) continue;
      return this.value(slot);
    }
    return undefined;
  }

  /** The decoded value of the attribute in this slot (a multiple of 5 below attributeCount * 5). */
  value(slot: number): string {
    return decodeEntities(this.xml.slice(this.attributes[slot + 3], this.attributes[slot + 4]));
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
    this.nameStart = local;
    this.nameEnd = index;
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
    this.position = index;
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
    const slot = this.attributeCount++ * 5;
    const attributes = this.attributes;
    attributes[slot] = nameStart;
    attributes[slot + 1] = local;
    attributes[slot + 2] = nameEnd;
    attributes[slot + 3] = index + 1;
    attributes[slot + 4] = valueEnd;
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

/** XML's five, and their upper-case forms, which read-excel-file's parser also accepted. */
const NAMED_ENTITIES = new Map(Object.entries({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }).flatMap(([name, text]) => [[name, text], [name.toUpperCase(), text]]));

/** `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NN;` `&#xNN;`; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (entity, body: string) => {
    if (body.charCodeAt(0) !== 0x23 /* # */) return NAMED_ENTITIES.get(body) ?? entity;
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
    if (scanner.is('sheet')) {
      const name = scanner.attribute('name');
      if (name) sheets.push({ name: unescapeXlsxString(name), relationshipId: scanner.attribute('id') });
    } else if (scanner.is('workbookPr') && !seenProperties) {
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
    if (scanner.closing || !scanner.is('Relationship')) continue;
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
    if (scanner.closing) {
      if (scanner.is('t') && text !== undefined && phonetic === 0) text += scanner.takeText();
      else if (scanner.is('rPh')) phonetic--;
      else if (scanner.is('si') && text !== undefined) {
        strings.push(unescapeXlsxString(text));
        text = undefined;
      }
    } else if (scanner.is('si')) {
      if (scanner.selfClosing) strings.push('');
      else text = '';
    } else if (scanner.is('t') && text !== undefined && phonetic === 0 && !scanner.selfClosing) scanner.startText();
    else if (scanner.is('rPh') && !scanner.selfClosing) phonetic++;
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

/** The cell being read. */
interface Cell {
  row: number;
  column: number;
  /** `t`, or undefined for the default, a number. */
  type: string | undefined;
  /** `s` as written, and as a number (NaN when it is not one); undefined when absent or empty. */
  style: string | undefined;
  styleIndex: number;
  hasFormula: boolean;
  /** The text of `<v>`: undefined without one, "" when empty. */
  saved: string | undefined;
  /** The text of `<is>`, undefined without one. */
  inline: string | undefined;
}

/**
 * The common shapes of `<row>` and of a `<c>` with no formula, inline string, error or entity,
 * attributes in the order Excel, LibreOffice and write-excel-file write them. In a fresh
 * process V8 runs the scanner's loops in its interpreter, where a cell costs hundreds of
 * steps; one native match of these does the same work for nearly every cell of a sheet, which
 * took the arrivals sheet of the public sample from about 50 ms to about 20 ms cold. Anything
 * else (and any tag these do not match) goes through the scanner, with the same result.
 */
const PLAIN_ROW = /<row r="([1-9][0-9]{0,6})"[^<>]*?(\/?)>/y;
const PLAIN_CELL = /<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,9})")?(?: t="(n|s|str|b|d)")?(?:\/>|>(?:<v>([^<&]*)<\/v>)?<\/c>)/y;

/** One pass over `<sheetData>`: values by position, and the cells that only look empty. */
function parseSheet(xml: string, sheetName: string, context: SheetContext): SheetCells {
  const scanner = new XmlScanner(xml, `the XML of sheet "${sheetName}"`);
  const sheet = new SheetBuilder(sheetName, context);
  const { cell } = sheet;

  // Up to <sheetData>.
  let found = false;
  while (scanner.next()) {
    if (!scanner.closing && scanner.is('sheetData')) {
      found = true;
      break;
    }
  }
  if (!found || scanner.selfClosing) return sheet.finish();

  let inCell = false;
  // Inside <v>, inside <is>, inside <t> within <is>, depth of <rPh> within <is>.
  let inValue = false;
  let inInline = false;
  let inInlineText = false;
  let phonetic = 0;
  for (;;) {
    if (!inCell) {
      const start = xml.indexOf('<', scanner.position);
      const letter = xml.charCodeAt(start + 1);
      if (letter === 0x63 /* c */) {
        PLAIN_CELL.lastIndex = start;
        const match = PLAIN_CELL.exec(xml);
        if (match) {
          cell.row = Number(match[2]);
          cell.column = columnNumber(match[1]);
          cell.type = match[4];
          cell.style = match[3];
          cell.styleIndex = match[3] === undefined ? NaN : Number(match[3]);
          cell.hasFormula = false;
          cell.saved = match[5];
          cell.inline = undefined;
          sheet.closeCell();
          scanner.position = PLAIN_CELL.lastIndex;
          continue;
        }
      } else if (letter === 0x72 /* r */) {
        PLAIN_ROW.lastIndex = start;
        const match = PLAIN_ROW.exec(xml);
        if (match) {
          sheet.openRow(Number(match[1]));
          if (match[2]) sheet.closeRow();
          scanner.position = PLAIN_ROW.lastIndex;
          continue;
        }
      } else if (letter === 0x2f /* / */ && xml.startsWith('</row>', start)) {
        sheet.closeRow();
        scanner.position = start + 6;
        continue;
      }
    }

    if (!scanner.next()) throw new XlsxError(`the XML of sheet "${sheetName}" ends inside <sheetData>: the file is damaged`);
    const nameLength = scanner.nameEnd - scanner.nameStart;
    const first = xml.charCodeAt(scanner.nameStart);

    if (!scanner.closing) {
      if (inCell) {
        if (nameLength === 1) {
          if (first === 0x76 /* v */ && !inInline) {
            if (scanner.selfClosing) cell.saved = '';
            else {
              inValue = true;
              scanner.startText();
            }
          } else if (first === 0x66 /* f */) cell.hasFormula = true;
          else if (first === 0x74 /* t */ && inInline && phonetic === 0 && !scanner.selfClosing) {
            inInlineText = true;
            scanner.startText();
          }
        } else if (nameLength === 2 && scanner.is('is')) {
          cell.inline = '';
          inInline = !scanner.selfClosing;
          phonetic = 0;
        } else if (nameLength === 3 && inInline && !scanner.selfClosing && scanner.is('rPh')) phonetic++;
        continue;
      }
      if (nameLength === 1 && first === 0x63 /* c */) {
        sheet.openCell(scanner);
        inCell = true;
        if (!scanner.selfClosing) continue;
      } else if (nameLength === 3 && scanner.is('row')) {
        const r = scanner.attribute('r');
        const number = r ? Number(r) : 0;
        if (!Number.isInteger(number) || number < 0) throw new XlsxError(`sheet "${sheetName}" has a <row> numbered ${quoted(r!)}`);
        sheet.openRow(number);
        if (!scanner.selfClosing) continue;
      } else continue;
    }

    // A closing tag, or the end of a self-closing one.
    if (inCell) {
      if (nameLength === 1) {
        if (first === 0x63 /* c */) {
          inCell = false;
          sheet.closeCell();
        } else if (first === 0x76 /* v */ && inValue) {
          cell.saved = scanner.takeText();
          inValue = false;
        } else if (first === 0x74 /* t */ && inInlineText) {
          if (phonetic === 0) cell.inline += scanner.takeText();
          inInlineText = false;
        }
      } else if (nameLength === 2 && inInline && scanner.is('is')) inInline = false;
      else if (nameLength === 3 && inInline && scanner.is('rPh')) phonetic--;
    } else if (nameLength === 3 && scanner.is('row')) sheet.closeRow();
    else if (nameLength === 9 && scanner.is('sheetData')) break;
  }
  return sheet.finish();
}

/** Puts the cells of a sheet at their places, as they are read, and knows what each holds. */
class SheetBuilder {
  readonly cell: Cell = { row: 0, column: 0, type: undefined, style: undefined, styleIndex: NaN, hasFormula: false, saved: undefined, inline: undefined };
  private readonly rows: SheetRow[] = [];
  private readonly unreadable = new Map<string, string>();
  /** Whether a `<row>` is open, and its cells so far: 0-based columns and values. */
  private inRow = false;
  private columns: number[] = [];
  private values: Exclude<CellValue, null>[] = [];
  private rowHasUnreadable = false;
  /** The open row's number: its `r`, else its first cell's, else 0 until known. */
  private rowNumber = 0;
  /** The number of the last row closed, written or not. */
  private previousRow = 0;
  /** The last cell read, to check that cells come in order. */
  private lastRow = 0;
  private lastColumn = 0;
  /** How many of `rows` there are up to the last one with a value. */
  private dataRows = 0;

  constructor(
    private readonly sheetName: string,
    private readonly context: SheetContext,
  ) {}

  /** A `<row>`, numbered by its `r` or 0 when it has none. */
  openRow(rowNumber: number): void {
    this.closeRow();
    // A number past the grid is refused when the row closes, after its cells, which closeCell names.
    this.inRow = true;
    this.rowNumber = rowNumber;
  }

  /** Keeps the row if it holds anything; a row without a number follows the one before. */
  closeRow(): void {
    if (!this.inRow) return;
    const { rowNumber, previousRow } = this;
    if (rowNumber && rowNumber <= previousRow) throw new XlsxError(`Out-of-place <row/> number ${rowNumber} follows <row/> number ${previousRow} in sheet "${this.sheetName}"`);
    const number = rowNumber || previousRow + 1;
    if (number > MAX_ROWS) throw new XlsxError(`sheet "${this.sheetName}" has a <row> numbered ${number}, outside Excel's grid (rows 1 to ${MAX_ROWS})`);
    if (this.values.length > 0 || this.rowHasUnreadable) {
      this.rows.push(new SheetRow(number, this.columns, this.values));
      if (this.values.length > 0) this.dataRows = this.rows.length;
      this.columns = [];
      this.values = [];
    }
    this.rowHasUnreadable = false;
    this.previousRow = number;
    this.inRow = false;
    this.rowNumber = 0;
  }

  /** Reads a `<c>`'s attributes into the cell; one without `r` follows the previous cell of its row. */
  openCell(scanner: XmlScanner): void {
    if (!this.inRow) throw new XlsxError(`sheet "${this.sheetName}" has a <c> outside any <row>`);
    const { xml, attributes } = scanner;
    const { cell } = this;
    cell.type = undefined;
    cell.style = undefined;
    cell.styleIndex = NaN;
    cell.hasFormula = false;
    cell.saved = undefined;
    cell.inline = undefined;
    let hasReference = false;
    for (let slot = 0; slot < scanner.attributeCount * 5; slot += 5) {
      const local = attributes[slot + 1];
      if (attributes[slot + 2] - local !== 1) continue;
      const value = scanner.value(slot);
      switch (xml.charCodeAt(local)) {
        case 0x72 /* r */: {
          const match = /^([A-Za-z]+)([0-9]+)$/.exec(value);
          if (!match || Number(match[2]) < 1) throw new XlsxError(`sheet "${this.sheetName}" has a cell with the reference ${quoted(value)}`);
          // Too long to be in the grid, and perhaps to be a number; shorter ones closeCell checks.
          if (match[1].length > 3 || match[2].length > 7) throw new XlsxError(`${this.sheetName}!${clip(value)} is outside Excel's grid (${GRID})`);
          cell.row = Number(match[2]);
          cell.column = columnNumber(match[1].toUpperCase());
          hasReference = true;
          break;
        }
        case 0x74 /* t */:
          cell.type = value;
          break;
        case 0x73 /* s */:
          if (value !== '') {
            cell.style = value;
            cell.styleIndex = Number(value);
          }
          break;
      }
    }
    if (!hasReference) {
      cell.row = this.rowNumber || this.previousRow + 1;
      cell.column = cell.row === this.lastRow ? this.lastColumn + 1 : 1;
    }
  }

  /** Puts the value of the cell just read at its place, or notes why it only looks empty. */
  closeCell(): void {
    const { cell, unreadable } = this;
    if (!this.inRow) throw new XlsxError(`sheet "${this.sheetName}" has a <c> outside any <row>`);
    if (cell.row > MAX_ROWS || cell.column > MAX_COLUMNS) {
      throw new XlsxError(`${this.sheetName}!${columnLetter(cell.column - 1)}${cell.row} is outside Excel's grid (${GRID})`);
    }
    if (cell.row < this.lastRow || (cell.row === this.lastRow && cell.column <= this.lastColumn)) {
      // read-excel-file's words, which docs/workbook.md quotes.
      throw new XlsxError(
        `Out-of-place <c/> at row ${cell.row} col ${cell.column} follows <c/> at row ${this.lastRow} col ${this.lastColumn}` +
          ` (${this.sheetName}!${columnLetter(cell.column - 1)}${cell.row} after ${columnLetter(this.lastColumn - 1)}${this.lastRow}: cells must be in order)`,
      );
    }
    this.lastRow = cell.row;
    this.lastColumn = cell.column;
    if (!this.rowNumber) this.rowNumber = cell.row;
    if (cell.type === 'e') {
      unreadable.set(`${columnLetter(cell.column - 1)}${cell.row}`, `the cell shows the error ${cell.saved || 'value'}`);
      this.rowHasUnreadable = true;
      return;
    }
    const value = cellValue(cell, this.context, this.sheetName);
    if (cell.hasFormula && (cell.type === 'str' ? cell.saved === undefined : !cell.saved)) {
      unreadable.set(`${columnLetter(cell.column - 1)}${cell.row}`, RESAVE);
      this.rowHasUnreadable = true;
    }
    if (value === null) return;
    this.columns.push(cell.column - 1);
    this.values.push(value);
  }

  /** The rows, without those after the last one with a value. */
  finish(): SheetCells {
    this.closeRow();
    const { rows } = this;
    rows.length = this.dataRows;
    return { rows, unreadable: this.unreadable };
  }
}

/** A cell reference from the file, cut short for a message (unquoted, as `sheet!A1` is written). */
function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}...` : text;
}

/** `A` -> 1, `AB` -> 28 (upper-case letters). */
function columnNumber(letters: string): number {
  let column = 0;
  for (let index = 0; index < letters.length; index++) column = column * 26 + letters.charCodeAt(index) - 0x40;
  return column;
}

/** The value of a cell just closed, as read-excel-file gives it (not asked for error cells: those are null). */
function cellValue(cell: Cell, context: SheetContext, sheetName: string): CellValue {
  const { saved } = cell;
  switch (cell.type ?? 'n') {
    case 'n': {
      if (!saved) return null;
      if (cell.style) {
        const isDate = context.dateStyles[cell.styleIndex];
        if (isDate === undefined) invalidCell(cell, sheetName, `its style ${cell.style} does not exist (the workbook has ${context.dateStyles.length})`);
        if (isDate) {
          let serial = Number(saved);
          if (Number.isNaN(serial)) invalidCell(cell, sheetName, `its date ${quoted(saved)} is not a number`);
          if (context.epoch1904) serial += EPOCH_1904_OFFSET;
          return new Date(Math.floor((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
        }
      }
      const number = Number(saved);
      if (Number.isNaN(number)) invalidCell(cell, sheetName, `its number ${quoted(saved)} is not a number`);
      return number;
    }
    case 's': {
      if (!saved) return null;
      const text = context.sharedStrings[Number(saved)];
      if (text === undefined) invalidCell(cell, sheetName, `its shared string ${saved} does not exist (the workbook has ${context.sharedStrings.length})`);
      return textValue(text);
    }
    case 'str':
      return saved ? textValue(unescapeXlsxString(saved)) : null;
    case 'inlineStr':
      return cell.inline === undefined ? null : textValue(unescapeXlsxString(cell.inline));
    case 'b':
      if (!saved) return null;
      if (saved === '1') return true;
      if (saved === '0') return false;
      return invalidCell(cell, sheetName, `its boolean ${quoted(saved)} is not 1 or 0`);
    case 'd': {
      if (!saved) return null;
      const time = new Date(saved).getTime();
      if (Number.isNaN(time)) invalidCell(cell, sheetName, `its date ${quoted(saved)} is not a date`);
      return new Date(time);
    }
    default:
      return invalidCell(cell, sheetName, `its type ${quoted(String(cell.type))} is not one of n, s, str, inlineStr, b, e, d`);
  }
}

function invalidCell(cell: Cell, sheetName: string, problem: string): never {
  throw new XlsxError(`${sheetName}!${columnLetter(cell.column - 1)}${cell.row} cannot be read: ${problem}`);
}

function textValue(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}
