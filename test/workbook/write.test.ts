import { unzipSync, zipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fitLos } from '../../src/engine/lengthOfStay.js';
import { UNRESTRICTED_CAPACITY, type ModelSpec } from '../../src/engine/model.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { modelOf, read, sampleMissing, samplePath, sampleSuiteTitle, smallModel, withoutSheetRows } from './fixtures.js';

async function sheetsOf(workbook: Uint8Array): Promise<Map<string, unknown[][]>> {
  return new Map((await readXlsxFile(workbook.slice().buffer)).map(({ sheet, data }) => [sheet, data as unknown[][]]));
}

describe('writeIpacsWorkbook', () => {
  it('writes a workbook that reads back as the same model', async () => {
    expect(await modelOf(await writeIpacsWorkbook(smallModel()))).toStrictEqual(smallModel());
  });

  it('round-trips every LOS family, sd-only lognormals, zero arrivals and long horizons', async () => {
    const model: ModelSpec = smallModel(400);
    model.nodes[0].los[1] = { name: 'S1los', family: 'norm', mean: 12, sd: 3, initialVisitRate: 5, finalVisitRate: 2 };
    model.nodes[1].los[0] = { name: 'Blos', family: 'exp', mean: 21.5 };
    model.nodes[2].los[1] = { name: 'S2los', family: 'lnorm', mean: 30, median: 25, sd: 12 };
    model.nodes[2].arrivals[0].daily.fill(0);
    expect(await modelOf(await writeIpacsWorkbook(model))).toStrictEqual(model);
  });

  it('leaves P1 visit rates blank when the model has none, and reading them back warns', async () => {
    const model = smallModel();
    delete model.nodes[0].los[0].initialVisitRate;
    const result = await read(await writeIpacsWorkbook(model));
    expect(result.ok && withoutSheetRows(result.model)).toStrictEqual(model);
    expect(result.ok && result.warnings).toEqual([{ sheet: 'los', row: 2, column: 'D', message: 'IVR is blank: the default of 4 is used' }]);
  });

  it('writes unrestricted capacity as a number the engine also reads as unrestricted', async () => {
    const model = smallModel();
    model.nodes[1].capacity[1].capacity = Infinity;
    const read = await modelOf(await writeIpacsWorkbook(model));
    expect(read.nodes[1].capacity[1].capacity).toBe(UNRESTRICTED_CAPACITY);
  });

  it('fills the derived LOS columns with fitLos, as the R model reads them', async () => {
    const los = (await sheetsOf(await writeIpacsWorkbook(smallModel()))).get('los')!;
    expect(los[0]).toEqual(['node', 'median', 'sd_los', 'IVR', 'FVR', 'scenario', 'mean_los', 'los_params', 'los_dist', 'mu', 'sigma']);
    const fitted = fitLos({ family: 'lnorm', mean: 18, median: 9 });
    expect(los[1]).toEqual(['P1_A', 9, null, 4, 1, 'Blos', 18, '2.197225 , 1.17741', 'lnorm', fitted.mu, fitted.sigma]);
    // P2 and P3 have no visit rates; an sd-only lognormal is fitted from its sd.
    const fromSd = fitLos({ family: 'lnorm', mean: 11, sd: 6 });
    expect(los[4]).toEqual(['P2_A', null, 6, null, null, 'S1los', 11, expect.any(String), 'lnorm', fromSd.mu, fromSd.sigma]);
  });

  it('leaves the derived columns blank for a LOS that cannot be fitted', async () => {
    const model = smallModel();
    model.nodes[0].los[0].median = 30;
    const los = (await sheetsOf(await writeIpacsWorkbook(model))).get('los')!;
    expect(los[1].slice(7)).toEqual([null, 'lnorm', null, null]);
  });

  it('writes dates as date cells, with the weekday in day as the sample has it', async () => {
    const arrivals = (await sheetsOf(await writeIpacsWorkbook(smallModel()))).get('arrivals')!;
    expect(arrivals[0]).toEqual(['node', 'arrivals', 'scenario', 'date', 'day']);
    // 2024-01-01 was a Monday: Excel's WEEKDAY gives 2.
    expect(arrivals[1]).toEqual(['P1_A', 2, 'BArr', new Date(Date.UTC(2024, 0, 1)), 2]);
    expect(arrivals[2][4]).toBe(3);
  });

  it('writes the same bytes for the same model', async () => {
    expect(await writeIpacsWorkbook(smallModel())).toEqual(await writeIpacsWorkbook(smallModel()));
  });

  it('stamps every entry with the fixed time, the bytes of the archive zipped again with it', async () => {
    const written = await writeIpacsWorkbook(smallModel());
    const entries = unzipSync(written);
    expect(Object.keys(entries).length).toBeGreaterThan(5);
    // What the writer did before it restamped the archive in place: unpack it and zip it again.
    expect(written).toEqual(zipSync(entries, { mtime: new Date(2000, 0, 1) }));
  });
});

describe.skipIf(sampleMissing)(sampleSuiteTitle('writeIpacsWorkbook and the public sample'), () => {
  it('writes the sheets and columns of the sample', async () => {
    const sample = await sheetsOf(await readFile(samplePath));
    const written = await sheetsOf(await writeIpacsWorkbook(smallModel()));
    expect([...written.keys()]).toEqual(['arrivals', 'initial conditions', 'capacity', 'los', 'costs']);
    for (const [sheet, rows] of written) expect(rows[0]).toEqual(sample.get(sheet)![0]);
  });
});
