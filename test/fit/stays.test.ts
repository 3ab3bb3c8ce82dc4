import { describe, expect, it } from 'vitest';
import { stayOf, staysByNode } from '../../src/fit/stays.js';
import type { Episode } from '../../src/fit/episode.js';

const episode = (node: string, started?: string, ended?: string): Episode => ({
  personId: 'x',
  locality: node.slice(3),
  pathway: node.slice(0, 2) as Episode['pathway'],
  node,
  referred: '2025-01-01',
  ...(started ? { started } : {}),
  ...(ended ? { ended } : {}),
  outcome: '',
  row: 2,
});

describe('stays from episodes', () => {
  it('counts whole days from start day to end day, and days seen so far, snapshot day included, for someone still in service', () => {
    expect(stayOf(episode('P1_A', '2025-01-30', '2025-02-02'), '2025-03-01')).toEqual({ days: 3, censored: false });
    expect(stayOf(episode('P1_A', '2025-02-02', '2025-02-02'), '2025-03-01')).toEqual({ days: 0, censored: false });
    expect(stayOf(episode('P1_A', '2025-02-27'), '2025-03-01')).toEqual({ days: 3, censored: true });
    expect(stayOf(episode('P1_A', '2025-03-01'), '2025-03-01')).toEqual({ days: 1, censored: true });
    expect(stayOf(episode('P1_A'), '2025-03-01')).toBeUndefined();
  });

  it('groups them by node, leaving out people still waiting', () => {
    const byNode = staysByNode([episode('P2_B', '2025-01-01', '2025-01-05'), episode('P1_A'), episode('P1_A', '2025-01-02', '2025-01-03')], '2025-02-01');
    expect([...byNode]).toEqual([
      ['P2_B', [{ days: 4, censored: false }]],
      ['P1_A', [{ days: 1, censored: false }]],
    ]);
  });
});
