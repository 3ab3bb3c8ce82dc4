/**
 * Time-weighted percentiles of each level (levelMonitor.ts): the level a node was at or below
 * for 50, 90 and 95 % of the horizon, per replication. Exact on scripted timelines, exact on
 * steps given out of time order, equal to the daily rows' distribution at visit nodes (whose
 * levels change only at midnight, stepped ahead of the clock), and equal to the stationary
 * distribution of M/M/infinity and M/M/c occupancy.
 */
import { describe, expect, it } from 'vitest';
import { LevelMonitor, MONITORED_LEVEL_COUNT, MONITORED_LEVELS, MonitoredLevel, TIME_SHARE_COUNT, TIME_SHARES } from '../../../src/engine/network/levelMonitor.js';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { exponential, fixed, meanAndSe, NetworkMetric, trace } from './helpers.js';

/** Generous: the theory checks simulate a million patient-node visits, more on a busy CI machine. */
const TIMEOUT_MS = 180_000;

/** `[p50, p90, p95]` of `level` at `node` in one replication. */
function percentiles(record: NetworkRecord, node: number, level: (typeof MONITORED_LEVELS)[number]): number[] {
  const at = (node * MONITORED_LEVEL_COUNT + MonitoredLevel[level]) * TIME_SHARE_COUNT;
  return Array.from(record.timePercentiles.subarray(at, at + TIME_SHARE_COUNT));
}

describe('on scripted timelines', () => {
  it('a level held for exactly half the horizon is its median, and steps at one instant take no time', () => {
    // Three beds, stays of 5 over 10 days: two arrivals at 0, one at 5. In service: 2 on [0, 5),
    // 1 on [5, 10) (at 5 two leave and one arrives: 2, 0, 1 at one instant). Days at 1: 5 of 10.
    const { record } = trace({ days: 10, nodes: [{ id: 'X', kind: 'bed', capacity: 3, arrivalTimes: [0, 0, 5], los: fixed(5) }], edges: [] });
    expect(percentiles(record, 0, 'occ')).toEqual([1, 2, 2]);
    expect(percentiles(record, 0, 'occ_bed')).toEqual([1, 2, 2]);
    expect(percentiles(record, 0, 'niq')).toEqual([0, 0, 0]);
  });

  it('blocked, beds held and the queue, from a timeline of blocking', () => {
    // A (acute, 3 beds, stay 1) -> B (1 bed, stay 4), over 10 days. Both A arrivals finish at 1:
    // the first goes to B (1 to 5), the second is blocked in A from 1 to 5, then B (5 to 9).
    // A: in service 2 on [0, 1); blocked 1 on [1, 5); beds held 2, 1, 0 for 1, 4 and 5 days.
    // B: in service 1 on [1, 9). Its queue stays empty (the blocked patient is A's).
    const { record } = trace({
      days: 10,
      nodes: [
        { id: 'A', kind: 'acute', capacity: 3, arrivalTimes: [0, 0], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, los: fixed(4) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1 }],
    });
    // In service at A: 0 for 9 of 10 days, exactly 90 %.
    expect(percentiles(record, 0, 'occ')).toEqual([0, 0, 2]);
    expect(percentiles(record, 0, 'blocked')).toEqual([0, 1, 1]);
    // 0 for 5 days (the median, exactly), at most 1 for 9.
    expect(percentiles(record, 0, 'occ_bed')).toEqual([0, 1, 2]);
    expect(percentiles(record, 1, 'occ')).toEqual([1, 1, 1]);
    expect(percentiles(record, 1, 'niq')).toEqual([0, 0, 0]);
  });

  it('transfer and reserved levels through a transfer delay', () => {
    // A's patient finishes at 1 and keeps A's bed for a delay of 2 while B's bed is reserved;
    // B from 3 to 6. A: transfer 1 on [1, 3); beds held on [0, 3). B: reserved on [1, 3), beds
    // held on [1, 6): 5 of 10 days, so its median is 0 exactly.
    const { record } = trace({
      days: 10,
      nodes: [
        { id: 'A', kind: 'bed', capacity: 1, arrivalTimes: [0], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, los: fixed(3) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1, delay: fixed(2) }],
    });
    expect(percentiles(record, 0, 'transfer')).toEqual([0, 1, 1]);
    expect(percentiles(record, 0, 'occ_bed')).toEqual([0, 1, 1]);
    expect(percentiles(record, 1, 'reserved')).toEqual([0, 1, 1]);
    expect(percentiles(record, 1, 'occ_bed')).toEqual([0, 1, 1]);
    expect(percentiles(record, 1, 'occ')).toEqual([0, 1, 1]);
  });

  it('a queue that waits past the median', () => {
    // One bed, stays of 2, arrivals at 0, 1 and 2 over 10 days: the queue holds 1 on [1, 4)
    // (3 days) and 0 otherwise; in service on [0, 6).
    const { record } = trace({ days: 10, nodes: [{ id: 'X', kind: 'bed', capacity: 1, arrivalTimes: [0, 1, 2], los: fixed(2) }], edges: [] });
    expect(percentiles(record, 0, 'niq')).toEqual([0, 1, 1]);
    expect(percentiles(record, 0, 'occ')).toEqual([1, 1, 1]);
  });
});

