/**
 * The one model schema: every bound at its edge (just inside passes, just outside fails at
 * its path), the checks across fields, and the schema version.
 */
import { describe, expect, it } from 'vitest';
import { BOUNDS } from '../../src/engine/bounds.js';
import { formatModelIssue, MODEL_SCHEMA_VERSION, modelSchema, validateModel, versionedModel } from '../../src/engine/modelSchema.js';
import type { ModelSpec } from '../../src/engine/model.js';
import { smallModel } from '../workbook/fixtures.js';

type Edit = (model: ModelSpec, value: number) => void;

/** Node 0 is P1_A (Blos: median 9, mean 18), node 1 P2_A (Blos: median 10, mean 19). */
const fields: [path: string, edit: Edit, inside: number, outside: number][] = [
  ['nodes[0].arrivals[0].daily[1]', (m, v) => (m.nodes[0].arrivals[0].daily[1] = v), BOUNDS.arrivals.max, 1000.001],
  ['nodes[0].arrivals[0].daily[1]', (m, v) => (m.nodes[0].arrivals[0].daily[1] = v), 0, -1e-9],
  ['nodes[1].capacity[0].capacity', (m, v) => (m.nodes[1].capacity[0].capacity = v), 0, -1e-9],
  ['nodes[1].los[0].mean', (m, v) => (m.nodes[1].los[0] = { name: 'Blos', family: 'exp', mean: v }), BOUNDS.meanLos.max, 3650.001],
  ['nodes[1].los[0].mean', (m, v) => (m.nodes[1].los[0] = { name: 'Blos', family: 'exp', mean: v }), BOUNDS.meanLos.min, 0.000999],
  ['nodes[0].los[0].mean', (m, v) => (m.nodes[0].los[0] = { name: 'Blos', family: 'exp', mean: v }), 1.000001, 1],
  ['nodes[1].los[0].median', (m, v) => (m.nodes[1].los[0].median = v), 1.9, 1.899],
  ['nodes[1].los[0].sd', (m, v) => (m.nodes[1].los[0] = { name: 'Blos', family: 'norm', mean: 19, sd: v }), 190, 190.001],
  ['nodes[0].los[0].initialVisitRate', (m, v) => (m.nodes[0].los[0].initialVisitRate = v), BOUNDS.visitRate.max, 24.001],
  ['nodes[0].los[0].finalVisitRate', (m, v) => (m.nodes[0].los[0].finalVisitRate = v), 0.001, 0],
  ['nodes[2].initial.occupied', (m, v) => (m.nodes[2].initial.occupied = v), BOUNDS.patients.max, 10_001],
  ['nodes[2].initial.waiting', (m, v) => (m.nodes[2].initial.waiting = v), 0, 0.5],
  ['nodes[2].costs.community', (m, v) => (m.nodes[2].costs.community = v), BOUNDS.cost.max, 1_000_000.01],
  ['nodes[2].costs.acuteDelay', (m, v) => (m.nodes[2].costs.acuteDelay = v), 0, -0.01],
];

function edited(edit: Edit, value: number): ModelSpec {
  const model = structuredClone(smallModel());
  edit(model, value);
  return model;
}

function issuesOf(value: unknown): string[] {
  const result = validateModel(value);
  return result.ok ? [] : result.issues.map(formatModelIssue);
}

