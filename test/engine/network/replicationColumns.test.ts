/**
 * ReplicationColumns against a plain transpose: every column of every segment a replication
 * changed is in place, and every segment kept aside was the same, to the bit, in every
 * replication added (so -0 against 0, or NaN, is a change).
 */
import { describe, expect, it } from 'vitest';
import { ReplicationColumns, sameNumber } from '../../../src/engine/network/replicationColumns.js';
import { seededUniform } from '../../seededUniform.js';

const SEGMENT = 7;
const SEGMENTS = 40;
const WIDTH = SEGMENT * SEGMENTS;

/** Rows where segment k keeps its first values until replication `changesAt[k]` (never: Infinity), with odd values (-0, NaN) in some. */
function rows(replications: number, seed: number): Float64Array[] {
  const uniform = seededUniform(seed);
  const changesAt = Array.from({ length: SEGMENTS }, (_, k) => (k % 4 === 0 ? Infinity : Math.floor(uniform() * replications * 1.3)));
  // Each segment starts with a 0, where some segments' change is to -0.
  const base = Float64Array.from({ length: WIDTH }, (_, i) => (i % SEGMENT === 0 || i % 5 === 0 ? 0 : Math.round(uniform() * 10)));
  return Array.from({ length: replications }, (_, r) => {
    const row = base.slice();
    for (let k = 0; k < SEGMENTS; k++) {
      if (r < changesAt[k]) continue;
      const at = k * SEGMENT + (k % 7 === 1 ? 0 : Math.floor(uniform() * SEGMENT));
      // Some changes are invisible to ===: 0 to -0; some never equal themselves: NaN.
      row[at] = k % 7 === 1 ? -0 : k % 11 === 2 ? NaN : row[at] + 1 + Math.floor(uniform() * 3);
    }
    return row;
  });
}

function check(all: Float64Array[], first: number, count: number, replications: number): void {
  const columns = new ReplicationColumns(WIDTH, replications, undefined, count, SEGMENT);
  for (let r = first; r < first + count; r++) columns.add(r, all[r]);
  const transposed = columns.finish();
  const kept = new Map(columns.unchangedSegments());
  for (let k = 0; k < SEGMENTS; k++) {
    const values = kept.get(k);
    for (let c = k * SEGMENT; c < (k + 1) * SEGMENT; c++) {
      for (let r = first; r < first + count; r++) {
        if (values) expect(Object.is(all[r][c], values[c - k * SEGMENT]), `segment ${k} kept aside, replication ${r}`).toBe(true);
        else expect(Object.is(transposed[c * replications + r], all[r][c]), `column ${c}, replication ${r}`).toBe(true);
      }
    }
  }
  // Kept aside exactly when no later replication changed the segment (a NaN in the first is a change once another has one).
  for (let k = 0; k < SEGMENTS; k++) {
    const unchanged = all.slice(first + 1, first + count).every((row) => row.subarray(k * SEGMENT, (k + 1) * SEGMENT).every((value, i) => sameNumber(value, all[first][k * SEGMENT + i])));
    expect(kept.has(k), `segment ${k}`).toBe(unchanged);
  }
}

describe('ReplicationColumns with segments kept aside', () => {
  it('transposes every changed segment and keeps aside only those no replication changed', () => {
    for (const [replications, seed] of [
      [1, 1],
      [31, 2],
      [32, 3],
      [33, 4],
      [100, 5],
    ]) {
      check(rows(replications, seed), 0, replications, replications);
    }
  });

  it('does the same for a block of a scenario replications, staged across flushes', () => {
    const all = rows(90, 9);
    check(all, 20, 45, 90);
    check(all, 89, 1, 90);
  });

  it('refuses segments that do not divide the row', () => {
    expect(() => new ReplicationColumns(10, 4, undefined, 4, 3)).toThrow(/do not divide/);
  });
});
