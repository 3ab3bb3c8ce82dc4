/** The optional descriptions sheet: read, written, round-tripped, and its errors at sheet!cell. */
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { editedWorkbook, errorsOf, modelOf, setCell, smallModel } from './fixtures.js';

function describedModel(): ModelSpec {
  const model = smallModel();
  for (const node of model.nodes) {
    node.capacity[0].description = 'today’s capacity';
    node.arrivals[1].description = 'winter surge';
  }
  return model;
}

describe('the descriptions sheet', () => {
  it('round-trips: a described model is written with the sheet and reads back the same', async () => {
    const model = describedModel();
    expect(await modelOf(await writeIpacsWorkbook(model))).toStrictEqual(model);
  });

  it('writes one row per scenario name, not per node', async () => {
    const sheets = await readXlsxFile((await writeIpacsWorkbook(describedModel())).slice().buffer);
    expect(sheets.find((s) => s.sheet === 'descriptions')?.data).toEqual([
      ['scenario', 'description'],
      ['BCap', 'today’s capacity'],
      ['S1Arr', 'winter surge'],
    ]);
  });

  it('is not written for a model without descriptions, whose workbook is as before', async () => {
    const sheets = await readXlsxFile((await writeIpacsWorkbook(smallModel())).slice().buffer);
    expect(sheets.map((s) => s.sheet)).toEqual(['arrivals', 'initial conditions', 'capacity', 'los', 'costs']);
  });

  it('describes a name in every node and every kind that uses it', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.set('descriptions', [['scenario', 'description'], ['S1los', 'shorter stays'], ['BArr', 'as in 2025']]);
    });
    const model = await modelOf(workbook);
    expect(model.nodes.map((n) => n.los[1].description)).toEqual(['shorter stays', 'shorter stays', 'shorter stays']);
    expect(model.nodes.map((n) => n.arrivals[0].description)).toEqual(['as in 2025', 'as in 2025', 'as in 2025']);
    expect(model.nodes[0].capacity[0]).not.toHaveProperty('description');
  });

  it('names the cell of an unknown scenario, a duplicate, a blank and an over-long description', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.set('descriptions', [['scenario', 'description'], ['BCap', 'today'], ['NoSuchCap', 'typo'], ['BCap', 'again'], ['Blos', null]]);
      setCell(sheets, 'descriptions', 'B7', 'x'.repeat(201));
      setCell(sheets, 'descriptions', 'A7', 'S1Cap');
    });
    expect(await errorsOf(workbook)).toEqual([
      'descriptions!A3: scenario "NoSuchCap" is in no node\'s capacity, los or arrivals sheet',
      'descriptions!A4: BCap is also described in row 2: describe each scenario once',
      'descriptions!B5: description is blank',
      'descriptions!B7: description is 201 characters long, over the limit of 200',
    ]);
  });

  it('says which columns the sheet lacks', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.set('descriptions', [['scenario', 'text'], ['BCap', 'today']]);
    });
    expect(await errorsOf(workbook)).toEqual(['descriptions: missing column description (the header, row 1, has scenario, text)']);
  });

  it('is checked by the model schema too, at its path', () => {
    const model = describedModel();
    model.nodes[1].los[0].description = 'two\nlines';
    const checked = validateModel(model);
    expect(checked.ok ? [] : checked.issues.map((i) => i.path)).toEqual([expect.stringMatching(/^nodes\[1\]\.los\[0\]\.description/)]);
  });
});
