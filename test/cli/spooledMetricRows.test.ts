/**
 * daily.parquet's figures for a scenario finished ahead of its turn wait in the spool, not in
 * memory: read back they are the same figures, and the file is the same bytes whatever order
 * the scenarios arrive in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RunOutputFiles } from '../../src/cli/runOutputFiles.js';
import { Spool, spoolMetricRows, unspoolMetricRows } from '../../src/cli/spooledRows.js';
import type { MetricRow } from '../../src/csv/daily.js';
import { fixtureRun } from '../csv/networkFixtures.js';
import { scratchDirectories } from '../scratchDirectories.js';

const scratch = scratchDirectories('pathflow-spooled-rows-');

it('gives back the metric rows it was given, each with its own number of quantiles', () => {
  const spool = new Spool(join(scratch(), 'rows.spool'));
  // A view starting part-way into its buffer, as a packed summary's rows are.
  const packed = Float64Array.from({ length: 31 }, (_, i) => i / 7);
  const rows: MetricRow[] = [
    ['occ', { mean: packed.subarray(1, 4), quantiles: [packed.subarray(4, 7), packed.subarray(7, 10)] }],
    ['niq', { mean: Float64Array.of(-0, 1e-300, Number.MAX_VALUE), quantiles: [] }],
  ];
  spool.put(Uint8Array.of(1, 2, 3));
  const spooled = spoolMetricRows(spool, rows);
  const plain = (list: readonly MetricRow[]) => list.map(([metric, row]) => [metric, [...row.mean], row.quantiles.map((q) => [...q])]);
  expect(plain(unspoolMetricRows(spool, spooled))).toEqual(plain(rows));
  expect(Object.is(unspoolMetricRows(spool, spooled)[1][1].mean[0], -0)).toBe(true);
  spool.close();
});

it('writes the same daily.parquet when every scenario but the last waits for its turn', async () => {
  const { model, result } = fixtureRun();
  const keys = result.scenarios.map((s) => s.key);
  const written = async (order: 'in turn' | 'last first') => {
    const directory = scratch();
    const files = new RunOutputFiles(directory, model, keys, result.dates, new Set(['parquet']));
    const entries = [...result.scenarios.entries()];
    for (const [index, scenario] of order === 'in turn' ? entries : entries.reverse()) files.addScenario(index, scenario);
    (result.components ?? []).forEach((component, index) => files.addComponent(index, component));
    await files.finish();
    return readFileSync(join(directory, 'daily.parquet'));
  };
  const inTurn = await written('in turn');
  expect(inTurn.length).toBeGreaterThan(0);
  expect((await written('last first')).equals(inTurn)).toBe(true);
});
