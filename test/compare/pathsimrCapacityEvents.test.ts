/**
 * PathSimR's capacity events (pathsimrCapacityEvents.ts): its calendar shift and its copies of
 * each event, worked by hand, then checked against what PathSimR published for Urology: the
 * number of patients in each clinic at the instant it opens is the number of copies of the
 * opening event its code schedules for a warm-up of 12 hours modulo a day, and no other remainder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_PATHSIMR, MISSING_PATHSIMR, PATHSIMR_CASES, PATHSIMR_DATA, readCaseCalendar } from './pathsimrCases.js';
import { capacityRows, eventCopies, pathsimrCapacityEvents, shiftedRows } from './pathsimrCapacityEvents.js';

// A clinic open 9:00-18:00, in hours.
const clinic = [
  { start: 0, end: 9, value: 0 },
  { start: 9, end: 18, value: 10 },
  { start: 18, end: 24, value: 0 },
];

describe('PathSimR\'s capacity events', () => {
  it('leaves the calendar alone when the warm-up is whole cycles, and copies each event once per extra row', () => {
    expect(shiftedRows(clinic, 48)).toEqual(clinic);
    expect(eventCopies(clinic)).toBe(2);
    expect(eventCopies([{ start: 0, end: Infinity, value: 75 }])).toBe(0);
  });

  it('splits the row a shift carries across the cycle\'s end, which adds a copy', () => {
    // Shifted 12 hours: 12-21 closed, 21-30 open (split at 24), 30-36 closed.
    const shifted = shiftedRows(clinic, 36);
    expect(shifted).toEqual([
      { start: 0, end: 6, value: 10 },
      { start: 6, end: 12, value: 0 },
      { start: 12, end: 21, value: 0 },
      { start: 21, end: 24, value: 10 },
    ]);
    expect(eventCopies(shifted)).toBe(3);
    // A shift that lands on a boundary splits nothing.
    expect(shiftedRows(clinic, 15)).toHaveLength(3);
  });

  it('schedules the events in the window\'s time: openings at 9:00, and a repeat of the level at noon where a row was split', () => {
    const events = pathsimrCapacityEvents(new Map([[0, clinic]]), 36, 0, 1, 24);
    const at = (hour: number) => events.filter((e) => Math.abs(e.time * 24 - hour) < 1e-9).map((e) => e.level);
    expect(at(9)).toEqual([10, 10, 10]);
    expect(at(12)).toEqual([10, 10, 10]);
    expect(at(18)).toEqual([0, 0, 0]);
    expect(events).toHaveLength(4 * 3);
  });
});

const urology = PATHSIMR_CASES.find((c) => c.id === 'Urology')!;
const throughTime = path.join(PATHSIMR_DATA, urology.id, 'outputs', 'sheets', 'avg_through_time_uniform.csv');

describe.skipIf(!HAVE_PATHSIMR)(`PathSimR's published Urology openings${HAVE_PATHSIMR ? '' : ` (${MISSING_PATHSIMR})`}`, () => {
  /** node/metric/hour -> [mean, lower 99 %, upper 99 %] across PathSimR's replications. */
  const published = () => {
    const table = new Map<string, number[]>();
    for (const line of readFileSync(throughTime, 'utf8').trim().split(/\r?\n/).slice(1)) {
      const [time, node, metric, mean, l99, u99] = line.split(',');
      table.set(`${node}/${metric}/${Number(time)}`, [Number(mean), Number(l99), Number(u99)]);
    }
    return table;
  };
  /** Each clinic's first opening on the window's second day (hour 24 + the row's start), with its calendar rows. */
  const openings = () =>
    readCaseCalendar(urology)
      .series.filter((s) => s.metric === 'cap' && s.periods.length > 1)
      .map((s) => {
        const rows = capacityRows(s.periods);
        const opening = rows.find((row, i) => i > 0 && row.value > rows[i - 1].value)!;
        return { node: s.node, rows, hour: 24 + opening.start };
      });

  it('has every clinic start as many patients at the instant it opens as copies of the event for a 12-hour remainder', () => {
    const table = published();
    const seen = openings().map(({ node, rows, hour }) => {
      const copies = eventCopies(shiftedRows(rows, urology.warmupRemainder!));
      const [mean, low, high] = table.get(`${node}/occupancy/${hour}`)!;
      const [, queueLow] = table.get(`${node}/queue/${hour - 1}`)!;
      // Never more than the copies; exactly that many in every replication where enough were surely waiting.
      expect(high, node).toBe(copies);
      if (queueLow >= copies) expect([mean, low], node).toEqual([copies, copies]);
      return [node, copies];
    });
    expect(Object.fromEntries(seen)).toEqual({ GP_Ref: 3, H_C: 3, H_D: 2, B_B: 2, BCT: 3, CC: 2, CF: 2, SC: 2, SF: 2 });
  });

  it('matches no other whole-hour remainder (a control: the check can fail)', () => {
    const table = published();
    const fits = (remainder: number) => openings().every(({ node, rows, hour }) => table.get(`${node}/occupancy/${hour}`)![2] === eventCopies(shiftedRows(rows, remainder)));
    expect(Array.from({ length: 24 }, (_, r) => r).filter(fits)).toEqual([12]);
  });
});
