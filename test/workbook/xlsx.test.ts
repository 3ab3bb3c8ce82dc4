/**
 * The cell reader (src/workbook/xlsx.ts) on workbooks the tests build part by part, and on
 * the public sample. Where the reader promises read-excel-file's values, each test also
 * compares with what read-excel-file (a dev dependency, kept as the reference) reads from the
 * same bytes.
 */
import { readFile } from 'node:fs/promises';
import { strToU8, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/workbook/cells.js';
import { openWorkbookFile, type WorkbookFile } from '../../src/workbook/container.js';
import { fflateArchive } from '../../src/workbook/fflateArchive.js';
import { decodeEntities, isDateFormatCode, unescapeXlsxString, XlsxError, type SheetCells } from '../../src/workbook/xlsx.js';
import { editedWorkbook, editPart, modelOf, noDtocSamplePath, sampleMissing, samplePath, sampleSuiteTitle, smallModel } from './fixtures.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RESAVE = 'the cell holds a formula with no saved result: open the workbook in Excel or LibreOffice, let it calculate, and save it again';

/**
 * The cell styles of the test workbooks, by index (the `s` of a cell):
 * 0 General; 1 built-in 14 (a date); 2 `dd/mm/yyyy`; 3 built-in 2 (`0.00`); 4 `0.0" days"` (a
 * number: the d is quoted); 5 `yyyy\-mm\-dd`; 6 `[Red]#,##0.00`; 7 no numFmtId, base style 1
 * (built-in 14); 8 built-in 22 (`m/d/yy h:mm`); 9 `[h]:mm:ss` (a time, so a date).
 */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${MAIN}">
  <numFmts count="5">
    <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
    <numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/>
    <numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd"/>
    <numFmt numFmtId="167" formatCode="[Red]#,##0.00"/>
    <numFmt numFmtId="168" formatCode="[h]:mm:ss"/>
  </numFmts>
  <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
  <cellStyleXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0"/></cellStyleXfs>
  <cellXfs count="10">
    <xf numFmtId="0" fontId="0" xfId="0"/>
    <xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="164" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="2" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="165" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="166" fontId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>
    <xf numFmtId="167" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf fontId="0" xfId="1"/>
    <xf numFmtId="22" fontId="0" xfId="0" applyNumberFormat="1"/>
    <xf numFmtId="168" fontId="0" xfId="0" applyNumberFormat="1"/>
  </cellXfs>
  <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
  <dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs>
</styleSheet>`;

interface Fixture {
  /** Each sheet's name and the XML inside its `<sheetData>`. */
  sheets: { name: string; rows: string }[];
  /** The XML inside `<sst>`: `<si>` elements. */
  sharedStrings?: string;
  /** The `date1904` attribute of `<workbookPr>`, when given. */
  date1904?: string;
}

/** An .xlsx zip, part by part, as Excel lays it out. */
function xlsx({ sheets, sharedStrings = '', date1904 }: Fixture): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
      `<workbookPr${date1904 === undefined ? '' : ` date1904="${date1904}"`}/><sheets>` +
      sheets.map(({ name }, index) => `<sheet name="${name}" sheetId="${index + 1}" r:id="rId${index + 3}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>` +
      sheets.map((_, index) => `<Relationship Id="rId${index + 3}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join('') +
      '</Relationships>',
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}">${sharedStrings}</sst>`,
  };
  sheets.forEach(({ rows }, index) => {
    parts[`xl/worksheets/sheet${index + 1}.xml`] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><dimension ref="A1"/>` +
      `<sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  });
  return zipSync(Object.fromEntries(Object.entries(parts).map(([path, text]) => [path, strToU8(text)])));
}

/** One sheet named `data`. */
const oneSheet = (rows: string, more: Omit<Fixture, 'sheets'> = {}) => xlsx({ sheets: [{ name: 'data', rows }], ...more });

function open(bytes: Uint8Array): WorkbookFile {
  const opened = openWorkbookFile(bytes, 25 * 1024 * 1024, fflateArchive);
  if (!opened.ok) throw new Error(opened.message);
  return opened.file;
}

/**
 * The rows as read-excel-file lays them out: `data[row - 1][column]`, a row for every number
 * up to the last with a value, each as long as the longest, `null` for an empty cell.
 */
