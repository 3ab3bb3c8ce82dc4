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
