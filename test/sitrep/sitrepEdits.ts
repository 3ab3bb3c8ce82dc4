/**
 * Broken sitreps for the refusal tests, made from a real file's bytes in memory (nothing
 * from ../shared is copied into the repository): a sheet's XML edited, a sheet renamed,
 * cells moved, the zip cut short.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { columnIndex, columnLetter } from '../../src/workbook/issues.js';

function sheetPart(parts: Record<string, Uint8Array>, sheetName: string): string {
  const workbook = strFromU8(parts['xl/workbook.xml']);
  const id = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  if (!id) throw new Error(`no sheet ${sheetName}`);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const target = new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no part for ${sheetName}`);
  return `xl/${target.replace(/^\/?xl\//, '')}`;
}

export function editPart(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  const edited = edit(strFromU8(parts[part]));
  if (edited === strFromU8(parts[part])) throw new Error(`the edit changed nothing in ${part}`);
  parts[part] = strToU8(edited);
  return zipSync(parts);
}

export function editSheet(bytes: Uint8Array, sheetName: string, edit: (xml: string) => string): Uint8Array {
  return editPart(bytes, sheetPart(unzipSync(bytes), sheetName), edit);
}

export function renameSheet(bytes: Uint8Array, from: string, to: string): Uint8Array {
  return editPart(bytes, 'xl/workbook.xml', (xml) => xml.replace(`name="${from}"`, `name="${to}"`));
}

/** Moves every cell (and row) from `fromRow` on by `rows` down and `columns` right. */
export function shiftCells(xml: string, rows: number, columns: number, fromRow = 1): string {
  return xml
    .replace(/<row r="(\d+)"/g, (whole, row: string) => (Number(row) >= fromRow ? `<row r="${Number(row) + rows}"` : whole))
    .replace(/ spans="[^"]*"/g, '')
    .replace(/<c r="([A-Z]+)(\d+)"/g, (whole, letters: string, row: string) => (Number(row) >= fromRow ? `<c r="${columnLetter(columnIndex(letters) + columns)}${Number(row) + rows}"` : whole))
    .replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '')
    .replace(/<dimension [^>]*\/>/, '');
}

/** The cell's value replaced by inline text. */
export function textInCell(xml: string, reference: string, text: string): string {
  return xml.replace(new RegExp(`<c r="${reference}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`), (_, attributes: string) => `<c r="${reference}"${attributes.replace(/ t="[^"]*"/, '')} t="inlineStr"><is><t>${text}</t></is></c>`);
}
