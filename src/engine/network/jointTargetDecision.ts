/**
 * Whether a capacity vector meets a network target with stated confidence (issue 17): the
 * multi-dimensional form of confidentTarget.ts, with its bounds, looks and budget. A vector
 * "meets" when the one-sided upper bound of its metric's mean is at or below the limit, and
 * "fails" when the lower bound is above it. It is read on the search's R replications first;
 * only while its bounds straddle the limit (it is near the boundary) are its replications
 * doubled, up to 16R. As in confidentTarget, the confidence is split over the looks the budget
 * allows (Bonferroni), so taking another look cannot raise the chance of a false "meets".
 *
 * Extra replications come in blocks of R, block b (b >= 1) on replication numbers (b + 1)R to
 * (b + 2)R - 1: never R to 2R - 1, where the chosen plan is re-priced, so re-pricing stays
 * independent of the decision; and every vector's block b holds the same patients.
 */
import { looksAllowed, MIN_REPLICATIONS_TO_MEET, type BoundaryCheck } from '../confidentTarget.js';
import { studentTQuantile } from '../statistics.js';
import { compareVectors, JointEvaluator, vectorKey, type JointPlanProblem } from './jointPlan.js';

/** Confidence that a plan meets its target; and that one place fewer fails it. */
export const TARGET_CONFIDENCE = 0.95;
/** The budget, as confidentTarget's default: at most this many times R replications of one vector. */
export const MAX_TARGET_BLOCKS = 16;

/**
 * - `meets`: the upper bound is at or below the limit;
 * - `fails`: the lower bound is above it;
 * - `unclear`: neither, with the budget spent (a plan never rests on an unclear vector).
 */
export type TargetDecision = 'meets' | 'fails' | 'unclear';

/** The target's metric at one vector as the decision read it: bounds one-sided at the per-look level. */
export interface TargetReading extends Omit<BoundaryCheck, 'capacity'> {
  capacities: number[];
  decision: TargetDecision;
}

export class TargetDecider {
  private readonly extraBlocks: JointEvaluator[] = [];
  private readonly readings = new Map<string, TargetReading>();
  /** The one-sided level of each look's bounds: the confidence split over the looks allowed. */
  readonly levelPerLook = 1 - (1 - TARGET_CONFIDENCE) / looksAllowed(1, MAX_TARGET_BLOCKS);

  constructor(
    /** The search's evaluator: block 0 of every decision. */
    readonly search: JointEvaluator,
    readonly limit: number,
  ) {}

  get problem(): JointPlanProblem {
    return this.search.problem;
  }

  /** Replications simulated for decisions beyond the search's own. */
  get extraReplications(): number {
    return this.extraBlocks.reduce((total, block) => total + block.replicationsSimulated, 0);
  }

  /** Every vector decided so far, in lexicographic order of capacities. */
  decided(): TargetReading[] {
    return [...this.readings.values()].sort((a, b) => compareVectors(a.capacities, b.capacities));
  }

  meets(capacities: readonly number[]): boolean {
    return this.read(capacities).decision === 'meets';
  }

  read(capacities: readonly number[]): TargetReading {
    const key = vectorKey(capacities);
    const known = this.readings.get(key);
    if (known) return known;
    let reading = this.readingOf(capacities, 1);
    // With fewer than 3 replications a look the budget is below the minimum: then the budget is the minimum.
    const least = Math.min(MIN_REPLICATIONS_TO_MEET, MAX_TARGET_BLOCKS * this.problem.replications);
    const undecided = (r: TargetReading) => r.decision === 'unclear' || (r.decision === 'meets' && r.replications < least);
    for (let blocks = 2; undecided(reading) && blocks <= MAX_TARGET_BLOCKS; blocks *= 2) reading = this.readingOf(capacities, blocks);
    this.readings.set(key, reading);
    return reading;
  }

  private readingOf(capacities: readonly number[], blocks: number): TargetReading {
    const values = this.values(capacities, blocks);
    const n = values.length;
    let total = 0;
    for (let r = 0; r < n; r++) total += values[r];
    const mean = total / n;
    let squares = 0;
    for (let r = 0; r < n; r++) squares += (values[r] - mean) ** 2;
    const half = studentTQuantile(this.levelPerLook, n - 1) * Math.sqrt(squares / (n - 1) / n);
    const low = mean - half;
    const high = mean + half;
    const decision: TargetDecision = high <= this.limit ? 'meets' : low > this.limit ? 'fails' : 'unclear';
    return { capacities: [...capacities], replications: n, mean, low, high, decision };
  }

  /** The metric on the first `blocks` blocks of replications, block 0 being the search's. */
  private values(capacities: readonly number[], blocks: number): Float64Array {
    const size = this.problem.replications;
    const values = new Float64Array(blocks * size);
    values.set(this.search.evaluate(capacities).target!, 0);
    for (let b = 1; b < blocks; b++) values.set(this.block(b).evaluate(capacities).target!, b * size);
    return values;
  }

  private block(b: number): JointEvaluator {
    while (this.extraBlocks.length < b) this.extraBlocks.push(new JointEvaluator(this.problem, (this.extraBlocks.length + 2) * this.problem.replications, this.search.onEvaluated));
    return this.extraBlocks[b - 1];
  }
}
