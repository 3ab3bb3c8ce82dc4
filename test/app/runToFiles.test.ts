/**
 * The run use case, in process (test/cli/runToFiles.test.ts compares its files with those
 * `pathflow run` writes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine/modelSchema.js';
import { runToFiles } from '../../src/app/runToFiles.js';

const NETWORK_EXAMPLE = new URL('../../examples/fictional-icb-network.json', import.meta.url);

function exampleModel() {
  const checked = validateModel(JSON.parse(readFileSync(NETWORK_EXAMPLE, 'utf8')));
  if (!checked.ok) throw new Error('the bundled network example fails the model schema');
  return checked.model;
}

describe('runToFiles', () => {
  const deps = { started: '2026-12-05T10:00:00.000Z', source: 'fictional-icb-network.json' };

  it('gives the same bytes for the same seed, however many tasks run at once', async () => {
    const model = exampleModel();
    const one = await runToFiles(model, { replications: 2, seed: 5 }, deps);
    const lanes = await runToFiles(model, { replications: 2, seed: 5 }, { ...deps, concurrency: 4 });
    expect(Object.keys(lanes.files)).toEqual(Object.keys(one.files));
    for (const name of Object.keys(one.files)) expect({ name, same: Buffer.from(lanes.files[name]).equals(one.files[name]) }).toEqual({ name, same: true });
  }, 120_000);

  it('stops when its signal is aborted mid-run', async () => {
    const controller = new AbortController();
    const run = runToFiles(exampleModel(), { replications: 2, seed: 1 }, { ...deps, signal: controller.signal, progress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  }, 60_000);
});
