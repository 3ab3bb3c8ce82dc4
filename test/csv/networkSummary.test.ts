import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/csv/format.js';
import { NETWORK_SUMMARY_COLUMNS } from '../../src/csv/networkSummary.js';
import { SUMMARY_COLUMNS, summaryCsv } from '../../src/csv/summary.js';
import { parseSummary } from '../../src/report/runData.js';
import { FIXTURE_DATES, fixtureRun } from './networkFixtures.js';

describe('summary.csv with a network', () => {
  const { model, result } = fixtureRun();
  const text = summaryCsv(result, model);
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header.split(',');
  const rows = new Map(lines.map((line) => [line.split(',')[0], Object.fromEntries(line.split(',').map((v, i) => [names[i], v]))]));

  it('adds the network columns after every existing one', () => {
    expect(names).toEqual([...SUMMARY_COLUMNS, ...NETWORK_SUMMARY_COLUMNS]);
    expect(lines).toHaveLength(result.scenarios.length);
  });

  it("leaves an isolated node's network cells blank and keeps its other cells", () => {
    const isolated = rows.get('P1_A_BCap_Blos_BArr')!;
    for (const column of NETWORK_SUMMARY_COLUMNS) expect(isolated[column], column).toBe('');
    const without = summaryCsv({ ...result, components: undefined, scenarios: [result.scenarios[0]] }, model).trimEnd().split('\n');
    expect(without[0]).toBe(SUMMARY_COLUMNS.join(','));
    expect(lines[0].startsWith(without[1] + ',')).toBe(true);
  });

  it("fills a networked node's cells from its network summary: levels as horizon means, blocked bed-days as the mean times the days", () => {
    const p2 = result.components![0].nodes[1];
    const row = rows.get('P2_A_BCap_Blos_BArr_BRoute')!;
    expect(row.component).toBe('A');
    expect(row.routing_scenario).toBe('BRoute');
    expect(row.mean_blocked).toBe(formatNumber(p2.horizon.blocked.mean));
    expect(row.mean_blocked_low95).toBe(formatNumber(p2.horizon.blocked.low));
    expect(row.blocked_bed_days).toBe(formatNumber(p2.horizon.blocked.mean * FIXTURE_DATES.length));
    expect(row.blocked_bed_days_high95).toBe(formatNumber(p2.horizon.blocked.high * FIXTURE_DATES.length));
    expect(row.mean_in_service).toBe(formatNumber(p2.horizon.occ.mean));
    expect(row.mean_occ_bed).toBe(formatNumber(p2.horizon.occ_bed.mean));
    expect(row.mean_transfer).toBe(formatNumber(p2.horizon.transfer.mean));
    expect(row.arrivals_internal).toBe(formatNumber(p2.horizon.arrivals_internal.mean));
    expect(row.overflowed_high95).toBe(formatNumber(p2.horizon.overflowed.high));
  });

  it('reads back for the report with one label per routing scenario', () => {
    const parsed = parseSummary(text);
    const p2 = parsed.filter((r) => r.node === 'P2_A');
    expect(p2.map((r) => r.label)).toEqual(['BCap_Blos_BArr_BRoute', 'BCap_Blos_BArr_S1Route']);
    expect(p2.map((r) => r.component)).toEqual(['A', 'A']);
    expect(p2[1].values.mean_blocked).toBe(Number(rows.get('P2_A_BCap_Blos_BArr_S1Route')!.mean_blocked));
    expect(parsed[0].label).toBe('BCap_Blos_BArr');
    // An exit has no scenarios of its own: its label is the routing scenario alone.
    expect(parsed.filter((r) => r.node === 'HOME_A').map((r) => r.label)).toEqual(['BRoute', 'S1Route']);
    expect(parsed[0].component).toBeUndefined();
  });
});
