/**
 * Summaries across replications: daily means and quantiles of every metric, and the
 * whole-horizon figures planners quote, with confidence intervals.
 *
 * A scenario's replications arrive in chunks (from any number of workers, in any order);
 * they are slotted by replication index, so the result never depends on how the work was
 * split. Only the scenarios in flight hold their traces; a finished scenario keeps its
 * summary alone.
 */
import { DailyRecord, HORIZON_FIELD_COUNT, Horizon, METRIC_COUNT, METRICS, Metric, type Metric as MetricName } from './dailyRecord.js';
import { isUnrestricted } from './model.js';
import type { ScenarioKey } from './scenarios.js';
import { columnSortScratch, estimateStrided, placeOrderStatistics, QuantilePlan, quantileOfRange, type Estimate } from './statistics.js';

export const QUANTILE_LEVELS = [0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975] as const;
/** Column names of the quantiles, as in IPACS's stochastic outputs and our daily.csv. */
export const QUANTILE_LABELS = ['q025', 'q05', 'q10', 'q25', 'q50', 'q75', 'q90', 'q95', 'q975'] as const;

export interface DailySummary {
  mean: Float64Array;
  /** `quantiles[i][day]` at level `QUANTILE_LEVELS[i]`. */
  quantiles: Float64Array[];
}

export interface HorizonSummary {
  replications: number;
  /** Patients in service, averaged over the horizon. */
  meanOccupancy: Estimate;
  /** Patients delayed in acute beds, averaged over the horizon. */
  meanQueue: Estimate;
  /** 95th percentile of the daily queue over all days and replications. */
  p95Queue: number;
  /** Highest daily occupancy in a replication, averaged over replications. */
  peakOccupancy: Estimate;
  /** Highest daily queue in a replication, averaged over replications. */
  peakQueue: Estimate;
  /** Delayed bed-days in acute over the horizon (sum of daily queue). */
  delayedBedDays: Estimate;
  totalCost: Estimate;
  /** Mean days waited by patients admitted within the horizon (ratio of totals). */
  meanWait: number;
  /** Share of patients admitted within the horizon who waited (the initial queue counts as waited). */
  shareDelayed: number;
  /** Mean occupancy over capacity; null when capacity is unrestricted. */
  utilisation: number | null;
  /** Per replication, averaged: referrals, admissions, losses and those still waiting at the end. */
  arrivals: number;
  admissions: number;
  lost: number;
  waitingAtEnd: number;
  /**
   * Each replication's whole-horizon figures, `byReplication[r * HORIZON_FIELD_COUNT + field]`
   * (fields in `HORIZON_FIELDS` order). Replication r of every scenario of a node shares its
   * random streams, and nodes' streams are independent, so differences between scenarios
   * and totals over nodes are taken replication by replication (see systemView).
   */
  byReplication: Float64Array;
}

export interface ScenarioSummary {
  key: ScenarioKey;
  daily: Record<MetricName, DailySummary>;
  horizon: HorizonSummary;
  /** When `daily`'s rows are views into one array in packSummary's layout: that array. */
  packed?: Float64Array;
}

/** The replications of one scenario, as a worker returns them. */
export interface ReplicationChunk {
  firstReplication: number;
  count: number;
  /** `count` blocks of `METRIC_COUNT * days` values, metric-major within a block. */
  daily: Float64Array;
  /** `count` blocks of `HORIZON_FIELD_COUNT` values. */
  horizon: Float64Array;
}

/** Replications staged before they are transposed into columns (see ScenarioAccumulator). */
const TRANSPOSE_BLOCK = 32;

function stagingSlots(replicationsAdded: number): number {
  return Math.max(1, Math.min(TRANSPOSE_BLOCK, replicationsAdded));
}

/** Values of an accumulator's staging rows, for a caller that keeps them between scenarios. */
export function stagingLengthOf(days: number, replicationsAdded: number): number {
  return stagingSlots(replicationsAdded) * METRIC_COUNT * days;
}

