/**
 * Problems found in a workbook, located the way a planner finds them in Excel: `sheet!D14`.
 */

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

/** Longest piece of a cell's text a message repeats: enough to find the cell, short enough for one line. */
const QUOTED_LENGTH = 60;

/**
 * Text from the workbook as a message shows it: in quotes, control characters as escapes
 * (a message is one line, whatever a cell holds), and a long text cut, with its length,
 * so that a 4,000-character name does not become a 4,000-character message.
 */
export function quoted(text: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = (piece: string) => piece.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length <= QUOTED_LENGTH) return `"${visible(text)}"`;
  return `"${visible(text.slice(0, QUOTED_LENGTH))}..." (${text.length} characters)`;
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