function dense({ rows }: SheetCells): CellValue[][] {
  const width = Math.max(0, ...rows.map((row) => row.columns[row.columns.length - 1] + 1 || 0));
  const data = Array.from({ length: rows.at(-1)?.number ?? 0 }, (): CellValue[] => Array<CellValue>(width).fill(null));
  for (const row of rows) row.columns.forEach((column, at) => (data[row.number - 1][column] = row.values[at]));
  return data;
}

const rowsOf = (bytes: Uint8Array, sheet = 'data') => dense(open(bytes).sheet(sheet));
const unreadableOf = (bytes: Uint8Array, sheet = 'data') => Object.fromEntries(open(bytes).sheet(sheet).unreadable);

/** Every sheet as read-excel-file's `{ sheet, data }`. */
function allSheets(bytes: Uint8Array): { sheet: string; data: CellValue[][] }[] {
  const file = open(bytes);
  return file.sheetNames.map((sheet) => ({ sheet, data: dense(file.sheet(sheet)) }));
}

/** What read-excel-file reads from the same bytes. */
async function readExcelFile(bytes: Uint8Array): Promise<{ sheet: string; data: CellValue[][] }[]> {
  return (await readXlsxFile(bytes.slice().buffer)).map(({ sheet, data }) => ({ sheet, data: data as CellValue[][] }));
}

const utc = (...parts: [number, number, number, number?, number?]) => new Date(Date.UTC(...parts));

describe('text', () => {
  const sharedStrings = [
    // 0: entities, and xml:space="preserve" spaces, which are trimmed as read-excel-file trims them
    '<si><t xml:space="preserve">  Fish &amp; chips &lt;3 &gt; &quot;q&quot; &apos;a&apos; &#163;5 &#x20AC;2 </t></si>',
    // 1: rich text: the runs' texts joined, their formatting ignored
    '<si><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r><r><rPr><i/></rPr><t xml:space="preserve"> and </t></r><r><t>italic</t></r></si>',
    // 2: a phonetic reading is not part of the text
    '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
    // 3: an _xHHHH_ escape (a carriage return), and an escaped escape
    '<si><t>line_x000D_break _x005F_x0041_</t></si>',
    // 4: only spaces: empty once trimmed, so an empty cell
    '<si><t xml:space="preserve">   </t></si>',
    // 5: an empty string item
    '<si><t/></si>',
    // 6: a number typed as text
    '<si><t>0042</t></si>',
  ].join('');
  const rows =
    '<row r="1">' +
    [0, 1, 2, 3, 4, 5, 6].map((index) => `<c r="${String.fromCharCode(65 + index)}1" t="s"><v>${index}</v></c>`).join('') +
    '</row>' +
    '<row r="2">' +
    '<c r="A2" t="inlineStr"><is><t xml:space="preserve"> inline &amp; trimmed </t></is></c>' +
    '<c r="B2" t="inlineStr"><is><r><t>rich</t></r><r><rPr><b/></rPr><t xml:space="preserve"> inline</t></r></is></c>' +
    '<c r="C2" t="inlineStr"><is><t/></is></c>' +
    '<c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
    '<c r="E2" t="str"><f>""</f><v></v></c>' +
    '</row>';
  const bytes = oneSheet(rows, { sharedStrings });

  it('reads shared strings: entities decoded, rich-text runs joined, phonetic runs left out, trimmed', () => {
    expect(rowsOf(bytes)[0]).toEqual(['Fish & chips <3 > "q" \'a\' £5 €2', 'Bold and italic', '東京', 'line\rbreak _x0041_', null, null, '0042']);
  });

  it('reads inline strings and the saved text of text formulas', () => {
    expect(rowsOf(bytes)[1]).toEqual(['inline & trimmed', 'rich inline', null, 'ab', null, null, null]);
    // A text formula that saved "" is empty, not unreadable.
    expect(unreadableOf(bytes)).toEqual({});
  });

  it('reads text as read-excel-file does', async () => {
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });
});