export class ScenarioAccumulator {
  /**
   * Daily values by column (`metric * days + day`), each column holding every replication
   * in order: `columns[column * replications + r]`. A replication arrives as a row, and
   * reading columns out of rows strides across memory a page per value; rows are staged in
   * small blocks and transposed while the block is in cache, so the quantiles read each
   * column contiguously.
   */
  private readonly columns: Float64Array;
  private readonly horizon: Float64Array;
  private readonly staging: Float64Array;
  /** Records whose rows are the staging slots, for simulating straight into them. */
  private readonly stagingRecords: DailyRecord[];
  private stagedFirst = 0;
  private stagedCount = 0;
  private received = 0;
  private finished = false;

  /**
   * `columns`, when given, is where the columns are gathered (exactly `replications *
   * METRIC_COUNT * days` long): storage the caller reuses once each summary is made. Every
   * entry is written before it is read, so it need not be zeroed.
   */
  constructor(
    readonly key: ScenarioKey,
    readonly days: number,
    readonly replications: number,
    columns?: Float64Array,
    /** Where the horizon figures go (`replications * HORIZON_FIELD_COUNT` long), as `columns`. */
    horizon?: Float64Array,
    /** How many replications this accumulator will be given, when fewer (a block of them): bounds the staging. */
    replicationsAdded = replications,
    /** Where the staging rows go (`stagingLengthOf(days, replicationsAdded)` long), as `columns`. */
    staging?: Float64Array,
  ) {
    const columnsLength = replications * METRIC_COUNT * days;
    if (columns && columns.length !== columnsLength) throw new RangeError(`the columns of ${replications} replications of ${days} days need ${columnsLength} values, not ${columns.length}`);
    const horizonLength = replications * HORIZON_FIELD_COUNT;
    if (horizon && horizon.length !== horizonLength) throw new RangeError(`the horizon figures of ${replications} replications need ${horizonLength} values, not ${horizon.length}`);
    this.columns = columns ?? new Float64Array(columnsLength);
    this.horizon = horizon ?? new Float64Array(horizonLength);
    const slots = stagingSlots(replicationsAdded);
    const block = METRIC_COUNT * days;
    if (staging && staging.length !== slots * block) throw new RangeError(`the staging rows of ${slots} replications of ${days} days need ${slots * block} values, not ${staging.length}`);
    this.staging = staging ?? new Float64Array(slots * block);
    this.stagingRecords = Array.from({ length: slots }, (_, slot) => new DailyRecord(days, this.staging.subarray(slot * block, (slot + 1) * block)));
  }

  add(chunk: ReplicationChunk): void {
    const block = METRIC_COUNT * this.days;
    for (let i = 0; i < chunk.count; i++) {
      this.addReplication(
        chunk.firstReplication + i,
        chunk.daily.subarray(i * block, (i + 1) * block),
        chunk.horizon.subarray(i * HORIZON_FIELD_COUNT, (i + 1) * HORIZON_FIELD_COUNT),
      );
    }
  }

  /** One replication's daily values (`METRIC_COUNT * days`, metric-major) and horizon figures. */
  addReplication(replication: number, daily: Float64Array, horizon: Float64Array): void {
    const record = this.stagingRecord(replication);
    record.values.set(daily);
    record.horizon.set(horizon);
    this.addStaged(replication, record);
  }

  /**
   * A record to simulate replication `replication` into, then hand to addStaged: its rows are
   * the staging slot itself, which saves copying every replication once more.
   */
  stagingRecord(replication: number): DailyRecord {
    // Only consecutive replications share a block.
    if (this.stagedCount > 0 && replication !== this.stagedFirst + this.stagedCount) this.flush();
    if (this.stagedCount === 0) this.stagedFirst = replication;
    return this.stagingRecords[this.stagedCount];
  }

