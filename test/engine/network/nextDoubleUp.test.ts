/**
 * The event loop ends a replication at the least double above the horizon, so that one
 * comparison (t < end) takes the events at the horizon itself: checked against the doubles'
 * bit patterns, on seeded random values.
 */
import { describe, expect, it } from 'vitest';
import { nextDoubleUp } from '../../../src/engine/network/networkSimulation.js';
import { seededUniform } from '../../seededUniform.js';

function bitsOf(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0);
}

describe('nextDoubleUp', () => {
  it('is the next double up, for zero, whole days and random times', () => {
    const random = seededUniform(20261206);
    // 1 + (2^32 - 1) * 2^-52: its low word is all ones, so the next double carries into the high word.
    const carrying = 1 + (2 ** 32 - 1) * 2 ** -52;
    const values = [0, 1, 7, 365, 2 ** 32 - 1, 2 ** 32, 0.5, Number.MIN_VALUE, carrying];
    for (let i = 0; i < 2000; i++) values.push(Math.floor(random() * 5000), random() * 1000, random() * 2 ** -20);
    for (const x of values) {
      const up = nextDoubleUp(x);
      expect(up).toBeGreaterThan(x);
      expect(bitsOf(up)).toBe(bitsOf(x) + 1n);
      // Nothing lies between them: every t above x is at least `up`.
      expect((x + up) / 2 === x || (x + up) / 2 === up).toBe(true);
    }
  });
});
