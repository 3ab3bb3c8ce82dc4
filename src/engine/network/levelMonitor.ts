/**
 * Time-weighted percentiles of each node's levels (spec 5): per replication, the level a node
 * was at or below for 50, 90 and 95 % of the horizon.
 *
 * A monitor beside the simulator, not part of it: every step of a level reaches it through the
 * level's day integrator, and the time spent at each level is added up (LevelSeries). The
 * simulator steps a visit node's levels out of time order, so "time since the last change"
 * would be wrong there: those series keep their steps and replay them sorted at the end.
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

/**
 * One level of one node: the days spent at each level, accumulated as steps come in time
 * order (each step closes the interval since the last). A series that may be stepped out of
 * order (a visit node's: its caseload steps at the start of a booked day ahead of the clock,
 * its queue at the start of the day behind it) buffers its steps instead, as times of ups and
 * of downs, and replays them sorted when the replication ends. A series not declared so that
 * is stepped back in time anyway (a change to the simulator) gives NaN, never a wrong figure.
 */
class LevelSeries {
  histogram: Float64Array = new Float64Array(16);
  private level = 0;
  private since = 0;
  private highest = 0;
  private valid = true;
  private ups: Float64Array = new Float64Array(0);
  private downs: Float64Array = new Float64Array(0);
  private upCount = 0;
  private downCount = 0;

  constructor(
    private readonly days: number,
    private readonly buffered: boolean,
  ) {
    if (buffered) {
      this.ups = new Float64Array(64);
      this.downs = new Float64Array(64);
    }
  }

  reset(): void {
    this.histogram.fill(0, 0, this.highest + 1);
    this.level = 0;
    this.since = 0;
    this.highest = 0;
    this.valid = true;
    this.upCount = 0;
    this.downCount = 0;
  }

  /** A step of the level at `time`, already clamped to [0, days) by the caller (MonitoredIntegrator). */
  add(time: number, delta: number): void {
    if (!this.buffered) this.advance(time, delta);
    else if (delta > 0) {
      if (this.upCount === this.ups.length) this.ups = grownTo(this.ups, this.ups.length * 2);
      this.ups[this.upCount++] = time;
    } else {
      if (this.downCount === this.downs.length) this.downs = grownTo(this.downs, this.downs.length * 2);
      this.downs[this.downCount++] = time;
    }
  }

  /** Closes the replication: replays a buffered series in time order (ups first at a tie, so a level never reads below 0), then counts the time to the horizon. */
  close(): boolean {
    if (this.buffered) {
      const ups = sortedPrefix(this.ups, this.upCount);
      const downs = sortedPrefix(this.downs, this.downCount);
      let i = 0;
      let j = 0;
      while (i < ups.length || j < downs.length) {
        if (i < ups.length && (j >= downs.length || ups[i] <= downs[j])) this.advance(ups[i++], 1);
        else this.advance(downs[j++], -1);
      }
    }
    this.advance(this.days, 0);
    return this.valid;
  }

  private advance(time: number, delta: number): void {
    if (time > this.since) {
      const level = this.level;
      if (level < 0) this.valid = false;
      else {
        if (level >= this.histogram.length) this.histogram = grownTo(this.histogram, level + 1);
        if (level > this.highest) this.highest = level;
        this.histogram[level] += time - this.since;
      }
      this.since = time;
    } else if (time < this.since) this.valid = false;
    this.level += delta;
  }
}

/**
 * The first `count` times, in order. A visit node's steps almost always come in order
 * already (all 14,400 series of the network example's 50 replications did, 4.1 million
 * times), so a pass checks that and only a series out of order is sorted.
 */
function sortedPrefix(times: Float64Array, count: number): Float64Array {
  const prefix = times.subarray(0, count);
  for (let i = 1; i < count; i++) if (prefix[i] < prefix[i - 1]) return prefix.sort();
  return prefix;
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

/**
 * A day integrator that also tells the level monitor of every step (and, for the parts of the
 * beds held, the beds held). One method does both, so the horizon and time-0 checks are made
 * once per step and no call goes through the base class.
 */
class MonitoredIntegrator extends DayIntegrator {
  constructor(
    days: number,
    private readonly series: LevelSeries,
    private readonly beds: LevelSeries | undefined,
  ) {
    super(days);
  }

  override step(t: number, delta: number): void {
    if (t >= this.days) return;
    let time = 0;
    if (t <= 0) this.full[0] += delta;
    else {
      const j = Math.floor(t);
      this.partial[j] += delta * (j + 1 - t);
      this.full[j + 1] += delta;
      time = t;
    }
    this.series.add(time, delta);
    if (this.beds !== undefined) this.beds.add(time, delta);
  }

  override handOver(to: DayIntegrator, t: number): void {
    this.step(t, -1);
    to.step(t, 1);
  }
}

export class LevelMonitor {
  private readonly series: LevelSeries[];

  /** `outOfOrder[node]`: the node's levels may be stepped out of time order (visit nodes). */
  constructor(
    private readonly nodeCount: number,
    private readonly days: number,
    outOfOrder: (node: number) => boolean = () => false,
  ) {
    this.series = Array.from({ length: nodeCount * MONITORED_LEVEL_COUNT }, (_, s) => new LevelSeries(days, outOfOrder(Math.floor(s / MONITORED_LEVEL_COUNT))));
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
      const series = this.series[s];
      const valid = series.close();
      for (let q = 0; q < TIME_SHARE_COUNT; q++) out[s * TIME_SHARE_COUNT + q] = valid ? timePercentile(series.histogram, this.days, TIME_SHARES[q]) : NaN;
    }
  }
}
