/**
 * docs/model-schema.md's bounds table is the bounds module's, row for row: the test fails
 * when either changes without the other, and prints the table to paste.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../workbook/fixtures.js';
import { boundsTable } from './boundsTable.js';

describe('docs/model-schema.md', () => {
  it('holds the bounds table of src/engine/bounds.ts', () => {
    const doc = readFileSync(`${repoRoot}/docs/model-schema.md`, 'utf8');
    const table = /<!-- bounds:start -->\n([\s\S]*?)\n<!-- bounds:end -->/.exec(doc)?.[1];
    expect(table, `docs/model-schema.md should hold, between <!-- bounds:start --> and <!-- bounds:end -->:\n${boundsTable()}`).toBe(boundsTable());
  });
});
