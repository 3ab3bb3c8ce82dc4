/**
 * A two-node planning problem on a network: emergency admissions to an acute node with unlimited
 * beds (so its blocked patients are the delayed discharges, priced at acute_dtoc), then P3 beds,
 * then for 40 % long-term care places (LTC), whose being full blocks P3 beds. Exponential stays,
 * a 60-day warm-up from empty, 240 days: P3's offered load is 12 beds, LTC's 16 places.
 */
import type { ModelSpec, NodeSpec } from '../../../src/engine/model.js';

export const JOINT_DAYS = 240;

/** Consecutive ISO dates from 1 January 2026. */
export function datesOf(days: number): string[] {
  return Array.from({ length: days }, (_, d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
}

/** A node of a small test network: pathway from the id's prefix, no scenarios unless given, acute delays at £350. */
export function testNode(id: string, locality: string, extra: Partial<NodeSpec>): NodeSpec {
  return {
    id,
    pathway: id.split('_')[0],
    locality,
    arrivals: [],
    capacity: [],
    los: [],
    initial: { occupied: 0, waiting: 0 },
    costs: { community: 0, acuteDelay: 350 },
    ...extra,
  };
}

export function jointModel(): ModelSpec {
  const dates = datesOf(JOINT_DAYS);
  const node = (id: string, extra: Partial<NodeSpec>) => testNode(id, 'North', extra);
  return {
    name: 'joint plan test',
    dates,
    warmupDays: 60,
    nodes: [
      node('Acute_N', {
        kind: 'acute',
        arrivals: [{ name: 'BArr', daily: dates.map(() => 1) }],
        capacity: [{ name: 'BCap', capacity: 1e6 }],
        los: [{ name: 'Blos', family: 'exp', mean: 3 }],
      }),
      node('P3_N', { kind: 'bed', capacity: [{ name: 'BCap', capacity: 12 }], los: [{ name: 'Blos', family: 'exp', mean: 12 }], costs: { community: 150, acuteDelay: 350 } }),
      node('LTC_N', { kind: 'bed', pathway: 'LTC', capacity: [{ name: 'BCap', capacity: 10 }], los: [{ name: 'Blos', family: 'exp', mean: 40 }], costs: { community: 80, acuteDelay: 350 } }),
      node('Home_N', { kind: 'exit', pathway: 'Home' }),
    ],
    edges: [
      { from: 'Acute_N', to: 'P3_N', probability: 1 },
      { from: 'P3_N', to: 'LTC_N', probability: 0.4 },
      { from: 'P3_N', to: 'Home_N', probability: 0.6 },
    ],
  };
}
