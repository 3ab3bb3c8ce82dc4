/**
 * "What happened", made from a known model: one replication of it under a seed the backtest
 * never uses, written as observed.csv rows. A backtest of the same model should cover it at
 * the band's stated rate; a backtest of a model with the wrong capacity should calibrate back
 * to the true one.
 */
import type { ModelSpec } from '../../src/engine/model.js';
import { settingsOf } from '../../src/engine/run.js';
import { nodeScenarios } from '../../src/engine/scenarios.js';
import { simulateDelays } from '../../src/backtest/simulatedDelays.js';
import type { ObservedRow } from '../../src/observed/observedSeries.js';
import { constantRates, isoDates, makeNode } from '../engine/helpers.js';

export const TRUE_CAPACITY = 20;
export const TRUE_MEAN_LOS = 5.5;

/** A P2 node near saturation (3.5 referrals a day of 5.5 days' mean stay on 20 beds), so delays answer to capacity. */
export function truthModel(capacity = TRUE_CAPACITY, days = 60, los = { mean: TRUE_MEAN_LOS, sd: 3 }): ModelSpec {
  const node = makeNode({
    id: 'P2_T',
    pathway: 'P2',
    arrivals: [constantRates(days, 3.5)],
    capacity: [capacity],
    los: [{ family: 'lnorm', ...los }],
    occupied: 18,
    waiting: 3,
  });
  return { name: 'truth', dates: isoDates(days), nodes: [node] };
}

/** Two localities of P2: a pathway series is compared with their sum. */
export function twoLocalityModel(days = 60): ModelSpec {
  const locality = (id: string, capacity: number) =>
    makeNode({ id, pathway: 'P2', arrivals: [constantRates(days, 2)], capacity: [capacity], los: [{ family: 'gamma', mean: 5, sd: 3 }], occupied: 8, waiting: 1 });
  return { name: 'two', dates: isoDates(days), nodes: [locality('P2_A', 11), locality('P2_B', 10)] };
}

/** Replication 0 of a node's baseline under `seed`: daily delays as observed. */
export function observedTruth(model: ModelSpec, seed: number, nodeIndex = 0): number[] {
  const node = model.nodes[nodeIndex];
  const key = nodeScenarios(node, nodeIndex)[0];
  const paths = simulateDelays({ kind: 'node', node, key, days: model.dates.length, settings: settingsOf({ seed, replications: 1 }), replications: 1 });
  return Array.from(paths);
}

export function observedRows(model: ModelSpec, values: readonly number[], node = model.nodes[0].id): ObservedRow[] {
  return values.map((value, d) => ({ grain: 'day', date: model.dates[d], org: '', pathway: 'P2', node, measure: 'delayed', detail: '', value, basis: 'reported' }));
}
