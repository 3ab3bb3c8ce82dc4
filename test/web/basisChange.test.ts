import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/engine/model.js';
import { onlyBasisChanged, rebasedRunModel } from '../../src/web/basisChange.js';
import { decodeShareHash, encodeShareHash } from '../../src/web/persist.js';
import { constantRates, isoDates, makeNode } from '../engine/helpers.js';

function model(): ModelSpec {
  return { name: 'm', dates: isoDates(10), nodes: [makeNode({ id: 'P2_A', arrivals: [constantRates(10, 1)], capacity: [5], los: [{ family: 'exp', mean: 5 }] })] };
}

describe('a change of cost basis and the shown run', () => {
  it('makes the run current again when only the basis changed', () => {
    const ran = model();
    const next: ModelSpec = { ...ran, costBasis: 'commissioned' };
    expect(onlyBasisChanged(ran, next)).toBe(true);
    // Identity is how the app tells a current run from a stale one.
    expect(rebasedRunModel(ran, next)).toBe(next);
  });

  it('keeps a stale run stale, on the new basis, when something else changed too', () => {
    const ran = model();
    const next: ModelSpec = { ...ran, nodes: [{ ...ran.nodes[0], costs: { ...ran.nodes[0].costs, community: 1 } }], costBasis: 'commissioned' };
    expect(onlyBasisChanged(ran, next)).toBe(false);
    const shown = rebasedRunModel(ran, next);
    expect(shown).not.toBe(next);
    expect(shown.costBasis).toBe('commissioned');
    expect(shown.nodes).toBe(ran.nodes);
  });

  it('leaves the run alone when the basis did not change', () => {
    const ran = model();
    const edited: ModelSpec = { ...ran, name: 'other' };
    expect(rebasedRunModel(ran, edited)).toBe(ran);
  });

  it('is part of the model, so a share link carries it', () => {
    const state = { model: { ...model(), costBasis: 'commissioned' as const }, source: 'test', replications: 5, seed: 1 };
    const opened = decodeShareHash(encodeShareHash(state));
    expect(opened?.ok && opened.state.model.costBasis).toBe('commissioned');
  });
});
