import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/fit/days.js';
import { episodeObservedRows } from '../../src/fit/episodeObserved.js';
import { initialStateOf } from '../../src/fit/initialState.js';
import { nodeSeries } from '../../src/fit/nodeSeries.js';
import { readEpisodes } from '../../src/fit/readEpisodes.js';

/** Snapshot 2026-03-10, the end of that day. Each episode's state at the snapshot is in its outcome column. */
const EXTRACT = `person_id,locality,pathway,referred,started,ended,outcome
A1,North,P2,2026-03-01,2026-03-02,2026-03-05,ended before: neither
A2,North,P2,01/03/2026,2026-03-03,2026-03-10,ended on the snapshot day: neither (the place is free that day)
A3,North,P2,2026-03-02,2026-03-04,,still in service
A4,North,P2,2026-03-05,2026-03-10,,started on the snapshot day: in service
A5,North,P2,2026-03-08,,,not started: waiting
A6,North,p2,2026-03-10,,,referred on the snapshot day: waiting
A7,North,P2,2026-03-09,2026-03-09,,in service
B1,South,P1,2026-03-06,2026-03-08,,another node: in service
`;

function readExtract() {
  const read = readEpisodes(EXTRACT, 'hand-made.csv', { snapshot: '2026-03-10' });
  if (!read.ok) throw new Error(read.problems.join('\n'));
  return read.episodes;
}

describe('initial state from episodes', () => {
  const series = nodeSeries(readExtract(), dayNumber('2026-03-01'), dayNumber('2026-03-10'));

  it('counts who is in service and who is waiting at the snapshot exactly, per node', () => {
    expect(series.map((s) => s.node)).toEqual(['P1_South', 'P2_North']);
    const north = initialStateOf(series[1]);
    expect({ inService: north.inService, waiting: north.waiting }).toEqual({ inService: 3, waiting: 2 });
    const south = initialStateOf(series[0]);
    expect({ inService: south.inService, waiting: south.waiting }).toEqual({ inService: 1, waiting: 0 });
  });

  it('gives each day its referrals, waiting and in-service counts', () => {
    const north = series[1];
    // Days 1..10 of March.
    expect(north.referrals).toEqual([2, 1, 0, 0, 1, 0, 0, 1, 1, 1]);
    expect(north.waiting).toEqual([2, 2, 1, 0, 1, 1, 1, 2, 2, 2]);
    expect(north.inService).toEqual([0, 1, 2, 3, 2, 2, 2, 2, 3, 3]);
  });

  it('infers capacity as the most in service on a day of the window, and says whether anyone waited', () => {
    const north = initialStateOf(series[1]);
    expect(north.capacity).toEqual({ value: 3, days: 10, waitedInWindow: true });
    expect(initialStateOf(series[0]).capacity.value).toBe(1);
  });

  it('withholds counts of 1 to 4 in observed rows when suppressing, and keeps 0 and larger counts', () => {
    const suppressed = episodeObservedRows(series, true);
    const open = episodeObservedRows(series, false);
    expect(open).toHaveLength(2 * 3 * 10);
    const delayedNorth = (rows: typeof open) => rows.filter((r) => r.node === 'P2_North' && r.measure === 'delayed');
    expect(delayedNorth(open).map((r) => r.value)).toEqual(series[1].waiting);
    for (const row of suppressed) {
      const original = open.find((r) => r.node === row.node && r.measure === row.measure && r.date === row.date)!;
      if (original.value >= 1 && original.value <= 4) expect(row).toMatchObject({ basis: 'suppressed', value: NaN });
      else expect(row).toEqual(original);
    }
    expect(suppressed.some((r) => r.value === 0)).toBe(true);
  });
});
