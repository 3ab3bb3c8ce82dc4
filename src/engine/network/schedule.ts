/**
 * Capacity as a function of time: piecewise constant over dated periods.
 *
 * Every read of a node's capacity goes through `capacityAt`, so a constant capacity and a
 * calendar are the same thing to the simulator (spec: "a constant calendar equals the
 * constant capacity").
 */

/** From time `from` (days since the start; day d is (d - 1, d]) until the next period, `capacity` servers. */
export interface CapacityPeriod {
  from: number;
  /** Servers; fractions are rounded down; Infinity means unlimited. */
  capacity: number;
}

export class CapacitySchedule {
  /** Period start times, increasing, the first 0. */
  readonly starts: Float64Array;
  /** Whole servers of each period (or the levels as given, for a caseload). */
  readonly levels: Float64Array;
  /**
   * The period last looked up, as the times it holds over: the simulator asks at every
   * arrival, end of stay and admission, mostly within one period, and a calendar laid out over
   * a warm-up has a hundred periods to search. NaN bounds: nothing looked up yet. Doubles from
   * the start, so the fields' representation never changes under optimised code.
   */
  private cachedFrom = NaN;
  private cachedUntil = NaN;
  private cachedLevel = NaN;

  /**
   * `wholeServers` false keeps fractional levels: a visit node's caseload, whose slots
   * (caseload times mean visits) are rounded down instead.
   */
  constructor(periods: readonly CapacityPeriod[], wholeServers = true) {
    // A cycle laid out over a warm-up starts before 0; the first period also holds before its start.
    if (periods.length === 0 || !(periods[0].from <= 0)) throw new RangeError('a capacity schedule starts with a period from time 0 (or before, for a warm-up)');
    this.starts = Float64Array.from(periods, (p) => p.from);
    this.levels = Float64Array.from(periods, (p) => (wholeServers ? Math.floor(p.capacity) : p.capacity));
    for (let i = 0; i < periods.length; i++) {
      if (!(periods[i].capacity >= 0)) throw new RangeError(`capacity period ${i + 1} has capacity ${periods[i].capacity}, not a non-negative number`);
      if (i > 0 && !(this.starts[i] > this.starts[i - 1])) throw new RangeError(`capacity period ${i + 1} starts at ${periods[i].from}, not after the period before it`);
    }
  }

  /** Servers at time `t`: a change at time s applies from s itself. */
  capacityAt(t: number): number {
    if (t >= this.cachedFrom && t < this.cachedUntil) return this.cachedLevel;
    return this.lookUp(t);
  }

  private lookUp(t: number): number {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= t) low = mid;
      else high = mid - 1;
    }
    // The first period also holds before its start; the last holds from its start on.
    this.cachedFrom = low === 0 ? -Infinity : starts[low];
    this.cachedUntil = low + 1 < starts.length ? starts[low + 1] : Infinity;
    this.cachedLevel = this.levels[low];
    return this.levels[low];
  }

  /** Times after 0 at which capacity changes (possibly to the same level). */
  changeTimes(): Float64Array {
    return this.starts.subarray(1);
  }

  /**
   * Time-average capacity over each day (j, j + 1] for firstDay <= j < days (`out[j - firstDay]`;
   * firstDay below 0 covers a warm-up); Infinity on a day that touches an unlimited period.
   */
  dailyAverages(days: number, firstDay = 0): Float64Array {
    const out = new Float64Array(days - firstDay);
    const count = this.starts.length;
    for (let i = 0; i < count; i++) {
      // The first period also holds before its start (a warm-up longer than a cycle's layout).
      const from = i === 0 ? Math.min(this.starts[0], firstDay) : this.starts[i];
      const to = i + 1 < count ? this.starts[i + 1] : days;
      const level = this.levels[i];
      for (let day = Math.max(firstDay, Math.floor(from)); day < days && day < to; day++) {
        const overlap = Math.min(to, day + 1) - Math.max(from, day);
        if (overlap > 0) out[day - firstDay] += level === Infinity ? Infinity : level * overlap;
      }
    }
    return out;
  }

  /** The level from the last change on, which also holds past the horizon. */
  get lastLevel(): number {
    return this.levels[this.levels.length - 1];
  }
}

export function constantSchedule(capacity: number): CapacitySchedule {
  return new CapacitySchedule([{ from: 0, capacity }]);
}
