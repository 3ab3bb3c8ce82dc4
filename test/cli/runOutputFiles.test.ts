import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunOutputFiles } from '../../src/cli/runOutputFiles.js';
import type { ModelSpec } from '../../src/engine/model.js';
import type { NetworkRunResult } from '../../src/csv/networkRun.js';
import { dailyCsv } from '../../src/csv/daily.js';
import { flowsCsv, systemCsv } from '../../src/csv/networkFiles.js';
import { replicationsCsv } from '../../src/csv/replications.js';
import { ipacsOutputFiles } from '../../src/csv/ipacs.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { runModel } from '../../src/engine/run.js';
import { smallModel } from '../workbook/fixtures.js';
import { fixtureRun } from '../csv/networkFixtures.js';
import { scratchDirectories } from '../scratchDirectories.js';

/** Drives RunOutputFiles as the writer thread does, with results arriving in a chosen order. */
type ArrivalOrder = 'scenarios first' | 'components first' | 'components only';

async function runOutputFiles(directory: string, model: ModelSpec, result: NetworkRunResult, order: ArrivalOrder): Promise<string[]> {
  const files = new RunOutputFiles(
    directory,
    model,
    result.scenarios.map((s) => s.key),
    result.dates,
  );
  // Scenarios last to first, so that every one but the last waits for its turn.
  const scenarios = () => [...result.scenarios.entries()].reverse().forEach(([i, s]) => (order === 'components only' && s.key.component !== undefined ? undefined : files.addScenario(i, s)));
  const components = () => (result.components ?? []).forEach((c, i) => files.addComponent(i, c));
  if (order === 'scenarios first') {
    scenarios();
    components();
  } else {
    components();
    scenarios();
  }
  return files.finish();
}

const scratch = scratchDirectories('pathflow-writer-');

describe('the writer thread\'s files for a run with networks', () => {
  const { model, result } = fixtureRun();
  const read = (directory: string, name: string) => readFileSync(join(directory, name), 'utf8');

  for (const order of ['scenarios first', 'components first', 'components only'] as const) {
    it(`writes daily.csv and replications.csv in the run's order, and flows.csv and system.csv (${order})`, async () => {
      const directory = scratch();
      const files = await runOutputFiles(directory, model, result, order);
      expect(files).toEqual(['daily.csv', 'replications.csv', 'flows.csv', 'system.csv', ...ipacsOutputFiles(model, result).map(([name]) => name)]);
      expect(read(directory, 'daily.csv')).toBe([...dailyCsv(result)].join(''));
      expect(read(directory, 'replications.csv')).toBe(replicationsCsv(result));
      expect(read(directory, 'flows.csv')).toBe(flowsCsv(result.components!, result.dates));
      expect(read(directory, 'system.csv')).toBe(systemCsv(result.components!));
      expect(readdirSync(directory).sort()).toEqual([...files].sort());
    });
  }

  it('leaves networked nodes out of the IPACS-layout files', () => {
    const files = ipacsOutputFiles(model, result);
    expect(files.map(([name]) => name)).toEqual(['visit_output_using_fixture.csv', 'stochastic_visit_output_using_fixture.csv']);
    for (const [, content] of files) {
      expect(content).toContain('P1_A_BCap_Blos_BArr');
      expect(content).not.toMatch(/ACUTE_A|P2_A|HOME_A/);
    }
  });

  it('writes no network files for a run without networks', async () => {
    const isolated = { ...result, scenarios: [result.scenarios[0]], components: undefined };
    const directory = scratch();
    const files = await runOutputFiles(directory, model, isolated, 'scenarios first');
    expect(files).not.toContain('flows.csv');
    expect(files).not.toContain('system.csv');
  });
});

