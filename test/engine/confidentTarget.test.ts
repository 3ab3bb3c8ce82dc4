import { describe, expect, it } from 'vitest';
import { confidentTarget, looksAllowed, MIN_REPLICATIONS_TO_MEET, type TargetSource } from '../../src/engine/confidentTarget.js';
import { normalQuantile } from '../../src/engine/random.js';

/**
 * A metric whose expectation at capacity c is `means(c)`, replication r adding the same
 * noise at every capacity (common random numbers): a normal score fixed by r.
 */
function source(means: (c: number) => number, sd: number, saturatedFrom = Infinity): TargetSource & { replicationsAsked: number } {
  const noise = (r: number) => normalQuantile((((r * 0.6180339887498949) % 1) + 0.5 / 4096) % 1 || 0.5);
  return {
    replicationsAsked: 0,
    statistic(capacity, replications) {
      this.replicationsAsked = Math.max(this.replicationsAsked, replications);
      return Float64Array.from({ length: replications }, (_, r) => means(capacity) + sd * noise(r));
    },
    saturated: (capacity) => capacity >= saturatedFrom,
  };
}

describe('confidentTarget', () => {
  it('counts the looks a doubling budget allows', () => {
    expect(looksAllowed(50, 800)).toBe(5);
    expect(looksAllowed(50, 50)).toBe(1);
    expect(looksAllowed(50, 120)).toBe(3); // 50, 100, 120
  });

  it('answers the least capacity whose mean is clearly below the limit, with one less clearly above', () => {
    // Means 10 - c: the limit 3.5 is met from c = 7 (mean 3) and failed at 6 (mean 4).
    const result = confidentTarget(source((c) => 10 - c, 0.5), { limit: 3.5, initialReplications: 20, start: 2, maxCapacity: 100 });
    expect(result.status).toBe('confident');
    expect(result.capacity).toBe(7);
    expect(result.at.high).toBeLessThanOrEqual(3.5);
    expect(result.below!.low).toBeGreaterThan(3.5);
    // Clear on 20 already, but a capacity meets only on at least 40: one doubling.
    expect(result.replications).toBe(MIN_REPLICATIONS_TO_MEET);
    expect(result.looks).toBe(2);
  });

  it('adds replications while one place less cannot be told from the limit, and says when the budget is spent', () => {
    // c = 6 has mean exactly the limit: no number of replications decides it.
    const noisy = source((c) => 10 - c, 2);
    const result = confidentTarget(noisy, { limit: 4, initialReplications: 10, maxReplications: 80, start: 6, maxCapacity: 100 });
    expect(result.status).toBe('budget-spent');
    expect(result.capacity).toBe(7);
    expect(result.replications).toBe(80);
    expect(result.looks).toBe(4);
    expect(noisy.replicationsAsked).toBe(80);
  });

  it('more replications resolve a boundary that few could not', () => {
    // Mean at 6 is 4.5 against a limit of 4 with noise sd 2: 10 replications cannot tell (se 0.63), 640 can (se 0.08, bound 0.2 above the mean).
    const result = confidentTarget(source((c) => (c === 6 ? 4.5 : 10 - c), 2), { limit: 4, initialReplications: 10, maxReplications: 640, start: 6, maxCapacity: 100 });
    expect(result.status).toBe('confident');
    expect(result.capacity).toBe(7);
    expect(result.replications).toBeGreaterThan(10);
  });

  it('reports a target no capacity meets, once more replications cannot help either', () => {
    const result = confidentTarget(source((c) => Math.max(2, 10 - c), 0.1, 8), { limit: 1, initialReplications: 10, start: 3, maxCapacity: 100 });
    expect(result.status).toBe('unattainable');
    expect(result.capacity).toBeNaN();
    expect(result.at.capacity).toBe(8);
  });

  it('adds replications where more capacity cannot help but the mean meets the limit', () => {
    // From 9 places nobody but an initial queue waits: mean 0.7 against a limit of 1, noise sd 1.
    // Ten replications cannot show it meets (t about 4.3 at 0.9 % one-sided, bound near 2); some hundreds can.
    const result = confidentTarget(source((c) => (c >= 9 ? 0.7 : 10 - c), 1, 9), { limit: 1, initialReplications: 10, maxReplications: 1280, start: 9, maxCapacity: 100 });
    expect(result.status, JSON.stringify(result)).toBe('confident');
    expect(result.capacity).toBe(9);
    expect(result.replications).toBeGreaterThan(10);
  });

  it('answers 0 when even no capacity meets the target', () => {
    const result = confidentTarget(source(() => 0, 0), { limit: 1, initialReplications: 5, start: 4, maxCapacity: 100 });
    expect(result).toMatchObject({ status: 'confident', capacity: 0, below: undefined });
  });
});
