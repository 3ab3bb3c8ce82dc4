/**
 * The monitor of one replication: what happened on each day, in flat typed arrays.
 *
 * Nodes write into it without allocating; the summary reads it. Time-averaged
 * quantities (patients in service, patients waiting) are integrated exactly from each
 * patient's intervals with difference arrays over days, so no event list is needed.
 */

export const METRICS = ['occ', 'niq', 'wait', 'cost', 'arrivals', 'admissions', 'departures', 'lost'] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_COUNT = METRICS.length;
export const Metric = {
  occ: 0,
  niq: 1,
  wait: 2,
  cost: 3,
  arrivals: 4,
  admissions: 5,
  departures: 6,
  lost: 7,
} as const satisfies Record<Metric, number>;

/** Whole-horizon figures of one replication, in this order in a Float64Array. */
export const HORIZON_FIELDS = [
  'meanOccupancy',
  'meanQueue',
  'peakOccupancy',
  'peakQueue',
  'delayedBedDays',
  'totalCost',
  'arrivals',
  'admissions',
  'delayedAdmissions',
  'totalWait',
  'lost',
  'departures',
  'waitingAtEnd',
] as const;
export type HorizonField = (typeof HORIZON_FIELDS)[number];
export const HORIZON_FIELD_COUNT = HORIZON_FIELDS.length;
export const Horizon = Object.fromEntries(HORIZON_FIELDS.map((name, index) => [name, index])) as Record<HorizonField, number>;

/**
 * Integral over each day of a count that steps up and down at real times:
 * `full[j]` accumulates steps that cover day j entirely (prefix-summed at the end),
 * `partial[j]` the fractions of day j after a step inside it.
 */
export class DayIntegrator {
  protected readonly full: Float64Array;
  protected readonly partial: Float64Array;

  constructor(readonly days: number) {
    this.full = new Float64Array(days + 1);
    this.partial = new Float64Array(days);
  }

  reset(): void {
    this.full.fill(0);
    this.partial.fill(0);
  }

  /** The count changes by `delta` at time `t` (days from the start; day j is (j, j+1]). */
  step(t: number, delta: number): void {
    if (t <= 0) {
      this.full[0] += delta;
      return;
    }
    if (t >= this.days) return;
    const j = Math.floor(t);
    this.partial[j] += delta * (j + 1 - t);
    this.full[j + 1] += delta;
  }

  /**
   * One patient moves at time `t` from this count to `to` (from the queue to a bed): the
   * same as `step(t, -1)` here and `to.step(t, 1)`, with the day and its fraction worked out
   * once. `to` must cover the same days.
   */
  handOver(to: DayIntegrator, t: number): void {
    if (t <= 0) {
      this.full[0] -= 1;
      to.full[0] += 1;
      return;
    }
    if (t >= this.days) return;
    const j = Math.floor(t);
    const fraction = j + 1 - t;
    this.partial[j] -= fraction;
    to.partial[j] += fraction;
    this.full[j + 1] -= 1;
    to.full[j + 1] += 1;
  }

  /** Adds one unit over `[from, to)`. */
  interval(from: number, to: number): void {
    if (to <= from || from >= this.days) return;
    this.step(from, 1);
    this.step(to, -1);
  }

  /** Writes the day averages into `out` (length `days`). */
  integrate(out: Float64Array): void {
    let running = 0;
    for (let j = 0; j < this.days; j++) {
      running += this.full[j];
      out[j] = running + this.partial[j];
    }
  }
}

/** Daily rows of one replication, metric-major: `values[metric * days + day]`. */
export class DailyRecord {
  readonly values: Float64Array;
  readonly horizon = new Float64Array(HORIZON_FIELD_COUNT);

  /** `values`, when given, is where the rows live (a slot of a summary's staging buffer). */
  constructor(
    readonly days: number,
    values?: Float64Array,
  ) {
    if (values && values.length !== METRIC_COUNT * days) throw new RangeError(`a daily record of ${days} days needs ${METRIC_COUNT * days} values, not ${values.length}`);
    this.values = values ?? new Float64Array(METRIC_COUNT * days);
  }

  row(metric: number): Float64Array {
    return this.values.subarray(metric * this.days, (metric + 1) * this.days);
  }

  reset(): void {
    this.values.fill(0);
    this.horizon.fill(0);
  }

  /**
   * Fills cost and mean wait from the other rows, and the horizon figures.
   * `waitSum` holds the total days waited by patients admitted each day;
   * `community` is the community cost of each day already priced by the node.
   */
  finish(waitSum: Float64Array, delayedAdmissions: number, waitingAtEnd: number, acuteDelayCost: number, community: Float64Array): void {
    const days = this.days;
    const occ = this.row(Metric.occ);
    const niq = this.row(Metric.niq);
    const wait = this.row(Metric.wait);
    const cost = this.row(Metric.cost);
    const arrivals = this.row(Metric.arrivals);
    const admissions = this.row(Metric.admissions);
    const departures = this.row(Metric.departures);
    const lost = this.row(Metric.lost);
    let occSum = 0;
    let niqSum = 0;
    let peakOcc = 0;
    let peakNiq = 0;
    let costSum = 0;
    let arrivalSum = 0;
    let admissionSum = 0;
    let waitTotal = 0;
    let lostSum = 0;
    let departureSum = 0;
    for (let d = 0; d < days; d++) {
      const admitted = admissions[d];
      wait[d] = admitted > 0 ? waitSum[d] / admitted : 0;
      cost[d] = niq[d] * acuteDelayCost + community[d];
      occSum += occ[d];
      niqSum += niq[d];
      if (occ[d] > peakOcc) peakOcc = occ[d];
      if (niq[d] > peakNiq) peakNiq = niq[d];
      costSum += cost[d];
      arrivalSum += arrivals[d];
      admissionSum += admitted;
      waitTotal += waitSum[d];
      lostSum += lost[d];
      departureSum += departures[d];
    }
    const h = this.horizon;
    h[Horizon.meanOccupancy] = occSum / days;
    h[Horizon.meanQueue] = niqSum / days;
    h[Horizon.peakOccupancy] = peakOcc;
    h[Horizon.peakQueue] = peakNiq;
    h[Horizon.delayedBedDays] = niqSum;
    h[Horizon.totalCost] = costSum;
    h[Horizon.arrivals] = arrivalSum;
    h[Horizon.admissions] = admissionSum;
    h[Horizon.delayedAdmissions] = delayedAdmissions;
    h[Horizon.totalWait] = waitTotal;
    h[Horizon.lost] = lostSum;
    h[Horizon.departures] = departureSum;
    h[Horizon.waitingAtEnd] = waitingAtEnd;
  }
}