describe('steps out of time order', () => {
  it('give the same percentiles as the same steps in order, at a node declared to step out of order', () => {
    const days = 10;
    // Level 1 on [1, 9), 2 on [2, 3), 3 on [2.5, 3): 0 for 2 days, 1 for 7, 2 for 0.5, 3 for 0.5.
    const steps: Array<[number, number]> = [
      [1, 1],
      [2, 1],
      [2.5, 1],
      [3, -1],
      [3, -1],
      [9, -1],
    ];
    const run = (order: Array<[number, number]>, outOfOrder = true) => {
      const monitor = new LevelMonitor(1, days, () => outOfOrder);
      const integrator = monitor.integrator(0, 'occ');
      for (const [t, delta] of order) integrator.step(t, delta);
      const out = new Float64Array(MONITORED_LEVEL_COUNT * TIME_SHARE_COUNT);
      monitor.finish(out);
      return { occ: Array.from(out.subarray(0, 3)), beds: Array.from(out.subarray(MonitoredLevel.occ_bed * 3, MonitoredLevel.occ_bed * 3 + 3)) };
    };
    const inOrder = run(steps);
    // 0 for 2 days, at most 1 for 9: p50 and p90 are 1; p95 needs 9.5 days: 2.
    expect(inOrder.occ).toEqual([1, 1, 2]);
    expect(inOrder.beds).toEqual([1, 1, 2]);
    // A later step given first (a visit start booked ahead), an earlier one last (a queue stepped at the start of its day).
    const shuffled = [steps[5], steps[3], steps[0], steps[4], steps[2], steps[1]];
    expect(run(shuffled)).toEqual(inOrder);
    // Counted as they come where steps are declared in order: the same in order, NaN (never a wrong level) out of it.
    expect(run(steps, false)).toEqual(inOrder);
    expect(run(shuffled, false).occ).toEqual([NaN, NaN, NaN]);
  });

  it('at a visit node, equal the distribution of its daily rows (levels change only at midnight there)', () => {
    // P1-like visit node fed by an acute node: caseload stepped at booked days ahead of the
    // clock, its queue at the start of the day; both are whole over each day, so the share of
    // time at or below a level is the share of days whose row is at or below it.
    const model: NetworkModel = {
      days: 120,
      nodes: [
        { id: 'A', kind: 'acute', capacity: 40, arrivals: new Array(120).fill(6), los: exponential(3) },
        // An internal queue, so patients queue at P1 (stepped at the start of their day) rather than block.
        { id: 'P1', kind: 'visit', capacity: 30, queueInternal: 1000, los: { family: 'lnorm', mean: 10, sd: 6 } },
      ],
      edges: [{ from: 'A', to: 'P1', probability: 1 }],
    };
    const simulator = new NetworkSimulator(compileNetwork(model));
    for (let r = 0; r < 3; r++) {
      const record = simulator.simulate(7, r);
      for (const level of ['occ', 'niq'] as const) {
        const row = Array.from(record.row(1, NetworkMetric[level])).sort((a, b) => a - b);
        for (const value of row) expect(Number.isInteger(Math.round(value * 1e9) / 1e9)).toBe(true);
        const expected = TIME_SHARES.map((share) => Math.round(row.find((_, d) => d + 1 >= share * row.length)!));
        expect(percentiles(record, 1, level)).toEqual(expected);
      }
      // The queue does vary (else the check above would be empty).
      expect(percentiles(record, 1, 'niq')[2]).toBeGreaterThan(0);
    }
  });
});

