/**
 * Arrival stays worked out on admission (staysLater.ts): a stay taken later from the uniform
 * drawn ahead is bit for bit the stay sampleLos draws from the same stream (every family), and
 * a simulator working out only the stays its admitted arrivals need gives the records of one
 * drawing every stay ahead (the kept-draws path, which still does), on networks whose
 * overloaded nodes lose arrivals or leave them queued at the horizon.
 */
import { describe, expect, it } from 'vitest';
import { fitLos, sampleLos } from '../../../src/engine/lengthOfStay.js';
import type { LosFamily } from '../../../src/engine/model.js';
import { ArrivalDrawsCache } from '../../../src/engine/network/arrivalDraws.js';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { drawUniforms, STAYS_A_BATCH, staysFromUniforms } from '../../../src/engine/network/staysLater.js';
import { createStream, hashString, StreamPurpose } from '../../../src/engine/random.js';

const SEED = 20261207;
const KEY = hashString('stays later');

const FAMILIES: Array<{ family: LosFamily; mean: number; sd?: number; median?: number }> = [
  { family: 'lnorm', mean: 5, sd: 6 },
  { family: 'exp', mean: 300 },
  { family: 'norm', mean: 4, sd: 3 },
  { family: 'gamma', mean: 10, sd: 5 },
  { family: 'weibull', mean: 12, sd: 18 },
  { family: 'unif', mean: 6, sd: 2 },
];

describe('staysFromUniforms', () => {
  for (const scenario of FAMILIES) {
    it(`gives one sampleLos per stay from the uniforms drawn ahead, ${scenario.family}`, () => {
      const distribution = fitLos(scenario);
      const count = 3_000;
      const values = new Float64Array(count + 1).fill(-1);
      drawUniforms(createStream(SEED, KEY, 0, StreamPurpose.LengthOfStay), values, count);
      // Worked out in uneven pieces, out of order, as admissions ask: each is the same wherever it falls.
      const cuts = [0, 17, 17 + STAYS_A_BATCH, 1_000, 2_999, count];
      for (const i of [3, 1, 0, 4, 2]) staysFromUniforms(distribution, values, cuts[i], cuts[i + 1]);
      const oneByOne = createStream(SEED, KEY, 0, StreamPurpose.LengthOfStay);
      let mismatches = 0;
      for (let i = 0; i < count; i++) if (!Object.is(values[i], sampleLos(distribution, oneByOne))) mismatches++;
      expect(mismatches).toBe(0);
      expect(values[count]).toBe(-1);
    });
  }
});

/** Every figure of a record, copied (the simulator reuses its record). */
function snapshot(record: NetworkRecord): unknown[] {
  const arrays = [record.values, record.initial, record.stockAtEnd, record.flows, record.visits, record.waits, record.blockedUpstream, record.externalQueue, record.delayedAdmissions, record.waitingAtEnd, record.timePercentiles, record.patientFigures, record.timeInSystemByExit, record.blockedBedDaysByCause];
  return [...arrays.map((array) => Array.from(array, (v) => (Object.is(v, -0) ? '-0' : String(v)))), record.externalArrivals, record.initialTotal, record.exits, record.lost, record.deadlocks, record.forcedAdmissions];
}

/** Admission stays as the observer sees them, and each replication's record. */
function run(network: NetworkModel, cache: ArrivalDrawsCache | undefined): { stays: number[]; records: unknown[][]; queuedAtEnd: number } {
  const simulator = new NetworkSimulator(compileNetwork(network), { keptArrivals: cache });
  const stays: number[] = [];
  const observer = { admitted: (_origin: number, _ordinal: number, _node: number, _time: number, stay: number) => void stays.push(stay) };
  const records: unknown[][] = [];
  let queuedAtEnd = 0;
  for (const replication of [0, 1, 2]) {
    const record = simulator.simulate(SEED, replication, observer);
    records.push(snapshot(record));
    queuedAtEnd += record.waitingAtEnd[0];
  }
  return { stays, records, queuedAtEnd };
}

/** An acute node fed beyond its beds, blocked by a small P2 and P3, in `family`; patients present at time 0 unless it warms up. */
function overloaded(family: LosFamily, queueExternal: number | undefined, warmupDays: number): NetworkModel {
  const los = family === 'exp' ? { family, mean: 5 } : { family, mean: 5, sd: 4 };
  return {
    days: 60,
    warmupDays,
    nodes: [
      { id: 'Acute', kind: 'acute', capacity: 60, queueExternal, arrivals: new Array(60).fill(16), los, ...(warmupDays > 0 ? {} : { initialOccupied: 40, initialDtoc: 3 }) },
      { id: 'P2', kind: 'bed', capacity: 12, los: { family: 'lnorm', mean: 20, sd: 10 } },
      { id: 'P3', kind: 'bed', capacity: 8, queueInternal: 2, los: { family: 'lnorm', mean: 25, sd: 12 } },
      { id: 'Home', kind: 'delay', los: { family: 'exp', mean: 10 } },
      { id: 'Exit', kind: 'exit' },
    ],
    edges: [
      { from: 'Acute', to: 'Exit', probability: 0.7 },
      { from: 'Acute', to: 'P2', probability: 0.2 },
      { from: 'Acute', to: 'P3', probability: 0.1 },
      { from: 'P2', to: 'Exit', probability: 1 },
      { from: 'P3', to: 'Exit', probability: 0.8 },
      { from: 'P3', to: 'Home', probability: 0.2 },
      { from: 'Home', to: 'Acute', probability: 0.3 },
      { from: 'Home', to: 'Exit', probability: 0.7 },
    ],
  };
}

describe('a simulator working out arrival stays on admission', () => {
  const cases: Array<[string, NetworkModel]> = [
    ['an unlimited queue left long at the horizon', overloaded('lnorm', undefined, 0)],
    ['a queue of 30 places, losing the rest, after a warm-up', overloaded('lnorm', 30, 20)],
    ['a loss node (no queue)', overloaded('gamma', 0, 0)],
    ['exponential stays, a short queue', overloaded('exp', 5, 10)],
  ];
  for (const [name, network] of cases) {
    it(`gives the records and stays of drawing every stay ahead: ${name}`, () => {
      const later = run(network, undefined);
      const ahead = run(network, new ArrivalDrawsCache());
      expect(later.stays.length).toBeGreaterThan(1000);
      expect(later.stays).toEqual(ahead.stays);
      expect(later.records).toEqual(ahead.records);
    });
  }

  it('leaves stays unworked that nobody needs (the cases above do lose or keep waiting arrivals)', () => {
    const unlimited = run(overloaded('lnorm', undefined, 0), undefined);
    expect(unlimited.queuedAtEnd).toBeGreaterThan(STAYS_A_BATCH);
    const simulator = new NetworkSimulator(compileNetwork(overloaded('gamma', 0, 0)));
    expect(simulator.simulate(SEED, 0).lost).toBeGreaterThan(100);
  });
});
