/**
 * The text of each part of an xlsx archive for the sheets the workbook writer builds, exactly
 * as write-excel-file writes it (the same characters, parts and part order), so that zipping
 * them as that library zips gives the same bytes. Why not the library: loading its 80-odd
 * modules and its per-cell work (every attribute escaped, every cell's style looked up through
 * JSON) took 70-90 ms of a 0.3 s `pathflow import-pathsimr`, most of it V8 compiling code
 * that runs once.
 *
 * Only what the writer uses is written here: text, number, boolean and date cells, bold
 * headers, a date format, column widths and frozen header rows, with text free of the
 * characters the library strips. For anything else `xlsxParts` returns undefined and the
 * caller uses the library, so an unusual name still gives the library's bytes.
 */
import type { Cell, Sheet } from 'write-excel-file/universal';

const XML_DECLARATION_FULL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const XML_DECLARATION_BARE = '<?xml version="1.0" ?>';
const RELATIONSHIPS_OPEN = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
const RELATIONSHIP_TYPES = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const WORKSHEET_OPEN =
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">';
const WORKBOOK_OPEN =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">';
const FONT_PLAIN = '<font><family val="2"/><scheme val="minor"/><color theme="1"/></font>';
const FONT_BOLD = '<font><family val="2"/><scheme val="minor"/><b/><color theme="1"/></font>';
/** The library numbers custom formats from 100, past Excel's built-in ones. */
const FIRST_FORMAT_ID = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Excel's serial day of 1970-01-01: 70 years and their 19 leap days after its epoch. */
const SERIAL_OF_UNIX_EPOCH = 70 * 365 + 19;

/**
 * Text the library writes unchanged but for escaping: no control characters other than tab
 * and line ends, no surrogates, none of the characters XML discourages (U+7F-U+84,
 * U+86-U+9F, U+FDD0-U+FDEF) and no U+FFFD-U+FFFF, which it removes.
 */
const PLAIN_TEXT = /^[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffc]*$/;
const SHEET_NAME_REFUSED = /[[\]/\\:*?]/;
const SHEET_KEYS = new Set(['sheet', 'data', 'columns', 'stickyRowsCount']);
const CELL_KEYS = new Set(['value', 'type', 'fontWeight', 'format']);

/** Not written here: the caller falls back to the library. */
class Unsupported extends Error {}

/** A cell's style as the library tells styles apart: its number format and whether it is bold. */
interface Styles {
  /** Style ids by `${bold} ${format}`, in the order cells first use them; 0 is the plain style. */
  ids: Map<string, number>;
  /** Each style after the plain one, in id order. */
  list: Array<{ bold: boolean; format: string | undefined }>;
  formats: string[];
}

interface Workbook {
  styles: Styles;
  strings: Map<string, number>;
}

