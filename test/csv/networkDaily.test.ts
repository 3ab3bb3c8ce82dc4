import { describe, expect, it } from 'vitest';
import { DAILY_HEADER, dailyCsv, dailyCsvBytes, NETWORK_DAILY_METRICS, networkDailyCsvBytes } from '../../src/csv/daily.js';
import { formatNumber } from '../../src/csv/format.js';
import { FIXTURE_DATES, fixtureRun } from './networkFixtures.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('daily.csv with a network', () => {
  const { result } = fixtureRun();
  const p2 = result.components![1].nodes[1];

  it("writes a networked node's rows from its network metrics, with wait and cost from its scenario summary", () => {
    const lines = text(networkDailyCsvBytes(p2, FIXTURE_DATES)).trimEnd().split('\n');
    expect(lines).toHaveLength(FIXTURE_DATES.length * NETWORK_DAILY_METRICS.length);
    const rowOf = (day: number, metric: string) => lines.find((line) => line.split(',')[7] === String(day) && line.split(',')[9] === metric)!.split(',');
    expect(rowOf(1, 'occ').slice(0, 7)).toEqual(['P2_A_BCap_Blos_BArr_S1Route', 'P2_A', 'P2', 'A', 'BCap', 'Blos', 'BArr']);
    for (const metric of ['occ', 'blocked', 'transfer', 'reserved', 'occ_bed', 'niq', 'capacity', 'arrivals_external', 'arrivals_internal', 'admissions', 'departures', 'lost', 'overflowed'] as const) {
      const row = rowOf(3, metric);
      expect(row[8]).toBe(FIXTURE_DATES[2]);
      expect(row.slice(10).map(Number)).toEqual([p2.daily[metric].mean[2], ...p2.daily[metric].quantiles.map((q) => q[2])].map((v) => Number(formatNumber(v))));
    }
    expect(Number(rowOf(2, 'wait')[10])).toBe(Number(formatNumber(p2.scenario.daily.wait.mean[1])));
    expect(Number(rowOf(2, 'cost')[19])).toBe(Number(formatNumber(p2.scenario.daily.cost.quantiles[8][1])));
    // Blocked is its own figure, not the scenario summary's occ (beds held).
    expect(rowOf(1, 'blocked')[10]).not.toBe(rowOf(1, 'occ_bed')[10]);
  });

  it("keeps an isolated node's rows as they were, and takes a networked node's from its component", () => {
    const chunks = [...dailyCsv(result)];
    expect(chunks[0]).toBe(DAILY_HEADER);
    expect(chunks[1]).toBe(text(dailyCsvBytes(result.scenarios[0], FIXTURE_DATES)));
    result.scenarios.slice(1).forEach((scenario, i) => {
      const node = result.components!.flatMap((c) => c.nodes).find((n) => n.scenario === scenario)!;
      expect(chunks[i + 2]).toBe(text(networkDailyCsvBytes(node, FIXTURE_DATES)));
    });
  });
});
