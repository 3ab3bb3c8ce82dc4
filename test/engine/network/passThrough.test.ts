/**
 * Spec section 3's second degeneration: an acute node with unlimited beds and a zero stay
 * feeding P2_X gives P2_X's admissions of today's bed model (bedNode.ts) day by day, and the
 * acute node's blocked patients (the delayed discharges) are today's niq (patients waiting in
 * acute). It holds because such a pass-through's patients draw as P2_X's referrals would:
 * arrival times from P2_X's arrivals stream, the k-th arrival's P2 stay from P2_X's LOS
 * stream, and the initial queue's stays from P2_X's initial-state stream after its patients
 * in service (see findPassThroughs).
 */
import { describe, expect, it } from 'vitest';
import { BedNodeSimulator, type BedScenario } from '../../../src/engine/bedNode.js';
import { Metric } from '../../../src/engine/dailyRecord.js';
import { fitLos } from '../../../src/engine/lengthOfStay.js';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { hashString } from '../../../src/engine/random.js';
import { fixed, NetworkMetric, total } from './helpers.js';

const DAYS = 120;
const SEED = 77;
const los = { family: 'lnorm' as const, mean: 6, median: 4.5 };
const rates = Array.from({ length: DAYS }, (_, d) => 3 + 2 * Math.sin(d / 9));
const ZERO_STAY = fixed(0);

const cases = [
  { name: 'no beds', capacity: 0, occupied: 0, waiting: 2 },
  { name: 'one bed', capacity: 1, occupied: 1, waiting: 1 },
  { name: '18 beds', capacity: 18, occupied: 10, waiting: 4 },
  { name: '18 beds, 25 patients at the start', capacity: 18, occupied: 25, waiting: 3 },
  { name: 'unrestricted', capacity: Infinity, occupied: 8, waiting: 2 },
];

function network(capacity: number, occupied: number, waiting: number): NetworkModel {
  return {
    days: DAYS,
    nodes: [
      { id: 'Acute_X', kind: 'acute', arrivals: rates, los: ZERO_STAY },
      { id: 'P2_X', kind: 'bed', capacity: Number.isFinite(capacity) ? capacity : undefined, los, initialOccupied: occupied, initialDtoc: waiting },
    ],
    edges: [{ from: 'Acute_X', to: 'P2_X', probability: 1 }],
  };
}

describe("acute with unlimited beds and zero stay feeding P2_X is today's P2_X", () => {
  for (const c of cases) {
    it(c.name, () => {
      const scenario: BedScenario = {
        rates: Float64Array.from(rates),
        arrivalProfile: undefined,
        stayProfile: undefined,
        capacity: c.capacity,
        los: fitLos(los),
        initialOccupied: c.occupied,
        initialWaiting: c.waiting,
        communityCost: 0,
        acuteDelayCost: 0,
        loseOverflow: false,
        initialResidual: 'ipacs',
      };
      const today = new BedNodeSimulator(DAYS);
      const compiled = compileNetwork(network(c.capacity, c.occupied, c.waiting));
      expect(Array.from(compiled.passThrough)).toEqual([1, -1]);
      const simulator = new NetworkSimulator(compiled);
      for (let replication = 0; replication < 3; replication++) {
        const old = today.simulate(scenario, SEED, hashString('P2_X'), replication);
        const record = simulator.simulate(SEED, replication);
        expect(Array.from(record.row(1, NetworkMetric.admissions)), `admissions, replication ${replication}`).toEqual(Array.from(old.row(Metric.admissions)));
        expect(Array.from(record.row(1, NetworkMetric.departures))).toEqual(Array.from(old.row(Metric.departures)));
        expect(Array.from(record.row(0, NetworkMetric.arrivals_external))).toEqual(Array.from(old.row(Metric.arrivals)));
        const blocked = record.row(0, NetworkMetric.blocked);
        const occ = record.row(1, NetworkMetric.occ);
        for (let d = 0; d < DAYS; d++) {
          expect(blocked[d], `acute blocked = today's niq, day ${d + 1}`).toBeCloseTo(old.row(Metric.niq)[d], 9);
          expect(occ[d], `occ, day ${d + 1}`).toBeCloseTo(old.row(Metric.occ)[d], 9);
          const admitted = record.row(1, NetworkMetric.admissions)[d];
          expect(admitted > 0 ? record.waitsRow(1)[d] / admitted : 0, `wait, day ${d + 1}`).toBeCloseTo(old.row(Metric.wait)[d], 9);
        }
        // Not vacuous: patients do wait in acute where P2 is finite.
        if (Number.isFinite(c.capacity)) expect(total(blocked)).toBeGreaterThan(0);
        else expect(total(blocked)).toBe(0);
      }
    });
  }

  it('is not a pass-through (and draws as any acute node) with finite beds, a stay, or a second edge', () => {
    const base = network(5, 0, 0);
    const finite = { ...base, nodes: [{ ...base.nodes[0], capacity: 50 }, base.nodes[1]] };
    const staying = { ...base, nodes: [{ ...base.nodes[0], los: fixed(0.5) }, base.nodes[1]] };
    const split = {
      ...base,
      nodes: [...base.nodes, { id: 'home', kind: 'exit' as const }],
      edges: [
        { from: 'Acute_X', to: 'P2_X', probability: 0.5 },
        { from: 'Acute_X', to: 'home', probability: 0.5 },
      ],
    };
    for (const model of [finite, staying, split]) expect(compileNetwork(model).passThrough[0]).toBe(-1);
  });
});