describe('booleans, errors and formulas', () => {
  const rows =
    '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="b"><f>1=2</f><v>0</v></c></row>' +
    '<row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B2" t="e"><v>#N/A</v></c><c r="C2" s="3"><v>1.5</v></c></row>' +
    '<row r="3"><c r="A3"><f>C2*2</f><v>3</v></c><c r="B3"><f>C2*3</f></c><c r="C3" s="3"><f>C2*4</f><v></v></c>' +
    '<c r="D3" t="str"><f>"x"&amp;C2</f></c><c r="E3"><f t="shared" ref="E3:E4" si="0">C2+1</f><v>2.5</v></c></row>' +
    '<row r="4"><c r="E4"><f t="shared" si="0"/><v>3.5</v></c></row>';
  const bytes = oneSheet(rows);

  it('reads booleans, and a formula by its saved result', () => {
    expect(rowsOf(bytes)).toEqual([
      [true, false, false, null, null],
      [null, null, 1.5, null, null],
      [3, null, null, null, 2.5],
      [null, null, null, null, 3.5],
    ]);
  });

  it('reads an error value, or a formula with no saved result, as empty, and says why apart', () => {
    expect(unreadableOf(bytes)).toEqual({
      A2: 'the cell shows the error #DIV/0!',
      B2: 'the cell shows the error #N/A',
      B3: RESAVE,
      C3: RESAVE,
      D3: RESAVE,
    });
  });

  it('reads them as read-excel-file does', async () => {
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });
});

describe('positions', () => {
  // Row 1 starts at column C; row 2 is not written; row 3 has a gap; row 4 holds only an
  // empty styled cell; row 5 a value; rows 6 and 7 only empty cells, so they are dropped.
  const rows =
    '<row r="1" spans="3:4"><c r="C1"><v>1</v></c><c r="D1"><v>2</v></c></row>' +
    '<row r="3"><c r="A3"><v>3</v></c><c r="F3"><v>4</v></c></row>' +
    '<row r="4"><c r="B4" s="3"/></row>' +
    '<row r="5"><c r="B5"><v>5</v></c></row>' +
    '<row r="6"><c r="A6" s="1"/></row><row r="7"/>';
  const bytes = oneSheet(rows);

  it('puts cells at their references: missing rows and cells are null, and every row is as long as the longest', () => {
    expect(rowsOf(bytes)).toEqual([
      [null, null, 1, 2, null, null],
      [null, null, null, null, null, null],
      [3, null, null, null, null, 4],
      [null, null, null, null, null, null],
      [null, 5, null, null, null, null],
    ]);
  });

  it('positions cells as read-excel-file does', async () => {
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });

  it('reads an empty sheet, and a sheet without <sheetData>, as no rows', () => {
    expect(rowsOf(oneSheet(''))).toEqual([]);
    expect(rowsOf(oneSheet('<row r="1"><c r="A1" s="1"/></row>'))).toEqual([]);
  });

  it('places a <row> or <c> without r after the one before', () => {
    const withoutReferences = oneSheet('<row><c><v>1</v></c><c><v>2</v></c></row><row r="3"><c><v>3</v></c><c r="C3"><v>4</v></c><c><v>5</v></c></row>');
    expect(rowsOf(withoutReferences)).toEqual([
      [1, 2, null, null],
      [null, null, null, null],
      [3, null, 4, 5],
    ]);
  });

  it('reads the same whatever the attribute order, quotes, spacing and namespace prefix', async () => {
    // The plain form is the one Excel, LibreOffice and write-excel-file write (and the reader's fast path).
    const plain =
      '<row r="1"><c r="A1" s="2" t="n"><v>45292</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" s="3"><v>7</v></c><c r="D1" t="b"><v>1</v></c>' +
      '<c r="E1" t="str"><v> text </v></c><c r="F1" t="d"><v>2024-01-02</v></c><c r="G1" s="1"/><c r="H1"><v>-1.5e-3</v></c><c r="I1" s="1"></c></row>' +
      '<row r="3"><c r="A3"><v>1</v></c></row><row r="4"/>';
    const unusual =
      "<x:row  spans='1:3'\n r='1'><x:c t='n' s='2' r='A1' ><x:v>45292</x:v></x:c><x:c\tt=\"s\" r=\"B1\"><x:v>0</x:v></x:c>" +
      '<x:c r="C1" s="3" cm="1"><!-- a comment --><x:v><![CDATA[7]]></x:v></x:c><x:c t="b" r="D1"><x:v>1</x:v></x:c>' +
      '<x:c t="str" r="E1"><x:v> te&#x78;t </x:v></x:c><x:c r="F1" t="d" s="0"><x:v>2024-01-02</x:v></x:c><x:c s="1" r="G1"/>' +
      '<x:c r="H1" t="n"><x:v>-1.5e-3</x:v></x:c><x:c r="I1" s="1" ></x:c></x:row><x:row r="3" ><x:c r="A3"><x:v>1</x:v></x:c></x:row><x:row r="4"></x:row>';
    const sharedStrings = '<si><t>text</t></si>';
    const expected = [
      [utc(2024, 0, 1), 'text', 7, true, 'text', utc(2024, 0, 2), null, -0.0015],
      [null, null, null, null, null, null, null, null],
      [1, null, null, null, null, null, null, null],
    ];
    const plainBytes = oneSheet(plain, { sharedStrings });
    expect(rowsOf(plainBytes)).toEqual(expected);
    expect(allSheets(plainBytes)).toEqual(await readExcelFile(plainBytes));
    expect(rowsOf(oneSheet(unusual, { sharedStrings }))).toEqual(expected);
  });
});

