/**
 * The web form's number fields take their limits from the same bounds as the workbook reader
 * and the model schema, so the form refuses exactly what `pathflow validate` refuses.
 */
import { describe, expect, it } from 'vitest';
import { BOUNDS, MEDIAN_BOUND, SD_BOUND, type NumberBound } from '../../src/engine/bounds.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { losProblem, parseNumber } from '../../src/web/modelEdits.js';
import { smallModel } from '../workbook/fixtures.js';

/** Each form field's bound, with where the value goes in a model (node 1 is P2_A, Blos median 10, mean 19). */
const fields: [field: string, bound: NumberBound, set: (model: ModelSpec, value: number) => void, values: number[]][] = [
  ['capacity', BOUNDS.capacity, (m, v) => (m.nodes[1].capacity[0].capacity = v), [-1, 0, 5.5, 1e308]],
  ['initial occupied', BOUNDS.patients, (m, v) => (m.nodes[1].initial.occupied = v), [-1, 0, 2.5, 10_000, 10_001, 1e9]],
  ['community cost', BOUNDS.cost, (m, v) => (m.nodes[1].costs.community = v), [-0.5, 0, 1_000_000, 1_000_000.5, 1e308]],
  ['visit rate', BOUNDS.visitRate, (m, v) => (m.nodes[0].los[0].initialVisitRate = v), [0, 0.01, 24, 24.5, 1e308]],
  ['mean', BOUNDS.meanLos, (m, v) => (m.nodes[1].los[0] = { name: 'Blos', family: 'exp', mean: v }), [0, 0.09, 0.1, 3650, 3651, 1e308]],
  ['median', MEDIAN_BOUND, (m, v) => (m.nodes[1].los[0].median = v), [0, 1e-9, 5, 18.9]],
  ['sd', SD_BOUND, (m, v) => (m.nodes[1].los[0] = { name: 'Blos', family: 'norm', mean: 19, sd: v }), [-1, 0, 3, 190]],
];

describe('form fields and the model schema', () => {
  it.each(fields)('%s: the form accepts a value exactly when a model holding it is valid', (_field, bound, set, values) => {
    for (const value of values) {
      const model = structuredClone(smallModel());
      set(model, value);
      const schemaAccepts = validateModel(model).ok;
      const parsed = parseNumber(String(value), { bound });
      // A field's own check is its bound; a LOS row is then checked whole, as the editor does.
      const los = model.nodes[1].los[0];
      const formAccepts = 'value' in parsed && (_field === 'median' || _field === 'sd' || _field === 'mean' ? losProblem(los, 'P2') === undefined : true);
      expect([value, formAccepts]).toEqual([value, schemaAccepts]);
    }
  });

  it('says the bound and its unit', () => {
    expect(parseNumber('1001', { bound: BOUNDS.arrivals })).toEqual({ error: 'Enter 1,000 or less (referrals a day)' });
    expect(parseNumber('0', { bound: BOUNDS.visitRate })).toEqual({ error: 'Enter a number above 0' });
    expect(losProblem({ family: 'lnorm', mean: 1, median: 0.5 }, 'P1')).toBe('P1 mean length of stay 1 must be above 1 days');
  });
});
