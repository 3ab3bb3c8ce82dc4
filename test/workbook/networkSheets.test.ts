/**
 * The network sheets of a workbook: a model using every network feature written and read back
 * equal; each problem at its sheet!cell, all at once.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { networkModel } from '../engine/networkFixture.js';
import { editedWorkbook, errorsOf, read, setCell } from './fixtures.js';

function withoutSheetRows(model: ModelSpec): ModelSpec {
  const { ipacsSheetRows: _rows, ...rest } = model;
  return rest;
}

async function roundTrip(model: ModelSpec): Promise<ModelSpec> {
  const result = await read(await writeIpacsWorkbook(model), `${model.name}.xlsx`);
  if (!result.ok) throw new Error(result.errors.map((e) => JSON.stringify(e)).join('\n'));
  return withoutSheetRows(result.model);
}

describe('the network sheets', () => {
  it('read back the model they were written from, every network feature included', async () => {
    for (const variant of ['warmup', 'blocked'] as const) expect(await roundTrip(networkModel(variant))).toEqual(networkModel(variant));
  }, 60_000);
});
