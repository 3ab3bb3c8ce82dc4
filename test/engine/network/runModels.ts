/**
 * Models for the run tests: acute feeding P2- and P3-like bed nodes (and home, an exit), with
 * isolated P1 and P2 nodes beside them that no edge touches.
 */
import type { ModelSpec, NodeSpec } from '../../../src/engine/model.js';

export const DAYS = 40;
export const dates = Array.from({ length: DAYS }, (_, d) => new Date(Date.UTC(2026, 11, 1 + d)).toISOString().slice(0, 10));
const rates = (rate: number) => Array.from({ length: DAYS }, (_, d) => rate * (1 + 0.3 * Math.sin(d / 6)));

function node(id: string, extra: Partial<NodeSpec>): NodeSpec {
  return {
    id,
    pathway: id.slice(0, 2),
    locality: id.slice(id.indexOf('_') + 1),
    arrivals: [],
    capacity: [],
    los: [],
    initial: { occupied: 0, waiting: 0 },
    costs: { community: 150, acuteDelay: 400 },
    ...extra,
  };
}

export const acute = node('Acute_N', {
  kind: 'acute',
  pathway: 'Acute',
  arrivals: [{ name: 'BArr', daily: rates(10) }],
  capacity: [{ name: 'BCap', capacity: 40 }],
  los: [{ name: 'Blos', family: 'exp', mean: 3 }],
  initial: { occupied: 30, waiting: 0 },
});
const p2 = node('P2_N', {
  capacity: [
    { name: 'BCap', capacity: 9 },
    { name: 'S1Cap', capacity: 12 },
  ],
  los: [{ name: 'Blos', family: 'lnorm', mean: 12, median: 9 }],
  initial: { occupied: 8, waiting: 2 },
});
const p3 = node('P3_N', {
  capacity: [{ name: 'BCap', capacity: 6 }],
  los: [{ name: 'Blos', family: 'lnorm', mean: 20, median: 15 }],
  arrivals: [{ name: 'BArr', daily: rates(0.3) }],
  initial: { occupied: 5, waiting: 1 },
});
const home = node('Home_N', { kind: 'exit', pathway: 'Home' });

export const isolatedNodes: NodeSpec[] = [
  node('P1_S', {
    arrivals: [{ name: 'BArr', daily: rates(2) }],
    capacity: [
      { name: 'BCap', capacity: 20 },
      { name: 'S1Cap', capacity: 25 },
    ],
    los: [{ name: 'Blos', family: 'lnorm', mean: 14, median: 10 }],
    initial: { occupied: 15, waiting: 3 },
  }),
  node('P2_S', {
    arrivals: [{ name: 'BArr', daily: rates(1) }],
    capacity: [{ name: 'BCap', capacity: 8 }],
    los: [{ name: 'Blos', family: 'lnorm', mean: 10, median: 8 }],
    initial: { occupied: 6, waiting: 2 },
  }),
];

/** Isolated P1_S first, then the network, then isolated P2_S: the order RunResult.scenarios keeps. */
export const networkModel: ModelSpec = {
  name: 'network',
  dates,
  nodes: [isolatedNodes[0], acute, p2, p3, home, isolatedNodes[1]],
  edges: [
    { from: 'Acute_N', to: 'Home_N', probability: 0.6 },
    { from: 'Acute_N', to: 'P2_N', probability: 0.25 },
    { from: 'Acute_N', to: 'P3_N', probability: 0.15 },
    { from: 'Acute_N', to: 'Home_N', probability: 0.5, scenario: 'MoreP2' },
    { from: 'Acute_N', to: 'P2_N', probability: 0.35, scenario: 'MoreP2' },
    { from: 'Acute_N', to: 'P3_N', probability: 0.15, scenario: 'MoreP2' },
    { from: 'P2_N', to: 'Home_N', probability: 1 },
    { from: 'P2_N', to: 'Home_N', probability: 1, scenario: 'MoreP2' },
  ],
};

export const isolatedModel: ModelSpec = { name: 'network', dates, nodes: isolatedNodes };
