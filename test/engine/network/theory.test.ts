/**
 * The network simulator against queueing theory. Each replication starts empty and runs
 * DAYS days; the first WARM_UP are discarded (relaxation times here are a few days).
 * Replications are i.i.d., so each statistic's standard error is its across-replication
 * sd / sqrt(R), and every check is |estimate - theory| < 4 SE.
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { erlangB, erlangC } from '../helpers.js';
import { exponential, meanAndSe, NetworkMetric, total } from './helpers.js';

const Z = 4;

function constant(days: number, rate: number): number[] {
  return new Array<number>(days).fill(rate);
}

/** Runs R replications, handing each record to `measure`. */
function replicate(model: NetworkModel, replications: number, seed: number, measure: (record: NetworkRecord, replication: number) => void): void {
  const simulator = new NetworkSimulator(compileNetwork(model));
  for (let r = 0; r < replications; r++) measure(simulator.simulate(seed, r), r);
}

function timeAverage(record: NetworkRecord, node: number, metrics: number[], from: number): number {
  let sum = 0;
  for (const metric of metrics) sum += total(record.row(node, metric), from);
  return sum / (record.days - from);
}

function expectWithin(values: number[], theory: number): void {
  const { mean, se } = meanAndSe(values);
  expect(Math.abs(mean - theory), `estimate ${mean} vs theory ${theory}, SE ${se}`).toBeLessThan(Z * se);
}

describe('open Jackson network with feedback', () => {
  // External Poisson input to A (2/day) and B (1/day); A -> B 0.5, A -> C 0.3, A -> home 0.2;
  // B -> A 0.3 (feedback), B -> home 0.7; C -> home. Unlimited buffers everywhere.
  // Traffic equations lambda = a + P^T lambda:
  //   lambda_A = 2 + 0.3 lambda_B, lambda_B = 1 + 0.5 lambda_A, lambda_C = 0.3 lambda_A
  //   => lambda_A = 2.3 / 0.85, lambda_B = 1 + 0.5 lambda_A, lambda_C = 0.3 lambda_A.
  // Jackson's theorem: each node is M/M/c with its lambda; mean number at a node
  //   L = a + C(c, a) rho / (1 - rho), a = lambda * mean stay, rho = a / c (Erlang C).
  const DAYS = 1200;
  const WARM_UP = 100;
  const R = 40;
  const lambdaA = 2.3 / 0.85;
  const lambdaB = 1 + 0.5 * lambdaA;
  const lambdaC = 0.3 * lambdaA;
  const nodes = [
    { id: 'A', c: 3, mean: 0.8, lambda: lambdaA },
    { id: 'B', c: 2, mean: 0.6, lambda: lambdaB },
    { id: 'C', c: 4, mean: 3, lambda: lambdaC },
  ];
  const model: NetworkModel = {
    days: DAYS,
    nodes: [
      ...nodes.map((n) => ({
        id: n.id,
        kind: 'bed' as const,
        capacity: n.c,
        queueInternal: Infinity,
        los: exponential(n.mean),
        arrivals: n.id === 'A' ? constant(DAYS, 2) : n.id === 'B' ? constant(DAYS, 1) : undefined,
      })),
      { id: 'home', kind: 'exit' },
    ],
    edges: [
      { from: 'A', to: 'B', probability: 0.5 },
      { from: 'A', to: 'C', probability: 0.3 },
      { from: 'A', to: 'home', probability: 0.2 },
      { from: 'B', to: 'A', probability: 0.3 },
      { from: 'B', to: 'home', probability: 0.7 },
      { from: 'C', to: 'home', probability: 1 },
    ],
  };
  const numberAt: number[][] = nodes.map(() => []);
  const admissionRate: number[][] = nodes.map(() => []);
  const blocked: number[] = [];
  const littleGap: number[] = [];
  const inSystem: number[] = [];
  const simulator = new NetworkSimulator(compileNetwork(model));
  for (let r = 0; r < R; r++) {
    // Little's law for the whole network: time-average number in the network L, against
    // lambda W with W the mean time in the network of patients arriving in the window and
    // leaving before the horizon (the edge effect is a few days against 1100).
    const arrivedAt = new Map<string, number>();
    let sojournSum = 0;
    let sojourners = 0;
    const record = simulator.simulate(31, r, {
      arrived: (origin, ordinal, t) => {
        if (t >= WARM_UP) arrivedAt.set(`${origin}:${ordinal}`, t);
      },
      exited: (origin, ordinal, t) => {
        const key = `${origin}:${ordinal}`;
        const start = arrivedAt.get(key);
        if (start === undefined) return;
        sojournSum += t - start;
        sojourners++;
        arrivedAt.delete(key);
      },
    });
    let number = 0;
    nodes.forEach((_, i) => {
      const L = timeAverage(record, i, [NetworkMetric.occ, NetworkMetric.niq], WARM_UP);
      numberAt[i].push(L);
      number += L;
      admissionRate[i].push(total(record.row(i, NetworkMetric.admissions), WARM_UP) / (DAYS - WARM_UP));
      blocked.push(total(record.row(i, NetworkMetric.blocked)));
    });
    inSystem.push(number);
    littleGap.push(number - 3 * (sojournSum / sojourners));
  }

  for (const [i, node] of nodes.entries()) {
    const a = node.lambda * node.mean;
    const rho = a / node.c;
    it(`${node.id}: admissions a day match the traffic equations (lambda = ${node.lambda.toFixed(4)})`, () => {
      expectWithin(admissionRate[i], node.lambda);
    });
    it(`${node.id}: mean number present is M/M/${node.c} (rho = ${rho.toFixed(3)}, Erlang C)`, () => {
      expectWithin(numberAt[i], a + (erlangC(node.c, a) * rho) / (1 - rho));
    });
  }
  it('nobody is ever blocked with unlimited internal buffers', () => {
    expect(Math.max(...blocked)).toBe(0);
  });
  it("Little's law for the whole network: L = lambda W", () => {
    expectWithin(littleGap, 0);
    // Not a vacuous gap: L itself is a few patients.
    expect(meanAndSe(inSystem).mean).toBeGreaterThan(5);
  });
});

