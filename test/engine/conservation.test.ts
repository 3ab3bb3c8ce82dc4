/**
 * Conservation (spec: "arrivals = admissions + still waiting + lost, every day"), exactly,
 * in every replication: initial queue + referrals = admissions + waiting at the end + lost.
 *
 * "Every day" is checked by truncation. The simulators are causal in the horizon:
 * - generateArrivalTimes walks the unit-rate process in time order, so referrals up to day k
 *   depend only on rates[0..k-1] and the stream prefix (arrivals.test.ts checks this directly);
 * - the bed node draws one LOS per patient in referral order from its own stream, initial
 *   residuals and the initial queue's stays from another, and a patient's start depends only
 *   on earlier patients (FIFO; Kiefer-Wolfowitz heap). Patients starting at or after the
 *   horizon are counted as waiting at the end and, if more beds exist than patients, the
 *   surplus beds are never used, so truncation changes nothing before k;
 * - the visit node books every patient's plan even past the horizon, in referral order.
 * So a run truncated to k days must reproduce the first k days of the full run exactly, and
 * its `waitingAtEnd` is the number still waiting at time k. Asserting conservation for each k
 * therefore asserts it at the end of every one of those days.
 */
import { describe, expect, it } from 'vitest';
import { HORIZON_FIELDS, METRIC_COUNT } from '../../src/engine/dailyRecord.js';
import type { NodeSpec } from '../../src/engine/model.js';
import type { Compatibility } from '../../src/engine/replications.js';
import { constantRates, makeNode, Metric, replicate, sum, type Replicated } from './helpers.js';

const DAYS = 60;
const R = 60;
const TRUNCATIONS = [1, 2, 7, 23, 45, 59];

const lnorm = { family: 'lnorm' as const, mean: 6, median: 4.5 };
const wavy = Array.from({ length: DAYS }, (_, i) => 2.5 + 1.5 * Math.sin(i / 5));

interface Case {
  name: string;
  node: NodeSpec;
  compat?: Compatibility;
}

const cases: Case[] = [
  { name: 'bed node with a queue', node: makeNode({ arrivals: [wavy], capacity: [12], los: [lnorm], occupied: 8, waiting: 4 }) },
  { name: 'bed node losing overflow', node: makeNode({ arrivals: [wavy], capacity: [12], los: [lnorm], occupied: 8, waiting: 4, loseOverflow: true }) },
  {
    name: 'bed node with occupancy above capacity (68 in 61) and an initial queue',
    node: makeNode({ arrivals: [constantRates(DAYS, 3.5)], capacity: [61], los: [{ family: 'lnorm', mean: 18, median: 14 }], occupied: 68, waiting: 5 }),
  },
  {
    name: 'bed node with occupancy above capacity losing overflow',
    node: makeNode({ arrivals: [constantRates(DAYS, 3.5)], capacity: [61], los: [{ family: 'lnorm', mean: 18, median: 14 }], occupied: 68, waiting: 5, loseOverflow: true }),
  },
  { name: 'bed node with a long initial queue', node: makeNode({ arrivals: [wavy], capacity: [12], los: [{ family: 'norm', mean: 5, sd: 2 }], occupied: 10, waiting: 15 }) },
  { name: 'bed node with no beds', node: makeNode({ arrivals: [wavy], capacity: [0], los: [lnorm], occupied: 5, waiting: 3 }) },
  { name: 'bed node with unrestricted beds', node: makeNode({ arrivals: [wavy], capacity: [1e6], los: [lnorm], occupied: 5, waiting: 3 }) },
  {
    name: 'P1 visit node',
    node: makeNode({ pathway: 'P1', arrivals: [wavy], capacity: [8], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 5, waiting: 8 }),
  },
  {
    name: 'P1 visit node, ipacs-v1 compatibility',
    node: makeNode({ pathway: 'P1', arrivals: [wavy], capacity: [8], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 5, waiting: 8 }),
    compat: 'ipacs-v1',
  },
  {
    // In compatibility mode the initial occupants are booked like referrals (docs/model.md), so
    // with more occupants than slots some queue: they then join the balance as extra entrants.
    name: 'P1 visit node, ipacs-v1 compatibility, occupants that overfill the caseload',
    node: makeNode({ pathway: 'P1', arrivals: [wavy], capacity: [4], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 12, waiting: 3 }),
    compat: 'ipacs-v1',
  },
];

function truncate(node: NodeSpec, days: number): NodeSpec {
  return { ...node, arrivals: node.arrivals.map((a) => ({ ...a, daily: a.daily.slice(0, days) })) };
}

/**
 * initial queue + referrals = admissions + waiting at the end + lost. When initial occupants
 * may queue (IPACS v1 P1), up to `occupantsMayQueue` of them are extra entrants on the right.
 * Returns how many extra entrants there were in total.
 */
