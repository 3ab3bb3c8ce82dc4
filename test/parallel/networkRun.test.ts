/**
 * A model with a network component on the Node worker pool: identical summaries for any
 * number of threads, and the CLI's writer given every scenario (networked nodes' too) and every
 * component summary. Worker threads load the built JavaScript, so these run on dist/.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, repoRoot } from '../cliHarness.js';
import { acute, dates, networkModel } from '../engine/network/runModels.js';
import type { ModelSpec } from '../../src/engine/model.js';
import type { RunResult } from '../../src/engine/run.js';

type RunModule = typeof import('../../src/engine/run.js');
type PoolModule = typeof import('../../src/parallel/workerPool.js');
type WriterModule = typeof import('../../src/cli/outputWriter.js');

let run: RunModule;
let pool: PoolModule;
let writers: WriterModule;
let directory: string;

beforeAll(async () => {
  directory = builtCliWorkDirectory('pathflow-network-run-');
  run = await import(join(repoRoot, 'dist/engine/run.js'));
  pool = await import(join(repoRoot, 'dist/parallel/workerPool.js'));
  writers = await import(join(repoRoot, 'dist/cli/outputWriter.js'));
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Every number of a result as text: typed arrays as plain arrays, so two runs compare byte for byte. */
function bytesOf(result: RunResult): string {
  return JSON.stringify({ scenarios: result.scenarios, components: result.components }, (_, value) => (ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value));
}

async function onThreads(threads: number, model: ModelSpec = networkModel, replications = 16): Promise<RunResult> {
  const executor = pool.createExecutor(threads);
  try {
    return await run.runModel(model, { replications, seed: 99, threads: executor.threads }, executor.execute);
  } finally {
    await executor.close();
  }
}

/** One network, one scenario (acute to home and to a bed node, with transfer delays): a single task, which threads share in blocks of replications. */
const singleNetwork: ModelSpec = {
  name: 'single network',
  dates,
  nodes: [
    acute,
    { id: 'P2_X', pathway: 'P2', locality: 'X', arrivals: [], capacity: [{ name: 'BCap', capacity: 7 }], los: [{ name: 'Blos', family: 'lnorm', mean: 12, median: 9 }], initial: { occupied: 6, waiting: 1 }, costs: { community: 150, acuteDelay: 400 } },
    { id: 'Home_X', kind: 'exit', pathway: 'Home', locality: 'X', arrivals: [], capacity: [], los: [], initial: { occupied: 0, waiting: 0 }, costs: { community: 0, acuteDelay: 0 } },
  ],
  edges: [
    { from: 'Acute_N', to: 'Home_X', probability: 0.7, delay: { family: 'exp', mean: 0.5 } },
    { from: 'Acute_N', to: 'P2_X', probability: 0.3 },
    { from: 'P2_X', to: 'Home_X', probability: 1, delay: { family: 'exp', mean: 2 } },
  ],
};

describe('a network model on worker threads', () => {
  it('gives byte-identical summaries on 1 and 2 threads', async () => {
    const one = await onThreads(1);
    const two = await onThreads(2);
    expect(one.components).toHaveLength(4);
    expect(bytesOf(two)).toBe(bytesOf(one));
  }, 120_000);

  it('shares a single network scenario between 2 threads in blocks of replications, byte-identical to 1 thread', async () => {
    const one = await onThreads(1, singleNetwork, 40);
    const two = await onThreads(2, singleNetwork, 40);
    expect(one.components).toHaveLength(1);
    expect(run.replicationBlocks(1, 2, 40)).toBe(2);
    expect(bytesOf(two)).toBe(bytesOf(one));
  }, 120_000);

  it('hands the writer every scenario and component summary, and writes daily.csv rows for the networked nodes', async () => {
    const writer = new writers.ThreadOutputWriter();
    const options = { replications: 4, seed: 3 };
    writer.begin(directory, networkModel, run.scenarioKeysOf(networkModel, options));
    const result = await run.runModel(networkModel, options, undefined, undefined, undefined, (i, s) => writer.add(i, s), (i, c) => writer.addComponent(i, c));
    const files = await writer.finish();
    expect(writer.components.map((c) => c.key.id)).toEqual(result.components!.map((c) => c.key.id));
    expect(files).toContain('daily.csv');
    const daily = readFileSync(join(directory, 'daily.csv'), 'utf8');
    expect(daily).toContain('P2_N_S1Cap_Blos_BArr_MoreP2');
    expect(daily).toContain('P2_S_BCap_Blos_BArr');
  }, 120_000);

  it('writes the very files in the main thread as in the writer thread', async () => {
    const { InProcessOutputWriter } = await import(join(repoRoot, 'dist/cli/inProcessOutputWriter.js'));
    const options = { replications: 4, seed: 3 };
    const outputs = ['summary', 'daily', 'replications', 'ipacs', 'network', 'parquet'] as const;
    const written = async (writer: InstanceType<WriterModule['ThreadOutputWriter']>, into: string) => {
      mkdirSync(into, { recursive: true });
      writer.begin(into, networkModel, run.scenarioKeysOf(networkModel, options), [...outputs]);
      // As the run sink does without a report: an isolated scenario's daily figures emptied once it is taken.
      const taken = (i: number, s: Parameters<typeof writer.add>[1]) => {
        const settled = writer.add(i, s);
        if (s.key.component === undefined) for (const metric of Object.keys(s.daily) as (keyof typeof s.daily)[]) s.daily[metric] = { mean: new Float64Array(0), quantiles: [] };
        return settled;
      };
      await run.runModel(networkModel, options, undefined, undefined, undefined, taken, (i, c) => writer.addComponent(i, c));
      const files = (await writer.finish()).sort();
      return new Map(files.map((name) => [name, readFileSync(join(into, name))]));
    };
    const thread = await written(new writers.ThreadOutputWriter(), join(directory, 'thread'));
    const inProcess = await written(new InProcessOutputWriter(), join(directory, 'in-process'));
    expect([...inProcess.keys()]).toEqual([...thread.keys()]);
    expect([...thread.keys()]).toEqual(expect.arrayContaining(['daily.csv', 'daily.parquet', 'flows.csv', 'replications.csv', 'system.csv']));
    expect([...thread.keys()].some((name) => name.startsWith('bed_output'))).toBe(true);
    for (const [name, bytes] of thread) expect(inProcess.get(name)!.equals(bytes), name).toBe(true);
  }, 120_000);
});
