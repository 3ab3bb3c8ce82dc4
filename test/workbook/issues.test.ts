import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, quoted, sortIssues } from '../../src/workbook/issues.js';
import { formatIssue } from '../../src/workbook/read.js';

describe('formatIssue', () => {
  it('names the cell as Excel does when there is one', () => {
    expect(formatIssue({ sheet: 'los', row: 14, column: 'D', message: 'median 45 is not below mean_los 42.8' })).toBe(
      'los!D14: median 45 is not below mean_los 42.8',
    );
  });

  it('names the row when the sheet lacks the column', () => {
    expect(formatIssue({ sheet: 'los', row: 3, message: 'a normal length of stay needs a non-negative sd_los' })).toBe(
      'los row 3: a normal length of stay needs a non-negative sd_los',
    );
  });

  it('names the sheet alone for a problem of the whole sheet, and nothing for one of the whole file', () => {
    expect(formatIssue({ sheet: 'costs', message: 'sheet not found' })).toBe('costs: sheet not found');
    expect(formatIssue({ message: 'the file is empty' })).toBe('the file is empty');
  });
});

describe('column letters', () => {
  it('convert both ways as Excel numbers columns', () => {
    const pairs: [number, string][] = [
      [0, 'A'],
      [25, 'Z'],
      [26, 'AA'],
      [701, 'ZZ'],
      [702, 'AAA'],
      [16383, 'XFD'],
    ];
    for (const [index, letters] of pairs) {
      expect(columnLetter(index)).toBe(letters);
      expect(columnIndex(letters)).toBe(index);
    }
  });
});

describe('sortIssues', () => {
  it('puts file problems first, then sheets in the given order, sheet-wide before cells, by row then column', () => {
    const issues = [
      { sheet: 'los', row: 2, column: 'AA', message: 'f' },
      { sheet: 'los', row: 2, column: 'B', message: 'e' },
      { sheet: 'arrivals', row: 9, column: 'A', message: 'c' },
      { sheet: 'los', message: 'd' },
      { sheet: 'arrivals', message: 'b' },
      { message: 'a' },
    ];
    expect(sortIssues(issues, ['arrivals', 'los']).map((issue) => issue.message)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});

describe('quoted', () => {
  it('quotes short text as it is', () => {
    expect(quoted('P2_North')).toBe('"P2_North"');
    expect(quoted('y'.repeat(60))).toBe(`"${'y'.repeat(60)}"`);
  });

  it('cuts long text to 60 characters and says how long it was', () => {
    expect(quoted('y'.repeat(61))).toBe(`"${'y'.repeat(60)}..." (61 characters)`);
  });

  it('shows control characters and line separators as escapes, so a message is one line', () => {
    expect(quoted('a\nb\rc\u0000d\u2028e')).toBe('"a\\u000ab\\u000dc\\u0000d\\u2028e"');
  });
});
