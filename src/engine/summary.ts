/**
 * Summaries across replications: daily means and quantiles of every metric, and the
 * whole-horizon figures planners quote, with confidence intervals.
 *
 * A scenario's replications arrive in chunks (from any number of workers, in any order);
 * they are slotted by replication index, so the result never depends on how the work was
 * split. Only the scenarios in flight hold their traces; a finished scenario keeps its
 * summary alone.
 */
import { HORIZON_FIELD_COUNT, Horizon, METRIC_COUNT, METRICS, Metric, type Metric as MetricName } from './dailyRecord.js';
import { isUnrestricted } from './model.js';
import type { ScenarioKey } from './scenarios.js';
import { estimateStrided, quantileRanks, quantileSorted, selectRanks, type Estimate } from './statistics.js';

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
}

export interface ScenarioSummary {
  key: ScenarioKey;
  daily: Record<MetricName, DailySummary>;
  horizon: HorizonSummary;
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

export class ScenarioAccumulator {
  private readonly daily: Float64Array;
  private readonly horizon: Float64Array;
  private received = 0;

  constructor(
    readonly key: ScenarioKey,
    readonly days: number,
    readonly replications: number,
  ) {
    this.daily = new Float64Array(replications * METRIC_COUNT * days);
    this.horizon = new Float64Array(replications * HORIZON_FIELD_COUNT);
  }

  add(chunk: ReplicationChunk): void {
    const block = METRIC_COUNT * this.days;
    this.daily.set(chunk.daily.subarray(0, chunk.count * block), chunk.firstReplication * block);
    this.horizon.set(chunk.horizon.subarray(0, chunk.count * HORIZON_FIELD_COUNT), chunk.firstReplication * HORIZON_FIELD_COUNT);
    this.received += chunk.count;
  }

  /** One replication's daily values (`METRIC_COUNT * days`, metric-major) and horizon figures. */
  addReplication(replication: number, daily: Float64Array, horizon: Float64Array): void {
    this.daily.set(daily, replication * METRIC_COUNT * this.days);
    this.horizon.set(horizon, replication * HORIZON_FIELD_COUNT);
    this.received++;
  }

  get complete(): boolean {
    return this.received >= this.replications;
  }

  finish(): ScenarioSummary {
    const { days, replications } = this;
    const block = METRIC_COUNT * days;
    const column = new Float64Array(replications);
    const ranks = quantileRanks(replications, QUANTILE_LEVELS);
    const daily = {} as Record<MetricName, DailySummary>;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const mean = new Float64Array(days);
      const quantiles = QUANTILE_LEVELS.map(() => new Float64Array(days));
      for (let d = 0; d < days; d++) {
        let sum = 0;
        const offset = m * days + d;
        for (let r = 0; r < replications; r++) {
          const value = this.daily[r * block + offset];
          column[r] = value;
          sum += value;
        }
        mean[d] = sum / replications;
        selectRanks(column, replications, ranks);
        for (let q = 0; q < QUANTILE_LEVELS.length; q++) quantiles[q][d] = quantileSorted(column, replications, QUANTILE_LEVELS[q]);
      }
      daily[METRICS[m]] = { mean, quantiles };
    }
    return { key: this.key, daily, horizon: this.horizonSummary() };
  }

  private horizonSummary(): HorizonSummary {
    const { days, replications } = this;
    const h = this.horizon;
    const estimate = (field: number) => estimateStrided(h, field, HORIZON_FIELD_COUNT, replications);
    const total = (field: number) => {
      let sum = 0;
      for (let r = 0; r < replications; r++) sum += h[r * HORIZON_FIELD_COUNT + field];
      return sum;
    };
    const pooledQueue = new Float64Array(replications * days);
    const block = METRIC_COUNT * days;
    for (let r = 0; r < replications; r++) {
      pooledQueue.set(this.daily.subarray(r * block + Metric.niq * days, r * block + (Metric.niq + 1) * days), r * days);
    }
    selectRanks(pooledQueue, pooledQueue.length, quantileRanks(pooledQueue.length, [0.95]));
    const admissions = total(Horizon.admissions);
    const meanOccupancy = estimate(Horizon.meanOccupancy);
    // Bed nodes simulate whole beds (fractions are rounded down); a P1 caseload may be fractional.
    const capacity = this.key.pathway === 'P1' ? this.key.capacity : Math.floor(this.key.capacity);
    return {
      replications,
      meanOccupancy,
      meanQueue: estimate(Horizon.meanQueue),
      p95Queue: quantileSorted(pooledQueue, pooledQueue.length, 0.95),
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
    };
  }
}

