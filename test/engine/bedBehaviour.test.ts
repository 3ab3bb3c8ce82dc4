/**
 * Bed-node behaviour the spec states: occupancy above capacity, the initial queue, losing
 * overflow, fractional and zero capacity. These are exact, per-replication properties of
 * the FIFO dynamics, so they are asserted exactly (no statistical tolerance).
 */
import { describe, expect, it } from 'vitest';
import { runModel } from '../../src/engine/run.js';
import { constantRates, isoDates, makeNode, max, Metric, replicate, sum } from './helpers.js';

const R = 100;

/** Totals up to and including each day. */
function runningTotal(daily: Float64Array): Float64Array {
  let total = 0;
  return daily.map((value) => (total += value));
}

describe('initial occupancy above capacity', () => {
  for (const [occupied, beds] of [
    [68, 61],
    [77, 72],
  ]) {
    it(`${occupied} in ${beds} beds: nobody is admitted until the ${occupied - beds + 1}th departure, then one per departure`, () => {
      const days = 20;
      // A queue that cannot empty within the horizon (100 waiting, ~3.4 departures a day), so
      // every departure after the first (occupied - beds) must admit exactly one patient.
      const node = makeNode({ arrivals: [constantRates(days, 2)], capacity: [beds], los: [{ family: 'lnorm', mean: 20, median: 15 }], occupied, waiting: 100 });
      const sim = replicate(node, days, R, { seed: 68 });
      const excess = occupied - beds;
      let sawDelayedStart = false;
      for (let r = 0; r < R; r++) {
        const admitted = runningTotal(sim.row(r, Metric.admissions));
        const departed = runningTotal(sim.row(r, Metric.departures));
        for (let d = 0; d < days; d++) {
          expect(admitted[d], `replication ${r}, day ${d + 1}`).toBe(Math.max(0, departed[d] - excess));
          if (d === 0 && admitted[d] === 0) sawDelayedStart = true;
        }
        expect(sim.horizon(r, 'waitingAtEnd')).toBeGreaterThan(0); // the queue did not empty
      }
      expect(sawDelayedStart).toBe(true);
    });
  }

  it('without an initial queue, arrivals wait until occupancy falls below capacity', () => {
    const days = 15;
    const node = makeNode({ arrivals: [constantRates(days, 3)], capacity: [61], los: [{ family: 'lnorm', mean: 20, median: 15 }], occupied: 68 });
    const sim = replicate(node, days, R, { seed: 69 });
    let queued = 0;
    for (let r = 0; r < R; r++) {
      const admitted = runningTotal(sim.row(r, Metric.admissions));
      const departed = runningTotal(sim.row(r, Metric.departures));
      for (let d = 0; d < days; d++) {
        // Beds in use never exceed max(capacity, patients left from the initial cohort).
        expect(admitted[d]).toBeLessThanOrEqual(Math.max(0, departed[d] - 7));
      }
      queued += sum(sim.row(r, Metric.niq));
    }
    expect(queued).toBeGreaterThan(0);
  });
});

