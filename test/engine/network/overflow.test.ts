/**
 * Overflow edges (spec 2.7) as exact timelines: scripted arrivals and fixed stays.
 * Acute (3 beds) sends everyone to P2 (1 bed, held by its own patient until 3.05); P2
 * overflows to P3 (1 bed). Acute's patients finish at 1.2, 1.3 and 1.4.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { fixed, NetworkMetric, trace } from './helpers.js';

const ACUTE = 0;
const P2 = 1;

function network(condition: string, p2Arrivals: number[]): NetworkModel {
  return {
    days: 10,
    nodes: [
      { id: 'acute', kind: 'acute', capacity: 3, arrivalTimes: [0.2, 0.3, 0.4], los: fixed(1) },
      { id: 'P2', kind: 'bed', capacity: 1, arrivalTimes: p2Arrivals, los: fixed(3) },
      { id: 'P3', kind: 'bed', capacity: 1, los: fixed(2) },
    ],
    edges: [
      { from: 'acute', to: 'P2', probability: 1 },
      { from: 'P2', to: 'P3', probability: 1, type: 'overflow', condition },
    ],
  };
}

const into = (admissions: { node: string; origin: string; ordinal: number; time: number }[], node: string) =>
  admissions.filter((a) => a.node === node).map((a) => [a.origin, a.ordinal, a.time]);

describe('overflow edges', () => {
  it('full: a patient finding the primary full goes to a free overflow target, else waits for the primary', () => {
    // 1.2: P2 full, P3 free: overflow. 1.3 and 1.4: P3 now full too, so they wait for P2 and
    // stay waiting for it when P3 frees at 3.2.
    const { record, admissions } = trace(network('full', [0.05]));
    expect(into(admissions, 'P3')).toEqual([['acute', 0, 1.2]]);
    expect(into(admissions, 'P2')).toEqual([
      ['P2', 0, 0.05],
      ['acute', 1, 3.05],
      ['acute', 2, 6.05],
    ]);
    expect(Array.from(record.row(P2, NetworkMetric.overflowed))).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(record.row(ACUTE, NetworkMetric.blocked)[1]).toBeCloseTo(0.7 + 0.6, 12);
  });

  it('wait>=1: at each day boundary, patients who have waited a day go to the overflow target while it has a free bed', () => {
    // P2's own second arrival (0.5) queues externally: never overflowed, it gets P2 at 3.05.
    // Boundary 2: nobody has waited a day. Boundary 3: all three have; P3 takes the earliest
    // (1.2) until 5. Boundary 5 comes before P3's end of stay at 5, so P3 is still full then.
    // Boundary 6: the patient of 1.3 goes to P3; the one of 1.4 gets P2 when it frees at 6.05.
    const { record, admissions } = trace(network('wait>=1', [0.05, 0.5]));
    expect(into(admissions, 'P3')).toEqual([
      ['acute', 0, 3],
      ['acute', 1, 6],
    ]);
    expect(into(admissions, 'P2')).toEqual([
      ['P2', 0, 0.05],
      ['P2', 1, 3.05],
      ['acute', 2, 6.05],
    ]);
    expect(Array.from(record.row(P2, NetworkMetric.overflowed))).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(record.row(ACUTE, NetworkMetric.blocked)[2]).toBe(3);
    expect(record.row(ACUTE, NetworkMetric.blocked)[3]).toBe(2);
    expect(record.row(ACUTE, NetworkMetric.blocked)[6]).toBeCloseTo(0.05, 12);
  });

  it('is refused with a clear message when it cannot apply', () => {
    const bad = (edit: (model: NetworkModel) => void) => {
      const model = network('full', []);
      edit(model);
      return () => compileNetwork(model);
    };
    expect(bad((m) => (m.edges[1].condition = 'wait>=1.5'))).toThrow('edges[1].condition: wait>=1.5 is not full or wait>=N (N whole days)');
    expect(bad((m) => m.edges.push({ from: 'P2', to: 'acute', probability: 1, type: 'overflow', condition: 'full' }))).toThrow('edges[2].from: P2 already has an overflow edge');
    expect(bad((m) => (m.edges[1].to = 'P2'))).toThrow('edges[1].to: P2 cannot take patients overflowing from P2');
    expect(bad((m) => (m.edges[0].condition = 'full'))).toThrow('edges[0].condition: only overflow edges have a condition');
  });
});
