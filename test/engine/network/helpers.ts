import { compileNetwork, type NetworkModel } from '../../../src/engine/network/networkModel.js';
import type { NetworkRecord } from '../../../src/engine/network/networkRecord.js';
import { NetworkSimulator, type NetworkObserver } from '../../../src/engine/network/networkSimulation.js';

export { NetworkMetric } from '../../../src/engine/network/networkRecord.js';

/** A fixed stay: a normal with sd 0 samples exactly its mean (lengthOfStay.ts has no fixed family). */
export function fixed(days: number) {
  return { family: 'norm' as const, mean: days, sd: 0 };
}

export function exponential(mean: number) {
  return { family: 'exp' as const, mean };
}

export interface Admission {
  origin: string;
  ordinal: number;
  node: string;
  time: number;
  stay: number;
}

/** One replication, with every admission in the order it happened. */
export function trace(model: NetworkModel, seed = 1, replication = 0): { record: NetworkRecord; admissions: Admission[] } {
  const network = compileNetwork(model);
  const admissions: Admission[] = [];
  const observer: NetworkObserver = {
    admitted: (origin, ordinal, node, time, stay) => admissions.push({ origin: network.ids[origin], ordinal, node: network.ids[node], time, stay }),
  };
  const record = new NetworkSimulator(network).simulate(seed, replication, observer);
  return { record, admissions };
}

/**
 * Two upstream nodes feeding one bed, scripted so every admission is known in advance: B (one
 * bed) is held by its own arrival from 0.05 to 3.05; A's patients finish at 1.2 and 1.6, C's at
 * 1.5; all are blocked and enter B in request order (1.2, 1.5, 1.6) at 3.05, 6.05 and 9.05.
 */
export const TWO_SOURCES_ONE_BED: NetworkModel = {
  days: 12,
  nodes: [
    { id: 'A', kind: 'acute', capacity: 3, arrivalTimes: [0.2, 0.6], los: fixed(1) },
    { id: 'B', kind: 'bed', capacity: 1, arrivalTimes: [0.05], los: fixed(3) },
    { id: 'C', kind: 'bed', capacity: 3, arrivalTimes: [1], los: fixed(0.5) },
  ],
  edges: [
    { from: 'A', to: 'B', probability: 1 },
    { from: 'C', to: 'B', probability: 1 },
  ],
};

export function total(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum;
}

export function meanAndSe(values: readonly number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}
