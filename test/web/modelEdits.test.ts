import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readIpacsWorkbook } from '../../src/workbook/read.js';
import type { ModelSpec } from '../../src/engine/model.js';
import {
  addNode,
  addScenario,
  applyDateRangeUplift,
  applyDayOfWeekPattern,
  applyPercentChange,
  deleteNode,
  deleteScenario,
  losProblem,
  parseNumber,
  renameScenario,
  scenarioNames,
  weekdayIndex,
} from '../../src/web/modelEdits.js';
import { decodeShareHash, encodeShareHash, loadLocal, saveLocal } from '../../src/web/persist.js';
import { versionedModel } from '../../src/engine/modelSchema.js';

const example = async (): Promise<ModelSpec> => {
  const read = await readIpacsWorkbook(readFileSync(new URL('../../examples/fictional-icb.xlsx', import.meta.url)), { fileName: 'fictional-icb.xlsx' });
  if (!read.ok) throw new Error('example');
  return read.model;
};

describe('scenario edits', () => {
  it('adds a scenario to every node as a copy, renames it, and deletes it', async () => {
    const model = await example();
    const added = addScenario(model, 'capacity', 'S2Cap', 'S1Cap');
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(scenarioNames(added.model, 'capacity')).toEqual(['BCap', 'S1Cap', 'S2Cap']);
    for (const node of added.model.nodes) expect(node.capacity[2].capacity).toBe(node.capacity[1].capacity);
    // Structural edits drop the IPACS sheet order, which would name rows that no longer exist.
    expect(added.model.ipacsSheetRows).toBeUndefined();
    expect(model.nodes[0].capacity).toHaveLength(2);

    const renamed = renameScenario(added.model, 'capacity', 'S2Cap', 'Winter');
    expect(renamed.ok && scenarioNames(renamed.model, 'capacity')).toEqual(['BCap', 'S1Cap', 'Winter']);
    expect(renameScenario(added.model, 'capacity', 'S2Cap', 'BCap')).toMatchObject({ ok: false });
    expect(renameScenario(added.model, 'capacity', 'S2Cap', 'a_b')).toMatchObject({ ok: false });
    expect(addScenario(model, 'los', ' ')).toMatchObject({ ok: false });

    const deleted = renamed.ok ? deleteScenario(renamed.model, 'capacity', 'Winter') : renamed;
    expect(deleted.ok && scenarioNames(deleted.model, 'capacity')).toEqual(['BCap', 'S1Cap']);
  });

  it('refuses to delete a node’s last scenario of a kind, or the last node', async () => {
    const model = await example();
    const once = deleteScenario(model, 'arrivals', 'S1Arr');
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    expect(deleteScenario(once.model, 'arrivals', 'BArr')).toMatchObject({ ok: false, reason: expect.stringContaining('only arrivals scenario') });
    const single: ModelSpec = { ...model, nodes: [model.nodes[0]] };
    expect(deleteNode(single, model.nodes[0].id)).toMatchObject({ ok: false });
  });

  it('adds a node as a copy under a new locality and refuses a duplicate', async () => {
    const model = await example();
    const added = addNode(model, 'P2', 'NW', 'P2_RV');
    expect(added.ok && added.model.nodes.at(-1)).toMatchObject({ id: 'P2_NW', pathway: 'P2', locality: 'NW', capacity: model.nodes[3].capacity });
    expect(addNode(model, 'P2', 'RV', 'P2_RV')).toMatchObject({ ok: false });
    expect(addNode(model, 'P2', 'a b', 'P2_RV')).toMatchObject({ ok: false });
  });
});

describe('field validation', () => {
  it('parses numbers as planners type them', () => {
    expect(parseNumber(' 12.5 ', {})).toEqual({ value: 12.5 });
    expect(parseNumber('', { optional: true })).toEqual({ value: undefined });
    expect(parseNumber('', {})).toEqual({ error: 'Enter a number' });
    expect(parseNumber('1,000', {})).toMatchObject({ error: expect.stringContaining('not a number') });
    expect(parseNumber('2.5', { integer: true })).toEqual({ error: 'Enter a whole number' });
    expect(parseNumber('-1', { min: 0 })).toEqual({ error: 'Enter 0 or more' });
    expect(parseNumber('0', { minExclusive: 0 })).toEqual({ error: 'Enter a number above 0' });
  });

  it('checks a LOS row with the engine’s own fit', () => {
    expect(losProblem({ family: 'lnorm', mean: 20, median: 15 })).toBeUndefined();
    expect(losProblem({ family: 'lnorm', mean: 20, median: 25 })).toBe('median 25 is not below mean_los 20');
    expect(losProblem({ family: 'norm', mean: 20 })).toContain('needs a non-negative sd_los');
    expect(losProblem({ family: 'weibull', mean: 20, sd: 25 })).toBeUndefined();
    expect(losProblem({ family: 'unif', mean: 20, sd: 12 })).toContain('would start below 0 days');
    // A P1 node's own rule applies to every family: the stay must be above a day.
    expect(losProblem({ family: 'gamma', mean: 1, sd: 0.5 }, 'P1')).toBe('P1 mean length of stay 1 must be above 1 days');
  });
});

describe('arrival tools', () => {
  const dates = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-11'];
  it('applies a day-of-week pattern that keeps a week’s total', () => {
    expect(weekdayIndex('2026-10-05')).toBe(0);
    expect(weekdayIndex('2026-10-11')).toBe(6);
    const out = applyDayOfWeekPattern([7, 7, 7, 7, 7, 7, 7], dates, [1, 1, 1, 1, 1, 0, 0]);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(49, 10);
    expect(out[5]).toBe(0);
    expect(out[0]).toBeCloseTo(9.8, 10);
  });

  it('applies a % change and a date-range uplift, never below zero', () => {
    expect(applyPercentChange([10, 20], 10)).toEqual([11, 22]);
    expect(applyPercentChange([10], -150)).toEqual([0]);
    expect(applyDateRangeUplift([10, 10, 10, 10, 10, 10, 10], dates, '2026-10-06', '2026-10-07', 50)).toEqual([10, 15, 15, 10, 10, 10, 10]);
  });
});

describe('saved state and share links', () => {
  it('round-trips the whole model through a link', async () => {
    const model = await example();
    const state = { model, replications: 50, seed: 3, source: 'fictional-icb.xlsx' };
    const hash = encodeShareHash(state);
    expect(hash).toMatch(/^#s=[\w-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, state: { ...state, model: versionedModel(model) } });
    // The example's link is short enough for any browser and chat tool.
    expect(hash.length).toBeLessThan(40_000);
    expect(decodeShareHash('#s=broken')).toEqual({ ok: false, issues: ['the link is damaged: it cannot be unpacked (was it cut short?)'] });
    expect(decodeShareHash('')).toBeUndefined();
  });

  it('saves to and restores from storage, and survives storage that refuses', async () => {
    const model = await example();
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
    expect(saveLocal({ model, replications: 10, seed: 1, source: 'x' }, storage)).toBe(true);
    expect(loadLocal(storage)).toEqual({ ok: true, state: { model: versionedModel(model), replications: 10, seed: 1, source: 'x' } });
    const full = { getItem: () => '{"v":99}', setItem: () => { throw new Error('QuotaExceededError'); } } as unknown as Storage;
    expect(saveLocal({ model, replications: 10, seed: 1, source: 'x' }, full)).toBe(false);
    expect(loadLocal(full)).toMatchObject({ ok: false, issues: expect.arrayContaining(['v: is not a Pathflow saved state of a version this page reads']) });
  });
});
