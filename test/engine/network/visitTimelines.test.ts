/**
 * Exact timelines of visit nodes in a network (spec 2.6, 2.7, 2.11), with scripted arrivals and
 * fixed stays. One slot a day (caseload 1, one visit a day at the start and the end of a
 * stay) caps every plan at one visit a day, so each patient's plan is three days of one
 * visit and the bookings can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkNode } from '../../../src/engine/network/networkModel.js';
import { fixed, NetworkMetric, trace } from './helpers.js';

const DAYS = 12;
/** Three whole days of one visit a day. */
const visitStay = { ...fixed(3), initialVisitRate: 1, finalVisitRate: 1 };
/** Three patients finish in B (two beds, a day's stay) at 1.2, 1.4 and 2.2 and ask for V. */
const ward: NetworkNode = { id: 'B', kind: 'bed', capacity: 2, arrivalTimes: [0.2, 0.4, 0.6], los: fixed(1) };
const team = (extra: Partial<NetworkNode> = {}): NetworkNode => ({ id: 'V', kind: 'visit', capacity: 1, los: visitStay, ...extra });

function row(record: ReturnType<typeof trace>['record'], node: number, metric: number): number[] {
  return Array.from(record.row(node, metric), (x) => Math.round(x * 1e9) / 1e9);
}

function starts(admissions: ReturnType<typeof trace>['admissions'], node: string): [number, number][] {
  return admissions.filter((a) => a.node === node).map((a) => [a.ordinal, a.time]);
}

