/**
 * The run use case gives the files `pathflow run` writes for the same model, seed and
 * replications, byte for byte; only the manifest differs, since it describes the process
 * that wrote it (threads, elapsed time, memory).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8 } from 'fflate';
import { validateModel } from '../../src/engine/modelSchema.js';
import { runToFiles } from '../../src/app/runToFiles.js';
import { pathflowManifestFiles } from '../../src/cli/outputDirectory.js';
import { builtCliWorkDirectory, pathflow, repoRoot } from '../cliHarness.js';

const NETWORK_EXAMPLE = join(repoRoot, 'examples/fictional-icb-network.json');

function exampleModel() {
  const checked = validateModel(JSON.parse(readFileSync(NETWORK_EXAMPLE, 'utf8')));
  if (!checked.ok) throw new Error('the bundled network example fails the model schema');
  return checked.model;
}

describe('runToFiles against pathflow run', () => {
  it('gives the files pathflow run writes for the bundled network example, manifest aside', async () => {
    const out = join(builtCliWorkDirectory('pathflow-run-to-files-'), 'run');
    const cli = pathflow('run', NETWORK_EXAMPLE, '--runs', '3', '--seed', '11', '--out', out, '--quiet');
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const progress: { replicationsDone: number; replicationsTotal: number }[] = [];
    const { result, files } = await runToFiles(exampleModel(), { replications: 3, seed: 11 }, {
      started: '2026-12-05T10:00:00.000Z',
      source: 'fictional-icb-network.json',
      progress: (p) => progress.push(p),
    });
    const written = readdirSync(out).sort();
    expect(Object.keys(files).sort()).toEqual(written);
    expect(written).toEqual(expect.arrayContaining(['flows.csv', 'system.csv', 'daily.csv']));
    for (const name of written.filter((n) => n !== 'manifest.json')) {
      expect({ name, same: Buffer.from(files[name]).equals(readFileSync(join(out, name))) }).toEqual({ name, same: true });
    }
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    expect(manifest).toMatchObject({ seed: 11, runs: 3, started: '2026-12-05T10:00:00.000Z' });
    expect('files' in pathflowManifestFiles(strFromU8(files['manifest.json']))).toBe(true);
    expect(result.replications).toBe(3);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.replicationsDone).toBe(progress.at(-1)!.replicationsTotal);
  }, 180_000);

});
