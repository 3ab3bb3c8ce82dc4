/**
 * Shared helpers for the engine's correctness tests: model builders, per-replication
 * access to the simulators' daily records, and small numerical tools (summary statistics,
 * quadrature, queueing formulas) that the tests compare the simulation against.
 *
 * Nothing here reuses engine code for the theory side except the LOS fitting and survival
 * functions the brief names, so a bug in a simulator cannot cancel out in a comparison.
 */
import { HORIZON_FIELD_COUNT, Horizon, METRIC_COUNT, Metric, type HorizonField } from '../../src/engine/dailyRecord.js';
import type { LosScenario, NodeSpec, Pathway } from '../../src/engine/model.js';
import { runReplications, type SimulationSettings } from '../../src/engine/replications.js';
import { nodeScenarios, type ScenarioKey } from '../../src/engine/scenarios.js';

export { Horizon, Metric };

/** `n` consecutive ISO dates from 2025-01-01. */
export function isoDates(n: number): string[] {
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export interface NodeOptions {
  id?: string;
  pathway?: Pathway;
  /** One arrival scenario per entry. */
  arrivals: number[][];
  /** One capacity scenario per entry. */
  capacity: number[];
  /** One LOS scenario per entry (names are filled in). */
  los: Omit<LosScenario, 'name'>[];
  occupied?: number;
  waiting?: number;
  loseOverflow?: boolean;
  community?: number;
  acuteDelay?: number;
}

export function makeNode(options: NodeOptions): NodeSpec {
  const pathway = options.pathway ?? 'P2';
  const id = options.id ?? `${pathway}_T`;
  return {
    id,
    pathway,
    locality: id.slice(3),
    arrivals: options.arrivals.map((daily, i) => ({ name: i === 0 ? 'BArr' : `S${i}Arr`, daily })),
    capacity: options.capacity.map((capacity, i) => ({ name: i === 0 ? 'BCap' : `S${i}Cap`, capacity })),
    los: options.los.map((los, i) => ({ name: i === 0 ? 'Blos' : `S${i}los`, ...los })),
    initial: { occupied: options.occupied ?? 0, waiting: options.waiting ?? 0 },
    costs: { community: options.community ?? 1, acuteDelay: options.acuteDelay ?? 0 },
    loseOverflow: options.loseOverflow,
  };
}

export function constantRates(days: number, rate: number): number[] {
  return Array.from({ length: days }, () => rate);
}

/** Per-replication results of one scenario, straight from the simulator's daily records. */
export class Replicated {
  constructor(
    readonly days: number,
    readonly count: number,
    readonly daily: Float64Array,
    readonly horizonValues: Float64Array,
  ) {}

  /** Daily values of `metric` in replication `r` (a view, day d at index d - 1). */
  row(r: number, metric: number): Float64Array {
    const start = r * METRIC_COUNT * this.days + metric * this.days;
    return this.daily.subarray(start, start + this.days);
  }

  horizon(r: number, field: HorizonField): number {
    return this.horizonValues[r * HORIZON_FIELD_COUNT + Horizon[field]];
  }

  /** `f(r)` for every replication. */
  map(f: (r: number) => number): Float64Array {
    return Float64Array.from({ length: this.count }, (_, r) => f(r));
  }

  /** The values of `metric` on day index `d` (0-based) across replications. */
  column(metric: number, d: number): Float64Array {
    return this.map((r) => this.row(r, metric)[d]);
  }
}

export interface ScenarioChoice {
  capacity?: number;
  los?: number;
  arrivals?: number;
}

export function scenarioKey(node: NodeSpec, choice: ScenarioChoice = {}): ScenarioKey {
  const key = nodeScenarios(node, 0).find(
    (k) => k.capacityIndex === (choice.capacity ?? 0) && k.losIndex === (choice.los ?? 0) && k.arrivalIndex === (choice.arrivals ?? 0),
  );
  if (!key) throw new Error('no such scenario');
  return key;
}

/** Runs replications 0..count-1 of one scenario of `node` in this thread. */
export function replicate(
  node: NodeSpec,
  days: number,
  count: number,
  settings: Partial<SimulationSettings> & { seed: number },
  choice: ScenarioChoice = {},
): Replicated {
  const chunk = runReplications({
    node,
    key: scenarioKey(node, choice),
    days,
    settings: { compat: 'none', initialResidual: 'ipacs', ...settings },
    firstReplication: 0,
    count,
  });
  return new Replicated(days, count, chunk.daily, chunk.horizon);
}

export interface SampleStats {
  n: number;
  mean: number;
  variance: number;
  sd: number;
  /** Standard error of the mean, from the sample. */
  se: number;
}

export function sampleStats(values: ArrayLike<number>): SampleStats {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  const variance = n > 1 ? squares / (n - 1) : NaN;
  const sd = Math.sqrt(variance);
  return { n, mean, variance, sd, se: sd / Math.sqrt(n) };
}

export function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i];
  return total;
}

/** Composite Simpson's rule on [a, b] with `panels` (even) sub-intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, panels = 64): number {
  const n = panels % 2 === 0 ? panels : panels + 1;
  const h = (b - a) / n;
  let total = f(a) + f(b);
  for (let i = 1; i < n; i++) total += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (total * h) / 3;
}

/**
 * G(x) = integral of `survival` over [0, x], tabulated by Simpson's rule on a fine grid and
 * completed between grid points by the trapezoid rule (the survival functions here are
 * smooth, so the error is far below the simulation's standard errors).
 */
export function integratedSurvival(survival: (t: number) => number, maxX: number, step = 1 / 128): (x: number) => number {
  const n = Math.ceil(maxX / step) + 2;
  const table = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) {
    const a = (i - 1) * step;
    const b = i * step;
    table[i] = table[i - 1] + ((b - a) / 6) * (survival(a) + 4 * survival((a + b) / 2) + survival(b));
  }
  return (x: number) => {
    if (x <= 0) return 0;
    const i = Math.min(n, Math.floor(x / step));
    const a = i * step;
    return table[i] + ((x - a) * (survival(a) + survival(x))) / 2;
  };
}

/** Erlang B by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)). */
export function erlangB(servers: number, offered: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offered * b) / (k + offered * b);
  return b;
}

/** Erlang C, the probability an arrival waits in M/M/c: C = c B / (c - a (1 - B)). */
export function erlangC(servers: number, offered: number): number {
  const b = erlangB(servers, offered);
  return (servers * b) / (servers - offered * (1 - b));
}

/**
 * P(more than `n` waiting) in M/M/c at offered load `a` < c, from the birth-death state
 * probabilities (p(k) proportional to a^k / k! up to c, then times rho per state), summed
 * term by term until they vanish rather than by the geometric series' closed form.
 */
export function exactQueueTail(c: number, a: number, n: number): number {
  const rho = a / c;
  let term = 1;
  let total = 0;
  let tail = 0;
  for (let k = 0; k < c + 100_000; k++) {
    if (k > 0) term *= k <= c ? a / k : rho;
    total += term;
    if (k > c + n) tail += term;
    if (k > c && term < 1e-18 * total) break;
  }
  return tail / total;
}

/** A normal-approximation z-score of `estimate` against `theory`. */
export function zScore(estimate: number, theory: number, se: number): number {
  return Math.abs(estimate - theory) / se;
}

/** Largest value (a loop: spreading a large array into Math.max overflows the stack). */
export function max(values: ArrayLike<number>): number {
  let best = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > best) best = values[i];
  return best;
}

export function min(values: ArrayLike<number>): number {
  let best = Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] < best) best = values[i];
  return best;
}
