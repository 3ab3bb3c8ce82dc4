/**
 * The model skeleton and the derived delays from observed rows alone (no published files
 * needed): each month's referrals kept, spread by the weekday pattern of daily discharges;
 * delays split by the month's long-stay reasons.
 */
import { describe, expect, it } from 'vitest';
import type { ObservedRow } from '../../src/observed/observedSeries.js';
import { derivedDelays } from '../../src/sitrep/derivedDelays.js';
import { sitrepSkeleton } from '../../src/sitrep/sitrepSkeleton.js';
import { weekdayPattern } from '../../src/sitrep/weekdayPattern.js';

const row = (grain: ObservedRow['grain'], date: string, measure: string, pathway: string, value: number, detail = ''): ObservedRow => ({ grain, date, org: 'QXX', pathway, node: '', measure, detail, value, basis: 'reported' });
const januaryDays = Array.from({ length: 31 }, (_, day) => `2023-01-${String(day + 1).padStart(2, '0')}`);
/** Twice as many discharges Monday to Friday as at weekends. */
const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
const daily = januaryDays.flatMap((date) => [row('day', date, 'discharged', 'all', weekend(date) ? 10 : 20), row('day', date, 'remaining', 'all', 100)]);
const monthly = [
  row('month', '2023-01-01', 'discharges', 'P1', 300, 'P1 - Domestic home with reablement support'),
  row('month', '2023-01-01', 'discharges', 'P1', 10, 'P1 - Hotel with reablement support'),
  row('month', '2023-01-01', 'discharges', 'P2', 62, 'P2 - Community Rehab Setting (short term 24hr support)'),
  row('month', '2023-01-01', 'discharges', 'P2', NaN, 'P2 - Hospice (short term 24hr support)'),
  row('month', '2023-01-01', 'discharges', 'P3', 31, 'P3 - Care Home (new admission, likely permanent)'),
  row('month', '2023-01-01', 'discharges', 'P3', 500, 'P3b - Care Home (existing resident discharged back)'),
  row('month', '2023-01-01', 'discharges', 'P0', 5000, 'P0 - Domestic home without reablement support'),
];
const reasons = [
  row('month', '2023-01-01', 'long_stay_14plus', 'P1', 10, 'Pathway 1: awaiting availability of resource'),
  row('month', '2023-01-01', 'long_stay_14plus', 'P2', 20, 'Pathway 2: awaiting availability of rehabilitation bed'),
  row('month', '2023-01-01', 'long_stay_14plus', 'P3', 30, 'Pathway 3: awaiting availability of a bed'),
  row('month', '2023-01-01', 'long_stay_14plus', 'other', 40, 'No Plan'),
  row('month', '2023-01-01', 'long_stay_14plus', 'other', NaN, 'Safeguarding concern'),
];

describe('the sitrep model skeleton', () => {
  it("keeps each pathway's month of referrals, without P3b, hospices or P0, spread 2:1 weekdays to weekends", () => {
    const pattern = weekdayPattern(daily, 'QXX', '2023-01-01', '2023-01-31');
    expect(pattern[1] / pattern[0]).toBeCloseTo(2, 12);
    const rows = [...daily, ...monthly, ...reasons];
    const { model } = sitrepSkeleton([...rows, ...derivedDelays(rows)], ['QXX']);
    expect(model.dates).toEqual(januaryDays);
    const [p1, p2, p3] = model.nodes;
    expect(model.nodes.map((node) => node.id)).toEqual(['P1_QXX', 'P2_QXX', 'P3_QXX']);
    const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
    // Each day is written to 3 decimals: the month may be 31 x 0.0005 off.
    expect(Math.abs(total(p1.arrivals[0].daily) - 310)).toBeLessThanOrEqual(31 * 0.0005);
    expect(Math.abs(total(p2.arrivals[0].daily) - 62)).toBeLessThanOrEqual(31 * 0.0005);
    expect(Math.abs(total(p3.arrivals[0].daily) - 31)).toBeLessThanOrEqual(31 * 0.0005);
    // 2023-01-02 is a Monday, 2023-01-01 a Sunday.
    expect(p1.arrivals[0].daily[1] / p1.arrivals[0].daily[0]).toBeCloseTo(2, 3);
    // Waiting on day 1: 100 remaining x P1's 10 of the 100 reasons with a figure.
    expect(model.nodes.map((node) => node.initial.waiting)).toEqual([10, 20, 30]);
    expect(p1.capacity[0].description).toMatch(/^PLACEHOLDER/);
  });

  it('spreads a month without figures at the mean daily rate, by weekday, when asked for a longer horizon', () => {
    const { model } = sitrepSkeleton([...daily, ...monthly], ['QXX'], { start: '2023-01-30', days: 7 });
    expect(model.dates).toEqual(['2023-01-30', '2023-01-31', '2023-02-01', '2023-02-02', '2023-02-03', '2023-02-04', '2023-02-05']);
    const p1 = model.nodes[0].arrivals[0].daily;
    // Monday 30 January and Thursday 2 February are both weekdays, in months with and without figures.
    expect(p1[3]).toBeCloseTo(p1[0], 2);
  });
});

describe('derived delays', () => {
  it("split each day's remaining by the month's long-stay reasons, those with a figure", () => {
    const delays = derivedDelays([...daily, ...reasons]);
    expect(delays).toHaveLength(31 * 3);
    expect(delays.slice(0, 3).map((delay) => [delay.pathway, delay.value, delay.basis, delay.measure])).toEqual([
      ['P1', 10, 'derived', 'delayed'],
      ['P2', 20, 'derived', 'delayed'],
      ['P3', 30, 'derived', 'delayed'],
    ]);
  });

  it('are not made for a month without reasons', () => {
    expect(derivedDelays(daily)).toEqual([]);
  });
});
