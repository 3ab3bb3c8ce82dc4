/**
 * The writer thread summarising the scenarios a one-thread run leaves it (runTaskLeavingDaily,
 * ThreadOutputWriter.sharedColumns): the very files of the scenarios summarised where they ran,
 * whether it is given all of them or some. The writer thread loads the built JavaScript, so
 * this runs on dist/.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, repoRoot } from '../cliHarness.js';
import { constantRates, isoDates, makeNode } from '../engine/helpers.js';
import type { ModelSpec } from '../../src/engine/model.js';
import type { TaskExecutor } from '../../src/engine/run.js';

type RunModule = typeof import('../../src/engine/run.js');
type WriterModule = typeof import('../../src/cli/outputWriter.js');

let run: RunModule;
let writers: WriterModule;
let directory: string;

beforeAll(async () => {
  directory = builtCliWorkDirectory('pathflow-writer-summaries-');
  run = await import(join(repoRoot, 'dist/engine/run.js'));
  writers = await import(join(repoRoot, 'dist/cli/outputWriter.js'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const DAYS = 40;
const wavy = Array.from({ length: DAYS }, (_, i) => 3 + 2 * Math.sin(i / 4));
const model: ModelSpec = {
  name: 'writer summaries',
  dates: isoDates(DAYS),
  nodes: [
    makeNode({ id: 'P2_A', arrivals: [wavy, wavy.map((r) => r * 1.1)], capacity: [14, 18], los: [{ family: 'lnorm', mean: 6, median: 5 }], occupied: 12, waiting: 3, community: 200, acuteDelay: 350 }),
    makeNode({ id: 'P3_A', pathway: 'P3', arrivals: [constantRates(DAYS, 1.5)], capacity: [61, 1e6], los: [{ family: 'norm', mean: 30, sd: 10 }], occupied: 68, waiting: 4 }),
    makeNode({ id: 'P1_A', pathway: 'P1', arrivals: [wavy], capacity: [10, 14], los: [{ family: 'lnorm', mean: 10, median: 8 }], occupied: 6, waiting: 5, community: 30, acuteDelay: 350 }),
  ],
};

type Writer = InstanceType<WriterModule['ThreadOutputWriter']>;

/** A run through a writer thread, as the run sink hands it over without a report; its files by name. */
async function written(into: string, executorOf: (writer: Writer) => TaskExecutor | undefined): Promise<Map<string, Buffer>> {
  mkdirSync(into, { recursive: true });
  const writer = new writers.ThreadOutputWriter();
  const options = { replications: 30, seed: 5 };
  writer.begin(into, model, run.scenarioKeysOf(model, options), ['summary', 'daily', 'replications', 'ipacs']);
  const taken = (i: number, s: Parameters<Writer['add']>[1]) => {
    const settled = writer.add(i, s);
    for (const metric of Object.keys(s.daily) as (keyof typeof s.daily)[]) s.daily[metric] = { mean: new Float64Array(0), quantiles: [] };
    return settled;
  };
  await run.runModel(model, options, executorOf(writer), undefined, undefined, taken);
  // summary.csv too: the writer makes it, the sink lists it.
  const files = [...(await writer.finish()), 'summary.csv'].sort();
  return new Map(files.map((name) => [name, readFileSync(join(into, name))]));
}

describe('scenarios summarised by the writer thread', () => {
  it('give the very files of scenarios summarised where they ran, all of them or every other one', async () => {
    const here = await written(join(directory, 'here'), () => undefined);
    const leaving = (writer: Writer): TaskExecutor => async (task) => run.runTaskLeavingDaily(task, (length) => writer.sharedColumns(length));
    const all = await written(join(directory, 'all'), leaving);
    let asked = 0;
    const some = await written(join(directory, 'some'), (writer) => async (task) => run.runTaskLeavingDaily(task, (length) => (asked++ % 2 ? undefined : writer.sharedColumns(length))));
    expect(asked).toBe(8);
    expect([...here.keys()]).toEqual(expect.arrayContaining(['daily.csv', 'replications.csv', 'summary.csv']));
    for (const files of [all, some]) {
      expect([...files.keys()]).toEqual([...here.keys()]);
      for (const [name, bytes] of here) expect(files.get(name)!.equals(bytes), name).toBe(true);
    }
  }, 120_000);

  it('lend no more shared columns than a run leaves unsettled, and lend them again once given back', async () => {
    const writer = new writers.ThreadOutputWriter();
    try {
      const lent = Array.from({ length: 40 }, () => writer.sharedColumns(1000));
      expect(lent.filter(Boolean)).toHaveLength(32);
      expect(lent[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    } finally {
      await writer.abandon();
    }
  });
});