  /** Replication `replication`, simulated into `stagingRecord(replication)`. */
  addStaged(replication: number, record: DailyRecord): void {
    if (record !== this.stagingRecords[this.stagedCount] || replication !== this.stagedFirst + this.stagedCount) {
      throw new Error('addStaged takes the record stagingRecord gave for the same replication');
    }
    this.horizon.set(record.horizon, replication * HORIZON_FIELD_COUNT);
    this.stagedCount++;
    if (this.stagedCount === this.stagingRecords.length) this.flush();
    this.received++;
  }

  /**
   * Moves the staged replications into the columns: for an accumulator given a block of a
   * scenario's replications, whose columns are summarised elsewhere once every block is in.
   */
  flushStaged(): void {
    this.flush();
  }

  private flush(): void {
    transposeStaged(this.staging, this.stagedCount, METRIC_COUNT * this.days, this.columns, this.replications, this.stagedFirst);
    this.stagedCount = 0;
  }

  get complete(): boolean {
    return this.received >= this.replications;
  }

  /**
   * The replications gathered into columns, for summarising here (finish) or on another
   * thread (summariseCollected): the accumulator is done with them.
   */
  collected(): CollectedReplications {
    if (this.finished) throw new Error('a scenario is summarised once');
    this.finished = true;
    this.flush();
    return { key: this.key, days: this.days, replications: this.replications, columns: this.columns, horizon: this.horizon };
  }

  /** The summary; the stored values are reordered in place to find quantiles, so this is called once. */
  finish(): ScenarioSummary {
    return summariseCollected(this.collected());
  }
}

/**
 * `count` staged rows of `block` values into their columns from replication `first` on. A
 * function of its own: inside flush, V8 compiled the loop on the stack and then dropped to
 * the interpreter at the store after it on every later flush ("insufficient type feedback",
 * `--trace-deopt`), since that compiled code was entered before the store had ever run.
 */
function transposeStaged(staging: Float64Array, count: number, block: number, columns: Float64Array, replications: number, first: number): void {
  for (let column = 0; column < block; column++) {
    const base = column * replications + first;
    for (let i = 0; i < count; i++) columns[base + i] = staging[i * block + column];
  }
}

/**
 * One scenario's replications in columns (`columns[(metric * days + day) * replications + r]`)
 * with their horizon figures (`horizon[r * HORIZON_FIELD_COUNT + field]`): what a summary is
 * made from. Plain typed arrays, so they can be moved to another thread to be summarised.
 */
export interface CollectedReplications {
  key: ScenarioKey;
  days: number;
  replications: number;
  columns: Float64Array;
  horizon: Float64Array;
}

/** Daily means and quantiles and the horizon figures; reorders `collected.columns` in place. */
export function summariseCollected(collected: CollectedReplications): ScenarioSummary {
  const { key, days, replications, columns } = collected;
  const scratch = columnSortScratch();
  const plan = new QuantilePlan(replications, QUANTILE_LEVELS);
  // The 95th percentile of the pooled daily queue, before selection reorders the columns.
  const p95Queue = quantileOfRange(columns, Metric.niq * days * replications, days * replications, 0.95);
  // Written straight into the packed layout, one array for the whole summary: eighty typed
  // arrays of their own cost more to allocate than the figures of 50 replications take to
  // compute, and the packed array goes to another thread without a copy.
  const values = new Float64Array(METRIC_COUNT * ROWS_PER_METRIC * days);
  for (let m = 0; m < METRIC_COUNT; m++) summariseMetric(columns, m, days, replications, plan, scratch, values);
  return unpackSummary({ key, horizon: horizonSummary(collected, p95Queue), days, values });
}

/**
 * One metric's daily mean and quantiles into `values` (packSummary's layout). A function of
 * its own so that V8 optimises the loop as a whole: inside summariseCollected it was compiled
 * on the stack, then thrown away at the code after it on every call (cold, for lack of type
 * feedback there).
 */
