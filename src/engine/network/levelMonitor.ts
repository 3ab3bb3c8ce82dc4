/**
 * Time-weighted percentiles of each node's levels (spec 5): per replication, the level a node
 * was at or below for 50, 90 and 95 % of the horizon.
 *
 * A monitor beside the simulator, not part of it: every step of a level is recorded as a time
 * in a series of ups and a series of downs, and each series is swept in time order when the
 * replication ends. The simulator steps some levels out of time order (a visit node's caseload
 * at the start of a booked day ahead of the clock, its queue at the start of the day behind
 * it), so a histogram built from "time since the last change" would be wrong; sorting a series
 * that arrived out of order makes the sweep exact whatever the order of the steps.
 */
import { DayIntegrator } from '../dailyRecord.js';

/** The levels monitored, in this order (the record's and the summary's). */
export const MONITORED_LEVELS = ['occ', 'blocked', 'transfer', 'reserved', 'occ_bed', 'niq'] as const;
export type MonitoredLevel = (typeof MONITORED_LEVELS)[number];
export const MonitoredLevel = Object.fromEntries(MONITORED_LEVELS.map((name, index) => [name, index])) as Record<MonitoredLevel, number>;
export const MONITORED_LEVEL_COUNT = MONITORED_LEVELS.length;

/** Shares of the horizon's time the percentiles are taken at. */
export const TIME_SHARES = [0.5, 0.9, 0.95] as const;
export const TIME_SHARE_COUNT = TIME_SHARES.length;

/** The times a level stepped up, and down, within the horizon (a step at or before 0 is at 0, as DayIntegrator counts it). */
class StepSeries {
  ups: Float64Array = new Float64Array(64);
  downs: Float64Array = new Float64Array(64);
  upCount = 0;
  downCount = 0;
  /** Whether each series so far came in time order (almost all do: only visit nodes' do not). */
  inOrder = true;

  constructor(private readonly days: number) {}

  reset(): void {
    this.upCount = 0;
    this.downCount = 0;
    this.inOrder = true;
  }

  add(t: number, delta: number): void {
    if (t >= this.days) return;
    const time = t > 0 ? t : 0;
    if (delta > 0) {
      if (this.upCount === this.ups.length) this.ups = grown(this.ups);
      if (this.upCount > 0 && time < this.ups[this.upCount - 1]) this.inOrder = false;
      this.ups[this.upCount++] = time;
    } else {
      if (this.downCount === this.downs.length) this.downs = grown(this.downs);
      if (this.downCount > 0 && time < this.downs[this.downCount - 1]) this.inOrder = false;
      this.downs[this.downCount++] = time;
    }
  }

  /**
   * Adds the time spent at each level over [0, days) to `histogram` (index: level) and returns
   * it, grown if a level exceeded it. Ups go first at a tie, so a level never reads below 0;
   * steps at one instant take no time, so their order changes nothing else.
   */
  sweep(histogram: Float64Array): Float64Array {
    const ups = this.ups.subarray(0, this.upCount);
    const downs = this.downs.subarray(0, this.downCount);
    if (!this.inOrder) {
      ups.sort();
      downs.sort();
    }
    let level = 0;
    let since = 0;
    let i = 0;
    let j = 0;
    while (i < ups.length || j < downs.length) {
      const up = i < ups.length && (j >= downs.length || ups[i] <= downs[j]);
      const time = up ? ups[i++] : downs[j++];
      if (time > since) {
        if (level >= histogram.length) histogram = grownTo(histogram, level + 1);
        histogram[level] += time - since;
        since = time;
      }
      level += up ? 1 : -1;
    }
    if (this.days > since) {
      if (level >= histogram.length) histogram = grownTo(histogram, level + 1);
      histogram[level] += this.days - since;
    }
    return histogram;
  }
}

function grown(values: Float64Array): Float64Array {
  return grownTo(values, values.length * 2);
}

function grownTo(values: Float64Array, length: number): Float64Array {
  const next = new Float64Array(Math.max(length, values.length * 2));
  next.set(values);
  return next;
}

/**
 * The smallest level at or below which the node spent at least `share` of the horizon
 * (`histogram[level]`: days at that level). A relative slack of 1e-12 keeps a share met
 * exactly (a level held for exactly half the horizon is its median) from missing by rounding.
 */
export function timePercentile(histogram: Float64Array, days: number, share: number): number {
  const needed = share * days * (1 - 1e-12);
  let cumulative = 0;
  for (let level = 0; level < histogram.length; level++) {
    cumulative += histogram[level];
    if (cumulative >= needed) return level;
  }
  return histogram.length - 1;
}

/** A day integrator that also tells the level monitor of every step (and, for the parts of the beds held, the beds held). */
class MonitoredIntegrator extends DayIntegrator {
  constructor(
    days: number,
    private readonly series: StepSeries,
    private readonly beds: StepSeries | undefined,
  ) {
    super(days);
  }

  override step(t: number, delta: number): void {
    super.step(t, delta);
    this.series.add(t, delta);
    this.beds?.add(t, delta);
  }

  override handOver(to: DayIntegrator, t: number): void {
    this.step(t, -1);
    to.step(t, 1);
  }
}

export class LevelMonitor {
  private readonly series: StepSeries[];
  private histogram: Float64Array = new Float64Array(256);

  constructor(
    private readonly nodeCount: number,
    private readonly days: number,
  ) {
    this.series = Array.from({ length: nodeCount * MONITORED_LEVEL_COUNT }, () => new StepSeries(days));
  }

  /**
   * The integrator the simulator keeps for `level` of `node` (not occ_bed, which is the sum of
   * occ, blocked, transfer and reserved and is recorded from their steps).
   */
  integrator(node: number, level: MonitoredLevel): DayIntegrator {
    const index = MonitoredLevel[level];
    const beds = level === 'niq' ? undefined : this.series[node * MONITORED_LEVEL_COUNT + MonitoredLevel.occ_bed];
    return new MonitoredIntegrator(this.days, this.series[node * MONITORED_LEVEL_COUNT + index], beds);
  }

  reset(): void {
    for (const series of this.series) series.reset();
  }

  /** Writes `out[(node * MONITORED_LEVEL_COUNT + level) * TIME_SHARE_COUNT + share]`. */
  finish(out: Float64Array): void {
    for (let s = 0; s < this.nodeCount * MONITORED_LEVEL_COUNT; s++) {
      this.histogram.fill(0);
      this.histogram = this.series[s].sweep(this.histogram);
      for (let q = 0; q < TIME_SHARE_COUNT; q++) out[s * TIME_SHARE_COUNT + q] = timePercentile(this.histogram, this.days, TIME_SHARES[q]);
    }
  }
}
