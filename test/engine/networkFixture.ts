/**
 * A model using every network feature of the schema, for the schema, workbook and link tests:
 * 14 days from 2024-11-25 (so a winter calendar can start on 1 December).
 *
 * Node order: nodes with arrivals first (Acute_A, P1_A, P3_A, P2_B), then nodes fed only by
 * edges (P2_A, LTC_A, Home_A, Home, Death), which is the order a workbook reads them in.
 */
import type { ModelSpec, NodeSpec } from '../../src/engine/model.js';

const DAYS = 14;
export const networkDates = Array.from({ length: DAYS }, (_, day) => new Date(Date.UTC(2024, 10, 25 + day)).toISOString().slice(0, 10));
const none = { occupied: 0, waiting: 0 };
const free = { community: 0, acuteDelay: 0 };
const flat = (rate: number) => networkDates.map(() => rate);

function node(id: string, fields: Partial<NodeSpec> & Pick<NodeSpec, 'pathway' | 'locality'>): NodeSpec {
  return { id, arrivals: [], capacity: [], los: [], initial: none, costs: free, ...fields };
}

/** `variant`: `warmup` uses warmupDays (so no linked node has an initial state); `blocked` starts P3_A with blocked patients instead. */
export function networkModel(variant: 'warmup' | 'blocked' = 'warmup'): ModelSpec {
  const nodes: NodeSpec[] = [
    node('Acute_A', {
      kind: 'acute',
      pathway: 'Acute',
      locality: 'A',
      description: 'Acute medical beds',
      arrivals: [
        {
          name: 'BArr',
          daily: flat(10),
          profile: { cycleDays: 1, periods: [{ start: 0, end: 0.25, weight: 0.5 }, { start: 0.25, end: 0.75, weight: 2 }, { start: 0.75, end: 1, weight: 1 }] },
        },
      ],
      capacity: [{ name: 'BCap', capacity: 30, calendar: { periods: [{ from: '2024-12-01', to: '2024-12-05', capacity: 34 }, { from: '2024-12-06', to: '2024-12-08', capacity: 36 }] } }],
      los: [{ name: 'Blos', family: 'lnorm', mean: 5, median: 3 }],
      costs: { community: 0, acuteDelay: 346 },
      queueExternal: 'unlimited',
    }),
    node('P1_A', {
      pathway: 'P1',
      locality: 'A',
      arrivals: [{ name: 'BArr', daily: flat(1) }],
      capacity: [{ name: 'BCap', capacity: 20 }],
      los: [{ name: 'Blos', family: 'lnorm', mean: 18, median: 9, initialVisitRate: 4, finalVisitRate: 1 }],
      costs: { community: 25, acuteDelay: 346 },
    }),
    node('P3_A', {
      pathway: 'P3',
      locality: 'A',
      arrivals: [{ name: 'BArr', daily: flat(0.5) }],
      capacity: [
        { name: 'BCap', capacity: 10 },
        { name: 'S1Cap', capacity: 10, calendar: { cycleDays: 7, periods: [{ start: 0, end: 5, capacity: 10 }, { start: 5, end: 7, capacity: 8 }] } },
      ],
      los: [{ name: 'Blos', family: 'exp', mean: 20 }],
      initial: variant === 'blocked' ? { occupied: 6, waiting: 1, blocked: 2 } : none,
      costs: { community: 150, acuteDelay: 346 },
      queueInternal: 2,
    }),
    node('P2_B', {
      pathway: 'P2',
      locality: 'B',
      arrivals: [{ name: 'BArr', daily: flat(2) }],
      capacity: [{ name: 'BCap', capacity: 12 }],
      los: [{ name: 'Blos', family: 'lnorm', mean: 19, median: 10 }],
      // Isolated: a warm-up of the network leaves its initial state alone.
      initial: { occupied: 8, waiting: 1 },
      costs: { community: 126, acuteDelay: 346 },
    }),
    node('P2_A', {
      pathway: 'P2',
      locality: 'A',
      capacity: [{ name: 'BCap', capacity: 15 }],
      los: [{ name: 'Blos', family: 'norm', mean: 19, sd: 6 }],
      costs: { community: 125, acuteDelay: 346 },
      queueExternal: 0,
    }),
    node('LTC_A', {
      kind: 'bed',
      pathway: 'LTC',
      locality: 'A',
      description: 'Care-home places commissioned',
      capacity: [{ name: 'BCap', capacity: 40 }],
      los: [{ name: 'Blos', family: 'exp', mean: 300 }],
      costs: { community: 110, acuteDelay: 0 },
    }),
    node('Home_A', { kind: 'delay', pathway: 'Home', locality: 'A', description: 'At home before a readmission', los: [{ name: 'Blos', family: 'exp', mean: 30 }] }),
    node('Home', { kind: 'exit', pathway: 'Home', locality: 'all' }),
    node('Death', { kind: 'exit', pathway: 'Death', locality: 'all' }),
  ];
  return {
    name: 'network',
    dates: networkDates,
    nodes,
    edges: [
      { from: 'Acute_A', to: 'P1_A', probability: 0.4 },
      { from: 'Acute_A', to: 'P2_A', probability: 0.3, delay: { family: 'norm', mean: 0.5, sd: 0.1 } },
      { from: 'Acute_A', to: 'P3_A', probability: 0.1 },
      { from: 'Acute_A', to: 'Home', probability: 0.2 },
      { from: 'Acute_A', to: 'P1_A', scenario: 'S1Route', probability: 0.5 },
      { from: 'Acute_A', to: 'P2_A', scenario: 'S1Route', probability: 0.2 },
      { from: 'Acute_A', to: 'P3_A', scenario: 'S1Route', probability: 0.1 },
      { from: 'Acute_A', to: 'Home', scenario: 'S1Route', probability: 0.2 },
      { from: 'P1_A', to: 'Home', probability: 0.9 },
      { from: 'P1_A', to: 'Home_A', probability: 0.1 },
      { from: 'P2_A', to: 'Home', probability: 0.75 },
      { from: 'P2_A', to: 'Home_A', probability: 0.25 },
      { from: 'P2_A', to: 'P3_A', probability: 0, type: 'overflow', condition: 'wait>=2' },
      { from: 'P3_A', to: 'LTC_A', probability: 1, delay: { family: 'exp', mean: 1 } },
      { from: 'LTC_A', to: 'Death', probability: 1 },
      { from: 'Home_A', to: 'Acute_A', probability: 1 },
    ],
    ...(variant === 'warmup' ? { warmupDays: 7 } : {}),
    resolveDeadlocks: true,
  };
}
