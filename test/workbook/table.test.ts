import { describe, expect, it } from 'vitest';
import { RowReader, Table, type IssueLog } from '../../src/workbook/table.js';
import { SheetRow } from '../../src/workbook/xlsx.js';
import { seededUniform } from '../seededUniform.js';

describe('duplicate rows', () => {
  // Parts from a small alphabet, so that keys repeat, with the characters JSON escapes and a
  // separator a joined key could confuse: the keys are compared part by part, not as text.
  const PARTS = ['P1_A', 'P1_A,', '', '"', '\\', '[', 'a","b', 'BArr', '2024-01-01', ' P1_A'];

  for (const arity of [1, 2, 3]) {
    it(`finds the rows whose ${arity}-part key an earlier row had, as a map of the keys written as JSON does`, () => {
      const random = seededUniform(20261206 + arity);
      const log: IssueLog = { errors: [], warnings: [] };
      const table = new Table('arrivals', new Map([['node', 0]]), new Map(), false, log);
      const firstRow = new Map<string, number>();
      const expected: string[] = [];
      for (let excelRow = 2; excelRow < 2002; excelRow++) {
        const parts = Array.from({ length: arity }, () => PARTS[Math.floor(random() * PARTS.length)]);
        const row = new RowReader(table, excelRow, new SheetRow(excelRow, [], []));
        const first = firstRow.get(JSON.stringify(parts));
        if (first === undefined) firstRow.set(JSON.stringify(parts), excelRow);
        else expected.push(`A${excelRow}: duplicate of row ${first}: ${parts.join(' ')}`);
        expect(row.isDuplicate(parts)).toBe(first !== undefined);
      }
      expect(log.errors.map((issue) => `${issue.column}${issue.row}: ${issue.message}`)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(1000);
    });
  }
});
