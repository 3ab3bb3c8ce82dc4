/**
 * Cyclic calendars: periods within a day or a week that repeat over the horizon. Day 1 starts
 * the cycle, so a weekly cycle's period [0, 1) is day 1, day 8, day 15, ...
 */
import type { CapacityPeriod } from './schedule.js';

/** `[start, end)` within the cycle, in days (a day's cycle: fractions of the day). */
export interface CyclePeriod {
  start: number;
  end: number;
}

export interface CyclicCapacity {
  /** 1 (a day) or 7 (a week). */
  cycleDays: number;
  /** Periods tiling the cycle in order, each with its servers. */
  periods: (CyclePeriod & { capacity: number })[];
}

export const CYCLE_LENGTHS = [1, 7];

/**
 * Checks that `periods` tile `[0, cycleDays)` in order, without gap or overlap: a cycle must
 * say what holds at every moment (the workbook reports gaps and overlaps at their cell).
 * Throws a RangeError naming the field under `where`.
 */
export function checkCycle(cycleDays: number, periods: readonly CyclePeriod[], where: string): void {
  if (!CYCLE_LENGTHS.includes(cycleDays)) throw new RangeError(`${where}.cycleDays: ${cycleDays} is not 1 (a day) or 7 (a week)`);
  if (periods.length === 0) throw new RangeError(`${where}.periods: a cycle needs at least one period`);
  let expected = 0;
  periods.forEach((period, i) => {
    if (period.start !== expected) throw new RangeError(`${where}.periods[${i}].start: ${period.start} leaves a gap or overlap; the period before ends at ${expected}`);
    if (!(period.end > period.start)) throw new RangeError(`${where}.periods[${i}].end: ${period.end} is not after its start ${period.start}`);
    expected = period.end;
  });
  if (expected !== cycleDays) throw new RangeError(`${where}.periods[${periods.length - 1}].end: ${expected} does not close the ${cycleDays}-day cycle`);
}

/**
 * The cycle laid out over `[-warmupDays, days)` as dated periods, day 1 starting a cycle
 * (so the warm-up ends with whole cycles), neighbours of equal capacity merged: a cycle of
 * one constant level is the same single period as a constant capacity, so it gives the same
 * events and identical results.
 */
export function unrollCycle(cycle: CyclicCapacity, days: number, warmupDays = 0, wholeServers = true): CapacityPeriod[] {
  const out: CapacityPeriod[] = [];
  const first = -Math.ceil(warmupDays / cycle.cycleDays) * cycle.cycleDays;
  for (let offset = first; offset < days; offset += cycle.cycleDays) {
    for (const period of cycle.periods) {
      const from = offset + period.start;
      if (from >= days) break;
      const levelOf = (capacity: number) => (wholeServers ? Math.floor(capacity) : capacity);
      if (out.length > 0 && levelOf(out[out.length - 1].capacity) === levelOf(period.capacity)) continue;
      out.push({ from, capacity: period.capacity });
    }
  }
  return out;
}