function summariseMetric(columns: Float64Array, m: number, days: number, replications: number, plan: QuantilePlan, scratch: Int32Array, values: Float64Array): void {
  const base = m * ROWS_PER_METRIC * days;
  for (let d = 0; d < days; d++) {
    const start = (m * days + d) * replications;
    values[base + d] = placeOrderStatistics(columns, start, replications, plan.positions, scratch) / replications;
    for (let q = 0; q < QUANTILE_LEVELS.length; q++) values[base + (1 + q) * days + d] = plan.value(columns, start, q);
  }
}

/**
 * The horizon figures of a scenario from each replication's (`collected.horizon`) and the
 * pooled daily queue's 95th percentile.
 */
export function horizonSummary(collected: Pick<CollectedReplications, 'key' | 'replications' | 'horizon'>, p95Queue: number): HorizonSummary {
  const { replications, key } = collected;
  const h = collected.horizon;
  const estimate = (field: number) => estimateStrided(h, field, HORIZON_FIELD_COUNT, replications);
  const total = (field: number) => {
    let sum = 0;
    for (let r = 0; r < replications; r++) sum += h[r * HORIZON_FIELD_COUNT + field];
    return sum;
  };
  const admissions = total(Horizon.admissions);
  const meanOccupancy = estimate(Horizon.meanOccupancy);
  // Bed nodes simulate whole beds (fractions are rounded down); a P1 caseload may be fractional.
  const capacity = key.pathway === 'P1' ? key.capacity : Math.floor(key.capacity);
  return {
    replications,
    meanOccupancy,
    meanQueue: estimate(Horizon.meanQueue),
    p95Queue,
    peakOccupancy: estimate(Horizon.peakOccupancy),
    peakQueue: estimate(Horizon.peakQueue),
    delayedBedDays: estimate(Horizon.delayedBedDays),
    totalCost: estimate(Horizon.totalCost),
    meanWait: admissions > 0 ? total(Horizon.totalWait) / admissions : 0,
    shareDelayed: admissions > 0 ? total(Horizon.delayedAdmissions) / admissions : 0,
    utilisation: isUnrestricted(capacity) || capacity <= 0 ? null : meanOccupancy.mean / capacity,
    arrivals: total(Horizon.arrivals) / replications,
    admissions: admissions / replications,
    lost: total(Horizon.lost) / replications,
    waitingAtEnd: total(Horizon.waitingAtEnd) / replications,
    byReplication: h,
  };
}


/** A summary as one array and a few numbers, for passing between threads cheaply. */
export interface PackedSummary {
  key: ScenarioKey;
  horizon: HorizonSummary;
  days: number;
  /** Per metric: the mean, then each quantile level, `days` values each. */
  values: Float64Array;
}

/** Rows of a metric in a packed summary: its mean, then each quantile level. */
export const ROWS_PER_METRIC = 1 + QUANTILE_LEVELS.length;

export function packSummary(summary: ScenarioSummary): PackedSummary {
  const days = summary.daily.occ.mean.length;
  if (summary.packed) return { key: summary.key, horizon: summary.horizon, days, values: summary.packed };
  const values = new Float64Array(METRIC_COUNT * ROWS_PER_METRIC * days);
  METRICS.forEach((metric, m) => {
    const { mean, quantiles } = summary.daily[metric];
    const base = m * ROWS_PER_METRIC * days;
    values.set(mean, base);
    quantiles.forEach((row, q) => values.set(row, base + (1 + q) * days));
  });
  return { key: summary.key, horizon: summary.horizon, days, values };
}

/** The summary again, its arrays views into the packed one (no copy). */
export function unpackSummary(packed: PackedSummary): ScenarioSummary {
  const { days, values } = packed;
  const row = (index: number) => values.subarray(index * days, (index + 1) * days);
  const daily = {} as Record<MetricName, DailySummary>;
  METRICS.forEach((metric, m) => {
    const base = m * ROWS_PER_METRIC;
    daily[metric] = { mean: row(base), quantiles: QUANTILE_LEVELS.map((_, q) => row(base + 1 + q)) };
  });
  return { key: packed.key, daily, horizon: packed.horizon, packed: values };
}