describe('the model schema', () => {
  it('accepts the small model, and the model it returns is the same model', () => {
    const result = validateModel(smallModel());
    expect(result).toEqual({ ok: true, model: smallModel() });
  });

  it.each(fields)('%s: accepts %#, its edge, and refuses just beyond it', (path, edit, inside, outside) => {
    expect(issuesOf(edited(edit, inside))).toEqual([]);
    const issues = issuesOf(edited(edit, outside));
    expect(issues).toHaveLength(1);
    expect(issues[0].startsWith(`${path} (P`)).toBe(true);
  });

  it('says what is wrong in the words of the bounds', () => {
    expect(issuesOf(edited((m, v) => (m.nodes[1].los[0].mean = v), 1e308))).toEqual([
      'nodes[1].los[0].mean (P2_A): mean length of stay 1e+308 is above the most allowed, 3,650 days',
    ]);
    expect(issuesOf(edited((m, v) => (m.nodes[2].costs.community = v), 1e308))).toEqual([
      'nodes[2].costs.community (P3_A): cost 1e+308 is above the most allowed, 1,000,000 £ a day',
    ]);
  });

  it('refuses what is not a model, at its path, without throwing', () => {
    const model = smallModel();
    expect(issuesOf(null)).toEqual(['is null, not an object (a model)']);
    expect(issuesOf({ ...model, nodes: [null] })).toEqual(['nodes[0]: is null, not an object']);
    expect(issuesOf({ ...model, nodes: [[model.nodes[0]]] })).toEqual(['nodes[0]: is a list, not an object']);
    expect(issuesOf([model])).toEqual(['is a list, not an object (a model)']);
    expect(issuesOf({ ...model, nodes: [{}] })).toContain('nodes[0].costs: is missing (expected an object with community and acuteDelay)');
    expect(issuesOf({ ...model, nodes: [] })).toEqual(['nodes: is empty: a model needs at least one node']);
    const { costs: _costs, ...noCosts } = model.nodes[0];
    expect(issuesOf({ ...model, nodes: [noCosts] })).toEqual(['nodes[0].costs (P1_A): is missing (expected an object with community and acuteDelay)']);
    expect(issuesOf({ ...model, dates: [] })).toEqual(['dates: is empty: the horizon needs at least one day']);
    expect(issuesOf({ ...model, name: 'a\u0000b' })).toEqual(['name: the model name holds a control character (a tab, line break or similar)']);
    expect(issuesOf({ ...model, name: 'x'.repeat(101) })).toEqual(['name: the model name is 101 characters long, over the limit of 100']);
    expect(issuesOf({ ...model, dates: ['2024-02-30'] })).toEqual(['dates[0]: is the text "2024-02-30", not a date YYYY-MM-DD']);
  });

  it('checks what needs several fields', () => {
    const model = smallModel();
    expect(issuesOf(edited((m) => (m.nodes[0].arrivals[1].daily = [1]), 0))).toEqual([
      'nodes[0].arrivals[1].daily (P1_A): has 1 days, the horizon 3: a series must cover every day',
    ]);
    expect(issuesOf({ ...model, dates: ['2024-01-01', '2024-01-02', '2024-01-04'] })).toEqual([
      'dates[2]: 2024-01-04 does not follow 2024-01-02: the days of the horizon must be consecutive',
    ]);
    expect(issuesOf({ ...model, nodes: [model.nodes[0], model.nodes[0]] })).toEqual(['nodes[1].id (P1_A): P1_A is also nodes[0]: node ids must be unique']);
    expect(issuesOf(edited((m) => (m.nodes[1].pathway = 'P3'), 0))).toEqual(['nodes[1].pathway (P2_A): is P3, but the id P2_A says P2']);
    expect(issuesOf(edited((m) => (m.nodes[1].capacity[1].name = 'BCap'), 0))).toEqual([
      'nodes[1].capacity[1].name (P2_A): BCap is also capacity[0]: scenario names must be unique',
    ]);
    expect(issuesOf(edited((m, v) => (m.nodes[1].los[0].median = v), 19))).toEqual(['nodes[1].los[0].median (P2_A): median 19 is not below mean_los 19']);
    expect(issuesOf(edited((m) => (m.nodes[1].arrivals = []), 0))).toEqual(['nodes[1].arrivals (P2_A): has no arrival scenario: a node needs one']);
  });

  it("accepts PathSimR's families gamma, weibull and unif fitted from mean and sd, and blames the sd a family cannot use", () => {
    for (const family of ['gamma', 'weibull', 'unif'] as const) {
      expect(issuesOf(edited((m) => (m.nodes[1].los[0] = { name: 'Blos', family, mean: 19, sd: 8 }), 0))).toEqual([]);
      expect(issuesOf(edited((m) => (m.nodes[1].los[0] = { name: 'Blos', family, mean: 19, median: 10 }), 0))[0]).toMatch(/^nodes\[1\]\.los\[0\]\.sd \(P2_A\): a .* length of stay needs a (positive|non-negative) sd_los beside mean_los$/);
    }
    expect(issuesOf(edited((m) => (m.nodes[1].los[0] = { name: 'Blos', family: 'unif', mean: 19, sd: 11 }), 0))).toEqual([
      'nodes[1].los[0].sd (P2_A): a uniform length of stay with mean_los 19 and sd_los 11 would start below 0 days (mean - √3 sd = -0.0525589); sd_los can be at most 10.9697',
    ]);
    expect(issuesOf(edited((m) => (m.nodes[1].los[0] = { name: 'Blos', family: 'gamma', mean: 19, sd: 191 }), 0))).toEqual([
      'nodes[1].los[0].sd (P2_A): sd 191 is above 10 × the mean (190): the stay is too spread to simulate',
    ]);
    expect(issuesOf(edited((m) => ((m.nodes[1].los[0] as { family: string }).family = 'beta'), 0))[0]).toContain('lnorm, norm, exp, gamma, weibull or unif');
  });

  it('writes a model with a gamma, weibull or unif stay as version 2, which a version 1 reader would refuse, and an exponential as version 1', () => {
    for (const family of ['gamma', 'weibull', 'unif'] as const) {
      expect(versionedModel(edited((m) => (m.nodes[1].los[1] = { name: 'S1los', family, mean: 19, sd: 8 }), 0)).schemaVersion).toBe(2);
    }
    expect(versionedModel(edited((m) => (m.nodes[1].los[1] = { name: 'S1los', family: 'exp', mean: 19 }), 0)).schemaVersion).toBe(1);
  });

  it('reads a model without a version as version 1, and refuses another version', () => {
    // A model without networks is written as version 1, byte for byte what earlier releases wrote.
    expect(validateModel(versionedModel(smallModel()))).toEqual({ ok: true, model: { schemaVersion: 1, ...smallModel() } });
    expect(MODEL_SCHEMA_VERSION).toBe(2);
    expect(issuesOf({ ...smallModel(), schemaVersion: 3 })).toEqual(['schemaVersion: is 3, not schema version 1 or 2 (this Pathflow reads no other)']);
  });

  it('emits a JSON Schema carrying the bounds, for the API to publish', async () => {
    const { toJsonSchema } = await import('@valibot/to-json-schema');
    const json = JSON.stringify(toJsonSchema(modelSchema, { errorMode: 'ignore' }));
    expect(json).toContain('"maximum":3650');
    expect(json).toContain('"maximum":1000');
  });
});
