/**
 * The run use case drives any sink the same way: every scenario and component once, with its
 * index, then the whole files, then finish with the result.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine/modelSchema.js';
import { modelFileText } from '../../src/engine/modelSchema.js';
import { summaryCsv } from '../../src/csv/summary.js';
import { run, type RunSink } from '../../src/app/run.js';
import type { ScenarioKey } from '../../src/engine/scenarios.js';
import type { RunResult } from '../../src/engine/run.js';

const NETWORK_EXAMPLE = new URL('../../examples/fictional-icb-network.json', import.meta.url);

function exampleModel() {
  const checked = validateModel(JSON.parse(readFileSync(NETWORK_EXAMPLE, 'utf8')));
  if (!checked.ok) throw new Error('the bundled network example fails the model schema');
  return checked.model;
}

class RecordingSink implements RunSink {
  readonly calls: string[] = [];
  keys: ScenarioKey[] = [];
  readonly scenarios = new Map<number, string>();
  readonly components = new Map<number, string>();
  readonly whole = new Map<string, string>();
  finishedWith?: RunResult;

  begin(_model: unknown, keys: ScenarioKey[]): void {
    this.calls.push('begin');
    this.keys = keys;
  }
  addScenario(index: number, summary: { key: ScenarioKey }): void {
    if (this.scenarios.has(index)) throw new Error(`scenario ${index} twice`);
    this.scenarios.set(index, summary.key.id);
  }
  addComponent(index: number, summary: { key: { id: string } }): void {
    if (this.components.has(index)) throw new Error(`component ${index} twice`);
    this.components.set(index, summary.key.id);
  }
  async addFile(name: string, content: string): Promise<void> {
    this.calls.push(`file ${name}`);
    this.whole.set(name, content);
  }
  async finish(result: RunResult): Promise<string[]> {
    this.calls.push('finish');
    this.finishedWith = result;
    return ['daily.csv'];
  }
}

describe('run', () => {
  it('hands the sink every scenario and component once, at its index, then the whole files', async () => {
    const model = exampleModel();
    const sink = new RecordingSink();
    const { result, files } = await run(model, { replications: 2, seed: 3 }, { sink, concurrency: 3 });
    expect(sink.calls).toEqual(['begin', 'file summary.csv', 'file model.json', 'finish']);
    expect(sink.finishedWith).toBe(result);
    expect(sink.keys.map((key) => key.id)).toEqual(result.scenarios.map((s) => s.key.id));
    expect([...sink.scenarios.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id)).toEqual(result.scenarios.map((s) => s.key.id));
    expect(result.components?.length).toBeGreaterThan(0);
    expect([...sink.components.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id)).toEqual(result.components!.map((c) => c.key.id));
    expect(sink.whole.get('summary.csv')).toBe(summaryCsv(result, model));
    expect(sink.whole.get('model.json')).toBe(modelFileText(model));
    expect(files).toEqual(['summary.csv', 'model.json', 'daily.csv']);
  }, 120_000);
});
