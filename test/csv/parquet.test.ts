/**
 * daily.parquet's buffered columns against the CSV: every value read back by an independent
 * reader (hyparquet) is the number daily.csv's text reads as (a blank as null), over several
 * row groups, scenarios of different sizes (a networked node has more metrics), and figures
 * that are not finite, negative zero or need rounding. The encodings chosen are checked too:
 * dictionaries for the text and the day, plain pages for the figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { DailyParquet } from '../../src/csv/parquet.js';
import { DAILY_COLUMNS, type MetricRow } from '../../src/csv/daily.js';
import { formatNumber, scenarioFields, SCENARIO_COLUMNS } from '../../src/csv/format.js';
import { QUANTILE_LABELS } from '../../src/engine/summary.js';
import type { ScenarioKey } from '../../src/engine/scenarios.js';
import { seededUniform } from '../seededUniform.js';

const work = mkdtempSync(join(tmpdir(), 'pathflow-parquet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function key(index: number): ScenarioKey {
  const node = `N${index >> 2}`;
  return {
    id: `${node}_C${index & 3}_Blos_BArr`, node, pathway: 'P2', locality: index % 3 === 0 ? '=Harbour' : 'Inland',
    capacityScenario: `C${index & 3}`, losScenario: 'Blos', arrivalScenario: 'BArr',
    nodeIndex: index >> 2, capacityIndex: index & 3, losIndex: 0, arrivalIndex: 0, capacity: 10,
  };
}

/** A figure as a simulation may give one: whole, fractional, tiny, negative zero, or not finite. */
function figure(next: () => number): number {
  const u = next();
  if (u < 0.01) return [NaN, Infinity, -Infinity][Math.floor(next() * 3)];
  if (u < 0.03) return -0;
  if (u < 0.05) return -next() * 1e-5;
  if (u < 0.4) return Math.floor(next() * 40);
  return next() * 1000;
}

function scenarioRows(next: () => number, metrics: number, days: number): MetricRow[] {
  const series = () => Float64Array.from({ length: days }, () => figure(next));
  return Array.from({ length: metrics }, (_, m): MetricRow => [`metric${m}`, { mean: series(), quantiles: QUANTILE_LABELS.map(series) }]);
}

/** The value daily.csv's cell reads as: its text parsed, a blank as null. */
function csvValue(value: number): number | null {
  const text = formatNumber(value);
  return text === '' ? null : Number(text);
}

describe('daily.parquet', () => {
  it('holds the CSV value of every cell, over row groups and scenarios of different sizes', async () => {
    const dates = Array.from({ length: 400 }, (_, d) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10));
    const next = seededUniform(16);
    const path = join(work, 'daily.parquet');
    const parquet = new DailyParquet(path, dates);
    const expected: Array<Record<string, string | number | null>> = [];
    // 8 metrics as an isolated node has, 10 as a networked one: 3,200 and 4,000 rows a scenario.
    // The first group closes at exactly 100,000 rows, its buffers having grown to 102,400; the
    // second fills them to 102,400 without growing them, past the length the first group's were
    // handed to the library at.
    const metricCounts = [...Array<number>(30).fill(8), 10, ...Array<number>(32).fill(8), 8, 8];
    const scenarios = metricCounts.map((metrics, s) => [key(s), scenarioRows(next, metrics, dates.length)] as const);
    for (const [scenario, rows] of scenarios) {
      parquet.add(scenario, rows);
      const fields = scenarioFields(scenario);
      dates.forEach((date, d) => {
        for (const [metric, { mean, quantiles }] of rows) {
          const row: Record<string, string | number | null> = Object.fromEntries(SCENARIO_COLUMNS.map((name, c) => [name, fields[c]]));
          Object.assign(row, { day: d + 1, date, metric, mean: csvValue(mean[d]) });
          QUANTILE_LABELS.forEach((label, q) => (row[label] = csvValue(quantiles[q][d])));
          expected.push(row);
        }
      });
    }
    parquet.finish();

    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const read = await parquetReadObjects({ file });
    expect(read.length).toBe(expected.length);
    expect(Object.keys(read[0])).toEqual([...DAILY_COLUMNS]);
    let mismatches = 0;
    read.forEach((row, r) => {
      for (const name of DAILY_COLUMNS) {
        if (Object.is(row[name], expected[r][name])) continue;
        // One assertion per mismatch, named, and only the first few.
        if (mismatches++ < 5) expect({ row: r, column: name, value: row[name] }).toEqual({ row: r, column: name, value: expected[r][name] });
      }
    });
    expect(mismatches).toBe(0);
    expect(read.some((row) => row.mean === null)).toBe(true);

    const metadata = parquetMetadata(file);
    // A group closes on the first scenario that takes it to 100,000 rows.
    const groupRows = [0];
    for (const [, rows] of scenarios) {
      if (groupRows[groupRows.length - 1] >= 100_000) groupRows.push(0);
      groupRows[groupRows.length - 1] += rows.length * dates.length;
    }
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual(groupRows);
    expect(groupRows).toEqual([100_000, 102_400, 6_400]);
    for (const group of metadata.row_groups) {
      for (const column of group.columns) {
        const name = column.meta_data!.path_in_schema[0];
        const figureColumn = name === 'mean' || (QUANTILE_LABELS as readonly string[]).includes(name);
        expect(column.meta_data!.encodings, name).toEqual(figureColumn ? ['PLAIN'] : ['PLAIN', 'RLE_DICTIONARY']);
        // Min/max only where they can rule a group out: the scenario's columns.
        const scenarioColumn = (SCENARIO_COLUMNS as readonly string[]).includes(name);
        expect(column.meta_data!.statistics?.min_value !== undefined, `${name} has statistics`).toBe(scenarioColumn);
        if (scenarioColumn) expect(column.meta_data!.statistics!.max_value! >= column.meta_data!.statistics!.min_value!, name).toBe(true);
      }
    }
  });
});