describe('initial queue', () => {
  it('is admitted at time 0 when capacity is unrestricted: no waiting at all', () => {
    const days = 10;
    const node = makeNode({ arrivals: [constantRates(days, 3)], capacity: [1e6], los: [{ family: 'lnorm', mean: 6, median: 5 }], occupied: 5, waiting: 10 });
    const sim = replicate(node, days, R, { seed: 1 });
    for (let r = 0; r < R; r++) {
      expect(max(sim.row(r, Metric.niq))).toBe(0);
      expect(max(sim.row(r, Metric.wait))).toBe(0);
      expect(sim.row(r, Metric.admissions)[0]).toBe(10 + sim.row(r, Metric.arrivals)[0]);
      // The initial queue counts as delayed (they were waiting at time 0), nobody else.
      expect(sim.horizon(r, 'delayedAdmissions')).toBe(10);
      // They are in service from time 0: day 1 occupancy counts them (the R model's defect was not creating them).
      expect(sim.row(r, Metric.occ)[0]).toBeGreaterThan(14);
    }
  });

  it('takes the free beds at time 0 and only the rest wait', () => {
    const days = 5;
    // 5 in service, 12 beds, 10 waiting: 7 start at 0, 3 wait for departures; no referrals on day 1.
    const node = makeNode({ arrivals: [[0, 1, 1, 1, 1]], capacity: [12], los: [{ family: 'lnorm', mean: 6, median: 5 }], occupied: 5, waiting: 10 });
    const sim = replicate(node, days, R, { seed: 2 });
    let someWaited = false;
    for (let r = 0; r < R; r++) {
      const admissions = sim.row(r, Metric.admissions);
      const departures = sim.row(r, Metric.departures);
      // 7 at time 0 plus one per departure on day 1 (the queue of 3 lasts unless 3 leave).
      expect(admissions[0]).toBe(7 + Math.min(3, departures[0]));
      // Day 1 queue: 3 waiting at the start, fewer as beds free; never more.
      expect(sim.row(r, Metric.niq)[0]).toBeLessThanOrEqual(3);
      expect(sim.row(r, Metric.niq)[0]).toBeGreaterThan(0);
      if (departures[0] < 3) someWaited = true;
    }
    expect(someWaited).toBe(true);
  });

  it('with capacity 0, everyone waits and the queue is the initial queue plus the referrals so far', () => {
    const days = 30;
    const node = makeNode({ arrivals: [constantRates(days, 2)], capacity: [0], los: [{ family: 'lnorm', mean: 6, median: 5 }], occupied: 5, waiting: 3, community: 100, acuteDelay: 400 });
    const sim = replicate(node, days, R, { seed: 3 });
    for (let r = 0; r < R; r++) {
      expect(sum(sim.row(r, Metric.admissions))).toBe(0);
      expect(sim.horizon(r, 'waitingAtEnd')).toBe(3 + sum(sim.row(r, Metric.arrivals)));
      const arrivals = sim.row(r, Metric.arrivals);
      const niq = sim.row(r, Metric.niq);
      const occ = sim.row(r, Metric.occ);
      const cost = sim.row(r, Metric.cost);
      let before = 3;
      for (let d = 0; d < days; d++) {
        // Referrals of day d wait for part of it: the day average lies between the counts at its ends.
        expect(niq[d]).toBeGreaterThanOrEqual(before - 1e-9);
        expect(niq[d]).toBeLessThanOrEqual(before + arrivals[d] + 1e-9);
        before += arrivals[d];
        // Only the initial cohort is ever in service, and it only shrinks.
        expect(occ[d]).toBeLessThanOrEqual(5);
        if (d > 0) expect(occ[d]).toBeLessThanOrEqual(occ[d - 1]);
        expect(cost[d]).toBeCloseTo(niq[d] * 400 + occ[d] * 100, 9);
      }
    }
  });
});

describe('losing overflow', () => {
  it('loses instead of queuing: no queue, no waits, and every referral is admitted or lost', () => {
    const days = 60;
    const base = { arrivals: [constantRates(days, 4)], capacity: [15], los: [{ family: 'lnorm' as const, mean: 5, median: 4 }], occupied: 15, waiting: 3 };
    const losing = replicate(makeNode({ ...base, loseOverflow: true }), days, R, { seed: 4 });
    const queuing = replicate(makeNode(base), days, R, { seed: 4 });
    let lost = 0;
    for (let r = 0; r < R; r++) {
      expect(max(losing.row(r, Metric.niq))).toBe(0);
      expect(max(losing.row(r, Metric.wait))).toBe(0);
      expect(losing.horizon(r, 'waitingAtEnd')).toBe(0);
      // The initial queue finds every bed taken at time 0, so it is lost on day 1.
      expect(losing.row(r, Metric.lost)[0]).toBeGreaterThanOrEqual(3);
      expect(3 + sum(losing.row(r, Metric.arrivals))).toBe(sum(losing.row(r, Metric.admissions)) + sum(losing.row(r, Metric.lost)));
      // Same referrals as the queuing twin (common random numbers), which does queue.
      expect(Array.from(losing.row(r, Metric.arrivals))).toEqual(Array.from(queuing.row(r, Metric.arrivals)));
      expect(sum(queuing.row(r, Metric.lost))).toBe(0);
      for (const occ of losing.row(r, Metric.occ)) expect(occ).toBeLessThanOrEqual(15 + 1e-9);
      lost += sum(losing.row(r, Metric.lost));
    }
    expect(lost).toBeGreaterThan(0);
    expect(sum(queuing.map((r) => sum(queuing.row(r, Metric.niq))))).toBeGreaterThan(0);
  });
});

