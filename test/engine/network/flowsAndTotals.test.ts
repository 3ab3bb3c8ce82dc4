/**
 * Per-edge daily flows and the system totals of a replication (spec 5), on an exact timeline.
 * Acute (1 bed) -> P2 (1 bed) -> home; fixed stays. Acute's patients arrive at 0.1 and 0.2.
 * The first: acute 0.1-1.1, P2 1.1-3.1, home at 3.1. The second: acute 1.1-2.1, blocked
 * there until 3.1 (one delayed-discharge bed-day), P2 3.1-5.1, home at 5.1.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { IMPLICIT_EXIT, systemTotals } from '../../../src/engine/network/systemTotals.js';
import { fixed, NetworkMetric } from './helpers.js';

const model: NetworkModel = {
  days: 6,
  nodes: [
    { id: 'acute', kind: 'acute', capacity: 1, arrivalTimes: [0.1, 0.2], los: fixed(1) },
    { id: 'P2', kind: 'bed', capacity: 1, los: fixed(2) },
    { id: 'home', kind: 'exit' },
    { id: 'P3', kind: 'bed', capacity: 1, arrivalTimes: [0.5], los: fixed(1) },
  ],
  edges: [
    { from: 'acute', to: 'P2', probability: 1 },
    { from: 'P2', to: 'home', probability: 1 },
  ],
};

describe('flows and system totals', () => {
  const network = compileNetwork(model);
  const record = new NetworkSimulator(network).simulate(1, 0);

  it('counts each move on its edge on the day it happens', () => {
    expect(Array.from(record.flow(0))).toEqual([0, 1, 0, 1, 0, 0]);
    expect(Array.from(record.flow(1))).toEqual([0, 0, 0, 1, 0, 1]);
  });

  it('adds up throughput by exit, delayed-discharge bed-days and cost', () => {
    const totals = systemTotals(network, record, { acute: { perDelayedDay: 500 }, P2: { perOccupiedBedDay: 100 } });
    // P3's patient leaves by the implicit exit at 1.5.
    expect(totals.throughputByExit).toEqual({ home: 2, [IMPLICIT_EXIT]: 1 });
    expect(totals.delayedDischargeBedDays).toBeCloseTo(1, 12);
    // P2 holds a bed for 2 + 2 days; acute has one delayed day.
    expect(totals.totalCost).toBeCloseTo(100 * 4 + 500 * 1, 9);
    expect(totals.deadlocks).toBe(0);
    // Blocked 2.1 to 3.1: 0.9 of day 3 and 0.1 of day 4.
    expect(record.row(0, NetworkMetric.blocked)[2]).toBeCloseTo(0.9, 12);
  });

  it('prices a visit node by the visits booked', () => {
    // Two referrals fit on day 1 with one visit a day for three days: six visits.
    const visits = compileNetwork({
      days: 6,
      nodes: [{ id: 'P1', kind: 'visit', capacity: 2, arrivalTimes: [0.2, 0.4], los: { ...fixed(3), initialVisitRate: 1, finalVisitRate: 1 } }],
      edges: [],
    });
    const visited = new NetworkSimulator(visits).simulate(1, 0);
    expect(systemTotals(visits, visited, { P1: { perVisit: 30 } }).totalCost).toBe(30 * 6);
    expect(() => systemTotals(visits, visited, { P1: { perVisit: Number.NaN } })).toThrow('costs.P1.perVisit: NaN is not a non-negative number');
  });

  it('records who waits for P2 upstream, the days its admissions waited, and who waits at the end', () => {
    // The second patient waits in acute for P2 from 2.1 to 3.1, and is admitted on day 4 after 1 day.
    expect(Array.from(record.nodeRow(record.blockedUpstream, 1)).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 0.9, 0.1, 0, 0]);
    expect(Array.from(record.nodeRow(record.waits, 1)).map((v) => Number(v.toFixed(12)))).toEqual([0, 0, 0, 1, 0, 0]);
    // Acute's second patient also waited, in its external queue from 0.2 to 1.1.
    expect(Array.from(record.delayedAdmissions)).toEqual([1, 1, 0, 0]);
    expect(Array.from(record.waitingAtEnd)).toEqual([0, 0, 0, 0]);
  });

  it('counts a bed node\'s external queue as delayed discharges and prices its queue', () => {
    // P3 (1 bed, stay 1) gets arrivals at 0.5, 0.6 and 0.7: the second waits 0.5 to 1.5, the third 0.7 to 2.5.
    const queued = compileNetwork({ days: 4, nodes: [{ id: 'P3', kind: 'bed', capacity: 1, arrivalTimes: [0.5, 0.6, 0.7], los: fixed(1) }], edges: [] });
    const run = new NetworkSimulator(queued).simulate(1, 0);
    const totals = systemTotals(queued, run, { P3: { perOccupiedBedDay: 100, perQueuedDay: 300 } });
    expect(totals.delayedDischargeBedDays).toBeCloseTo(0.9 + 1.8, 12);
    expect(totals.totalCost).toBeCloseTo(100 * 3 + 300 * 2.7, 9);
    expect(Array.from(run.nodeRow(run.waits, 0)).map((v) => Number(v.toFixed(12)))).toEqual([0, 0.9, 1.8, 0]);
  });

  it('refuses costs for unknown nodes, exits, or negative amounts', () => {
    expect(() => systemTotals(network, record, { P9: { perOccupiedBedDay: 1 } })).toThrow('costs.P9: no node is called P9');
    expect(() => systemTotals(network, record, { home: { perOccupiedBedDay: 1 } })).toThrow('costs.home: home is an exit');
    expect(() => systemTotals(network, record, { P2: { perDelayedDay: -5 } })).toThrow('costs.P2.perDelayedDay: -5 is not a non-negative number');
  });
});
