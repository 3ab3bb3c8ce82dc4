/**
 * Per-patient figures of one replication (spec 5: time in system, nodes visited, readmissions,
 * exit), summarised at once: a file of every patient would be millions of rows, and planners
 * read the summaries.
 *
 * Only patients who left the network within the horizon count; those still in it at the end
 * are censored (their journeys are not over). A patient enters the network when they arrive
 * from outside (lost arrivals never enter), or at time 0 if present then; a patient who arrived
 * during a warm-up counts from that arrival, before day 1. A node visited is a stay started
 * (a node visited twice counts twice; exits are not stays); a readmission is a stay started
 * at an acute node by a patient who already had a stay in the network.
 */
import { quantileBySelection } from '../statistics.js';

/** The figures of one replication, in this order in NetworkRecord.patientFigures. */
export const PATIENT_FIGURES = ['left', 'timeInSystemMean', 'timeInSystemP50', 'timeInSystemP90', 'timeInSystemP95', 'nodesVisitedMean', 'readmissionsPer100'] as const;
export type PatientFigure = (typeof PATIENT_FIGURES)[number];
export const PatientFigure = Object.fromEntries(PATIENT_FIGURES.map((name, index) => [name, index])) as Record<PatientFigure, number>;
export const PATIENT_FIGURE_COUNT = PATIENT_FIGURES.length;

/** Percentiles of time in system over the patients who left, by type 7 as every other quantile here. */
const TIME_IN_SYSTEM_PERCENTILES: Array<[figure: number, level: number]> = [
  [PatientFigure.timeInSystemP50, 0.5],
  [PatientFigure.timeInSystemP90, 0.9],
  [PatientFigure.timeInSystemP95, 0.95],
];

/** `journeys[p]`: stays in the low bits, readmissions above (one array: fewer cache lines touched per admission). */
const READMISSION = 1 << 20;
const STAYS = READMISSION - 1;

export class PatientMonitor {
  /** By patient slot (PatientTable): stays started and readmissions, packed. */
  private journeys: Int32Array = new Int32Array(1024);
  /** Slots written this replication, to clear. */
  private used = 0;
  private leftTimes: Float64Array = new Float64Array(1024);
  private leftCount = 0;
  private staysOfLeft = 0;
  private readmissionsOfLeft = 0;
  /** By exit node (index nodeCount: the implicit exit): time in system summed, and patients who left by it. */
  private readonly exitTime: Float64Array;
  private readonly exitCount: Int32Array;

  constructor(private readonly nodeCount: number) {
    this.exitTime = new Float64Array(nodeCount + 1);
    this.exitCount = new Int32Array(nodeCount + 1);
  }

  reset(): void {
    this.journeys.fill(0, 0, this.used);
    this.used = 0;
    this.leftCount = 0;
    this.staysOfLeft = 0;
    this.readmissionsOfLeft = 0;
    this.exitTime.fill(0);
    this.exitCount.fill(0);
  }

  /** Patient `p` started a stay; `acute`: at an acute node. */
  admitted(p: number, acute: boolean): void {
    if (p >= this.used) this.reach(p);
    const journey = this.journeys[p];
    this.journeys[p] = journey + (acute && journey > 0 ? READMISSION + 1 : 1);
  }

  /** Patient `p`, who entered the network at `entered`, left it at `t` by `exit` (-1: a node with no onward route). */
  left(p: number, t: number, exit: number, entered: number): void {
    if (t < 0) return;
    if (p >= this.used) this.reach(p);
    const time = t - entered;
    if (this.leftCount === this.leftTimes.length) {
      const next = new Float64Array(this.leftTimes.length * 2);
      next.set(this.leftTimes);
      this.leftTimes = next;
    }
    this.leftTimes[this.leftCount++] = time;
    const journey = this.journeys[p];
    this.staysOfLeft += journey & STAYS;
    this.readmissionsOfLeft += journey >>> 20;
    const k = exit >= 0 ? exit : this.nodeCount;
    this.exitTime[k] += time;
    this.exitCount[k]++;
  }

  /**
   * Writes the replication's figures (NaN where nobody left) and the mean time in system by
   * exit (`byExit[exit]`, index nodeCount the implicit exit; NaN where nobody left by it).
   */
  finish(figures: Float64Array, byExit: Float64Array): void {
    const count = this.leftCount;
    // Selection, not a sort: a replication has tens of thousands of journeys, and a sort of them was a noticeable share of its time.
    const times = this.leftTimes.subarray(0, count);
    let total = 0;
    for (let i = 0; i < count; i++) total += times[i];
    figures[PatientFigure.left] = count;
    figures[PatientFigure.timeInSystemMean] = count > 0 ? total / count : NaN;
    for (const [figure, level] of TIME_IN_SYSTEM_PERCENTILES) figures[figure] = quantileBySelection(times, level);
    figures[PatientFigure.nodesVisitedMean] = count > 0 ? this.staysOfLeft / count : NaN;
    figures[PatientFigure.readmissionsPer100] = count > 0 ? (100 * this.readmissionsOfLeft) / count : NaN;
    for (let k = 0; k <= this.nodeCount; k++) byExit[k] = this.exitCount[k] > 0 ? this.exitTime[k] / this.exitCount[k] : NaN;
  }

  private reach(p: number): void {
    if (p >= this.journeys.length) {
      let length = this.journeys.length;
      while (length <= p) length *= 2;
      const next = new Int32Array(length);
      next.set(this.journeys);
      this.journeys = next;
    }
    this.used = p + 1;
  }
}