describe('fractional capacity', () => {
  it('rounds down: 10.9 beds behave exactly as 10, not as 11', () => {
    const days = 40;
    const node = makeNode({ arrivals: [constantRates(days, 2.2)], capacity: [10.9, 10, 11], los: [{ family: 'lnorm', mean: 5, median: 4 }], occupied: 8, waiting: 2 });
    const fractional = replicate(node, days, R, { seed: 6 }, { capacity: 0 });
    const ten = replicate(node, days, R, { seed: 6 }, { capacity: 1 });
    const eleven = replicate(node, days, R, { seed: 6 }, { capacity: 2 });
    expect(fractional.daily).toEqual(ten.daily);
    expect(fractional.horizonValues).toEqual(ten.horizonValues);
    expect(fractional.daily).not.toEqual(eleven.daily);
  });

  it('reports utilisation against the beds simulated (10 for an input of 10.9)', async () => {
    const days = 40;
    const node = makeNode({ arrivals: [constantRates(days, 2.2)], capacity: [10.9, 10], los: [{ family: 'lnorm', mean: 5, median: 4 }], occupied: 8, waiting: 2 });
    const result = await runModel({ name: 't', dates: isoDates(days), nodes: [node] }, { replications: 20, seed: 6 });
    const [fractional, ten] = result.scenarios;
    expect(fractional.horizon.meanOccupancy.mean).toBe(ten.horizon.meanOccupancy.mean);
    expect(fractional.horizon.utilisation).toBe(ten.horizon.utilisation);
    expect(ten.horizon.utilisation).toBeCloseTo(ten.horizon.meanOccupancy.mean / 10, 12);
  });
});

describe('zero capacity', () => {
  const days = 30;
  const node = (loseOverflow: boolean) =>
    makeNode({ arrivals: [constantRates(days, 3)], capacity: [0], los: [{ family: 'lnorm', mean: 5, median: 4 }], occupied: 6, waiting: 4, loseOverflow });

  it('admits nobody: the initial queue and every referral wait to the end, while the initial patients leave', () => {
    const sim = replicate(node(false), days, R, { seed: 9 });
    for (let r = 0; r < R; r++) {
      const referred = sum(sim.row(r, Metric.arrivals));
      expect(sum(sim.row(r, Metric.admissions))).toBe(0);
      expect(sim.horizon(r, 'waitingAtEnd')).toBe(referred + 4);
      expect(sim.horizon(r, 'lost')).toBe(0);
      // Nobody is admitted, so only the initial patients occupy, and never more than 6.
      expect(max(sim.row(r, Metric.occ))).toBeLessThanOrEqual(6);
    }
  });

  it('losing overflow: every referral and the initial queue are lost', () => {
    const sim = replicate(node(true), days, R, { seed: 9 });
    for (let r = 0; r < R; r++) {
      expect(sum(sim.row(r, Metric.admissions))).toBe(0);
      expect(sum(sim.row(r, Metric.lost))).toBe(sum(sim.row(r, Metric.arrivals)) + 4);
    }
  });
});
