/**
 * Per-patient figures (patientMonitor.ts): time in system, nodes visited, readmissions and
 * exit, of the patients who left the network within the horizon. Exact on a scripted
 * timeline; Little's law and the visit ratios on a random one.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { PatientFigure } from '../../../src/engine/network/patientMonitor.js';
import { exponential, fixed, meanAndSe, trace } from './helpers.js';

const TIMEOUT_MS = 120_000;

function figures(record: NetworkRecord) {
  const f = (name: keyof typeof PatientFigure) => record.patientFigures[PatientFigure[name]];
  return {
    left: f('left'),
    mean: f('timeInSystemMean'),
    percentiles: [f('timeInSystemP50'), f('timeInSystemP90'), f('timeInSystemP95')],
    nodes: f('nodesVisitedMean'),
    readmissions: f('readmissionsPer100'),
  };
}

describe('on a scripted timeline', () => {
  // A (acute, 1 bed, stay 1) -> B (1 bed, stay 2) -> D (time at home, 3) -> R (acute, stay 1) -> Home.
  // Arrival at 0: A 0-1, B 1-3, D 3-6, R 6-7, leaves at 7: 7 days in the system.
  // Arrival at 0.5: waits for A until 1, A 1-2, blocked in A until B frees at 3, B 3-5, D 5-8,
  // R 8-9, leaves at 9: 8.5 days. Arrival at 15: A 15-16, B 16-18, D 18-21: still in the network
  // at day 20, so censored. Each who left had 4 stays, one of them a readmission (R).
  const model: NetworkModel = {
    days: 20,
    nodes: [
      { id: 'A', kind: 'acute', capacity: 1, arrivalTimes: [0, 0.5, 15], los: fixed(1) },
      { id: 'B', kind: 'bed', capacity: 1, los: fixed(2) },
      { id: 'D', kind: 'delay', los: fixed(3) },
      { id: 'R', kind: 'acute', capacity: 5, los: fixed(1) },
      { id: 'Home', kind: 'exit' },
    ],
    edges: [
      { from: 'A', to: 'B', probability: 1 },
      { from: 'B', to: 'D', probability: 1 },
      { from: 'D', to: 'R', probability: 1 },
      { from: 'R', to: 'Home', probability: 1 },
    ],
  };
  const { record } = trace(model);

  it('counts only the patients who left, each from their arrival', () => {
    const f = figures(record);
    expect(f.left).toBe(2);
    expect(f.mean).toBe(7.75);
    // Type 7 over [7, 8.5]: 7 + 1.5 p.
    expect(f.percentiles[0]).toBeCloseTo(7.75, 12);
    expect(f.percentiles[1]).toBeCloseTo(8.35, 12);
    expect(f.percentiles[2]).toBeCloseTo(8.425, 12);
  });

  it('counts stays and readmissions (a stay at an acute node after an earlier stay)', () => {
    const f = figures(record);
    expect(f.nodes).toBe(4);
    expect(f.readmissions).toBe(100);
  });

  it('gives the mean time in system by exit, NaN for an exit nobody took', () => {
    expect(record.timeInSystemByExit[4]).toBe(7.75);
    expect(record.timeInSystemByExit[5]).toBeNaN();
    expect(record.timeInSystemByExit[0]).toBeNaN();
  });

  it('leaves nobody counted when nobody left', () => {
    const { record: early } = trace({ ...model, days: 6, nodes: model.nodes.map((node) => (node.id === 'A' ? { ...node, arrivalTimes: [0, 0.5] } : node)) });
    const f = figures(early);
    expect(f.left).toBe(0);
    expect(f.mean).toBeNaN();
    expect(f.nodes).toBeNaN();
  });
});

describe('patients present at time 0 and the implicit exit', () => {
  it('enter at 0, and one leaving a node with no onward route counts under the implicit exit', () => {
    // Two patients in X at time 0 with a fixed stay of 3 (residual stays of a fixed stay are
    // drawn, so only their exit times are known to lie in (0, 3]); X has no onward route.
    const { record } = trace({ days: 10, nodes: [{ id: 'X', kind: 'bed', capacity: 2, initialOccupied: 2, los: fixed(3) }], edges: [] });
    const f = figures(record);
    expect(f.left).toBe(2);
    expect(f.mean).toBeGreaterThan(0);
    expect(f.mean).toBeLessThanOrEqual(3);
    expect(f.nodes).toBe(1);
    expect(f.readmissions).toBe(0);
    expect(record.timeInSystemByExit[1]).toBe(f.mean);
  });
});

describe('on a random network', () => {
  it('mean stays per patient match the visit ratios, and readmissions the loop', { timeout: TIMEOUT_MS }, () => {
    // Acute -> P2 (0.5) or Home; P2 -> AtHome (0.4) or Home; AtHome -> Acute. Unlimited beds, so
    // a patient's number of acute stays is geometric: each acute stay leads back with probability
    // 0.5 x 0.4 = 0.2. Expected acute stays 1 / 0.8 = 1.25, readmissions 0.25 a patient (25 per
    // 100), P2 stays 0.5 x 1.25 and AtHome stays 0.2 x 1.25: 2.125 stays a patient. Patients who
    // left within the horizon are biased toward short journeys (censoring), slightly, with a
    // horizon of 2,000 days and journeys of about 20 days. Tolerance: 4 standard errors across
    // 20 replications, plus 1 % for that bias.
    const days = 2000;
    const model: NetworkModel = {
      days,
      nodes: [
        { id: 'Acute', kind: 'acute', arrivals: new Array(days).fill(5), los: exponential(3) },
        { id: 'P2', kind: 'bed', los: exponential(10) },
        { id: 'AtHome', kind: 'delay', los: exponential(12) },
        { id: 'Home', kind: 'exit' },
      ],
      edges: [
        { from: 'Acute', to: 'P2', probability: 0.5 },
        { from: 'Acute', to: 'Home', probability: 0.5 },
        { from: 'P2', to: 'AtHome', probability: 0.4 },
        { from: 'P2', to: 'Home', probability: 0.6 },
        { from: 'AtHome', to: 'Acute', probability: 1 },
      ],
    };
    const simulator = new NetworkSimulator(compileNetwork(model));
    const nodes: number[] = [];
    const readmissions: number[] = [];
    const times: number[] = [];
    for (let r = 0; r < 20; r++) {
      const f = figures(simulator.simulate(5, r));
      nodes.push(f.nodes);
      readmissions.push(f.readmissions);
      times.push(f.mean);
    }
    const near = (values: number[], expected: number) => {
      const { mean, se } = meanAndSe(values);
      expect(Math.abs(mean - expected)).toBeLessThanOrEqual(4 * se + 0.01 * expected);
    };
    near(nodes, 2.125);
    near(readmissions, 25);
    // Time in system: 1.25 x 3 acute days + 0.625 x 10 in P2 + 0.25 x 12 at home = 13 days.
    near(times, 13);
  });
});