function assertConservation(sim: Replicated, waiting: number, occupied: number, label: string, occupantsMayQueue = 0): number {
  let extra = 0;
  for (let r = 0; r < sim.count; r++) {
    const arrivals = sum(sim.row(r, Metric.arrivals));
    const admissions = sum(sim.row(r, Metric.admissions));
    const lost = sum(sim.row(r, Metric.lost));
    const departures = sum(sim.row(r, Metric.departures));
    const atEnd = sim.horizon(r, 'waitingAtEnd');
    const surplus = admissions + atEnd + lost - (waiting + arrivals);
    if (occupantsMayQueue === 0) expect(surplus, `${label}, replication ${r}`).toBe(0);
    expect(surplus, `${label}, replication ${r}`).toBeGreaterThanOrEqual(0);
    expect(surplus, `${label}, replication ${r}`).toBeLessThanOrEqual(occupantsMayQueue);
    extra += surplus;
    // The horizon figures are the sums of the daily rows.
    expect(sim.horizon(r, 'arrivals')).toBe(arrivals);
    expect(sim.horizon(r, 'admissions')).toBe(admissions);
    expect(sim.horizon(r, 'lost')).toBe(lost);
    expect(sim.horizon(r, 'departures')).toBe(departures);
    // Nobody leaves who was not in service.
    expect(departures).toBeLessThanOrEqual(occupied + admissions);
    for (const metric of [Metric.arrivals, Metric.admissions, Metric.departures, Metric.lost]) {
      for (const v of sim.row(r, metric)) expect(Number.isInteger(v) && v >= 0).toBe(true);
    }
  }
  return extra;
}

describe('conservation of patients', () => {
  for (const c of cases) {
    it(`${c.name}: over the horizon, and at the end of every truncated horizon`, () => {
      const { waiting, occupied } = c.node.initial;
      const settings = { seed: 31337, compat: c.compat ?? 'none' };
      const occupantsMayQueue = c.compat === 'ipacs-v1' && c.node.pathway === 'P1' ? occupied : 0;
      const full = replicate(c.node, DAYS, R, settings);
      const extra = assertConservation(full, waiting, occupied, 'full horizon', occupantsMayQueue);
      if (c.node.initial.occupied > 8 && occupantsMayQueue > 0) expect(extra).toBeGreaterThan(0);
      // The case exercises what it claims to.
      const total = (field: 'lost' | 'waitingAtEnd' | 'admissions') => sum(full.map((r) => full.horizon(r, field)));
      if (c.node.loseOverflow) expect(total('lost')).toBeGreaterThan(0);
      else expect(total('lost')).toBe(0);

      for (const k of TRUNCATIONS) {
        const short = replicate(truncate(c.node, k), k, R, settings);
        assertConservation(short, waiting, occupied, `truncated to ${k} days`, occupantsMayQueue);
        for (let r = 0; r < R; r++) {
          // The first k days are exactly those of the full run, every metric.
          for (let m = 0; m < METRIC_COUNT; m++) expect(Array.from(short.row(r, m)), `k ${k}, replication ${r}, metric ${m}`).toEqual(Array.from(full.row(r, m).subarray(0, k)));
          const atEnd = short.horizon(r, 'waitingAtEnd');
          const cumulative = (metric: number) => sum(full.row(r, metric), 0, k);
          const balance = waiting + cumulative(Metric.arrivals) - cumulative(Metric.admissions) - cumulative(Metric.lost);
          if (occupantsMayQueue === 0) expect(atEnd).toBe(balance);
          else {
            expect(atEnd - balance).toBeGreaterThanOrEqual(0);
            expect(atEnd - balance).toBeLessThanOrEqual(occupantsMayQueue);
          }
          // Tie the count still waiting at time k to the time-averaged queue of the next day.
          const niqNext = full.row(r, Metric.niq)[k];
          if (c.node.pathway === 'P1') {
            // P1 counts the queue after each day's starts: niq of day k is the number still waiting after it.
            expect(full.row(r, Metric.niq)[k - 1]).toBe(atEnd);
          } else {
            // Between times k and k + 1 the queue moves from atEnd by at most that day's referrals and admissions.
            expect(niqNext).toBeGreaterThanOrEqual(atEnd - full.row(r, Metric.admissions)[k] - 1e-9);
            expect(niqNext).toBeLessThanOrEqual(atEnd + full.row(r, Metric.arrivals)[k] + 1e-9);
          }
        }
      }
    });
  }

  it('horizon field list is what these tests read', () => {
    for (const field of ['arrivals', 'admissions', 'lost', 'departures', 'waitingAtEnd'] as const) expect(HORIZON_FIELDS).toContain(field);
  });
});
