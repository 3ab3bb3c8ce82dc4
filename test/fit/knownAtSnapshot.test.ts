import { describe, expect, it } from 'vitest';
import type { Episode } from '../../src/fit/episode.js';
import { knownAtSnapshot } from '../../src/fit/knownAtSnapshot.js';

const episode = (personId: string, referred: string, started?: string, ended?: string): Episode => ({
  personId,
  locality: 'North',
  pathway: 'P2',
  node: 'P2_North',
  referred,
  ...(started === undefined ? {} : { started }),
  ...(ended === undefined ? {} : { ended }),
  outcome: ended === undefined ? '' : 'home',
  row: 2,
});

describe('an extract as it stood at a snapshot date', () => {
  const extract = [
    episode('a', '2025-01-02', '2025-01-03', '2025-01-20'),
    episode('b', '2025-01-05', '2025-01-10', '2025-02-01'),
    episode('c', '2025-01-25', '2025-02-02'),
    episode('d', '2025-01-31'),
    episode('e', '2025-02-01', '2025-02-03', '2025-02-10'),
  ];
  const known = knownAtSnapshot(extract, '2025-01-31');

  it('keeps what had happened by the end of the day, including that day', () => {
    expect(known[0]).toEqual(extract[0]);
    expect(known.find((e) => e.personId === 'd')).toEqual(extract[3]);
  });

  it('holds out ends, starts and referrals after it, and the outcome with the end', () => {
    expect(known.find((e) => e.personId === 'b')).toEqual({ personId: 'b', locality: 'North', pathway: 'P2', node: 'P2_North', referred: '2025-01-05', started: '2025-01-10', outcome: '', row: 2 });
    expect(known.find((e) => e.personId === 'c')).toEqual({ personId: 'c', locality: 'North', pathway: 'P2', node: 'P2_North', referred: '2025-01-25', outcome: '', row: 2 });
    expect(known.map((e) => e.personId)).toEqual(['a', 'b', 'c', 'd']);
  });
});
