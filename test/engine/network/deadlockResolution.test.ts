/**
 * The resolveDeadlocks option (spec 2.12) on the two-node deadlock of timelines.test.ts:
 * X (1 bed) and Y (1 bed) route to each other with no buffers; fixed stays.
 */
import { describe, expect, it } from 'vitest';
import type { NetworkModel } from '../../../src/engine/network/networkModel.js';
import { fixed, NetworkMetric, trace } from './helpers.js';

const model = (resolveDeadlocks: boolean): NetworkModel => ({
  days: 5,
  resolveDeadlocks,
  nodes: [
    { id: 'X', kind: 'bed', capacity: 1, arrivalTimes: [0.1, 0.15], los: fixed(1) },
    { id: 'Y', kind: 'acute', capacity: 1, arrivalTimes: [0.2], los: fixed(1.5) },
  ],
  edges: [
    { from: 'X', to: 'Y', probability: 1 },
    { from: 'Y', to: 'X', probability: 1 },
  ],
});

const into = (admissions: { node: string; origin: string; ordinal: number; time: number }[], node: string) =>
  admissions.filter((a) => a.node === node).map((a) => [a.origin, a.ordinal, a.time]);

describe('resolving deadlocks', () => {
  it('admits the longest-blocked patient above capacity each time a deadlock forms, and counts it', () => {
    // 1.7: X's first patient (blocked since 1.1) is admitted to Y over capacity; X frees and
    // admits its queued arrival of 0.15 (earlier than Y's blocked patient). 2.7: that patient
    // is blocked at X. 3.2: X's first patient, done in Y, is blocked there: deadlock again;
    // Y's patient (blocked since 1.7) goes into X over capacity. 4.2: that patient, done in X,
    // is blocked: deadlock again; X's second patient (blocked since 2.7) goes into Y.
    const { record, admissions } = trace(model(true));
    expect(record.deadlocks).toEqual([
      { time: 1.7, nodes: ['X', 'Y'] },
      { time: 3.2, nodes: ['X', 'Y'] },
      { time: 4.2, nodes: ['X', 'Y'] },
    ]);
    expect(record.forcedAdmissions).toBe(3);
    expect(into(admissions, 'Y')).toEqual([
      ['Y', 0, 0.2],
      ['X', 0, 1.7],
      ['X', 1, 4.2],
    ]);
    expect(into(admissions, 'X')).toEqual([
      ['X', 0, 0.1],
      ['X', 1, 1.7],
      ['Y', 0, 3.2],
    ]);
    // Y holds two beds (one over capacity) from 1.7 to 3.2.
    expect(record.row(1, NetworkMetric.occ_bed)[2]).toBe(2);
  });

  it('by default records the deadlock and leaves it', () => {
    const { record } = trace(model(false));
    expect(record.deadlocks).toEqual([{ time: 1.7, nodes: ['X', 'Y'] }]);
    expect(record.forcedAdmissions).toBe(0);
  });
});