/** The archive's parts, in the library's order, or undefined when a sheet uses more than is written here. */
export function xlsxParts(sheets: readonly Sheet<unknown>[]): Array<[name: string, text: string]> | undefined {
  try {
    return parts(sheets);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function parts(sheets: readonly Sheet<unknown>[]): Array<[string, string]> {
  // The library reads an empty list as one empty sheet.
  if (sheets.length === 0) throw new Unsupported();
  for (const sheet of sheets) {
    if (Object.getPrototypeOf(sheet) !== Object.prototype || !Object.keys(sheet).every((key) => SHEET_KEYS.has(key))) throw new Unsupported();
    const name = sheet.sheet;
    if (typeof name !== 'string' || name.length === 0 || name.length > 31 || SHEET_NAME_REFUSED.test(name) || !PLAIN_TEXT.test(name)) throw new Unsupported();
    if (!Array.isArray(sheet.data)) throw new Unsupported();
  }
  const workbook: Workbook = { styles: { ids: new Map([['false undefined', 0]]), list: [], formats: [] }, strings: new Map() };
  const sheetXml = sheets.map((sheet, index) => worksheet(sheet, index, workbook));
  const ids = sheets.map((_, index) => index + 1);
  const result: Array<[string, string]> = [
    ['[Content_Types].xml', contentTypes(ids)],
    ['_rels/.rels', `${XML_DECLARATION_FULL}${RELATIONSHIPS_OPEN}<Relationship Id="rId-workbook-1" Type="${RELATIONSHIP_TYPES}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/_rels/workbook.xml.rels', workbookRelationships(ids)],
    ['xl/workbook.xml', workbookXml(sheets)],
  ];
  const noRelationships = `${XML_DECLARATION_FULL}${RELATIONSHIPS_OPEN}</Relationships>`;
  for (const id of ids) {
    result.push([`xl/worksheets/sheet${id}.xml`, sheetXml[id - 1]], [`xl/worksheets/_rels/sheet${id}.xml.rels`, noRelationships]);
  }
  result.push(['xl/styles.xml', stylesXml(workbook.styles)], ['xl/sharedStrings.xml', sharedStringsXml(workbook.strings)]);
  return result;
}

function contentTypes(ids: number[]): string {
  let xml =
    `${XML_DECLARATION_FULL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default ContentType="application/xml" Extension="xml"/><Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/>' +
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/>' +
    '<Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" PartName="/xl/styles.xml"/>';
  for (const id of ids) xml += `<Override ContentType="${WORKSHEET_TYPE}" PartName="/xl/worksheets/sheet${id}.xml"/>`;
  return xml + '</Types>';
}

function workbookRelationships(ids: number[]): string {
  let xml = XML_DECLARATION_BARE + RELATIONSHIPS_OPEN;
  for (const id of ids) xml += `<Relationship Id="rId${id}" Type="${RELATIONSHIP_TYPES}/worksheet" Target="worksheets/sheet${id}.xml"/>`;
  return (
    xml +
    `<Relationship Id="rId${ids.length + 1}" Type="${RELATIONSHIP_TYPES}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId${ids.length + 2}" Type="${RELATIONSHIP_TYPES}/styles" Target="styles.xml"/></Relationships>`
  );
}

function workbookXml(sheets: readonly Sheet<unknown>[]): string {
  let xml = `${XML_DECLARATION_FULL}${WORKBOOK_OPEN}<workbookPr/><bookViews><workbookView/></bookViews><sheets>`;
  sheets.forEach((sheet, index) => {
    xml += `<sheet r:id="rId${index + 1}" sheetId="${index + 1}" name="${escapeAttribute(sheet.sheet!)}"/>`;
  });
  return xml + '</sheets><definedNames/><calcPr/></workbook>';
}

function worksheet(sheet: Sheet<unknown>, index: number, workbook: Workbook): string {
  let xml = XML_DECLARATION_BARE + WORKSHEET_OPEN;
  const frozenRows = sheet.stickyRowsCount;
  if (frozenRows !== undefined && !(Number.isInteger(frozenRows) && frozenRows >= 0)) throw new Unsupported();
  if (frozenRows) {
    xml +=
      `<sheetViews><sheetView tabSelected="${index === 0 ? 1 : 0}" workbookViewId="0">` +
      `<pane ySplit="${frozenRows}" xSplit="0" topLeftCell="${cellAddress(frozenRows, 0)}" activePane="bottomRight" state="frozen"/></sheetView></sheetViews>`;
  }
  xml += columnsXml(sheet.columns);
  let rowsXml = '';
  const data = sheet.data as unknown[];
  for (let row = 0; row < data.length; row++) rowsXml += rowXml(data[row], row, workbook);
  xml += rowsXml ? `<sheetData>${rowsXml}</sheetData>` : '<sheetData/>';
  return xml + '</worksheet>';
}

function columnsXml(columns: Sheet<unknown>['columns']): string {
  if (columns === undefined) return '';
  if (!Array.isArray(columns)) throw new Unsupported();
  let xml = '';
  for (let index = 0; index < columns.length; index++) {
    const column: unknown = columns[index];
    if (!column) continue;
    const width = (column as { width?: unknown }).width;
    if (!width) continue;
    if (typeof width !== 'number') throw new Unsupported();
    xml += `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`;
  }
  return xml ? `<cols>${xml}</cols>` : '';
}

function rowXml(row: unknown, index: number, workbook: Workbook): string {
  if (!Array.isArray(row)) throw new Unsupported();
  let cells = '';
  for (let column = 0; column < row.length; column++) cells += cellXml(row[column] as Cell | null | undefined, column, index, workbook);
  return cells ? `<row r="${index + 1}">${cells}</row>` : `<row r="${index + 1}"/>`;
}

function cellXml(cell: Cell | null | undefined, column: number, row: number, workbook: Workbook): string {
  if (cell === undefined || cell === null) return '';
  let value: unknown;
  let type: unknown;
  let bold = false;
  let format: string | undefined;
  if (Object.getPrototypeOf(cell) === Object.prototype) {
    for (const key in cell) if (!CELL_KEYS.has(key)) throw new Unsupported();
    const object = cell as { value?: unknown; type?: unknown; fontWeight?: unknown; format?: unknown };
    ({ value, type } = object);
    if (object.fontWeight !== undefined) {
      if (object.fontWeight !== 'bold') throw new Unsupported();
      bold = true;
    }
    if (object.format !== undefined) {
      // The library takes a format on text or numbers too; the writer only formats dates.
      if (typeof object.format !== 'string' || object.format === '' || type !== Date || !PLAIN_TEXT.test(object.format)) throw new Unsupported();
      format = object.format;
    }
  } else {
    value = cell;
  }
  const empty = value === undefined || value === null || value === '';
  if (!empty && type === undefined) {
    type = typeof value === 'string' ? String : typeof value === 'number' ? Number : typeof value === 'boolean' ? Boolean : undefined;
    if (type === undefined) throw new Unsupported();
  }
  // A date needs a format to be a date: the library refuses a date cell without one.
  if (type === Date && format === undefined && !empty) throw new Unsupported();
  const style = bold || format !== undefined ? styleId(workbook.styles, bold, format) : undefined;
  if (empty && style === undefined) return '';
  const address = cellAddress(row, column);
  const styleAttribute = style === undefined ? '' : ` s="${style}"`;
  if (empty) return `<c r="${address}"${styleAttribute}/>`;
  switch (type) {
    case String:
      if (typeof value !== 'string' || !PLAIN_TEXT.test(value)) throw new Unsupported();
      return `<c r="${address}"${styleAttribute} t="s"><v>${sharedString(workbook.strings, value)}</v></c>`;
    case Number:
      if (typeof value !== 'number') throw new Unsupported();
      return `<c r="${address}"${styleAttribute}><v>${String(value)}</v></c>`;
    case Boolean:
      if (typeof value !== 'boolean') throw new Unsupported();
      return `<c r="${address}"${styleAttribute} t="b"><v>${value ? '1' : '0'}</v></c>`;
    case Date:
      if (!(value instanceof Date)) throw new Unsupported();
      return `<c r="${address}"${styleAttribute}><v>${String(value.getTime() / DAY_MS + SERIAL_OF_UNIX_EPOCH)}</v></c>`;
    default:
      throw new Unsupported();
  }
}

function styleId(styles: Styles, bold: boolean, format: string | undefined): number {
  const key = `${bold} ${format}`;
  let id = styles.ids.get(key);
  if (id === undefined) {
    id = styles.list.length + 1;
    styles.ids.set(key, id);
    styles.list.push({ bold, format });
    if (format !== undefined && !styles.formats.includes(format)) styles.formats.push(format);
  }
  return id;
}

function sharedString(strings: Map<string, number>, value: string): number {
  let id = strings.get(value);
  if (id === undefined) {
    id = strings.size;
    strings.set(value, id);
  }
  return id;
}

function stylesXml(styles: Styles): string {
  let xml = XML_DECLARATION_BARE + '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  if (styles.formats.length > 0) {
    xml += `<numFmts count="${styles.formats.length}">`;
    styles.formats.forEach((format, index) => {
      xml += `<numFmt numFmtId="${FIRST_FORMAT_ID + index}" formatCode="${escapeAttribute(format)}"/>`;
    });
    xml += '</numFmts>';
  }
  // The library keeps one font per distinct font: the plain one, and bold once a cell is bold.
  const bold = styles.list.some((style) => style.bold);
  xml += `<fonts count="${bold ? 2 : 1}">${FONT_PLAIN}${bold ? FONT_BOLD : ''}</fonts>`;
  xml += '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>';
  xml += '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>';
  xml += `<cellXfs count="${styles.list.length + 1}"><xf ></xf>`;
  for (const style of styles.list) {
    const attributes: string[] = [];
    if (style.format !== undefined) attributes.push(`numFmtId="${FIRST_FORMAT_ID + styles.formats.indexOf(style.format)}" applyNumberFormat="1"`);
    if (style.bold) attributes.push('fontId="1" applyFont="1"');
    xml += `<xf ${attributes.join(' ')}></xf>`;
  }
  return xml + '</cellXfs></styleSheet>';
}

function sharedStringsXml(strings: Map<string, number>): string {
  let xml = '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  for (const value of strings.keys()) {
    // Excel drops a text's leading and trailing spaces unless told to keep them.
    xml += value.trim().length === value.length ? '<si><t>' : '<si><t xml:space="preserve">';
    xml += escapeText(value) + '</t></si>';
  }
  return xml + '</sst>';
}

const TEXT_SPECIAL = /[&<>]/g;
const ATTRIBUTE_SPECIAL = /[&<>'"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };

function escapeText(value: string): string {
  return value.replace(TEXT_SPECIAL, (character) => ENTITIES[character]);
}

function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL, (character) => ENTITIES[character]);
}

/** A1-style address of a zero-based row and column: columns A-Z, then AA, AB, ... */
function cellAddress(row: number, column: number): string {
  let letters = '';
  for (let rest = column + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters + (row + 1);
}
