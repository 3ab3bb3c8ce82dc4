import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/csv/format.js';
import { FLOWS_COLUMNS, flowsCsv, networkOutputFiles, SYSTEM_COLUMNS, systemCsv } from '../../src/csv/networkFiles.js';
import { splitCsvLine } from '../../src/report/runData.js';
import { FIXTURE_DATES, fixtureRun } from './networkFixtures.js';

function table(text: string): Array<Record<string, string>> {
  expect(text.endsWith('\n')).toBe(true);
  const [header, ...lines] = text.slice(0, -1).split('\n');
  const names = splitCsvLine(header);
  return lines.map((line) => {
    const fields = splitCsvLine(line);
    expect(fields).toHaveLength(names.length);
    return Object.fromEntries(names.map((n, i) => [n, fields[i]]));
  });
}

describe('flows.csv', () => {
  const { result } = fixtureRun();
  const components = result.components!;
  const rows = table(flowsCsv(components, FIXTURE_DATES));

  it('has a row per component scenario, edge and day, in that order', () => {
    expect(flowsCsv(components, FIXTURE_DATES).split('\n')[0]).toBe(FLOWS_COLUMNS.join(','));
    expect(rows).toHaveLength(2 * 3 * FIXTURE_DATES.length);
    expect(rows.slice(0, 4).map((r) => [r.from, r.to, r.day, r.date])).toEqual([
      ['ACUTE_A', 'P2_A', '1', '2025-01-01'],
      ['ACUTE_A', 'P2_A', '2', '2025-01-02'],
      ['ACUTE_A', 'P2_A', '3', '2025-01-03'],
      ['ACUTE_A', 'HOME_A', '1', '2025-01-01'],
    ]);
    expect(rows[9]).toMatchObject({ component: 'A', scenario: 'A_BCap_Blos_BArr_S1Route', capacity_scenario: 'BCap', los_scenario: 'Blos', arrival_scenario: 'BArr', routing_scenario: 'S1Route', type: 'route' });
  });

  it("gives each edge's daily mean and quantiles", () => {
    const flow = components[1].flows[2];
    const row = rows.find((r) => r.routing_scenario === 'S1Route' && r.from === 'P2_A' && r.day === '2')!;
    expect(row.mean).toBe(formatNumber(flow.daily.mean[1]));
    expect(row.q025).toBe(formatNumber(flow.daily.quantiles[0][1]));
    expect(row.q975).toBe(formatNumber(flow.daily.quantiles[8][1]));
  });
});

describe('system.csv', () => {
  const { result } = fixtureRun();
  const components = result.components!;
  const rows = table(systemCsv(components));

  it('has one row per measure and exit of each component scenario, with its interval', () => {
    expect(systemCsv(components).split('\n')[0]).toBe(SYSTEM_COLUMNS.join(','));
    expect(rows.filter((r) => r.routing_scenario === 'BRoute').map((r) => [r.measure, r.exit])).toEqual([
      ['total_cost', ''],
      ['delayed_discharge_bed_days', ''],
      ['blocked_bed_days', ''],
      ['throughput', 'HOME_A'],
      ['throughput', '(implicit exit)'],
      ['deadlocks', ''],
      ['forced_admissions', ''],
    ]);
    const system = components[1].system;
    const cost = rows.find((r) => r.routing_scenario === 'S1Route' && r.measure === 'total_cost')!;
    expect([cost.mean, cost.low95, cost.high95, cost.replications]).toEqual([system.totalCost.mean, system.totalCost.low, system.totalCost.high, 4].map(formatNumber));
    const home = rows.find((r) => r.routing_scenario === 'S1Route' && r.exit === 'HOME_A')!;
    expect(home.mean).toBe(formatNumber(system.throughputByExit.HOME_A.mean));
    const [cause] = components[1].blockedByCause;
    const blocked = rows.find((r) => r.routing_scenario === 'S1Route' && r.measure === 'blocked_bed_days')!;
    expect([blocked.blocked_at, blocked.waiting_for, blocked.mean, blocked.low95, blocked.high95]).toEqual([cause.at, cause.waitingFor, ...[cause.bedDays.mean, cause.bedDays.low, cause.bedDays.high].map(formatNumber)]);
    expect(rows.filter((r) => r.measure !== 'blocked_bed_days').every((r) => r.blocked_at === '' && r.waiting_for === '')).toBe(true);
  });

  it("repeats the scenario's warnings on each of its rows, and none where it has none", () => {
    expect(rows.filter((r) => r.routing_scenario === 'S1Route').every((r) => r.warnings === components[1].warnings[0])).toBe(true);
    expect(rows.filter((r) => r.routing_scenario === 'BRoute').every((r) => r.warnings === '')).toBe(true);
  });

  it('is written, with flows.csv, only when the run has networks', () => {
    expect(networkOutputFiles(undefined, FIXTURE_DATES)).toEqual([]);
    expect(networkOutputFiles([], FIXTURE_DATES)).toEqual([]);
    expect(networkOutputFiles(components, FIXTURE_DATES).map(([name]) => name)).toEqual(['flows.csv', 'system.csv']);
  });

  it('marks names a spreadsheet would run as formulas', () => {
    const hostile = { ...components[0], key: { ...components[0].key, component: '=cmd|x' }, system: { ...components[0].system, throughputByExit: { '@exit': components[0].system.deadlocks } } };
    const [row] = table(systemCsv([hostile]));
    expect(row.component).toBe("'=cmd|x");
    expect(table(systemCsv([hostile])).find((r) => r.measure === 'throughput')!.exit).toBe("'@exit");
  });
});
