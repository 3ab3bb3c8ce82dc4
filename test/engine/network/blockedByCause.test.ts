/**
 * Blocked bed-days by cause: the bed-days held at one node by patients waiting for one onward
 * node. Checked exactly on a scripted timeline, and on random runs against two identities the
 * simulator's other records must satisfy: summed over what they waited for, a node's causes are
 * its `blocked` level summed over the horizon; summed over where they were held, a target's
 * causes are the patients blocked upstream waiting for it. In the network below those two
 * identities determine every cause, so a cause booked to the wrong pair fails them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { simulateComponent } from '../../../src/engine/network/componentRun.js';
import { componentTask, plannedComponentScenarios } from '../../../src/engine/network/componentTask.js';
import { validateModel } from '../../../src/engine/modelSchema.js';
import { exponential, fixed, NetworkMetric, total, trace, TWO_SOURCES_ONE_BED } from './helpers.js';

/** Sums of daily means are sums of a few hundred doubles: equal to well within this. */
const RELATIVE = 1e-9;

function cause(record: NetworkRecord, at: number, waitingFor: number): number {
  return record.blockedBedDaysByCause[at * record.nodeCount + waitingFor];
}

describe('blocked bed-days by cause on a scripted timeline', () => {
  const { record } = trace(TWO_SOURCES_ONE_BED);

  it('books each blocked stay to the node held and the node waited for', () => {
    expect(cause(record, 0, 1)).toBeCloseTo(3.05 - 1.2 + (9.05 - 1.6), 12);
    expect(cause(record, 2, 1)).toBeCloseTo(6.05 - 1.5, 12);
    expect(cause(record, 1, 0)).toBe(0);
    expect(cause(record, 0, 2)).toBe(0);
  });

  it('counts a stay still blocked at the end of the horizon up to the end only', () => {
    const { record: cut } = trace({
      days: 5,
      nodes: [
        { id: 'A', kind: 'acute', capacity: 3, arrivalTimes: [0.2], los: fixed(1) },
        { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [0.05], los: fixed(30) },
      ],
      edges: [{ from: 'A', to: 'B', probability: 1 }],
    });
    expect(cause(cut, 0, 1)).toBeCloseTo(5 - 1.2, 12);
  });
});

describe('blocked bed-days by cause on random runs', () => {
  // U1 sends patients to B1 or B2 at random, U2 to B1 only; both targets are short of beds.
  const model: NetworkModel = {
    days: 120,
    nodes: [
      { id: 'U1', kind: 'acute', capacity: 40, arrivals: Array(120).fill(3), los: exponential(2) },
      { id: 'U2', kind: 'bed', capacity: 30, arrivals: Array(120).fill(2), los: exponential(3) },
      { id: 'B1', kind: 'bed', capacity: 12, los: exponential(4) },
      { id: 'B2', kind: 'bed', capacity: 5, los: exponential(5) },
    ],
    edges: [
      { from: 'U1', to: 'B1', probability: 0.6 },
      { from: 'U1', to: 'B2', probability: 0.4 },
      { from: 'U2', to: 'B1', probability: 1 },
    ],
  };
  const simulator = new NetworkSimulator(compileNetwork(model));
  const [U1, U2, B1, B2] = [0, 1, 2, 3];

  it('every cause agrees with the blocked levels held and the patients waiting upstream, replication by replication', () => {
    for (let r = 0; r < 5; r++) {
      const record = simulator.simulate(7, r);
      const blockedAt = (node: number) => total(record.row(node, NetworkMetric.blocked));
      const waitingUpstream = (node: number) => total(record.nodeRow(record.blockedUpstream, node));
      expect(cause(record, U1, B2)).toBeGreaterThan(0);
      expect(cause(record, U2, B1)).toBeGreaterThan(0);
      expect(cause(record, U1, B2)).toBeCloseTo(waitingUpstream(B2), -Math.log10(RELATIVE * waitingUpstream(B2)));
      expect(cause(record, U2, B1)).toBeCloseTo(blockedAt(U2), -Math.log10(RELATIVE * blockedAt(U2)));
      const rest = blockedAt(U1) - cause(record, U1, B2);
      expect(cause(record, U1, B1)).toBeCloseTo(rest, -Math.log10(RELATIVE * blockedAt(U1)));
      expect(cause(record, U1, B1) + cause(record, U2, B1)).toBeCloseTo(waitingUpstream(B1), -Math.log10(RELATIVE * waitingUpstream(B1)));
      expect(cause(record, U2, B2)).toBe(0);
    }
  });
});

describe('the component summary', () => {
  it('lists the pairs where anyone was blocked, in model order, with the mean of the replications', () => {
    const parsed = validateModel(JSON.parse(readFileSync(new URL('../../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
    const replications = 3;
    const task = componentTask(parsed.model, plannedComponentScenarios(parsed.model)[0], { seed: 11, initialResidual: 'ipacs' }, replications);
    const network = compileNetwork(task.network);
    const simulator = new NetworkSimulator(network);
    const n = network.ids.length;
    const sums = new Float64Array(n * n);
    for (let r = 0; r < replications; r++) simulator.simulate(task.seed, r).blockedBedDaysByCause.forEach((value, pair) => (sums[pair] += value));
    const expected = [...sums.keys()].filter((pair) => sums[pair] !== 0).map((pair) => [network.ids[Math.floor(pair / n)], network.ids[pair % n], sums[pair] / replications]);
    const summary = simulateComponent(task);
    expect(expected.length).toBeGreaterThan(1);
    expect(summary.blockedByCause.map((c) => [c.at, c.waitingFor, c.bedDays.mean])).toEqual(expected);
  });
});
