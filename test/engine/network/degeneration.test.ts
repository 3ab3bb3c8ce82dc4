/**
 * Spec section 3: the network simulator forced onto an isolated bed node reproduces today's
 * bed model (bedNode.ts) patient by patient, because it reads the same streams the same way
 * (arrivals stream; k-th arrival's stay = k-th draw of the LOS stream; initial-state stream
 * for the residual stays, then for the initial queue's stays; a loss node loses the initial
 * queue it cannot admit at time 0). Each patient's admission time is compared through the mean wait
 * of the patients admitted each day (bedNode's `wait` row), and every daily row agrees.
 */
import { describe, expect, it } from 'vitest';
import { dayIndexOf } from '../../../src/engine/arrivals.js';
import { BedNodeSimulator, type BedScenario } from '../../../src/engine/bedNode.js';
import { Metric } from '../../../src/engine/dailyRecord.js';
import { fitLos } from '../../../src/engine/lengthOfStay.js';
import { compileNetwork } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { hashString } from '../../../src/engine/random.js';
import { NetworkMetric } from './helpers.js';

const DAYS = 120;
const SEED = 2024;
const ID = 'P2_X';
const los = { family: 'lnorm' as const, mean: 6, median: 4.5 };
const rates = Array.from({ length: DAYS }, (_, d) => 3 + 2 * Math.sin(d / 9));

const cases = [
  { name: 'no beds', capacity: 0, initialOccupied: 0, waiting: 0, lose: false },
  { name: 'one bed', capacity: 1, initialOccupied: 1, waiting: 0, lose: false },
  { name: '18 beds', capacity: 18, initialOccupied: 10, waiting: 0, lose: false },
  { name: '18 beds, 25 patients at the start', capacity: 18, initialOccupied: 25, waiting: 0, lose: false },
  { name: '18 beds with loss', capacity: 18, initialOccupied: 12, waiting: 0, lose: true },
  { name: 'unrestricted', capacity: Infinity, initialOccupied: 8, waiting: 0, lose: false },
  { name: 'no beds, an initial queue', capacity: 0, initialOccupied: 0, waiting: 3, lose: false },
  { name: '18 beds, 16 in service and 5 waiting', capacity: 18, initialOccupied: 16, waiting: 5, lose: false },
  { name: '18 beds, 25 in service and 4 waiting', capacity: 18, initialOccupied: 25, waiting: 4, lose: false },
  { name: '18 beds with loss, 16 in service and 5 waiting', capacity: 18, initialOccupied: 16, waiting: 5, lose: true },
  { name: 'unrestricted, an initial queue', capacity: Infinity, initialOccupied: 8, waiting: 6, lose: false },
];

describe('an isolated bed node in the network simulator is today\'s bed model', () => {
  for (const c of cases) {
    it(c.name, () => {
      const scenario: BedScenario = {
        rates: Float64Array.from(rates),
        arrivalProfile: undefined,
        stayProfile: undefined,
        capacity: c.capacity,
        los: fitLos(los),
        initialOccupied: c.initialOccupied,
        initialWaiting: c.waiting,
        communityCost: 0,
        acuteDelayCost: 0,
        loseOverflow: c.lose,
        initialResidual: 'ipacs',
      };
      const bed = new BedNodeSimulator(DAYS);
      const network = new NetworkSimulator(
        compileNetwork({
          days: DAYS,
          nodes: [
            {
              id: ID,
              kind: 'bed',
              capacity: Number.isFinite(c.capacity) ? c.capacity : undefined,
              queueExternal: c.lose ? 0 : undefined,
              arrivals: rates,
              los,
              initialOccupied: c.initialOccupied,
              initialDtoc: c.waiting,
            },
          ],
          edges: [],
        }),
      );
      for (let replication = 0; replication < 3; replication++) {
        const today = bed.simulate(scenario, SEED, hashString(ID), replication);
        const arrivedAt = new Map<number, number>();
        const waitSum = new Float64Array(DAYS);
        const record = network.simulate(SEED, replication, {
          arrived: (_origin, ordinal, t) => arrivedAt.set(ordinal, t),
          // The initial queue waits from time 0; patients in service at time 0 are not admissions.
          admitted: (_origin, ordinal, _node, t) => {
            const arrival = arrivedAt.get(ordinal) ?? (ordinal >= c.initialOccupied ? 0 : undefined);
            if (arrival !== undefined) waitSum[dayIndexOf(t)] += t - arrival;
          },
        });
        const pairs: [number, number][] = [
          [Metric.arrivals, NetworkMetric.arrivals_external],
          [Metric.admissions, NetworkMetric.admissions],
          [Metric.departures, NetworkMetric.departures],
          [Metric.lost, NetworkMetric.lost],
        ];
        for (const [old, now] of pairs) expect(Array.from(record.row(0, now)), `replication ${replication} metric ${old}`).toEqual(Array.from(today.row(old)));
        const admissions = record.row(0, NetworkMetric.admissions);
        for (let d = 0; d < DAYS; d++) {
          expect(record.row(0, NetworkMetric.occ)[d]).toBeCloseTo(today.row(Metric.occ)[d], 9);
          expect(record.row(0, NetworkMetric.niq)[d]).toBeCloseTo(today.row(Metric.niq)[d], 9);
          expect(admissions[d] > 0 ? waitSum[d] / admissions[d] : 0).toBeCloseTo(today.row(Metric.wait)[d], 9);
          // The record's own waits give the same mean wait.
          expect(admissions[d] > 0 ? record.waitsRow(0)[d] / admissions[d] : 0).toBeCloseTo(today.row(Metric.wait)[d], 9);
        }
        expect(record.row(0, NetworkMetric.blocked).every((x) => x === 0)).toBe(true);
        // The comparison is not vacuous: patients queue, or are lost, where the beds are finite.
        const sumOf = (row: Float64Array) => row.reduce((a, b) => a + b, 0);
        if (Number.isFinite(c.capacity)) expect(sumOf(record.row(0, c.lose ? NetworkMetric.lost : NetworkMetric.niq))).toBeGreaterThan(0);
      }
    });
  }
});
