/**
 * An episode extract saved as a workbook: its first sheet, read by the project's own xlsx
 * reader (the one the IPACS workbook goes through), so that bytes are all it needs and it
 * runs in the browser as on the command line.
 */
import { openWorkbookFile } from '../workbook/container.js';
import { fflateArchive } from '../workbook/fflateArchive.js';
import { XlsxError } from '../workbook/xlsx.js';
import type { TableRead } from './episodeTable.js';

/** Extracts larger than this are refused before they are unpacked: years of a large ICB's episodes fit in a tenth of it. */
export const MAX_EPISODE_WORKBOOK_BYTES = 50 * 1024 * 1024;

export function xlsxEpisodeTable(data: Uint8Array, fileName: string): TableRead {
  const opened = openWorkbookFile(data, MAX_EPISODE_WORKBOOK_BYTES, fflateArchive);
  if (!opened.ok) return { ok: false, problems: [`${fileName}: ${opened.message}`] };
  const { file } = opened;
  const sheet = file.sheetNames[0];
  if (sheet === undefined) return { ok: false, problems: [`${fileName}: the workbook has no sheets`] };
  try {
    const cells = file.sheet(sheet);
    const unreadable = [...cells.unreadable].map(([reference, reason]) => `${fileName} ${sheet}!${reference}: ${reason}`);
    if (unreadable.length > 0) return { ok: false, problems: unreadable };
    const rows = cells.rows.map((row) => ({ row: row.number, cells: Array.from({ length: (row.columns.at(-1) ?? -1) + 1 }, (_, column) => row.get(column)) }));
    return { ok: true, table: { rows, sheet, epoch1904: file.epoch1904 } };
  } catch (error) {
    if (!(error instanceof XlsxError)) throw error;
    return { ok: false, problems: [`${fileName}: the workbook cannot be read: ${error.message}`] };
  }
}
