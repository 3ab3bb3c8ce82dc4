import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { writeIpacsWorkbook } from '../../src/workbook/write.js';
import { editedWorkbook, errorsOf, modelOf, smallModel, warningsOf, type EditableSheets } from './fixtures.js';

/** The small model's workbook with a settings sheet of these rows (the header first). */
const withSettings = (rows: (string | number | null)[][]) => editedWorkbook((sheets: EditableSheets) => void sheets.set('settings', rows));

describe('the settings sheet', () => {
  it('is optional: without it the model has no basis, which means occupied', async () => {
    const model = await modelOf(await writeIpacsWorkbook(smallModel()));
    expect(model.costBasis).toBeUndefined();
  });

  it('sets the cost basis, in any case and with spaces around it', async () => {
    expect((await modelOf(await withSettings([['setting', 'value'], ['cost_basis', 'commissioned']]))).costBasis).toBe('commissioned');
    expect((await modelOf(await withSettings([['Setting', 'Value'], [' COST_BASIS ', 'Occupied']]))).costBasis).toBe('occupied');
  });

  it('refuses a basis it does not know at its cell', async () => {
    expect(await errorsOf(await withSettings([['setting', 'value'], ['cost_basis', 'weekly']]))).toEqual(['settings!B2: cost_basis "weekly" is not occupied or commissioned']);
    expect(await errorsOf(await withSettings([['setting', 'value'], ['cost_basis', null]]))).toEqual(['settings!B2: cost_basis is blank: it is occupied or commissioned']);
  });

  it('refuses a second cost_basis row rather than choose one', async () => {
    const rows = [['setting', 'value'], ['cost_basis', 'occupied'], ['cost_basis', 'commissioned']];
    expect(await errorsOf(await withSettings(rows))).toEqual(['settings!A3: cost_basis appears twice (also in row 2): keep one']);
  });

  it('names missing columns', async () => {
    expect(await errorsOf(await withSettings([['name', 'value'], ['cost_basis', 'occupied']]))).toEqual(['settings: missing column setting (the header, row 1, has name, value)']);
  });

  it('warns about a setting it does not know and reads the rest', async () => {
    const workbook = await withSettings([['setting', 'value'], ['horizon', 12], ['cost_basis', 'commissioned']]);
    expect(await warningsOf(workbook)).toEqual(['settings!A2: setting "horizon" is not one Pathflow knows (it knows cost_basis, warmup_days, resolve_deadlocks): ignored']);
    expect((await modelOf(workbook)).costBasis).toBe('commissioned');
  });

  it('is reported with the other sheets\' problems', async () => {
    const workbook = await editedWorkbook((sheets) => {
      sheets.set('settings', [['setting', 'value'], ['cost_basis', 'weekly']]);
      sheets.get('costs')![1][1] = 'dear';
    });
    expect(await errorsOf(workbook)).toEqual(['costs!B2: community_cost "dear" is not a number', 'settings!B2: cost_basis "weekly" is not occupied or commissioned']);
  });

  it('is written for a model with a basis, and reads back as the same model', async () => {
    for (const costBasis of ['commissioned', 'occupied'] as const) {
      const model: ModelSpec = { ...smallModel(), costBasis };
      expect(await modelOf(await writeIpacsWorkbook(model))).toStrictEqual(model);
    }
  });
});
