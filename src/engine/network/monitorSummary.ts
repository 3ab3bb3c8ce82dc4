/**
 * The monitors' figures (levelMonitor.ts, patientMonitor.ts) across the replications of a
 * component scenario: each replication's value kept, then the mean and 95 % interval, as for
 * every other horizon figure.
 */
import { estimateOf, type Estimate } from '../statistics.js';
import type { PatientSummary, TimePercentiles } from './componentSummary.js';
import type { MonitorStore } from './componentStores.js';
import { MONITORED_LEVEL_COUNT, MONITORED_LEVELS, TIME_SHARE_COUNT, type MonitoredLevel } from './levelMonitor.js';
import type { NetworkRecord } from './networkRecord.js';
import { PATIENT_FIGURE_COUNT, PatientFigure } from './patientMonitor.js';
import { IMPLICIT_EXIT } from './systemTotals.js';

export class MonitorColumns {
  /** `[r * perReplication + i]`: each replication's record.timePercentiles. */
  private readonly levels: Float64Array;
  private readonly perReplication: number;
  private readonly patients: Float64Array;
  private readonly byExit: Float64Array;

  /** `store`, when given, holds the columns (componentStores), e.g. filled by several threads. */
  constructor(
    private readonly nodeCount: number,
    private readonly replications: number,
    store?: MonitorStore,
  ) {
    this.perReplication = nodeCount * MONITORED_LEVEL_COUNT * TIME_SHARE_COUNT;
    this.levels = store?.levels ?? new Float64Array(replications * this.perReplication);
    this.patients = store?.patients ?? new Float64Array(replications * PATIENT_FIGURE_COUNT);
    this.byExit = store?.byExit ?? new Float64Array(replications * (nodeCount + 1));
  }

  add(r: number, record: NetworkRecord): void {
    this.levels.set(record.timePercentiles, r * this.perReplication);
    this.patients.set(record.patientFigures, r * PATIENT_FIGURE_COUNT);
    this.byExit.set(record.timeInSystemByExit, r * (this.nodeCount + 1));
  }

  /** Node `i`'s time-weighted percentiles of each level. */
  timePercentiles(i: number): Record<MonitoredLevel, TimePercentiles> {
    const of = (level: number, share: number) => this.column(this.levels, (i * MONITORED_LEVEL_COUNT + level) * TIME_SHARE_COUNT + share, this.perReplication);
    return Object.fromEntries(MONITORED_LEVELS.map((name, level) => [name, { p50: of(level, 0), p90: of(level, 1), p95: of(level, 2) }])) as Record<MonitoredLevel, TimePercentiles>;
  }

  /** `ids`: the network's node ids; exits that nobody took in any replication are left out. */
  patientSummary(ids: readonly string[]): PatientSummary {
    const of = (figure: number) => this.column(this.patients, figure, PATIENT_FIGURE_COUNT);
    const timeInSystemByExit: Record<string, Estimate> = {};
    for (let k = 0; k <= this.nodeCount; k++) {
      const estimate = this.column(this.byExit, k, this.nodeCount + 1);
      if (Number.isFinite(estimate.mean)) timeInSystemByExit[k < this.nodeCount ? ids[k] : IMPLICIT_EXIT] = estimate;
    }
    return {
      left: of(PatientFigure.left),
      timeInSystem: {
        mean: of(PatientFigure.timeInSystemMean),
        p50: of(PatientFigure.timeInSystemP50),
        p90: of(PatientFigure.timeInSystemP90),
        p95: of(PatientFigure.timeInSystemP95),
      },
      nodesVisited: of(PatientFigure.nodesVisitedMean),
      readmissionsPer100: of(PatientFigure.readmissionsPer100),
      timeInSystemByExit,
    };
  }

  /** Mean and interval of `values[r * stride + offset]` over the replications where it is a number (NaN: nobody left). */
  private column(values: Float64Array, offset: number, stride: number): Estimate {
    const finite: number[] = [];
    for (let r = 0; r < this.replications; r++) {
      const value = values[r * stride + offset];
      if (Number.isFinite(value)) finite.push(value);
    }
    if (finite.length === 0) return { mean: NaN, low: NaN, high: NaN, se: NaN };
    return estimateOf(Float64Array.from(finite));
  }
}
