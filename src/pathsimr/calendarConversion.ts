/**
 * PathSimR's calendar series as Pathflow's capacity scenarios and arrival scenarios. A series
 * of several rows repeats with period `max(end)`; Pathflow's cycles are a day or a week, so a
 * period that divides a day (or a week) is laid out again to fill it, which is the same
 * calendar. A period that divides neither (10 hours, 5 days) cannot be expressed and is refused.
 * Arrivals become each day's mean (the rate integrated over the day) with the rates as the
 * profile's weights, which Pathflow renormalises within each day back to the same rates.
 */
import { UNRESTRICTED_CAPACITY, type ArrivalScenario, type CapacityScenario } from '../engine/model.js';
import type { CalendarSeries } from './calendarFile.js';
import { tidy } from './rValues.js';

export const BASELINE_ARRIVALS = 'BArr';
export const BASELINE_CAPACITY = 'BCap';

export type Converted<T> = { ok: true; value: T; notes: string[] } | { ok: false; row: number; column: string; message: string };

interface Cycle {
  cycleDays: 1 | 7;
  periods: { start: number; end: number; value: number }[];
}

/** The series as periods of a day or a week, or why it cannot be. */
function cycleOf(series: CalendarSeries, unitsPerDay: number, unit: string): Converted<Cycle> {
  const last = series.periods[series.periods.length - 1];
  const period = last.end as number;
  const periodDays = period / unitsPerDay;
  const cycleDays = ([1, 7] as const).find((days) => {
    const repeats = days / periodDays;
    return Math.abs(repeats - Math.round(repeats)) < 1e-9 && Math.round(repeats) >= 1;
  });
  if (cycleDays === undefined) {
    return { ok: false, row: last.row, column: 'end', message: `the ${series.metric} rows of ${series.node} repeat every ${period} ${unit}, which does not divide a day or a week: Pathflow's calendars repeat daily or weekly` };
  }
  const repeats = Math.round(cycleDays / periodDays);
  const periods: Cycle['periods'] = [];
  for (let r = 0; r < repeats; r++) {
    for (const p of series.periods) {
      // Times in the file's unit are tidied before the division, so 8 hours is 8/24 of a day, as exactly as a double holds it.
      periods.push({ start: tidy(r * period + p.start) / unitsPerDay, end: tidy(r * period + (p.end as number)) / unitsPerDay, value: p.value });
    }
  }
  const notes = repeats > 1 ? [`the ${series.metric} rows of ${series.node} repeat every ${period} ${unit}; they are laid out ${repeats} times to fill a ${cycleDays === 1 ? 'day' : 'week'}`] : [];
  return { ok: true, value: { cycleDays, periods }, notes };
}

/** Servers as Pathflow counts them: PathSimR admits while fewer than `cap` hold a server, so 2.5 servers serve like 3. */
function servers(value: number, series: CalendarSeries, notes: string[]): number {
  if (value === Infinity) return UNRESTRICTED_CAPACITY;
  if (!Number.isInteger(value)) {
    notes.push(`cap ${value} of ${series.node} is rounded up to ${Math.ceil(value)} servers, as PathSimR admits while fewer than ${value} are busy`);
    return Math.ceil(value);
  }
  return value;
}

export function capacityScenario(series: CalendarSeries, unitsPerDay: number, unit: string): Converted<CapacityScenario> {
  const notes: string[] = [];
  if (series.periods.length === 1) return { ok: true, value: { name: BASELINE_CAPACITY, capacity: servers(series.periods[0].value, series, notes) }, notes };
  const cycle = cycleOf(series, unitsPerDay, unit);
  if (!cycle.ok) return cycle;
  const periods = cycle.value.periods.map((p) => ({ start: p.start, end: p.end, capacity: servers(p.value, series, notes) }));
  // The scenario's capacity is the calendar's most: what a plan of commissioned beds would state.
  const capacity = Math.max(...periods.map((p) => p.capacity));
  return { ok: true, value: { name: BASELINE_CAPACITY, capacity, calendar: { cycleDays: cycle.value.cycleDays, periods } }, notes: [...cycle.notes, ...new Set(notes)] };
}

/**
 * External arrivals over `days` days, or undefined for a node nobody arrives at from outside
 * (a node fed by edges needs no arrival scenario then).
 */
export function arrivalScenario(series: CalendarSeries, unitsPerDay: number, unit: string, days: number): Converted<ArrivalScenario | undefined> {
  if (series.periods.length === 1) {
    const rate = series.periods[0].value;
    if (!Number.isFinite(rate)) return { ok: false, row: series.periods[0].row, column: 'value', message: `an arrival rate of ${rate} is not a finite number` };
    return { ok: true, value: rate === 0 ? undefined : { name: BASELINE_ARRIVALS, daily: new Array<number>(days).fill(tidy(rate * unitsPerDay)) }, notes: [] };
  }
  const infinite = series.periods.find((p) => !Number.isFinite(p.value));
  if (infinite) return { ok: false, row: infinite.row, column: 'value', message: `an arrival rate of ${infinite.value} is not a finite number` };
  const cycle = cycleOf(series, unitsPerDay, unit);
  if (!cycle.ok) return cycle;
  const { cycleDays, periods } = cycle.value;
  const perDay = Array.from({ length: cycleDays }, (_, day) =>
    tidy(periods.reduce((total, p) => total + p.value * Math.max(0, Math.min(p.end, day + 1) - Math.max(p.start, day)) * unitsPerDay, 0)),
  );
  if (perDay.every((mean) => mean === 0)) return { ok: true, value: undefined, notes: cycle.notes };
  const profile = { cycleDays, periods: weightsForClosedDays(periods, perDay) };
  return { ok: true, value: { name: BASELINE_ARRIVALS, daily: Array.from({ length: days }, (_, d) => perDay[d % cycleDays]), profile }, notes: cycle.notes };
}

/**
 * The rates as profile weights. Pathflow's profile needs some weight on every day of its cycle
 * (it spreads each day's mean by them), so on a day nobody arrives (a clinic shut at weekends)
 * the periods are cut at midnight and that day's pieces weighted evenly: its mean is 0, so
 * nobody arrives whatever the weights, and the other days keep theirs.
 */
function weightsForClosedDays(periods: Cycle['periods'], perDay: readonly number[]): { start: number; end: number; weight: number }[] {
  const closed = (day: number) => perDay[day] === 0;
  if (!perDay.some((mean, day) => closed(day))) return periods.map((p) => ({ start: p.start, end: p.end, weight: p.value }));
  const pieces: { start: number; end: number; weight: number }[] = [];
  for (const p of periods) {
    let start = p.start;
    while (start < p.end) {
      const day = Math.floor(start);
      const end = Math.min(p.end, day + 1);
      pieces.push({ start, end, weight: closed(day) ? 1 : p.value });
      start = end;
    }
  }
  return pieces;
}
