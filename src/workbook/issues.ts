/**
 * Problems found in a workbook, located the way a planner finds them in Excel: `sheet!D14`.
 */

// Messages about a workbook and about a model show text from the file the same way.
export { quoted } from '../engine/bounds.js';

export interface WorkbookIssue {
  /** The sheet as spelled in the workbook (or as the format names it, when it is missing). */
  sheet?: string;
  /** Row number as Excel shows it (1-based). */
  row?: number;
  /** Column letter as Excel shows it (`A`, `AB`). */
  column?: string;
  message: string;
}

/** `los!D14: message`; `los row 14: message`; `los: message`; or the message alone. */
export function formatIssue(issue: WorkbookIssue): string {
  if (issue.sheet === undefined) return issue.message;
  if (issue.row !== undefined && issue.column !== undefined) return `${issue.sheet}!${issue.column}${issue.row}: ${issue.message}`;
  if (issue.row !== undefined) return `${issue.sheet} row ${issue.row}: ${issue.message}`;
  return `${issue.sheet}: ${issue.message}`;
}

/** Excel's letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The 0-based column index of Excel letters: A -> 0, AA -> 26. */
export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

/**
 * Orders issues as a planner reads the workbook: whole-file problems first, then sheet by
 * sheet in the given order, and within a sheet the sheet-wide problems before the cells,
 * row by row, left to right. Sorting is stable, so equal positions keep the order found.
 */
export function sortIssues(issues: WorkbookIssue[], sheetOrder: readonly string[]): WorkbookIssue[] {
  const sheetRank = (issue: WorkbookIssue) => {
    if (issue.sheet === undefined) return -1;
    const rank = sheetOrder.indexOf(issue.sheet);
    return rank === -1 ? sheetOrder.length : rank;
  };
  return [...issues].sort(
    (a, b) =>
      sheetRank(a) - sheetRank(b) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.column === undefined ? -1 : columnIndex(a.column)) - (b.column === undefined ? -1 : columnIndex(b.column)),
  );
}
