/**
 * model.json read back by `pathflow report` goes through the model schema: a hand-edited or
 * hostile file is refused naming the file and the path, never run or drawn on a guess.
 */
import { describe, expect, it } from 'vitest';
import { parseModel, RunDataError } from '../../src/report/runData.js';
import { versionedModel } from '../../src/engine/modelSchema.js';
import { smallModel } from '../workbook/fixtures.js';

function refusal(value: unknown): string {
  try {
    parseModel(JSON.stringify(value));
  } catch (error) {
    if (error instanceof RunDataError) return error.message;
    throw error;
  }
  throw new Error('parseModel accepted it');
}

describe('model.json read back', () => {
  it('reads a model written with its schema version, and one written before versions', () => {
    expect(parseModel(JSON.stringify(versionedModel(smallModel())))).toEqual(versionedModel(smallModel()));
    expect(parseModel(JSON.stringify(smallModel()))).toEqual(smallModel());
  });

  it('refuses absurd numbers and broken nodes at their path', () => {
    const model = smallModel();
    model.nodes[1].los[0].mean = 1e308;
    expect(refusal(model)).toBe('model.json: nodes[1].los[0].mean (P2_A): mean length of stay 1e+308 is above the most allowed, 3,650 days');
    expect(refusal({ ...smallModel(), nodes: [null] })).toBe('model.json: nodes[0]: is null, not an object');
    const short = smallModel();
    short.nodes[0].arrivals[0].daily = [1];
    expect(refusal(short)).toBe('model.json: nodes[0].arrivals[0].daily (P1_A): has 1 days, the horizon 3: a series must cover every day');
    expect(refusal({ ...smallModel(), nodes: [{}] })).toMatch(/^model\.json: nodes\[0\]\.id: is missing .* \(and 7 more problems\)$/);
  });
});