describe('a visit node fed by a bed node', () => {
  it('keeps a patient blocked in their bed until their first visit day, and routes them after their last', () => {
    const { record, admissions } = trace({ days: DAYS, nodes: [ward, team()], edges: [{ from: 'B', to: 'V', probability: 1 }] });
    // The first fits from day index 1 (ready at 1.2) and moves at once; the second's plan fits
    // only after the first's (day 4); the third's after the second's (day 7).
    expect(starts(admissions, 'V')).toEqual([
      [0, 1],
      [1, 4],
      [2, 7],
    ]);
    // The third waited in B's external queue for a bed freed at 1.2 by the first.
    expect(starts(admissions, 'B')).toEqual([
      [0, 0.2],
      [1, 0.4],
      [2, 1.2],
    ]);
    // Blocked in B: the second over [1.4, 4), the third over [2.2, 7).
    expect(row(record, 0, NetworkMetric.blocked)).toEqual([0, 0.6, 1.8, 2, 1, 1, 1, 0, 0, 0, 0, 0]);
    // Leaving B at the start of the first visit day is counted on that day.
    expect(row(record, 0, NetworkMetric.departures)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(row(record, 1, NetworkMetric.arrivals_internal)).toEqual(row(record, 0, NetworkMetric.departures));
    expect(row(record, 1, NetworkMetric.admissions)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    // Routed at the end of the last visit day: days 3, 6 and 9 (indices), one on the caseload each day between.
    expect(row(record, 1, NetworkMetric.departures)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
    expect(row(record, 1, NetworkMetric.occ)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(Array.from(record.visitsRow(1))).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    expect(row(record, 1, NetworkMetric.niq).every((x) => x === 0)).toBe(true);
    expect(record.exits).toBe(3);
    // Waits from the request day to the first visit day (4 - 1, 7 - 2); in B, 1.2 - 0.6.
    expect(Array.from(record.waitsRow(1))).toEqual([0, 0, 0, 0, 3, 0, 0, 5, 0, 0, 0, 0]);
    expect(row(record, 0, NetworkMetric.admissions)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(record.waitsRow(0)[1]).toBeCloseTo(0.6, 12);
  });

  it('moves a patient into its internal queue when there is a place, and the next one in when the place frees', () => {
    const { record, admissions } = trace({ days: DAYS, nodes: [ward, team({ queueInternal: 1 })], edges: [{ from: 'B', to: 'V', probability: 1 }] });
    expect(starts(admissions, 'V')).toEqual([
      [0, 1],
      [1, 4],
      [2, 7],
    ]);
    // The second leaves B for the queue at 1.4; the third is blocked from 2.2 until the second starts at 4.
    expect(row(record, 0, NetworkMetric.blocked)).toEqual([0, 0, 0.8, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(record, 0, NetworkMetric.departures)).toEqual([0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    // The queue counted by whole days (waiting at the end of the day), as P1's niq.
    expect(row(record, 1, NetworkMetric.niq)).toEqual([0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('sends a patient whose plan does not fit today to a free overflow bed, and keeps the others waiting for it', () => {
    const { record, admissions } = trace({
      days: DAYS,
      nodes: [ward, team(), { id: 'S', kind: 'bed', capacity: 1, los: fixed(5) }],
      edges: [
        { from: 'B', to: 'V', probability: 1 },
        { from: 'V', to: 'S', probability: 1, type: 'overflow', condition: 'full' },
      ],
    });
    expect(starts(admissions, 'S')).toEqual([[1, 1.4]]);
    // The third finds S taken (until 6.4) and books V's first fit after the first's plan.
    expect(starts(admissions, 'V')).toEqual([
      [0, 1],
      [2, 4],
    ]);
    expect(row(record, 1, NetworkMetric.overflowed)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(record.flow(1))).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('moves a patient who waited N days to a free overflow bed, giving their booked visits back', () => {
    const { record, admissions } = trace({
      days: DAYS,
      nodes: [{ ...ward, arrivalTimes: [0.2, 0.4, 0.6, 3.5] }, team(), { id: 'S', kind: 'bed', capacity: 1, los: fixed(5) }],
      edges: [
        { from: 'B', to: 'V', probability: 1 },
        { from: 'V', to: 'S', probability: 1, type: 'overflow', condition: 'wait>=1' },
      ],
    });
    // The second (asked at 1.4, booked for day 4) has waited a day by the boundary at 3 and
    // takes S's bed; the third (asked at 2.2, booked for day 7) finds S taken at 4, 5 and 6 and
    // keeps their booking; at 7 their visits start. The fourth (ready at 4.5) gets the days 4-6
    // the second gave back.
    expect(starts(admissions, 'S')).toEqual([[1, 3]]);
    expect(starts(admissions, 'V')).toEqual([
      [0, 1],
      [3, 4],
      [2, 7],
    ]);
    expect(row(record, 1, NetworkMetric.overflowed)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // The second leaves B at 3: only the third is blocked after it.
    expect(row(record, 0, NetworkMetric.blocked)).toEqual([0, 0.6, 1.8, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    // S's wait runs from the request (1.4) to the move (3).
    expect(record.waitsRow(2)[2]).toBeCloseTo(1.6, 12);
  });

  it('starts the next visit node the day after the last visit of the one before', () => {
    const { admissions } = trace({
      days: DAYS,
      nodes: [{ id: 'V1', kind: 'visit', capacity: 1, arrivalTimes: [0.5], los: visitStay }, { ...team(), id: 'V2' }],
      edges: [{ from: 'V1', to: 'V2', probability: 1 }],
    });
    // Visits on days 0, 1, 2 at V1; routed at time 3, the start of day index 3.
    expect(admissions.map((a) => [a.node, a.time, a.stay])).toEqual([
      ['V1', 0, 3],
      ['V2', 3, 3],
    ]);
  });

  it('leaves a patient who finished their visits blocked at the visit node, holding no visits, while the next node is full', () => {
    const { record } = trace({
      days: DAYS,
      nodes: [{ id: 'V', kind: 'visit', capacity: 2, arrivalTimes: [0.5, 0.6], los: visitStay }, { id: 'C', kind: 'bed', capacity: 1, los: fixed(2.5) }],
      edges: [{ from: 'V', to: 'C', probability: 1 }],
    });
    // Both visited on days 0-2, both ask C at time 3: one takes the bed until 5.5, the other waits at V over [3, 5.5).
    expect(row(record, 0, NetworkMetric.blocked)).toEqual([0, 0, 0, 1, 1, 0.5, 0, 0, 0, 0, 0, 0]);
    expect(row(record, 0, NetworkMetric.occ)).toEqual([2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(record.visitsRow(0))).toEqual([2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(record, 1, NetworkMetric.admissions)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });
});

describe('referrals from outside the network', () => {
  it('are lost when the plan does not fit on the referral day and the external queue has no place', () => {
    const { record } = trace({ days: DAYS, nodes: [team({ arrivalTimes: [0.5, 0.7, 3.5], queueExternal: 0 })], edges: [] });
    expect(row(record, 0, NetworkMetric.admissions)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(row(record, 0, NetworkMetric.lost)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('a caseload calendar', () => {
  it('gives the slots of each day: a rise from a date lets a plan start as soon as every day of it fits', () => {
    const rising = trace({ days: DAYS, nodes: [ward, team({ capacity: [{ from: 0, capacity: 1 }, { from: 3, capacity: 2 }] })], edges: [{ from: 'B', to: 'V', probability: 1 }] });
    // Second patient (ready day 1): days 1 and 2 are the first's; from day 3 there are two slots.
    // Third (ready day 2): day 3 has both slots booked, day 4 on has one free.
    expect(starts(rising.admissions, 'V')).toEqual([
      [0, 1],
      [1, 3],
      [2, 4],
    ]);
    expect(Array.from(rising.record.row(1, NetworkMetric.capacity))).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('keeps bookings when slots fall: a plan that would run into the fall waits until it fits after it', () => {
    const falling = trace({ days: DAYS, nodes: [ward, team({ capacity: [{ from: 0, capacity: 2 }, { from: 3, capacity: 1 }] })], edges: [{ from: 'B', to: 'V', probability: 1 }] });
    // Two slots on days 0-2, one from day 3. The second patient's plan from day 1 or 2 would
    // need day 3's only slot, which the first has: it starts on day 4, the third on day 7.
    expect(starts(falling.admissions, 'V')).toEqual([
      [0, 1],
      [1, 4],
      [2, 7],
    ]);
    const visits = falling.record.visitsRow(1);
    const slots = [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    visits.forEach((v, d) => expect(v).toBeLessThanOrEqual(slots[d]));
  });

  it('of a day cycle counts by its hours: a team working half the day has half the caseload', () => {
    const network = compileNetwork({ days: 3, nodes: [team({ capacity: { cycleDays: 1, periods: [{ start: 0, end: 0.5, capacity: 0 }, { start: 0.5, end: 1, capacity: 4 }] } })], edges: [] });
    expect(Array.from(network.visits[0]!.caseload)).toEqual([2, 2, 2]);
    expect(Array.from(network.visits[0]!.slots)).toEqual([2, 2, 2]);
  });
});

describe('what a network with visit nodes refuses, naming the field', () => {
  it('overflow into a visit node and a transfer delay into one', () => {
    const nodes: NetworkNode[] = [ward, team(), { id: 'S', kind: 'bed', capacity: 1, los: fixed(5) }];
    expect(() => compileNetwork({ days: 5, nodes, edges: [{ from: 'B', to: 'S', probability: 1 }, { from: 'S', to: 'V', probability: 1, type: 'overflow', condition: 'full' }] })).toThrow(
      'edges[1].to: V is a visit node, which cannot take overflow yet',
    );
    expect(() => compileNetwork({ days: 5, nodes, edges: [{ from: 'B', to: 'V', probability: 1, delay: fixed(1) }] })).toThrow(
      'edges[0].delay: a transfer delay into a visit node (V) is not supported yet',
    );
  });
});
