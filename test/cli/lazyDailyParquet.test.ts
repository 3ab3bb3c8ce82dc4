/**
 * The writer thread loads the Parquet library only when daily.parquet is chosen, and rows
 * can reach it before the library has loaded: they must wait and go in, in order, so the
 * file is byte for byte the one the library writes when loaded up front.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LazyDailyParquet } from '../../src/cli/lazyDailyParquet.js';
import { DailyParquet, DAILY_PARQUET_FILE } from '../../src/csv/parquet.js';
import { QUANTILE_LABELS } from '../../src/engine/summary.js';
import type { MetricRow } from '../../src/csv/daily.js';
import type { ScenarioKey } from '../../src/engine/scenarios.js';
import { scratchDirectories } from '../scratchDirectories.js';

const dates = ['2026-04-01', '2026-04-02', '2026-04-03'];

function key(node: string): ScenarioKey {
  return {
    id: `${node}_BCap_Blos_BArr`, node, pathway: 'P2', locality: 'North',
    capacityScenario: 'BCap', losScenario: 'Blos', arrivalScenario: 'BArr',
    nodeIndex: 0, capacityIndex: 0, losIndex: 0, arrivalIndex: 0, capacity: 10,
  };
}

function rows(offset: number): MetricRow[] {
  const series = (start: number) => Float64Array.from(dates, (_, d) => start + d + 0.123456);
  return ['occupancy', 'queue'].map((metric, m): MetricRow => [metric, { mean: series(offset + m), quantiles: QUANTILE_LABELS.map((_, q) => series(offset + m + q)) }]);
}

const directory = scratchDirectories('pathflow-lazy-parquet-');

describe('daily.parquet with the library loaded lazily', () => {
  it('writes the bytes of the eager writer when rows arrive before the library has loaded', async () => {
    const eagerDirectory = directory();
    const eager = new DailyParquet(join(eagerDirectory, DAILY_PARQUET_FILE), dates);
    const lazyDirectory = directory();
    const lazy = new LazyDailyParquet(lazyDirectory, dates);
    for (const [index, node] of ['P2_N', 'P3_N', 'LTC_N'].entries()) {
      eager.add(key(node), rows(index * 10));
      // Before any await: the import cannot have finished, so these rows wait.
      lazy.add(key(node), rows(index * 10));
      if (index === 1) await lazy.ready();
    }
    eager.finish();
    expect(await lazy.finish()).toBe(DAILY_PARQUET_FILE);
    const written = readFileSync(join(lazyDirectory, DAILY_PARQUET_FILE));
    expect(written.length).toBeGreaterThan(100);
    expect(written.equals(readFileSync(join(eagerDirectory, DAILY_PARQUET_FILE)))).toBe(true);
  });
});
