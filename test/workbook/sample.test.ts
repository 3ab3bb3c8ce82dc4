/**
 * The public IPACS sample workbooks, read from ../shared (third-party data, never copied into
 * the repository). The expected figures are those in the sheet XML of the file itself.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelSpec, NodeSpec } from '../../src/engine/model.js';
import { formatIssue, readIpacsWorkbook } from '../../src/workbook/read.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { allScenarios } from '../../src/engine/scenarios.js';
import { ipacsColumns } from '../../src/csv/ipacsOrder.js';
import { modelOf, noDtocSamplePath, sampleMissing, samplePath, sampleSuiteTitle, withoutSheetRows } from './fixtures.js';

async function readSample(path: string, fileName: string): Promise<ModelSpec> {
  const result = await readIpacsWorkbook(await readFile(path), { fileName });
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join('\n'));
  expect(result.warnings).toEqual([]);
  return result.model;
}

describe.skipIf(sampleMissing)(sampleSuiteTitle('the public IPACS sample workbook'), () => {
  let model: ModelSpec;
  const node = (id: string): NodeSpec => model.nodes.find((candidate) => candidate.id === id)!;

  it('reads without errors or warnings, named after the file', async () => {
    model = await readSample(samplePath, 'IPACS_params.xlsx');
    expect(model.name).toBe('IPACS_params');
  });

  it('has the 9 nodes in the order of the arrivals sheet, with pathway and locality', () => {
    expect(model.nodes.map((node) => node.id)).toEqual(['P1_B', 'P1_NS', 'P1_SG', 'P2_B', 'P2_NS', 'P2_SG', 'P3_B', 'P3_NS', 'P3_SG']);
    expect(node('P2_NS')).toMatchObject({ pathway: 'P2', locality: 'NS' });
  });

  it('has 181 consecutive days from 2023-01-01', () => {
    expect(model.dates).toHaveLength(181);
    expect(model.dates[0]).toBe('2023-01-01');
    expect(model.dates[180]).toBe('2023-06-30');
  });

  it('has 2 arrival, 2 capacity and 3 LOS scenarios for every node', () => {
    for (const { arrivals, capacity, los } of model.nodes) {
      expect(arrivals.map((scenario) => scenario.name)).toEqual(['BArr', 'S1Arr']);
      expect(arrivals.every((scenario) => scenario.daily.length === 181)).toBe(true);
      expect(capacity.map((scenario) => scenario.name)).toEqual(['BCap', 'S1Cap']);
      expect(los.map((scenario) => scenario.name)).toEqual(['Blos', 'S1los', 'S2los']);
    }
  });

  it('reads the figures in the file', () => {
    // initial conditions!C18 and C13: more patients than beds at the start.
    expect(node('P2_SG').initial).toEqual({ occupied: 68, waiting: 12 });
    expect(node('P3_B').initial).toEqual({ occupied: 77, waiting: 43 });
    expect(node('P1_B').initial).toEqual({ occupied: 92, waiting: 39 });
    // capacity!C12-C13
    expect(node('P2_SG').capacity).toEqual([
      { name: 'BCap', capacity: 61 },
      { name: 'S1Cap', capacity: 2000 },
    ]);
    // arrivals!B2 (a date cell in D2), and the last row, arrivals!B3259
    expect(node('P1_B').arrivals[0].daily[0]).toBe(3.790697);
    expect(node('P3_SG').arrivals[1].daily[180]).toBe(2.41);
    // los rows 2 and 28; sd_los is blank in the sample, IVR and FVR given for P1 only
    expect(node('P1_B').los[0]).toStrictEqual({ name: 'Blos', family: 'lnorm', mean: 18.07, median: 9, initialVisitRate: 4, finalVisitRate: 1 });
    expect(node('P3_SG').los[2]).toStrictEqual({ name: 'S2los', family: 'lnorm', mean: 30.09, median: 27.1 });
    // costs rows 2 and 4
    expect(node('P1_B').costs).toEqual({ community: 125, acuteDelay: 346 });
    expect(node('P3_B').costs).toEqual({ community: 164, acuteDelay: 346 });
  });

  it('records the row keys of each sheet in sheet order, which put the IPACS-layout columns in the order R writes', async () => {
    const rows = model.ipacsSheetRows!;
    expect(rows.arrivals).toHaveLength(9 * 2 * 181);
    expect(rows.capacity).toHaveLength(9 * 2);
    expect(rows.los).toHaveLength(9 * 3);
    expect(rows.initial).toHaveLength(9 * 2);
    // R's own column order, from its bed output file (the header, without "date" and the metric suffix).
    const header = (await readFile(join(dirname(samplePath), 'reference-r/sample/bed_output_using_IPACS_params.csv'), 'utf8')).split('\n')[0];
    const rOrder = header.split(',').slice(1, 1 + 72).map((name) => name.replace(/"/g, '').replace(/__occ$/, ''));
    expect(ipacsColumns(model, allScenarios(model)).bed.map((key) => key.id)).toEqual(rOrder);
  });

  it('writes back to a workbook that reads as the same model', async () => {
    expect(await modelOf(await writeIpacsWorkbook(model), 'IPACS_params.xlsx')).toStrictEqual(withoutSheetRows(model));
  });

  it('reads the variant with no initial queue', async () => {
    const noDtoc = await readSample(noDtocSamplePath, 'sample_nodtoc.xlsx');
    expect(noDtoc.nodes.map((node) => node.initial.waiting)).toEqual(Array(9).fill(0));
    expect(noDtoc.nodes.map((node) => node.initial.occupied)).toEqual(model.nodes.map((node) => node.initial.occupied));
  });
});
