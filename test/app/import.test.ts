/**
 * The import use cases hand back refusals as problems, told apart where a shell needs it
 * (bad input, or options that cannot be used with it), and write nothing themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIT_FILES, fitEpisodeExtract, importPathsimrPair } from '../../src/app/import.js';

const EXTRACT = new URL('../../examples/fictional-episodes.csv', import.meta.url);
const options = { days: 30, seed: 7, suppress: true, version: 'test' };

describe('fitEpisodeExtract', () => {
  it('refuses a snapshot before the first referral as an option, and a header-only extract as input', async () => {
    const data = new Uint8Array(readFileSync(EXTRACT));
    expect(await fitEpisodeExtract(data, 'fictional-episodes.csv', { ...options, snapshot: '2020-01-01' })).toEqual({
      ok: false,
      problems: ["--snapshot 2020-01-01 is before the extract's first referral: nothing was known then"],
      cause: 'options',
    });
    const header = new TextEncoder().encode('person_id,locality,pathway,referred,started,ended,outcome\n');
    expect(await fitEpisodeExtract(header, 'empty.csv', options)).toEqual({ ok: false, problems: ['empty.csv: has a header but no episodes'], cause: 'input' });
  }, 60_000);

  it('gives the fitted model and its four files', async () => {
    const fitted = await fitEpisodeExtract(new Uint8Array(readFileSync(EXTRACT)), 'fictional-episodes.csv', options);
    if (!fitted.ok) throw new Error(fitted.problems.join('\n'));
    expect(Object.keys(fitted.files)).toEqual(Object.values(FIT_FILES));
    expect(fitted.files['model.xlsx']).toBeInstanceOf(Uint8Array);
    expect(fitted.model.name).toBe('fictional-episodes');
    expect(fitted.model.dates).toHaveLength(30);
  }, 120_000);
});

describe('importPathsimrPair', () => {
  it('refuses a pair that is not PathSimR templates with the problems, naming the files', async () => {
    const refused = await importPathsimrPair('not,a\nnetwork\n', 'nor,a\ncalendar\n', { unit: 'days', fileNames: { network: 'n.csv', calendar: 'c.csv' } }, 'json');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.some((problem) => problem.startsWith('n.csv'))).toBe(true);
  });
});
