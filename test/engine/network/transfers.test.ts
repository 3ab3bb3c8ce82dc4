/**
 * Transfer delays with reservation (spec 2.5), as exact timelines: scripted arrivals, fixed
 * stays and fixed delays, so every move and every daily level is known in advance.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, NetworkModelError } from '../../../src/engine/network/networkModel.js';
import { fixed, NetworkMetric, trace } from './helpers.js';

const A = 0;
const B = 1;

describe('transfer delays', () => {
  it('a patient keeps their bed through the delay while the target bed is reserved, then moves', () => {
    // A's first patient finishes at 1.2, B is free: B's bed is reserved and the patient stays in
    // A's bed until 1.7. A's second arrival (0.3) gets A's bed only then. B's own arrival at 1.4
    // finds B's only bed reserved and queues until the transferred patient leaves B at 3.7.
    const { record, admissions } = trace({
      days: 6,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.2, 0.3], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [1.4], los: fixed(2) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1, delay: fixed(0.5) }],
    });
    expect(admissions.map((a) => [a.node, a.origin, a.ordinal, a.time])).toEqual([
      ['A', 'A', 0, 0.2],
      // At 1.7 the patient moves into B first, and only then does A admit from its queue.
      ['B', 'A', 0, 1.7],
      ['A', 'A', 1, 1.7],
      ['B', 'B', 0, 3.7],
    ]);
    // Day 2 is (1, 2]: A's transfer 1.2 to 1.7; B reserved over the same half day.
    expect(record.row(A, NetworkMetric.transfer)[1]).toBeCloseTo(0.5, 12);
    expect(record.row(B, NetworkMetric.reserved)[1]).toBeCloseTo(0.5, 12);
    // Beds held: A's bed all day (service, transfer, then the second patient); B's reserved then occupied from 1.7.
    expect(record.row(A, NetworkMetric.occ_bed)[1]).toBeCloseTo(1, 12);
    expect(record.row(B, NetworkMetric.occ_bed)[1]).toBeCloseTo(0.5 + 0.3, 12);
    expect(record.row(B, NetworkMetric.niq)[1]).toBeCloseTo(0.6, 12);
    // The move is counted when it happens, at the end of the delay.
    expect(record.row(A, NetworkMetric.departures)[1]).toBe(1);
    expect(record.row(B, NetworkMetric.arrivals_internal)[1]).toBe(1);
    expect(record.row(A, NetworkMetric.blocked)[1]).toBe(0);
  });

  it('a delay to an exit holds the bed (awaiting a package of care)', () => {
    const { record, admissions } = trace({
      days: 5,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.5, 0.6], los: fixed(1) },
        { id: 'home', kind: 'exit' },
      ],
      edges: [{ from: 'A', to: 'home', probability: 1, delay: fixed(0.75) }],
    });
    // Finished at 1.5, bed held until 2.25, when the second arrival takes it.
    expect(admissions.map((a) => a.time)).toEqual([0.5, 2.25]);
    expect(record.row(A, NetworkMetric.transfer)[1]).toBeCloseTo(0.5, 12);
    expect(record.row(A, NetworkMetric.transfer)[2]).toBeCloseTo(0.25, 12);
    // The second finishes at 3.25 and holds the bed until 4.
    expect(record.row(A, NetworkMetric.transfer)[3]).toBeCloseTo(0.75, 12);
    expect(record.row(A, NetworkMetric.reserved)[1]).toBe(0);
    // The exit receives each patient at the end of their delay.
    expect(Array.from(record.row(B, NetworkMetric.arrivals_internal))).toEqual([0, 0, 1, 1, 0]);
    expect(record.exits).toBe(2);
  });

  it('a blocked patient starts the delay when the target bed frees, and the reservation turns newcomers away', () => {
    // B's own patient holds its bed until 3.05. A's patient, done at 1.2, is blocked; at 3.05
    // B's bed is reserved and the patient stays in A's bed until 3.55. B's arrival at 3.2 waits
    // for the transferred patient to leave at 6.55.
    const { record, admissions } = trace({
      days: 8,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.2], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [0.05, 3.2], los: fixed(3) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1, delay: fixed(0.5) }],
    });
    expect(admissions.filter((a) => a.node === 'B').map((a) => [a.origin, a.ordinal, a.time])).toEqual([
      ['B', 0, 0.05],
      ['A', 0, 3.55],
      ['B', 1, 3.55 + 3],
    ]);
    expect(record.row(A, NetworkMetric.blocked)[1]).toBeCloseTo(0.8, 12);
    expect(record.row(A, NetworkMetric.blocked)[3]).toBeCloseTo(0.05, 12);
    expect(record.row(A, NetworkMetric.transfer)[3]).toBeCloseTo(0.5, 12);
    expect(record.row(B, NetworkMetric.reserved)[3]).toBeCloseTo(0.5, 12);
    expect(record.row(A, NetworkMetric.occ_bed)[3]).toBeCloseTo(0.55, 12);
  });

  it('a patient in the internal queue keeps their place through the delay to the reserved bed', () => {
    // A's patient moves into B's internal queue at 1.2 (freeing A); B's bed frees at 3.05 and is
    // reserved; the patient is admitted at 3.55. A second A patient, done at 2.3, finds the
    // queue place still taken at 3.05 and is blocked until the place frees at 3.55.
    const { record, admissions } = trace({
      days: 8,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.2, 0.3], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, queueInternal: 1, arrivalTimes: [0.05], los: fixed(3) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1, delay: fixed(0.5) }],
    });
    expect(admissions.map((a) => [a.node, a.origin, a.ordinal, a.time])).toEqual([
      ['B', 'B', 0, 0.05],
      ['A', 'A', 0, 0.2],
      ['A', 'A', 1, 1.2],
      ['B', 'A', 0, 3.55],
      // The second patient took the queue place at 3.55 and the bed at 6.55 + 0.5.
      ['B', 'A', 1, 7.05],
    ]);
    expect(record.row(B, NetworkMetric.niq)[3]).toBeCloseTo(0.55 + 0.45, 12);
    expect(record.row(B, NetworkMetric.reserved)[3]).toBeCloseTo(0.5, 12);
    expect(record.row(A, NetworkMetric.blocked)[3]).toBeCloseTo(0.55, 12);
    expect(record.row(A, NetworkMetric.transfer)[3]).toBe(0);
  });

  it('a delay that cannot be fitted is refused naming the edge', () => {
    expect(() =>
      compileNetwork({
        days: 2,
        nodes: [
          { id: 'A', kind: 'bed', los: fixed(1) },
          { id: 'B', kind: 'bed', los: fixed(1) },
        ],
        edges: [{ from: 'A', to: 'B', probability: 1, delay: { family: 'exp', mean: -1 } }],
      }),
    ).toThrow(NetworkModelError);
    expect(() =>
      compileNetwork({
        days: 2,
        nodes: [
          { id: 'A', kind: 'bed', los: fixed(1) },
          { id: 'B', kind: 'bed', los: fixed(1) },
        ],
        edges: [{ from: 'A', to: 'B', probability: 1, delay: { family: 'exp', mean: -1 } }],
      }),
    ).toThrow(/^edges\[0\]\.delay: /);
  });
});
