/**
 * The web app's results zip is a run directory `pathflow report` accepts: the files the CLI
 * writes, a manifest the CLI recognises as Pathflow's, and an input that says truly where
 * the model simulated came from. (test/e2e/app.test.ts runs the built CLI on the real zip.)
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { strFromU8 } from 'fflate';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import { runModel } from '../../src/engine/run.js';
import { dailyCsv } from '../../src/csv/daily.js';
import { OPTIONAL_RUN_FILES, parseRunFiles, RUN_FILES, type RunFiles } from '../../src/report/runData.js';
import { pathflowManifestFiles } from '../../src/cli/outputDirectory.js';
import { runDirectoryFiles } from '../../src/app/runDirectory.js';
import { replicationsCsv } from '../../src/csv/replications.js';
import { flowsCsv, systemCsv } from '../../src/csv/networkFiles.js';
import { fixtureRun } from '../csv/networkFixtures.js';

const EXAMPLE = new URL('../../examples/fictional-icb.xlsx', import.meta.url);

async function exampleRun() {
  const bytes = readFileSync(EXAMPLE);
  const read = await readIpacsWorkbook(bytes, { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('the example does not read');
  const result = await runModel(read.model, { replications: 2, seed: 7 });
  let daily = '';
  for (const chunk of dailyCsv(result)) daily += chunk;
  const workbook = { file: 'fictional-icb.xlsx', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, model: read.model };
  return { model: read.model, result, daily, workbook };
}

const asRunFiles = (files: Record<string, Uint8Array>) =>
  Object.fromEntries([...RUN_FILES, ...OPTIONAL_RUN_FILES].filter((name) => name in files).map((name) => [name, strFromU8(files[name])])) as unknown as RunFiles;

describe('the web results zip as a run directory', () => {
  it('holds what pathflow report reads, and a manifest the CLI recognises as its own', async () => {
    const { model, result, daily, workbook } = await exampleRun();
    const files = await runDirectoryFiles({ result, model, dailyCsv: daily, started: '2026-12-05T10:00:00.000Z', source: 'fictional-icb.xlsx', workbook });
    for (const name of RUN_FILES) expect(Object.keys(files)).toContain(name);
    const data = parseRunFiles(asRunFiles(files));
    expect(data.manifest).toMatchObject({ seed: 7, runs: 2, input: { file: 'fictional-icb.xlsx', sha256: workbook.sha256, bytes: workbook.bytes } });
    expect(data.summary.length).toBeGreaterThan(0);
    // The replications too, so the report's whole-system view works on the zip as on a CLI run.
    expect(strFromU8(files['replications.csv'])).toBe(replicationsCsv(result));
    expect([...data.replications!.keys()]).toEqual(result.scenarios.map((s) => s.key.id));
    const recognised = pathflowManifestFiles(strFromU8(files['manifest.json']));
    expect('files' in recognised ? [...recognised.files].sort() : recognised).toEqual(Object.keys(files).sort());
  }, 60_000);

  it('names model.json, not the workbook, as the input of a model edited since it was read', async () => {
    const { model, result, daily, workbook } = await exampleRun();
    const edited = structuredClone(model);
    const files = await runDirectoryFiles({ result, model: edited, dailyCsv: daily, started: '2026-12-05T10:00:00.000Z', source: 'fictional-icb.xlsx', workbook });
    const manifest = JSON.parse(strFromU8(files['manifest.json']));
    expect(manifest.input).toEqual({ file: 'model.json', sha256: createHash('sha256').update(files['model.json']).digest('hex'), bytes: files['model.json'].length });
    expect(manifest.inputNote).toMatch(/edited/);
    expect('files' in pathflowManifestFiles(strFromU8(files['manifest.json']))).toBe(true);
  }, 60_000);

  it('holds flows.csv and system.csv, listed in its manifest, when the run has networks', async () => {
    const { model, result } = fixtureRun();
    let daily = '';
    for (const chunk of dailyCsv(result)) daily += chunk;
    const files = await runDirectoryFiles({ result, model, dailyCsv: daily, started: '2026-12-05T10:00:00.000Z', source: 'a test' });
    expect(strFromU8(files['flows.csv'])).toBe(flowsCsv(result.components!, result.dates));
    expect(strFromU8(files['system.csv'])).toBe(systemCsv(result.components!));
    const recognised = pathflowManifestFiles(strFromU8(files['manifest.json']));
    expect('files' in recognised ? recognised.files : recognised).toEqual(expect.arrayContaining(['flows.csv', 'system.csv']));
    const { result: isolated, model: example, daily: exampleDaily } = await exampleRun();
    const plain = await runDirectoryFiles({ result: isolated, model: example, dailyCsv: exampleDaily, started: '2026-12-05T10:00:00.000Z', source: 'fictional-icb.xlsx' });
    expect(Object.keys(plain)).not.toContain('flows.csv');
    expect(Object.keys(plain)).not.toContain('system.csv');
  }, 60_000);
});