describe('single node with finite room', () => {
  const DAYS = 1500;
  const WARM_UP = 100;
  const R = 40;

  it('M/M/c/K (external queue K - c): loss probability, mean number and throughput', () => {
    // c = 3 servers, K = 5 places in all, lambda = 2.5, mean stay 1: a = 2.5, rho = a / c;
    // p_n proportional to a^n / n! for n <= c and to a^c / c! rho^(n - c) for c < n <= K.
    const c = 3;
    const K = 5;
    const lambda = 2.5;
    const a = lambda;
    const weights: number[] = [];
    let term = 1;
    for (let n = 0; n <= K; n++) {
      if (n > 0) term *= n <= c ? a / n : a / c;
      weights.push(term);
    }
    const norm = weights.reduce((x, y) => x + y, 0);
    const p = weights.map((w) => w / norm);
    const loss = p[K];
    const meanNumber = p.reduce((sum, pn, n) => sum + n * pn, 0);
    const throughput = lambda * (1 - loss);

    const lossShare: number[] = [];
    const number: number[] = [];
    const admitted: number[] = [];
    const model: NetworkModel = { days: DAYS, nodes: [{ id: 'X', kind: 'bed', capacity: c, queueExternal: K - c, arrivals: constant(DAYS, lambda), los: exponential(1) }], edges: [] };
    replicate(model, R, 7, (record) => {
      lossShare.push(total(record.row(0, NetworkMetric.lost), WARM_UP) / total(record.row(0, NetworkMetric.arrivals_external), WARM_UP));
      number.push(timeAverage(record, 0, [NetworkMetric.occ, NetworkMetric.niq], WARM_UP));
      admitted.push(total(record.row(0, NetworkMetric.admissions), WARM_UP) / (DAYS - WARM_UP));
    });
    expectWithin(lossShare, loss);
    expectWithin(number, meanNumber);
    expectWithin(admitted, throughput);
  });

  it('Erlang B (external queue 0): loss probability and mean occupancy', () => {
    const c = 4;
    const lambda = 3;
    const loss = erlangB(c, lambda);
    const lossShare: number[] = [];
    const occupancy: number[] = [];
    const model: NetworkModel = { days: DAYS, nodes: [{ id: 'X', kind: 'bed', capacity: c, queueExternal: 0, arrivals: constant(DAYS, lambda), los: exponential(1) }], edges: [] };
    replicate(model, R, 8, (record) => {
      lossShare.push(total(record.row(0, NetworkMetric.lost), WARM_UP) / total(record.row(0, NetworkMetric.arrivals_external), WARM_UP));
      occupancy.push(timeAverage(record, 0, [NetworkMetric.occ], WARM_UP));
      expect(total(record.row(0, NetworkMetric.niq))).toBe(0);
    });
    expectWithin(lossShare, loss);
    expectWithin(occupancy, lambda * (1 - loss));
  });
});

describe('two single-server stations in tandem, no buffer between, the first saturated', () => {
  it('throughput is m1 m2 (m1 + m2) / (m1^2 + m1 m2 + m2^2)', () => {
    // Station 1 always has a patient waiting: arrivals at 20/day into an external queue of 30
    // against a service rate of 1/day (the queue is never near empty; the surplus is lost).
    const m1 = 1;
    const m2 = 1.5;
    const throughput = (m1 * m2 * (m1 + m2)) / (m1 * m1 + m1 * m2 + m2 * m2);
    const DAYS = 1500;
    const WARM_UP = 50;
    const model: NetworkModel = {
      days: DAYS,
      nodes: [
        { id: 'S1', kind: 'bed', capacity: 1, queueExternal: 30, arrivals: constant(DAYS, 20), los: exponential(1 / m1) },
        { id: 'S2', kind: 'bed', capacity: 1, los: exponential(1 / m2) },
      ],
      edges: [{ from: 'S1', to: 'S2', probability: 1 }],
    };
    const rate: number[] = [];
    const emptyQueue: number[] = [];
    replicate(model, 40, 9, (record) => {
      rate.push(total(record.row(1, NetworkMetric.departures), WARM_UP) / (DAYS - WARM_UP));
      emptyQueue.push(Math.min(...record.row(0, NetworkMetric.niq).subarray(WARM_UP)));
    });
    expect(Math.min(...emptyQueue)).toBeGreaterThan(20);
    expectWithin(rate, throughput);
  });
});
