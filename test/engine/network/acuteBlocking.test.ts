/**
 * Acute -> P2 with blocking (spec section 6): small capacities, exponential stays, Poisson
 * admissions, diversion when acute is full (external queue 0). The state (a in service in
 * acute, b blocked in acute = delayed discharges, p in P2) is a finite Markov chain, solved
 * exactly here; the simulation's time averages must agree within 4 standard errors across
 * replications (each replication 1500 days after a 100-day warm-up, i.i.d. across replications).
 */
import { describe, expect, it } from 'vitest';
import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import { NetworkSimulator } from '../../../src/engine/network/networkSimulation.js';
import { exponential, meanAndSe, NetworkMetric, total } from './helpers.js';

const Z = 4;

interface Chain {
  delayed: number;
  p2: number;
  inService: number;
  loss: number;
}

/**
 * Stationary distribution of the chain by solving pi Q = 0, sum pi = 1 (Gaussian elimination
 * with partial pivoting on Q^T with the last equation replaced by the normalisation).
 * Transitions: an admission (rate lambda) when a + b < cA; an acute stay ends (rate a muA):
 * to P2 with probability q (into a P2 bed if p < cP, else blocked: b + 1), else home; a P2
 * stay ends (rate p muP): the P2 bed goes to the longest-blocked patient if b > 0.
 */
function solveChain(lambda: number, muA: number, muP: number, q: number, cA: number, cP: number): Chain {
  const states: [number, number, number][] = [];
  for (let a = 0; a <= cA; a++) for (let b = 0; a + b <= cA; b++) for (let p = 0; p <= cP; p++) if (b === 0 || p === cP) states.push([a, b, p]);
  const index = new Map(states.map((s, i) => [s.join(','), i]));
  const n = states.length;
  const Q = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const add = (from: number, to: [number, number, number], rate: number) => {
    if (rate === 0) return;
    const j = index.get(to.join(','))!;
    Q[from][j] += rate;
    Q[from][from] -= rate;
  };
  states.forEach(([a, b, p], i) => {
    if (a + b < cA) add(i, [a + 1, b, p], lambda);
    if (a > 0) {
      add(i, p < cP ? [a - 1, b, p + 1] : [a - 1, b + 1, p], a * muA * q);
      add(i, [a - 1, b, p], a * muA * (1 - q));
    }
    if (p > 0) add(i, b > 0 ? [a, b - 1, p] : [a, b, p - 1], p * muP);
  });
  // A: rows are equations sum_i pi_i Q[i][j] = 0, the last replaced by sum pi = 1.
  const A = Array.from({ length: n }, (_, j) => [...Array.from({ length: n }, (_, i) => (j === n - 1 ? 1 : Q[i][j])), j === n - 1 ? 1 : 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r][col]) > Math.abs(A[pivot][col])) pivot = r;
    [A[col], A[pivot]] = [A[pivot], A[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = A[r][col] / A[col][col];
      for (let c = col; c <= n; c++) A[r][c] -= factor * A[col][c];
    }
  }
  const pi = A.map((row, i) => row[n] / row[i]);
  const expect = (f: (s: [number, number, number]) => number) => states.reduce((sum, s, i) => sum + pi[i] * f(s), 0);
  return {
    delayed: expect(([, b]) => b),
    p2: expect(([, , p]) => p),
    inService: expect(([a]) => a),
    loss: expect(([a, b]) => (a + b === cA ? 1 : 0)),
  };
}

describe('acute -> P2 with blocking against its Markov chain', () => {
  it('mean delayed discharges, P2 occupancy, acute occupancy and diversions', () => {
    const lambda = 3;
    const muA = 1 / 1.2;
    const muP = 1 / 4;
    const q = 0.35;
    const cA = 6;
    const cP = 4;
    const chain = solveChain(lambda, muA, muP, q, cA, cP);
    // The chain's probabilities sum to 1 and blocking really happens at these rates.
    expect(chain.delayed).toBeGreaterThan(0.3);

    const DAYS = 1600;
    const WARM_UP = 100;
    const R = 40;
    const model: NetworkModel = {
      days: DAYS,
      nodes: [
        { id: 'acute', kind: 'acute', capacity: cA, queueExternal: 0, arrivals: new Array<number>(DAYS).fill(lambda), los: exponential(1 / muA) },
        { id: 'P2_X', kind: 'bed', capacity: cP, los: exponential(1 / muP) },
        { id: 'home', kind: 'exit' },
      ],
      edges: [
        { from: 'acute', to: 'P2_X', probability: q },
        { from: 'acute', to: 'home', probability: 1 - q },
      ],
    };
    const simulator = new NetworkSimulator(compileNetwork(model));
    const delayed: number[] = [];
    const p2: number[] = [];
    const inService: number[] = [];
    const loss: number[] = [];
    const average = (row: Float64Array) => total(row, WARM_UP) / (DAYS - WARM_UP);
    for (let r = 0; r < R; r++) {
      const record = simulator.simulate(77, r);
      delayed.push(average(record.row(0, NetworkMetric.blocked)));
      inService.push(average(record.row(0, NetworkMetric.occ)));
      p2.push(average(record.row(1, NetworkMetric.occ)));
      loss.push(total(record.row(0, NetworkMetric.lost), WARM_UP) / total(record.row(0, NetworkMetric.arrivals_external), WARM_UP));
    }
    for (const [name, values, theory] of [
      ['delayed discharges', delayed, chain.delayed],
      ['P2 occupancy', p2, chain.p2],
      ['acute in service', inService, chain.inService],
      ['diverted share', loss, chain.loss],
    ] as const) {
      const { mean, se } = meanAndSe([...values]);
      expect(Math.abs(mean - theory), `${name}: ${mean} vs ${theory}, SE ${se}`).toBeLessThan(Z * se);
    }
  });
});