describe("the writer thread's summary.csv", () => {
  it('is the sink\'s summary.csv, byte for byte, whatever order the scenarios come in; finish lists it not (the sink does)', async () => {
    const model = smallModel(40);
    model.nodes[2].capacity[1].capacity = Infinity;
    const result = await runModel(model, { replications: 7, seed: 23 });
    const keys = result.scenarios.map((s) => s.key);
    for (const order of ['forwards', 'backwards', 'shuffled'] as const) {
      const directory = scratch();
      const files = new RunOutputFiles(directory, model, keys, result.dates, new Set(['summary', 'daily'] as const));
      const indices = keys.map((_, i) => i);
      if (order === 'backwards') indices.reverse();
      if (order === 'shuffled') indices.sort((a, b) => ((a * 7919) % 13) - ((b * 7919) % 13));
      for (const i of indices) files.addScenario(i, result.scenarios[i]);
      expect(await files.finish()).toEqual(['daily.csv']);
      expect(readFileSync(join(directory, 'summary.csv'), 'utf8'), order).toBe(summaryCsv(result, model));
    }
  });

  it('is left to the sink when summary is not chosen, and in a run with networks', async () => {
    const { model, result } = fixtureRun();
    const directory = scratch();
    await runOutputFiles(directory, model, result, 'scenarios first');
    expect(readdirSync(directory)).not.toContain('summary.csv');
    const isolated = smallModel(20);
    const alone = await runModel(isolated, { replications: 3, seed: 5 });
    const other = scratch();
    const files = new RunOutputFiles(other, isolated, alone.scenarios.map((s) => s.key), alone.dates, new Set(['daily'] as const));
    alone.scenarios.forEach((s, i) => files.addScenario(i, s));
    await files.finish();
    expect(readdirSync(other)).toEqual(['daily.csv']);
  });
});

describe("the writer thread's files when scenarios come far out of order", () => {
  it('writes daily.csv and replications.csv in the run’s order, whether a scenario waited in memory or in the spool', async () => {
    const { model, result } = fixtureRun();
    const isolated = result.scenarios.find((s) => s.key.component === undefined)!;
    // More scenarios than wait in memory, arriving last to first: the far ones wait in the spool, the near ones in memory.
    const scenarios = Array.from({ length: 150 }, (_, k) => ({ ...isolated, key: { ...isolated.key, id: `${isolated.key.id}-${k}`, node: `${isolated.key.node}-${k}` } }));
    const many = { ...result, scenarios, components: undefined };
    const directory = scratch();
    const files = new RunOutputFiles(directory, model, scenarios.map((s) => s.key), result.dates, new Set(['daily', 'replications'] as const));
    [...scenarios.entries()].reverse().forEach(([i, s]) => files.addScenario(i, s));
    expect(await files.finish()).toEqual(['daily.csv', 'replications.csv']);
    expect(readFileSync(join(directory, 'daily.csv'), 'utf8')).toBe([...dailyCsv(many)].join(''));
    expect(readFileSync(join(directory, 'replications.csv'), 'utf8')).toBe(replicationsCsv(many));
    expect(readdirSync(directory).sort()).toEqual(['daily.csv', 'replications.csv']);
  });

  it('writes daily.csv in the run’s order when each wait reuses the memory of the rows that waited before', async () => {
    const model = smallModel(30);
    const result = await runModel(model, { replications: 5, seed: 11 });
    const keys = result.scenarios.map((s) => s.key);
    // Threes reversed (2, 1, 0, 5, 4, 3, ...): two scenarios of each three wait at once, in the
    // buffers two of the three before waited in, so a buffer handed on before its rows were
    // written, or rows of another scenario left in one, would show.
    const order = keys.map((_, i) => Math.min(keys.length - 1, 3 * Math.floor(i / 3) + 2) - (i % 3)).filter((i) => i >= 0);
    expect([...order].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i));
    const directory = scratch();
    const files = new RunOutputFiles(directory, model, keys, result.dates, new Set(['daily'] as const));
    for (const i of order) files.addScenario(i, result.scenarios[i]);
    await files.finish();
    expect(readFileSync(join(directory, 'daily.csv'), 'utf8')).toBe([...dailyCsv(result)].join(''));
  });
});
