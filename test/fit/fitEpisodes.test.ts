import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_EPISODES_TRUTH } from '../../scripts/example-episodes.js';
import { validateModel } from '../../src/engine/modelSchema.js';
import type { Episode } from '../../src/fit/episode.js';
import { fitEpisodes, type EpisodeFit } from '../../src/fit/fitEpisodes.js';
import { fittedModel, SMALL_COUNT_STAND_IN } from '../../src/fit/fittedModel.js';
import { FitDataError } from '../../src/fit/nodeStays.js';
import { readEpisodes } from '../../src/fit/readEpisodes.js';

function example(): { episodes: Episode[]; snapshot: string } {
  const read = readEpisodes(readFileSync(new URL('../../examples/fictional-episodes.csv', import.meta.url), 'utf8'), 'fictional-episodes.csv');
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read;
}

describe('fitting an episode extract', () => {
  let fit: EpisodeFit;
  beforeAll(() => {
    const { episodes, snapshot } = example();
    fit = fitEpisodes(episodes, { snapshot, seed: 1 });
  }, 60_000);

  it('infers each node of the bundled example at its true capacity: queues formed in the last weeks, so the peak in service is the number of places', () => {
    for (const node of fit.nodes) {
      const truth = EXAMPLE_EPISODES_TRUTH.nodes.find((t) => `${t.pathway}_${t.locality}` === node.series.node)!;
      if (node.initial.capacity.waitedInWindow) expect(node.initial.capacity.value, node.series.node).toBe(truth.capacity);
      else expect(node.initial.capacity.value, node.series.node).toBeLessThanOrEqual(truth.capacity);
    }
    expect(fit.nodes.filter((node) => node.initial.capacity.waitedInWindow).length).toBeGreaterThanOrEqual(7);
  });

  it('finds the weekend dip of the bundled example at its busiest node', () => {
    const north = fit.nodes.find((node) => node.series.node === 'P1_North')!;
    expect(north.referrals.terms.weekday).toBe(true);
  });

  it('gives a valid model starting the day after the snapshot, small initial counts written as the stand-in only when suppressing', () => {
    const open = fittedModel(fit, 'example', false);
    const hidden = fittedModel(fit, 'example', true);
    expect(validateModel(hidden).ok).toBe(true);
    expect(hidden.dates[0]).toBe('2026-04-01');
    expect(hidden.dates).toHaveLength(181);
    const small = open.nodes.filter((node) => node.initial.waiting >= 1 && node.initial.waiting <= 4);
    expect(small.length).toBeGreaterThan(0);
    for (const node of small) expect(hidden.nodes.find((n) => n.id === node.id)!.initial.waiting).toBe(SMALL_COUNT_STAND_IN);
    for (const node of open.nodes) if (!(node.initial.waiting >= 1 && node.initial.waiting <= 4)) expect(hidden.nodes.find((n) => n.id === node.id)!.initial).toEqual(node.initial);
  });
});

describe('a node with too few completed stays', () => {
  const { episodes, snapshot } = example();
  // P3_East keeps two completed stays; the other P3 nodes keep theirs.
  const eastCompleted = episodes.filter((e) => e.node === 'P3_East' && e.ended !== undefined);
  const thinned = episodes.filter((e) => e.node !== 'P3_East' || e.ended === undefined || eastCompleted.indexOf(e) < 2);

  it('borrows the length of stay of its pathway in every locality, and says so', () => {
    const fit = fitEpisodes(thinned, { snapshot, seed: 1 });
    const east = fit.nodes.find((node) => node.series.node === 'P3_East')!;
    expect(east.stays.borrowedFrom).toBe('P3');
    expect(east.stays.fit.completed).toBeGreaterThan(100);
    expect(fit.nodes.filter((node) => node.stays.borrowedFrom !== undefined).map((node) => node.series.node)).toEqual(['P3_East']);
    expect(fittedModel(fit, 'x', true).nodes.find((node) => node.id === 'P3_East')!.los[0].description).toContain('every P3 stay');
  }, 60_000);

  it('is refused, naming the node, when its whole pathway has too few', () => {
    const onlyEast = thinned.filter((e) => e.pathway !== 'P3' || e.node === 'P3_East');
    const refusal = (() => {
      try {
        fitEpisodes(onlyEast, { snapshot, seed: 1 });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(FitDataError);
    expect((refusal as Error).message).toMatch(/^P3_East: its pathway P3 has 2 completed stays/);
  }, 60_000);
});
