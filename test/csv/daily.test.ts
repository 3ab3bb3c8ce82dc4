import { describe, expect, it } from 'vitest';
import { DAILY_COLUMNS, DAILY_HEADER, dailyCsv, dailyCsvBytes } from '../../src/csv/daily.js';
import { csvField, formatNumber } from '../../src/csv/format.js';
import { METRICS } from '../../src/engine/dailyRecord.js';
import type { RunResult } from '../../src/engine/run.js';
import type { ScenarioKey } from '../../src/engine/scenarios.js';
import { QUANTILE_LEVELS, type ScenarioSummary } from '../../src/engine/summary.js';

const DATES = ['2025-03-01', '2025-03-02', '2025-03-03'];

/** A summary whose figures cover what daily.csv meets: fractions, whole numbers, negatives, NA. */
function summary(key: Partial<ScenarioKey>): ScenarioSummary {
  let state = 5;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
  const figure = (i: number) => [next() * 300, Math.floor(next() * 40), -next(), NaN, 1e21, 0.99996][i % 6];
  let i = 0;
  const row = () => Float64Array.from(DATES, () => figure(i++));
  const daily = Object.fromEntries(METRICS.map((metric) => [metric, { mean: row(), quantiles: QUANTILE_LEVELS.map(row) }]));
  return { key: key as ScenarioKey, daily, horizon: {} } as unknown as ScenarioSummary;
}

/** The file as its definition reads: one row per day and metric, fields joined by commas. */
function reference(scenario: ScenarioSummary): string {
  const { key } = scenario;
  const prefix = [key.id, key.node, key.pathway, key.locality, key.capacityScenario, key.losScenario, key.arrivalScenario].map(csvField).join(',');
  let text = '';
  DATES.forEach((date, d) => {
    for (const metric of METRICS) {
      const { mean, quantiles } = scenario.daily[metric];
      text += [prefix, d + 1, date, metric, formatNumber(mean[d]), ...quantiles.map((row) => formatNumber(row[d]))].join(',') + '\n';
    }
  });
  return text;
}

describe('daily.csv', () => {
  const plain = summary({ id: 'P2_B_BCap_Blos_BArr', node: 'P2_B', pathway: 'P2', locality: 'B', capacityScenario: 'BCap', losScenario: 'Blos', arrivalScenario: 'BArr' });
  // Names from a workbook may hold commas, quotes and any letters.
  const awkward = summary({ id: 'P1_Ynys Môn, "west"_Cap–1_L_A', node: 'P1_Ynys Môn, "west"', pathway: 'P1', locality: 'Ynys Môn, "west"', capacityScenario: 'Cap–1', losScenario: 'L', arrivalScenario: 'A' });

  it('writes as UTF-8 bytes exactly the rows its definition gives', () => {
    for (const scenario of [plain, awkward]) {
      const bytes = dailyCsvBytes(scenario, DATES);
      expect(Buffer.from(bytes).toString('utf8')).toBe(reference(scenario));
      expect(bytes.length).toBe(Buffer.byteLength(reference(scenario)));
    }
  });

  it('streams the header, then each scenario in order', () => {
    const result = { dates: DATES, scenarios: [plain, awkward] } as unknown as RunResult;
    expect(DAILY_HEADER).toBe(DAILY_COLUMNS.join(',') + '\n');
    expect([...dailyCsv(result)]).toEqual([DAILY_HEADER, reference(plain), reference(awkward)]);
  });
});
