/**
 * The caching executor (src/app/taskCache.ts), through the simulate use case as the web app
 * calls it: a cached run has the bytes of an uncached one, an edit re-simulates only the tasks
 * it changes, and a component scenario is keyed by all of itself (an edge is no node's, yet
 * changing it re-simulates its component).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { inProcessExecutor, runTask, type BatchExecutor, type RunResult, type RunTask } from '../../src/engine/run.js';
import { isComponentTask } from '../../src/engine/network/componentTask.js';
import type { ScenarioTask } from '../../src/engine/replications.js';
import { nodeScenarios } from '../../src/engine/scenarios.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { dailyCsvText } from '../../src/app/runDirectory.js';
import { simulate } from '../../src/app/run.js';
import { TaskCache } from '../../src/app/taskCache.js';

async function isolatedModel(): Promise<ModelSpec> {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  return read.model;
}

function networkModel(): ModelSpec {
  const checked = validateModel(JSON.parse(readFileSync(new URL('../../examples/fictional-icb-network.json', import.meta.url), 'utf8')));
  if (!checked.ok) throw new Error('the bundled network example fails the model schema');
  return checked.model;
}

const bytesOf = (result: RunResult, model: ModelSpec) => ({ summary: summaryCsv(result, model), daily: dailyCsvText(result) });
const request = { replications: 3, seed: 5 };

/** The in-process executor, recording each task it is handed. */
function recording(): { executor: (task: RunTask) => ReturnType<typeof inProcessExecutor>; tasks: RunTask[] } {
  const tasks: RunTask[] = [];
  return { tasks, executor: (task) => (tasks.push(task), inProcessExecutor(task)) };
}

describe('the task cache', () => {
  it('gives the bytes of an uncached run, and a second run takes every task from it', async () => {
    const model = await isolatedModel();
    const plain = await simulate(model, request);
    const cache = new TaskCache();
    const first = await simulate(model, request, { cache });
    const again = recording();
    const second = await simulate(model, request, { cache, executor: again.executor });
    expect(plain.result.scenarios).toHaveLength(72);
    expect([plain.simulated, plain.reused]).toEqual([72, 0]);
    expect([first.simulated, first.reused]).toEqual([72, 0]);
    expect([second.simulated, second.reused]).toEqual([0, 72]);
    expect(again.tasks).toEqual([]);
    expect(bytesOf(first.result, model)).toEqual(bytesOf(plain.result, model));
    expect(bytesOf(second.result, model)).toEqual(bytesOf(plain.result, model));
  }, 120_000);

  it('after an edit to one node, simulates only that node’s scenarios, to the bytes of an uncached run', async () => {
    const model = await isolatedModel();
    const cache = new TaskCache();
    await simulate(model, request, { cache });
    const index = model.nodes.findIndex((node) => node.id === 'P2_RV');
    const node = model.nodes[index];
    const edited: ModelSpec = { ...model, nodes: model.nodes.map((n, i) => (i === index ? { ...node, capacity: node.capacity.map((c, j) => (j === 0 ? { ...c, capacity: c.capacity + 1 } : c)) } : n)) };
    const seen = recording();
    const cached = await simulate(edited, request, { cache, executor: seen.executor });
    const scenariosOfNode = nodeScenarios(edited.nodes[index], index).length;
    expect(scenariosOfNode).toBeGreaterThan(0);
    expect([cached.simulated, cached.reused]).toEqual([scenariosOfNode, 72 - scenariosOfNode]);
    expect(new Set(seen.tasks.map((task) => (isComponentTask(task) ? task.key.component : (task as ScenarioTask).node.id)))).toEqual(new Set(['P2_RV']));
    expect(bytesOf(cached.result, edited)).toEqual(bytesOf((await simulate(edited, request)).result, edited));
  }, 120_000);

  it('re-simulates a component when an edge of it changes, the other components reused, with a batch executor too', async () => {
    const model = networkModel();
    const cache = new TaskCache();
    const first = await simulate(model, request, { cache });
    const tasksOf = (component: string) => first.result.components!.filter((summary) => summary.key.component === component).length;
    expect(tasksOf('RV')).toBeGreaterThan(0);
    // Acute_RV's routing shifts from home to P1: no node of RV changes, only the edges.
    const edges = model.edges!.map((edge) =>
      edge.from === 'Acute_RV' && edge.to === 'Home_RV' ? { ...edge, probability: edge.probability - 0.05 } : edge.from === 'Acute_RV' && edge.to === 'P1_RV' ? { ...edge, probability: edge.probability + 0.05 } : edge,
    );
    const edited: ModelSpec = { ...model, edges };
    const handed: RunTask[] = [];
    const batch: BatchExecutor = {
      async runAll(tasks, onSummary) {
        handed.push(...tasks);
        tasks.forEach((task, index) => onSummary(index, runTask(task)));
      },
    };
    const cached = await simulate(edited, request, { cache, executor: batch });
    const total = first.result.components!.length;
    expect([cached.simulated, cached.reused]).toEqual([tasksOf('RV'), total - tasksOf('RV')]);
    expect(new Set(handed.map((task) => (isComponentTask(task) ? task.key.component : (task as ScenarioTask).node.id)))).toEqual(new Set(['RV']));
    expect(bytesOf(cached.result, edited)).toEqual(bytesOf((await simulate(edited, request)).result, edited));
    expect(bytesOf(cached.result, edited)).not.toEqual(bytesOf(first.result, model));
  }, 300_000);

  it('holds at most its limit, the oldest out first', () => {
    const cache = new TaskCache(2);
    const result = { key: { id: 'x' } } as never;
    cache.set('a', result);
    cache.set('b', result);
    cache.set('c', result);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, result, result]);
    expect(cache.size).toBe(2);
  });
});