/** Poisson(m) probabilities 0..kMax. */
function poisson(m: number, kMax: number): number[] {
  const p = [Math.exp(-m)];
  for (let k = 1; k <= kMax; k++) p.push((p[k - 1] * m) / k);
  return p;
}

/** The smallest level whose cumulative probability reaches each share. */
function quantilesOf(probabilities: number[]): number[] {
  return TIME_SHARES.map((share) => {
    let cumulative = 0;
    return probabilities.findIndex((p) => (cumulative += p) >= share);
  });
}

describe('against the stationary distribution (time-weighted occupancy is it)', () => {
  // Arrivals 2.2 a day, exponential stays of mean 1: occupancy Poisson(2.2) in M/M/infinity,
  // and in M/M/7 up to a truncation beyond 7 of under 1e-3. Its 50/90/95 % quantiles are 2, 4
  // and 5, and the cumulative probabilities sit at least 0.0225 from each share (P(<= 4) = 0.9275,
  // P(<= 3) = 0.8194, P(<= 5) = 0.9751, P(<= 4) = 0.9275 against 0.95). Over 20,000 days the share
  // of time at or below a level has a standard deviation of about sqrt(2 tau p (1 - p) / T) with
  // tau ~ 1 day, at most 0.0035: the margins are over 6 of those, so each replication's
  // percentile is the theoretical one. The test allows the mean over replications 4 standard
  // errors from it (0 when every replication agrees).
  const days = 20_000;
  const replications = 20;
  const expected = quantilesOf(poisson(2.2, 40));

  const check = (model: NetworkModel, levels: Array<[level: (typeof MONITORED_LEVELS)[number], expected: number[]]>) => {
    expect(expected).toEqual([2, 4, 5]);
    const simulator = new NetworkSimulator(compileNetwork(model));
    const values = levels.map(() => TIME_SHARES.map(() => [] as number[]));
    for (let r = 0; r < replications; r++) {
      const record = simulator.simulate(11, r);
      levels.forEach(([level], l) => percentiles(record, 0, level).forEach((v, q) => values[l][q].push(v)));
    }
    levels.forEach(([, theory], l) =>
      TIME_SHARES.forEach((_, q) => {
        const { mean, se } = meanAndSe(values[l][q]);
        expect(Math.abs(mean - theory[q])).toBeLessThanOrEqual(4 * se);
      }),
    );
  };

  it('M/M/infinity: a delay node', { timeout: TIMEOUT_MS }, () => {
    check({ days, nodes: [{ id: 'D', kind: 'delay', arrivals: new Array(days).fill(2.2), los: exponential(1) }], edges: [] }, [
      ['occ', expected],
      ['occ_bed', expected],
    ]);
  });

  it('M/M/7: a bed node, with an empty queue at every percentile', { timeout: TIMEOUT_MS }, () => {
    // P(N > 7) = 0.0022: the queue is empty far more than 95 % of the time.
    check({ days, nodes: [{ id: 'X', kind: 'bed', capacity: 7, arrivals: new Array(days).fill(2.2), los: exponential(1) }], edges: [] }, [
      ['occ', expected],
      ['occ_bed', expected],
      ['niq', [0, 0, 0]],
    ]);
  });
});
