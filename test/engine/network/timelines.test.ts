/**
 * Exact event-by-event timelines: scripted arrival times (NetworkNode.arrivalTimes) and fixed
 * stays (a normal with sd 0, which samples exactly its mean), so every admission time is
 * known in advance and compared exactly.
 */
import { describe, expect, it } from 'vitest';
import { fixed, NetworkMetric, trace, TWO_SOURCES_ONE_BED } from './helpers.js';

describe('capacity calendars (non-preemptive)', () => {
  // Two beds, stays of 2 days; capacity falls to 1 at 1.5 and rises to 2 at 4.
  const { record, admissions } = trace({
    days: 8,
    nodes: [
      {
        id: 'X',
        kind: 'bed',
        capacity: [
          { from: 0, capacity: 2 },
          { from: 1.5, capacity: 1 },
          { from: 4, capacity: 2 },
        ],
        arrivalTimes: [0.25, 0.5, 0.75, 1, 1.25],
        los: fixed(2),
      },
    ],
    edges: [],
  });
  const times = admissions.map((a) => a.time);

  it('a fall evicts nobody, and nobody is admitted until the beds held are below the new capacity', () => {
    // 0.25 and 0.5 admitted; the fall at 1.5 leaves both in bed (day 2 occupancy is exactly 2);
    // the first leaves at 2.25 (1 held = new capacity: no admission); the second at 2.5 admits 0.75.
    expect(times.slice(0, 3)).toEqual([0.25, 0.5, 2.5]);
    expect(record.row(0, NetworkMetric.occ)[1]).toBe(2);
    expect(record.row(0, NetworkMetric.occ)[0]).toBe(0.75 + 0.5);
  });

  it('a rise admits min(free, waiting) at that instant, in arrival order', () => {
    // At 4: one bed held (until 4.5), capacity 2: one free, two waiting: the arrival of 1 goes in at 4, that of 1.25 at 4.5.
    expect(times.slice(3)).toEqual([4, 4.5]);
    expect(admissions.map((a) => a.ordinal)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(record.row(0, NetworkMetric.capacity).subarray(0, 5))).toEqual([2, 1.5, 1, 1, 2]);
  });
});

describe('blocking after service', () => {
  it('a freed bed goes to the earliest request, whichever node it came from', () => {
    // TWO_SOURCES_ONE_BED: A's and C's finished patients are blocked and enter B in request order.
    const { record, admissions } = trace(TWO_SOURCES_ONE_BED);
    const intoB = admissions.filter((a) => a.node === 'B').map((a) => [a.origin, a.ordinal, a.time]);
    expect(intoB).toEqual([
      ['B', 0, 0.05],
      ['A', 0, 0.05 + 3],
      ['C', 0, 0.05 + 3 + 3],
      ['A', 1, 0.05 + 3 + 3 + 3],
    ]);
    // A's first patient is blocked from 1.2 to 3.05 and its second from 1.6 to 9.05: on day 2
    // (1, 2] that is 0.8 + 0.4 blocked bed-days.
    expect(record.row(0, NetworkMetric.blocked)[1]).toBeCloseTo(0.8 + 0.4, 12);
    // Beds held at A on day 2: each patient holds theirs all day, in service then blocked.
    expect(record.row(0, NetworkMetric.occ_bed)[1]).toBeCloseTo(2, 12);
    expect(record.row(0, NetworkMetric.occ)[1]).toBeCloseTo(0.2 + 0.6, 12);
    expect(record.deadlocks).toEqual([]);
  });

  it('an internal queue takes a finished patient off the upstream bed, which then admits its own queue', () => {
    // B has one bed (held until 3.05) and one internal place: A's first patient moves into it at
    // 1.2, freeing A's only bed for A's queued second arrival at once.
    const { record, admissions } = trace({
      days: 8,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.2, 0.3], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, queueInternal: 1, arrivalTimes: [0.05], los: fixed(3) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1 }],
    });
    expect(admissions.map((a) => [a.node, a.origin, a.ordinal, a.time])).toEqual([
      ['B', 'B', 0, 0.05],
      ['A', 'A', 0, 0.2],
      ['A', 'A', 1, 0.2 + 1],
      ['B', 'A', 0, 0.05 + 3],
      ['B', 'A', 1, 0.05 + 3 + 3],
    ]);
    // The second A patient finishes at 2.2, finds B's bed and internal place taken, and is blocked until 3.05.
    expect(record.row(0, NetworkMetric.blocked)[2]).toBeCloseTo(0.8, 12);
    expect(record.row(0, NetworkMetric.blocked)[3]).toBeCloseTo(0.05, 12);
    expect(record.row(1, NetworkMetric.niq)[1]).toBeCloseTo(0.8, 12);
  });

  it('a chain unblocks at one instant', () => {
    // C is held until 5.1; B's patient (done 1.2) waits for C, A's (done 1.3) for B, and A's
    // second arrival (0.4) queues for A. When C frees at 5.1 all three move at 5.1.
    const { record, admissions } = trace({
      days: 12,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0.3, 0.4], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [0.2], los: fixed(1) },
        { id: 'C', kind: 'bed', capacity: 1, arrivalTimes: [0.1], los: fixed(5) },
      ],
      edges: [
        { from: 'A', to: 'B', probability: 1 },
        { from: 'B', to: 'C', probability: 1 },
      ],
    });
    const unblocked = admissions.filter((a) => a.time === 0.1 + 5).map((a) => [a.node, a.origin, a.ordinal]);
    expect(unblocked).toEqual([
      ['C', 'B', 0],
      ['B', 'A', 0],
      ['A', 'A', 1],
    ]);
    expect(record.row(1, NetworkMetric.blocked)[2]).toBe(1); // day 3: B's patient blocked all day
    expect(record.row(0, NetworkMetric.blocked)[4]).toBe(1); // day 5 (4, 5]: A's patient blocked all day
    expect(record.row(0, NetworkMetric.blocked)[5]).toBeCloseTo(0.1, 12); // day 6: until 5.1
    expect(record.row(0, NetworkMetric.niq)[1]).toBe(1); // A's second arrival queued all of day 2
  });
});

