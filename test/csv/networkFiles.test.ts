import { describe, expect, it } from 'vitest';
import { csvRow, formatNumber, neutraliseFormula } from '../../src/csv/format.js';
import { FLOWS_COLUMNS, FLOWS_FILE, flowsCsv, flowsRows, networkOutputFiles, SYSTEM_COLUMNS, SYSTEM_FILE, systemCsv, type NetworkFilesComponent } from '../../src/csv/networkFiles.js';
import { QUANTILE_LEVELS } from '../../src/engine/summary.js';
import { splitCsvLine } from '../../src/report/runData.js';
import { FIXTURE_DATES, fixtureRun, flowsCsvFromPieces } from './networkFixtures.js';

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

/** mulberry32: a fixed sequence of uniforms in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** flows.csv's rows as the plain string code wrote them before they were written as bytes. */
function referenceFlowsRows(component: NetworkFilesComponent, dates: readonly string[]): string {
  const k = component.key;
  const prefix = csvRow([k.component, k.id, k.capacityScenario, k.losScenario, k.arrivalScenario, k.routingScenario].map(neutraliseFormula));
  let text = '';
  for (const flow of component.flows) {
    const edge = `${prefix},${csvRow([flow.from, flow.to, flow.type].map(neutraliseFormula))}`;
    for (let d = 0; d < dates.length; d++) {
      let line = `${edge},${d + 1},${dates[d]},${formatNumber(flow.daily.mean[d])}`;
      for (const row of flow.daily.quantiles) line += ',' + formatNumber(row[d]);
      text += line + '\n';
    }
  }
  return text;
}

describe("flows.csv's rows written as bytes", () => {
  const { result } = fixtureRun();
  const dates = Array.from({ length: 40 }, (_, d) => `2025-02-${String(d + 1).padStart(2, '0')}`);
  const random = seededRandom(20261206);
  // Counts (runs of equal quantiles), fractions, negatives, -0, huge and non-finite figures.
  const figure = (): number => {
    const u = random();
    if (u < 0.3) return Math.floor(random() * 5);
    if (u < 0.6) return random() * 40;
    if (u < 0.7) return -random() * 3;
    if (u < 0.75) return -0;
    if (u < 0.8) return 1e17 * random();
    if (u < 0.85) return [NaN, Infinity, -Infinity][Math.floor(random() * 3)];
    if (u < 0.9) return 2 ** 31 + random();
    return Math.round(random() * 1e6) / 1e4 + 0.00005;
  };
  const row = () => Float64Array.from(dates, figure);
  const component: NetworkFilesComponent = {
    ...result.components![0],
    key: { ...result.components![0].key, component: '=A, "quoted"', routingScenario: 'Ünïcode' },
    flows: ['P2_A', '+x', 'a,b'].map((to, edge) => ({ edge, from: 'ACUTE_A', to, type: 'route' as const, daily: { mean: row(), quantiles: QUANTILE_LEVELS.map(row) }, total: result.components![0].flows[0].total })),
  };

  it('are the text the strings made, figure for figure', () => {
    expect(flowsRows(component, dates)).toBe(referenceFlowsRows(component, dates));
    for (const c of result.components!) expect(flowsRows(c, FIXTURE_DATES)).toBe(referenceFlowsRows(c, FIXTURE_DATES));
  });

  it('make the same files as the text', () => {
    const components = [component, ...result.components!];
    const asText = networkOutputFiles(components, dates);
    expect([[FLOWS_FILE, flowsCsvFromPieces(components, dates)], [SYSTEM_FILE, systemCsv(components)]]).toEqual(asText);
    expect(networkOutputFiles([], dates)).toEqual([]);
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
