/**
 * drawStays, which the network simulator uses to draw a replication's arrival stays in one
 * loop, gives bit for bit the stays of sampleLos called once per arrival on the same stream,
 * in every family (the lognormal has a path of its own in drawStays).
 */
import { describe, expect, it } from 'vitest';
import { drawStays, fitLos, sampleLos } from '../../src/engine/lengthOfStay.js';
import type { LosFamily } from '../../src/engine/model.js';
import { createStream, hashString, StreamPurpose } from '../../src/engine/random.js';

const SEED = 20261206;
const KEY = hashString('draw stays');

const CASES: Array<{ family: LosFamily; mean: number; sd?: number; median?: number }> = [
  { family: 'lnorm', mean: 5, sd: 6 },
  { family: 'lnorm', mean: 30, median: 20 },
  { family: 'exp', mean: 300 },
  { family: 'norm', mean: 4, sd: 3 },
  { family: 'gamma', mean: 10, sd: 5 },
  { family: 'weibull', mean: 12, sd: 18 },
  { family: 'unif', mean: 6, sd: 2 },
];

describe('drawStays', () => {
  for (const scenario of CASES) {
    it(`equals one sampleLos per stay, ${scenario.family} mean ${scenario.mean}`, () => {
      const distribution = fitLos(scenario);
      for (let replication = 0; replication < 3; replication++) {
        const count = 5_000 + replication * 777;
        const batch = new Float64Array(count + 3);
        // Stays land in [from, to) only: the cells around them are left as they were.
        batch.fill(-1);
        drawStays(distribution, createStream(SEED, KEY, replication, StreamPurpose.LengthOfStay), batch, 2, count + 2);
        const oneByOne = createStream(SEED, KEY, replication, StreamPurpose.LengthOfStay);
        let mismatches = 0;
        for (let i = 0; i < count; i++) if (!Object.is(batch[i + 2], sampleLos(distribution, oneByOne))) mismatches++;
        expect(mismatches).toBe(0);
        expect([batch[0], batch[1], batch[count + 2]]).toEqual([-1, -1, -1]);
      }
    });
  }
});
