/**
 * A check from theory for visit nodes: with an unrestricted caseload every referral starts on
 * its referral day, so the caseload is an infinite-server system counted by whole days. A
 * patient referred on day j is on it on days j .. j + L - 1, so in steady state the expected
 * caseload on a day is lambda x sum_k P(L > k) = lambda x E[L], and E[L] is the stated mean
 * (whole-day stays are stretched to keep it). The same holds downstream of a bed node whose
 * output is again Poisson (infinite beds). Tolerance: 4 standard errors across replications.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { exponential, meanAndSe, NetworkMetric, total } from './helpers.js';

const DAYS = 260;
/** Days before steady state: far beyond the stays (mean 10) that the average starts after. */
const FROM = 100;
const LAMBDA = 3;
const MEAN_STAY = 10;
const REPLICATIONS = 40;
const Z = 4;

function meanCaseload(model: NetworkModel, node: number): { mean: number; se: number } {
  const simulator = new NetworkSimulator(compileNetwork(model));
  const means: number[] = [];
  for (let r = 0; r < REPLICATIONS; r++) {
    const record = simulator.simulate(31, r);
    means.push(total(record.row(node, NetworkMetric.occ), FROM) / (DAYS - FROM));
    // Nobody waits for an unrestricted caseload.
    expect(total(record.row(node, NetworkMetric.niq))).toBe(0);
  }
  return meanAndSe(means);
}

const visitLos = { family: 'lnorm' as const, mean: MEAN_STAY, median: 7, initialVisitRate: 4, finalVisitRate: 1 };

describe('an unrestricted visit node is an infinite-server system by whole days', () => {
  it('fed from outside: mean caseload lambda x mean stay (4 standard errors)', () => {
    const { mean, se } = meanCaseload({ days: DAYS, nodes: [{ id: 'P1', kind: 'visit', arrivals: new Array<number>(DAYS).fill(LAMBDA), los: visitLos }], edges: [] }, 0);
    expect(Math.abs(mean - LAMBDA * MEAN_STAY)).toBeLessThan(Z * se);
    expect(se).toBeLessThan(1);
  });

  it('fed by a bed node with unlimited beds: the same (4 standard errors)', () => {
    const { mean, se } = meanCaseload(
      {
        days: DAYS,
        nodes: [
          { id: 'acute', kind: 'acute', arrivals: new Array<number>(DAYS).fill(LAMBDA), los: exponential(2) },
          { id: 'P1', kind: 'visit', los: visitLos },
        ],
        edges: [{ from: 'acute', to: 'P1', probability: 1 }],
      },
      1,
    );
    expect(Math.abs(mean - LAMBDA * MEAN_STAY)).toBeLessThan(Z * se);
    expect(se).toBeLessThan(1);
  });
});
