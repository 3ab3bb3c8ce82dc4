/**
 * Calendars and arrival profiles for an isolated visit node (issue 12 item 3), simulated by the
 * network simulator as a one-node component: a constant calendar is the constant caseload byte
 * for byte, a profile only moves referrals within their day, and a dated rise in the caseload
 * (a new team from a date) gives each day its own slots.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkNode } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkMetric, total } from './helpers.js';

const DAYS = 120;
const rates = Array.from({ length: DAYS }, (_, d) => 3 + Math.sin(d / 5));
const p1 = (extra: Partial<NetworkNode>): NetworkNode => ({
  id: 'P1_X',
  kind: 'visit',
  arrivals: rates,
  los: { family: 'lnorm', mean: 10, median: 7, initialVisitRate: 4, finalVisitRate: 1 },
  initialOccupied: 20,
  initialDtoc: 3,
  ...extra,
});

function run(node: NetworkNode, replication: number): NetworkRecord {
  return new NetworkSimulator(compileNetwork({ days: DAYS, nodes: [node], edges: [] })).simulate(9, replication);
}

function sameBytes(a: NetworkRecord, b: NetworkRecord): boolean {
  return Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer)) && Buffer.from(a.visits.buffer).equals(Buffer.from(b.visits.buffer));
}

describe('an isolated visit node with a calendar', () => {
  it('a constant calendar, dated or cyclic, gives byte-identical records to the constant caseload', () => {
    const constant = p1({ capacity: 30.5 });
    const dated = p1({ capacity: [{ from: 0, capacity: 30.5 }, { from: 40, capacity: 30.5 }] });
    const weekly = p1({ capacity: { cycleDays: 7, periods: [{ start: 0, end: 5, capacity: 30.5 }, { start: 5, end: 7, capacity: 30.5 }] } });
    for (let r = 0; r < 3; r++) {
      const base = run(constant, r);
      expect(sameBytes(run(dated, r), base)).toBe(true);
      expect(sameBytes(run(weekly, r), base)).toBe(true);
      // Not trivially equal: referrals do wait for this caseload.
      expect(total(base.row(0, NetworkMetric.niq))).toBeGreaterThan(0);
    }
  });

  it('an arrival profile moves referrals within their day only, so the records are the same', () => {
    const flat = p1({ capacity: 30.5 });
    const profiled = p1({ capacity: 30.5, arrivalProfile: { cycleDays: 7, periods: [{ start: 0, end: 0.3, weight: 0 }, { start: 0.3, end: 5, weight: 2 }, { start: 5, end: 7, weight: 1 }] } });
    for (let r = 0; r < 3; r++) expect(sameBytes(run(profiled, r), run(flat, r))).toBe(true);
  });

  it('a team growing from a date: each day has its own slots, the new ones are used, and more patients start', () => {
    const small = p1({ capacity: 24, initialOccupied: 0, initialDtoc: 0 });
    const growing = p1({ capacity: [{ from: 0, capacity: 24 }, { from: 60, capacity: 36 }], initialOccupied: 0, initialDtoc: 0 });
    let moreStarted = 0;
    for (let r = 0; r < 3; r++) {
      const before = run(small, r);
      const after = run(growing, r);
      const capacity = after.row(0, NetworkMetric.capacity);
      const visits = after.visitsRow(0);
      for (let d = 0; d < DAYS; d++) {
        expect(capacity[d]).toBe(d < 60 ? 24 : 36);
        // Slots = caseload x (4 + 1) / 2: 60 a day, then 90. Bookings never exceed a day's slots.
        expect(visits[d]).toBeLessThanOrEqual(d < 60 ? 60 : 90);
      }
      expect(Math.max(...visits.subarray(60))).toBeGreaterThan(60);
      if (total(after.row(0, NetworkMetric.admissions)) > total(before.row(0, NetworkMetric.admissions))) moreStarted++;
      // The same referrals (same draws) in both.
      expect(Array.from(after.row(0, NetworkMetric.arrivals_external))).toEqual(Array.from(before.row(0, NetworkMetric.arrivals_external)));
    }
    expect(moreStarted).toBe(3);
  });
});
