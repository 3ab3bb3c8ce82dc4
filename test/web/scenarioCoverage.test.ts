/**
 * Issue 11: the Results card said "1 of 9 nodes have this scenario".
 */
import { describe, expect, it } from 'vitest';
import { nodesWithScenario } from '../../src/web/scenarioCoverage.js';

describe('nodesWithScenario', () => {
  it('agrees with one node', () => {
    expect(nodesWithScenario(1, 9)).toBe('1 of 9 nodes has this scenario');
  });
  it('agrees with several', () => {
    expect(nodesWithScenario(2, 9)).toBe('2 of 9 nodes have this scenario');
  });
});