describe('the grid', () => {
  it('keeps only the cells there are: a note at XFD1048576 is one cell, not a row of 16,384', () => {
    const far = oneSheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>' + '<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>note</t></is></c><c r="XFD1048576"><v>3</v></c></row>',
    );
    const { rows } = open(far).sheet('data');
    expect(rows.map(({ number, columns, values }) => ({ number, columns, values }))).toEqual([
      { number: 1, columns: [0, 16383], values: [1, 2] },
      { number: 1048576, columns: [1, 16383], values: ['note', 3] },
    ]);
    expect([rows[0].get(0), rows[0].get(1), rows[0].get(16383), rows[1].get(0), rows[1].get(1), rows[1].get(16383)]).toEqual([1, null, 2, null, 'note', 3]);
  });

  it('keeps a row whose only cell is unreadable, unless no value follows it', () => {
    const rows = open(oneSheet('<row r="2"><c r="C2" t="e"><v>#N/A</v></c></row><row r="3"><c r="A3"><v>1</v></c></row><row r="4"><c r="A4" t="e"><v>#N/A</v></c></row>')).sheet('data').rows;
    expect(rows.map((row) => [row.number, row.values.length])).toEqual([
      [2, 0],
      [3, 1],
    ]);
  });

  it('refuses a cell or row outside Excel\'s grid, whichever way it is written', () => {
    const outside = (reference: string) => `${reference} is outside Excel's grid (columns A to XFD, rows 1 to 1048576)`;
    // The reader's fast path (a plain number cell) and its scanner (inline text, or a prefix).
    for (const [rows, message] of [
      ['<row r="1"><c r="XFE1"><v>1</v></c></row>', outside('data!XFE1')],
      ['<row r="1"><c r="XFE1" t="inlineStr"><is><t>x</t></is></c></row>', outside('data!XFE1')],
      ['<row r="1048577"><c r="A1048577"><v>1</v></c></row>', outside('data!A1048577')],
      ['<x:row r="1048577"><x:c r="A1048577"><x:v>1</x:v></x:c></x:row>', outside('data!A1048577')],
      ['<row r="1"><c r="A99999999999"><v>1</v></c></row>', outside('data!A99999999999')],
      ['<row r="1"><c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>', outside('data!AAAAAAAAAAAAAAAAAAAAAAAA...')],
      ['<row r="1048577"/>', 'sheet "data" has a <row> numbered 1048577, outside Excel\'s grid (rows 1 to 1048576)'],
      ['<row r="1048576"><c r="A1048576"><v>1</v></c></row><row><c><v>2</v></c></row>', outside('data!A1048577')],
    ]) {
      expect(() => rowsOf(oneSheet(rows)), rows).toThrow(new XlsxError(message));
    }
    // The last cell of the grid is in it.
    expect(open(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')).sheet('data').rows[0].number).toBe(1048576);
  });
});

describe('dates', () => {
  const serialRow = (row: number, serial: number | string) =>
    `<row r="${row}">` + Array.from({ length: 10 }, (_, style) => `<c r="${String.fromCharCode(65 + style)}${row}" s="${style}"><v>${serial}</v></c>`).join('') + '</row>';
  const rows = serialRow(1, 45292) + serialRow(2, 45292.5) + '<row r="3"><c r="A3" t="d"><v>2024-01-02T00:00:00Z</v></c><c r="B3" s="1" t="n"><v>61</v></c></row>';

  it('reads a number as a Date at UTC when its format is a date, and as a number otherwise', () => {
    const [whole, half, other] = rowsOf(oneSheet(rows));
    // Styles: General, 14, dd/mm/yyyy, 0.00, 0.0" days", yyyy\-mm\-dd, [Red]#,##0.00, base style 14, m/d/yy h:mm, [h]:mm:ss.
    const date = utc(2024, 0, 1);
    expect(whole).toEqual([45292, date, date, 45292, 45292, date, 45292, date, date, date]);
    const noon = utc(2024, 0, 1, 12);
    expect(half).toEqual([45292.5, noon, noon, 45292.5, 45292.5, noon, 45292.5, noon, noon, noon]);
    // A date cell (t="d") holds ISO text; serial 61 is 1 March 1900.
    expect(other.slice(0, 2)).toEqual([utc(2024, 0, 2), utc(1900, 2, 1)]);
  });

  it('reads dates as read-excel-file does', async () => {
    const bytes = oneSheet(rows);
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });

  it('counts serials from 1904 in a workbook that says so, with "1" or "true"', async () => {
    // 43830 days after 1 January 1904 is 1 January 2024.
    const row = '<row r="1"><c r="A1" s="1"><v>43830</v></c><c r="B1"><v>43830</v></c></row>';
    for (const date1904 of ['1', 'true']) {
      const file = open(oneSheet(row, { date1904 }));
      expect(file.epoch1904).toBe(true);
      expect(dense(file.sheet('data'))).toEqual([[utc(2024, 0, 1), 43830]]);
    }
    expect(open(oneSheet(row, { date1904: 'false' })).epoch1904).toBe(false);
    // read-excel-file agrees for "1" (it reads "true" as the 1900 system).
    const bytes = oneSheet(row, { date1904: '1' });
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });

  it('tells date format codes from number format codes', () => {
    for (const code of ['dd/mm/yyyy', 'yyyy\\-mm\\-dd', 'd mmmm yyyy', 'm/d/yyyy;@', '[$-809]dd mmmm yyyy;@', 'h:mm AM/PM', '[h]:mm:ss', 'mm:ss.0', 'yyyy-mm-dd hh:mm:ss', '"Day "d']) {
      expect([code, isDateFormatCode(code)]).toEqual([code, true]);
    }
    for (const code of ['General', '0', '0.00', '#,##0', '0%', '0.00E+00', '@', '[Red]0.00', '0.0" days"', '£#,##0.00', '[$-409]#,##0.00']) {
      expect([code, isDateFormatCode(code)]).toEqual([code, false]);
    }
  });
});

describe('the workbook', () => {
  it('lists every sheet, and reads only those asked for', () => {
    const bytes = xlsx({
      sheets: [
        { name: 'Notes &amp; pivots', rows: '<row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row>' },
        { name: 'data', rows: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      ],
    });
    const file = open(bytes);
    expect(file.sheetNames).toEqual(['Notes & pivots', 'data']);
    expect(dense(file.sheet('data'))).toEqual([[1]]);
    // The first sheet's cells are out of order: that matters only when it is read.
    expect(() => file.sheet('Notes & pivots')).toThrow(XlsxError);
  });

  it('refuses cells out of order with read-excel-file\'s words', () => {
    const bytes = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B1"><v>3</v></c></row>');
    expect(() => rowsOf(bytes)).toThrow(/^Out-of-place <c\/> at row 1 col 2 follows <c\/> at row 2 col 1 \(data!B1 after A2: cells must be in order\)$/);
    expect(() => rowsOf(oneSheet('<row r="2"><c r="A2"><v>1</v></c></row><row r="1"/>'))).toThrow('Out-of-place <row/> number 1 follows <row/> number 2 in sheet "data"');
  });

  it('refuses values that are not what their type says, naming the cell', () => {
    expect(() => rowsOf(oneSheet('<row r="1"><c r="A1" t="s"><v>3</v></c></row>'))).toThrow('data!A1 cannot be read: its shared string 3 does not exist (the workbook has 0)');
    expect(() => rowsOf(oneSheet('<row r="1"><c r="B1"><v>abc</v></c></row>'))).toThrow('data!B1 cannot be read: its number "abc" is not a number');
    expect(() => rowsOf(oneSheet('<row r="1"><c r="C1" s="99"><v>1</v></c></row>'))).toThrow('data!C1 cannot be read: its style 99 does not exist (the workbook has 10)');
    expect(() => rowsOf(oneSheet('<row r="1"><c r="D1" t="b"><v>yes</v></c></row>'))).toThrow('data!D1 cannot be read: its boolean "yes" is not 1 or 0');
    expect(() => rowsOf(oneSheet('<row r="1"><c r="E1" t="q"><v>1</v></c></row>'))).toThrow('data!E1 cannot be read: its type "q" is not one of n, s, str, inlineStr, b, e, d');
    expect(() => rowsOf(oneSheet('<row r="1"><c r="1A"><v>1</v></c></row>'))).toThrow('sheet "data" has a cell with the reference "1A"');
  });

  it('refuses XML it cannot find its way through', () => {
    expect(() => rowsOf(oneSheet('<row r="1"><c r="A1><v>1</v></c></row>'))).toThrow(/^the XML of sheet "data" is not valid XML: an attribute without a value at character \d+$/);
    const truncated = editPart(oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>'), 'xl/worksheets/sheet1.xml', (xml) => xml.slice(0, xml.indexOf('</row>')));
    expect(() => rowsOf(truncated)).toThrow('the XML of sheet "data" ends inside <sheetData>: the file is damaged');
  });

  it('reads a model whose extra sheet is broken: only the five model sheets are parsed', async () => {
    const written = await editedWorkbook((sheets) => sheets.set('Sheet2', [['a pivot table'], [1, 2]]));
    const broken = editPart(written, 'xl/worksheets/sheet6.xml', (xml) => xml.replace(/<c r="B2"/, '<c r="A1"'));
    expect(() => open(broken).sheet('Sheet2')).toThrow(/^Out-of-place <c\/>/);
    expect(await modelOf(broken)).toStrictEqual(smallModel());
  });

  it('decodes entities and _xHHHH_ escapes', () => {
    expect(decodeEntities('&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;&nbsp;&')).toBe('&<>"\'AB😀&nbsp;&');
    expect(unescapeXlsxString('a_x0009_b_x005F_x0009_')).toBe('a\tb_x0009_');
  });
});

describe.skipIf(sampleMissing)(sampleSuiteTitle('the public IPACS sample, cell by cell'), () => {
  it('reads every sheet of IPACS_params.xlsx to the values read-excel-file reads', async () => {
    const bytes = await readFile(samplePath);
    const sheets = allSheets(bytes);
    expect(sheets).toEqual(await readExcelFile(bytes));

    // What read-excel-file 9.3.17 read, recorded, should it ever leave the dev dependencies.
    expect(sheets.map(({ sheet, data }) => [sheet, data.length, data[0].length])).toEqual([
      ['Sheet2', 19, 11],
      ['arrivals', 3259, 5],
      ['initial conditions', 19, 3],
      ['capacity', 19, 3],
      ['los', 28, 11],
      ['costs', 10, 3],
      ['Sheet7', 28, 3],
    ]);
    const sheet = (name: string) => sheets.find((candidate) => candidate.sheet === name)!.data;
    expect(sheet('arrivals')[0]).toEqual(['node', 'arrivals', 'scenario', 'date', 'day']);
    expect(sheet('arrivals')[1]).toEqual(['P1_B', 3.790697, 'BArr', utc(2023, 0, 1), 1]);
    expect(sheet('arrivals')[3258]).toEqual(['P3_SG', 2.41, 'S1Arr', utc(2023, 5, 30), 6]);
    // los_params (H) is a formula: its saved text is read; sd_los (C) is blank.
    expect(sheet('los')[1]).toEqual(['P1_B', 9, null, 4, 1, 'Blos', 18.07, '2.197225 , 1.180702', 'lnorm', 2.19722457733622, 1.18070193297709]);
    expect(sheet('Sheet2')[1]).toEqual([null, 'Column#', 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sheet('costs')[9]).toEqual(['P3_SG', 164, 346]);
    expect(open(bytes).sheet('los').unreadable).toEqual(new Map());
  });

  it('reads sample_nodtoc.xlsx to the values read-excel-file reads', async () => {
    const bytes = await readFile(noDtocSamplePath);
    expect(allSheets(bytes)).toEqual(await readExcelFile(bytes));
  });
});