describe('deadlock', () => {
  it('two full nodes routing to each other with no buffers are found deadlocked when the cycle closes', () => {
    // X's patient finishes at 1.1 and is blocked waiting for Y; Y's finishes at 1.7 waiting for X.
    const { record } = trace({
      days: 5,
      nodes: [
        { id: 'X', kind: 'bed', capacity: 1, arrivalTimes: [0.1, 0.15], los: fixed(1) },
        { id: 'Y', kind: 'acute', capacity: 1, arrivalTimes: [0.2], los: fixed(1.5) },
      ],
      edges: [
        { from: 'X', to: 'Y', probability: 1 },
        { from: 'Y', to: 'X', probability: 1 },
      ],
    });
    expect(record.deadlocks).toEqual([{ time: 0.2 + 1.5, nodes: ['X', 'Y'] }]);
    // Nothing moves after: both beds held by blocked patients to the end, X's second arrival still queuing.
    expect(record.row(0, NetworkMetric.blocked)[4]).toBe(1);
    expect(record.row(1, NetworkMetric.blocked)[4]).toBe(1);
    expect(record.row(0, NetworkMetric.niq)[4]).toBe(1);
    expect(Array.from(record.stockAtEnd)).toEqual([2, 1]);
  });

  it('a capacity rise that frees a deadlocked node ends it, and a later cycle is recorded again', () => {
    const { record, admissions } = trace({
      days: 5,
      nodes: [
        {
          id: 'X',
          kind: 'bed',
          capacity: [
            { from: 0, capacity: 1 },
            { from: 2, capacity: 2 },
          ],
          arrivalTimes: [0.1],
          los: fixed(1),
        },
        { id: 'Y', kind: 'bed', capacity: 1, arrivalTimes: [0.2], los: fixed(1.5) },
      ],
      edges: [
        { from: 'X', to: 'Y', probability: 1 },
        { from: 'Y', to: 'X', probability: 1 },
      ],
    });
    // At 2 X gains a bed: Y's blocked patient enters it, Y frees, X's blocked patient enters Y.
    expect(admissions.filter((a) => a.time === 2).map((a) => [a.node, a.origin])).toEqual([
      ['X', 'Y'],
      ['Y', 'X'],
    ]);
    expect(record.deadlocks[0]).toEqual({ time: 0.2 + 1.5, nodes: ['X', 'Y'] });
    // Y's patient leaves X at 3 for Y (busy until 3.5): blocked, X still has a free bed: no deadlock then.
    expect(record.deadlocks.length).toBe(1);
  });
});
