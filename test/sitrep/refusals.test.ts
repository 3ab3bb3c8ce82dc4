/**
 * Sitreps are untrusted input. A real file (June 2023), broken in memory, is refused with one
 * message naming the file, sheet and cell; a file moved as a whole on its sheets is still read,
 * because tables are found by their titles and headings, not by cell positions.
 */
import { describe, expect, it } from 'vitest';
import { importSitrep } from '../../src/sitrep/importSitrep.js';
import { sitrepObserved } from '../../src/sitrep/sitrepObserved.js';
import { readSitrepFile } from '../../src/sitrep/sitrepFile.js';
import { editSheet, renameSheet, shiftCells, textInCell } from './sitrepEdits.js';
import { HAVE_SITREP, MISSING_SITREP, sitrepBytes } from './sitrepData.js';

const NAME = 'june2023.xlsx';
const refusal = (bytes: Uint8Array) => () => readSitrepFile(bytes, NAME);

describe.skipIf(!HAVE_SITREP)(`a broken sitrep is refused with the sheet and cell${HAVE_SITREP ? '' : ` (${MISSING_SITREP})`}`, () => {
  const original = HAVE_SITREP ? sitrepBytes('acute', NAME) : new Uint8Array();

  it('reads a file whose tables all moved down 20 rows and right 2 columns, figure for figure', () => {
    let moved = original;
    for (const sheet of ['Table 1', 'Table 2', 'Table 3', 'Table 4', 'Table 5']) moved = editSheet(moved, sheet, (xml) => shiftCells(xml, 20, 2));
    const asPublished = readSitrepFile(original, NAME);
    const shifted = readSitrepFile(moved, NAME);
    expect(shifted.orgs).toEqual(asPublished.orgs);
    expect(shifted.nonSubmitters).toEqual(asPublished.nonSubmitters);
  });

  it('refuses a trust block shifted a column from the ICB block', () => {
    const broken = editSheet(original, 'Table 2', (xml) => shiftCells(xml, 0, 1, 59));
    expect(refusal(broken)).toThrow('june2023.xlsx: Table 2!D59: "Org Code" is not in the column of "ICB Code" (Table 2!C15): the trust block is shifted');
  });

  it('refuses a table whose "ICB Code" header is gone', () => {
    const broken = editSheet(original, 'Table 4', (xml) => xml.replace(/<c r="C16"[^>]*?(\/>|>[\s\S]*?<\/c>)/, ''));
    expect(refusal(broken)).toThrow('june2023.xlsx: Table 4!B2: no header row with "ICB Code" under this title: the table is not laid out as Pathflow knows it');
  });

  it('refuses a renamed sheet, naming the sheets there are', () => {
    expect(refusal(renameSheet(original, 'Table 4', 'Table 4 (old)'))).toThrow(
      'june2023.xlsx: has no sheet "Table 4" (the month\'s discharges by destination); its sheets are "Cover Sheet", "Contents", "Table 1", "Table 2", "Table 3", "Table 4 (old)", "Table 5"',
    );
  });

  it('refuses text in a number cell', () => {
    expect(refusal(editSheet(original, 'Table 2', (xml) => textInCell(xml, 'E6', 'n/a')))).toThrow('june2023.xlsx: Table 2!E6: "n/a" where a number (or "-" for missing) was expected');
    expect(refusal(editSheet(original, 'Table 4', (xml) => textInCell(xml, 'F17', 'about 30')))).toThrow('june2023.xlsx: Table 4!F17: "about 30" where a number (or "-" for missing) was expected');
  });

  it('refuses a truncated zip and a file that is not a workbook', () => {
    expect(refusal(original.slice(0, original.length / 2))).toThrow('june2023.xlsx: the file is damaged: it starts like an .xlsx workbook but cannot be unpacked');
    expect(refusal(new TextEncoder().encode('Region,ICB Code\nSOUTH WEST,QUY\n'))).toThrow('june2023.xlsx: the file is text (a CSV?), not an Excel workbook: a sitrep must be an .xlsx workbook');
  });

  it('refuses an organisation code the files do not hold, with the closest codes', () => {
    const file = readSitrepFile(original, NAME);
    expect(() => sitrepObserved([file], ['QYU'])).toThrow('--org QYU: no organisation with that code in the files (they hold ENGLAND, the regions, 42 ICBs and 120 trusts); closest: QUY,');
  });
});

describe.skipIf(!HAVE_SITREP)(`a model skeleton beyond a model's bounds${HAVE_SITREP ? '' : ` (${MISSING_SITREP})`}`, () => {
  it("refuses England's, whose P1 referrals are over 1,000 a day, and builds a region's", () => {
    const inputs = [{ name: NAME, bytes: sitrepBytes('acute', NAME) }];
    expect(() => importSitrep(inputs, ['ENGLAND'])).toThrow(
      '--org ENGLAND: the model skeleton is outside a model\'s bounds (nodes[0].arrivals[0].daily[0] (P1_ENGLAND): mean referrals a day 1037.747 is above the most allowed, 1,000 referrals a day and',
    );
    expect(importSitrep(inputs, ['south west']).skeleton.model.nodes.map((node) => node.id)).toEqual(['P1_SOUTH WEST', 'P2_SOUTH WEST', 'P3_SOUTH WEST']);
  });
});

describe.skipIf(!HAVE_SITREP)(`Table 1's days${HAVE_SITREP ? '' : ` (${MISSING_SITREP})`}`, () => {
  it('takes a "no data" note for a day, but refuses any other text where a count belongs', () => {
    const original = sitrepBytes('acute', NAME);
    const noted = readSitrepFile(editSheet(original, 'Table 1', (xml) => textInCell(xml, 'C6', 'No data submitted')), NAME);
    expect(noted.nonSubmitters[2]).toEqual({ date: '2023-06-03', count: NaN, note: 'No data submitted' });
    expect(noted.orgs.find((entry) => entry.org.code === 'QUY')!.daily[2].remaining).toBeNaN();
    expect(() => readSitrepFile(editSheet(original, 'Table 1', (xml) => textInCell(xml, 'C6', 'unknown')), NAME)).toThrow('june2023.xlsx: Table 1!C6: "unknown" where the number of organisations was expected');
  });
});
