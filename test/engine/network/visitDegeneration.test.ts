/**
 * Spec section 3 for visit nodes: the network simulator forced onto an isolated P1 node
 * reproduces today's visit model (visitNode.ts) day by day, because it reads the same streams
 * in the same order (arrivals stream for referrals; k-th referral's stay = k-th draw of the
 * LOS stream; visit rates in pairs from the visit-rate stream, patients in service first,
 * then the initial queue, then referrals; the initial-state stream for the patients present
 * at time 0) and books every plan by the same first-fit rule, in referral order.
 *
 * Each patient's start day is compared through the mean wait of the patients starting each
 * day (visitNode's `wait` row); slots used through `visits` (visitNode's occ is slots used
 * divided by the mean visits a patient needs a day).
 */
import { describe, expect, it } from 'vitest';
import { dayIndexOf } from '../../../src/engine/arrivals.js';
import { Metric } from '../../../src/engine/dailyRecord.js';
import type { LosScenario } from '../../../src/engine/model.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { hashString } from '../../../src/engine/random.js';
import { visitScenario } from '../../../src/engine/replications.js';
import { VisitNodeSimulator } from '../../../src/engine/visitNode.js';
import { makeNode, scenarioKey } from '../helpers.js';
import { NetworkMetric } from './helpers.js';

const DAYS = 120;
const SEED = 2024;
const ID = 'P1_X';
const los: Omit<LosScenario, 'name'> = { family: 'lnorm', mean: 10, median: 7, initialVisitRate: 4, finalVisitRate: 1 };
const rates = Array.from({ length: DAYS }, (_, d) => 3 + 2 * Math.sin(d / 9));

const cases = [
  { name: 'no caseload', caseload: 0, occupied: 0, waiting: 3 },
  { name: 'a fraction of a patient (one slot a day)', caseload: 0.5, occupied: 1, waiting: 2 },
  { name: 'a small team', caseload: 6, occupied: 4, waiting: 5 },
  { name: 'a team under pressure, overfilled at the start', caseload: 18.5, occupied: 30, waiting: 10 },
  { name: 'a team with room', caseload: 45, occupied: 20, waiting: 0 },
  { name: 'unrestricted', caseload: Infinity, occupied: 12, waiting: 4 },
];

function daysOfService(record: { row: (node: number, metric: number) => Float64Array }): number[] {
  return Array.from(record.row(0, NetworkMetric.occ));
}

describe("an isolated visit node in the network simulator is today's visit model", () => {
  for (const c of cases) {
    it(c.name, () => {
      const node = makeNode({ id: ID, pathway: 'P1', arrivals: [rates], capacity: [c.caseload], los: [los], occupied: c.occupied, waiting: c.waiting });
      const scenario = visitScenario(node, scenarioKey(node), { seed: SEED, compat: 'none', initialResidual: 'ipacs' });
      const today = new VisitNodeSimulator(DAYS);
      const network = new NetworkSimulator(
        compileNetwork({
          days: DAYS,
          nodes: [
            {
              id: ID,
              kind: 'visit',
              capacity: Number.isFinite(c.caseload) ? c.caseload : undefined,
              arrivals: rates,
              los,
              initialOccupied: c.occupied,
              initialDtoc: c.waiting,
            },
          ],
          edges: [],
        }),
      );
      const meanVisits = (los.initialVisitRate! + los.finalVisitRate!) / 2;
      for (let replication = 0; replication < 3; replication++) {
        const old = today.simulate(scenario, SEED, hashString(ID), replication);
        const referredOn = new Map<number, number>();
        const waitSum = new Float64Array(DAYS);
        const onCaseload = new Float64Array(DAYS);
        const record = network.simulate(SEED, replication, {
          arrived: (_origin, ordinal, t) => referredOn.set(ordinal, dayIndexOf(t)),
          // At a visit node: the start of the first visit day (day index `first`), and whole days of visits.
          admitted: (_origin, ordinal, _node, first, days) => {
            expect(Number.isInteger(first) && Number.isInteger(days) && days >= 1).toBe(true);
            for (let d = first; d < Math.min(DAYS, first + days); d++) onCaseload[d]++;
            if (ordinal >= c.occupied) waitSum[first] += first - (referredOn.get(ordinal) ?? 0);
          },
        });
        const pairs: [number, number][] = [
          [Metric.arrivals, NetworkMetric.arrivals_external],
          [Metric.admissions, NetworkMetric.admissions],
          [Metric.departures, NetworkMetric.departures],
          [Metric.niq, NetworkMetric.niq],
        ];
        for (const [was, now] of pairs) expect(Array.from(record.row(0, now)), `replication ${replication} metric ${was}`).toEqual(Array.from(old.row(was)));
        const admissions = record.row(0, NetworkMetric.admissions);
        const visits = record.visitsRow(0);
        for (let d = 0; d < DAYS; d++) {
          expect(visits[d] / meanVisits, `occ on day ${d + 1}`).toBe(old.row(Metric.occ)[d]);
          expect(admissions[d] > 0 ? waitSum[d] / admissions[d] : 0, `wait on day ${d + 1}`).toBe(old.row(Metric.wait)[d]);
          expect(admissions[d] > 0 ? record.waitsRow(0)[d] / admissions[d] : 0, `recorded wait on day ${d + 1}`).toBe(old.row(Metric.wait)[d]);
        }
        // occ of a visit node counts patients on the caseload each day, whatever their plan.
        expect(daysOfService(record)).toEqual(Array.from(onCaseload));
        expect(record.row(0, NetworkMetric.blocked).every((x) => x === 0)).toBe(true);
        expect(record.row(0, NetworkMetric.capacity).every((x) => x === (Number.isFinite(c.caseload) ? c.caseload : Infinity))).toBe(true);
        // Not vacuous: referrals wait where the caseload is short, and nobody waits where it is not.
        const queued = record.row(0, NetworkMetric.niq).reduce((a, b) => a + b, 0);
        if (c.caseload < 40) expect(queued).toBeGreaterThan(0);
        if (c.caseload === Infinity) expect(queued).toBe(0);
      }
    });
  }
});
