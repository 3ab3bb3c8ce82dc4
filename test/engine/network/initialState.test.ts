/**
 * Initial dtoc and blocked patients (spec 2.13) as exact timelines: fixed stays.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import { fixed, NetworkMetric, trace } from './helpers.js';

const into = (admissions: { node: string; origin: string; ordinal: number; time: number }[], node: string) =>
  admissions.filter((a) => a.node === node).map((a) => [a.origin, a.ordinal, a.time]);

describe('initial state', () => {
  it('dtoc for a node fed by acute are blocked in acute beds, and move in FIFO order as beds free', () => {
    // P2 has one free bed at 0: the first dtoc patient takes it at once, freeing an acute bed
    // that acute's own arrival takes at 0.5; the second stays blocked in acute until P2 frees
    // at 3, ahead of the arrival (blocked from 1.5), which gets P2 at 6.
    const { record, admissions } = trace({
      days: 8,
      nodes: [
        { id: 'acute', kind: 'acute', capacity: 2, arrivalTimes: [0.5], los: fixed(1) },
        { id: 'P2', kind: 'bed', capacity: 1, los: fixed(3), initialDtoc: 2 },
      ],
      edges: [{ from: 'acute', to: 'P2', probability: 1 }],
    });
    expect(into(admissions, 'P2')).toEqual([
      ['acute', 0, 0],
      ['acute', 1, 3],
      ['acute', 2, 6],
    ]);
    // The arrival is acute's patient number 2, after its two initial patients.
    expect(into(admissions, 'acute').slice(2)).toEqual([['acute', 2, 0.5]]);
    expect(Array.from(record.row(0, NetworkMetric.blocked).subarray(0, 7))).toEqual([1, 1.5, 2, 1, 1, 1, 0]);
    expect(Array.from(record.initial)).toEqual([2, 0]);
    expect(record.row(1, NetworkMetric.admissions)[0]).toBe(1);
  });

  it('dtoc for a node nobody feeds wait at the head of its external queue', () => {
    const { record, admissions } = trace({
      days: 10,
      nodes: [{ id: 'P3', kind: 'bed', capacity: 1, arrivalTimes: [0.5], los: fixed(3), initialDtoc: 2 }],
      edges: [],
    });
    expect(into(admissions, 'P3')).toEqual([
      ['P3', 0, 0],
      ['P3', 1, 3],
      ['P3', 2, 6],
    ]);
    expect(record.row(0, NetworkMetric.niq)[0]).toBeCloseTo(1 + 0.5, 12);
    expect(record.initial[0]).toBe(2);
  });

  it('initially blocked patients move at time 0 before any arrival at that instant, in order', () => {
    // A holds two patients ready to leave for B (one bed). B's own arrival at exactly 0 comes
    // after ends of stays: the first blocked patient takes B's bed, the second waits until 2.
    const { record, admissions } = trace({
      days: 8,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 2, los: fixed(1), initialBlocked: 2 },
        { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [0], los: fixed(2) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1 }],
    });
    expect(into(admissions, 'B')).toEqual([
      ['A', 0, 0],
      ['A', 1, 2],
      ['B', 0, 4],
    ]);
    expect(Array.from(record.row(0, NetworkMetric.blocked).subarray(0, 3))).toEqual([1, 1, 0]);
    expect(record.row(0, NetworkMetric.departures)[0]).toBe(1);
    expect(record.externalArrivals + record.initialTotal).toBe(record.exits + record.inSystemAtEnd + record.lost);
  });

  it('is refused where nobody can wait, naming the field', () => {
    expect(() =>
      compileNetwork({ days: 2, nodes: [{ id: 'home', kind: 'delay', los: fixed(1), initialDtoc: 1 }], edges: [] }),
    ).toThrow('nodes[0] (home).initialDtoc: only bed, acute and visit nodes have patients waiting at time 0');
    expect(() =>
      compileNetwork({ days: 2, nodes: [{ id: 'X', kind: 'bed', los: fixed(1), initialBlocked: -1 }], edges: [] }),
    ).toThrow('nodes[0] (X).initialBlocked: -1 is not a whole number of patients');
  });
});
