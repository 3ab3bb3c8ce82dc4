/**
 * The monitors' figures in the outputs: summary.csv's time-weighted percentile columns,
 * system.csv's per-patient rows, and the report's table of journeys read back from them.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/csv/format.js';
import { systemCsv } from '../../src/csv/networkFiles.js';
import { NETWORK_SUMMARY_COLUMNS } from '../../src/csv/networkSummary.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { parseNetworkFiles } from '../../src/report/networkData.js';
import { flowsCsv } from '../../src/csv/networkFiles.js';
import { splitCsvLine } from '../../src/report/runData.js';
import { estimateFixture, FIXTURE_DATES, fixtureRun, monitoredRun } from './networkFixtures.js';

function table(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = splitCsvLine(header);
  return lines.map((line) => Object.fromEntries(splitCsvLine(line).map((v, i) => [names[i], v])));
}

describe('summary.csv', () => {
  it('ends with a time-weighted percentile column per level and share, named apart from the daily percentiles', () => {
    const tail = NETWORK_SUMMARY_COLUMNS.slice(-18);
    expect(tail.slice(0, 3)).toEqual(['occ_time_p50', 'occ_time_p90', 'occ_time_p95']);
    expect(tail.slice(-3)).toEqual(['niq_time_p50', 'niq_time_p90', 'niq_time_p95']);
    expect(tail).toContain('occ_bed_time_p90');
  });

  it("fills a networked node's percentiles from its summary and leaves them blank for an isolated node, or a summary without them", () => {
    const { model, result } = monitoredRun();
    const rows = table(summaryCsv(result, model));
    const isolated = rows.find((r) => r.node === 'P1_A')!;
    expect(isolated.occ_bed_time_p90).toBe('');
    const p2 = rows.find((r) => r.scenario === 'P2_A_BCap_Blos_BArr_S1Route')!;
    // Component 1 (S1Route), node index 1 (P2_A): base 110; occ_bed is level 4.
    expect(p2.occ_bed_time_p90).toBe(formatNumber(114.1));
    expect(p2.niq_time_p50).toBe(formatNumber(115));
    const { model: plainModel, result: plain } = fixtureRun();
    const plainRow = table(summaryCsv(plain, plainModel)).find((r) => r.scenario === 'P2_A_BCap_Blos_BArr_S1Route')!;
    expect(plainRow.occ_bed_time_p90).toBe('');
  });
});

describe('system.csv', () => {
  it('gives the per-patient measures of each component scenario, overall and by exit, after the existing rows', () => {
    const { result } = monitoredRun();
    const rows = table(systemCsv(result.components!)).filter((r) => r.routing_scenario === 'BRoute');
    const measures = rows.map((r) => r.measure);
    expect(measures.slice(measures.indexOf('forced_admissions') + 1)).toEqual([
      'patients_left',
      'time_in_system_mean',
      'time_in_system_p50',
      'time_in_system_p90',
      'time_in_system_p95',
      'nodes_visited_mean',
      'readmissions_per_100',
      'time_in_system_mean',
      'time_in_system_mean',
    ]);
    const byExit = rows.filter((r) => r.measure === 'time_in_system_mean');
    expect(byExit.map((r) => [r.exit, r.mean])).toEqual([
      ['', formatNumber(12)],
      ['HOME_A', formatNumber(11)],
      ['(implicit exit)', formatNumber(40)],
    ]);
    const p95 = rows.find((r) => r.measure === 'time_in_system_p95')!;
    expect([p95.mean, p95.low95, p95.high95]).toEqual([31, estimateFixture(31).low, estimateFixture(31).high].map(formatNumber));
  });

  it('has no per-patient rows for a summary made before they existed', () => {
    const { result } = fixtureRun();
    expect(table(systemCsv(result.components!)).some((r) => r.measure.startsWith('time_in_system'))).toBe(false);
  });

  it('reads back for the report', () => {
    const { result } = monitoredRun();
    const scenarios = parseNetworkFiles(flowsCsv(result.components!, FIXTURE_DATES), systemCsv(result.components!));
    const figure = scenarios[1].system.find((f) => f.measure === 'readmissions_per_100')!;
    expect(figure.mean).toBeCloseTo(8, 12);
  });
});
