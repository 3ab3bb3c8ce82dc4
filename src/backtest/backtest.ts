/**
 * A backtest: the model's chosen scenario simulated over its horizon and set beside what
 * happened, series by series; with calibration, the same again at a grid of capacity (or
 * length-of-stay) multipliers. Where the simulations run is the caller's: it is handed plain
 * jobs, one node and one multiplier each, and gives their paths back in the same order, so
 * the result is the same for any number of threads.
 */
import { isUnrestricted, kindOf, type ModelSpec, type NodeSpec } from '../engine/model.js';
import { networkComponents } from '../engine/network/fromModel.js';
import type { Compatibility } from '../engine/replications.js';
import { settingsOf } from '../engine/run.js';
import { nodeScenarios, type ScenarioKey } from '../engine/scenarios.js';
import { compareSeries, type SeriesFit } from './bandComparison.js';
import type { BacktestSeries } from './backtestSeries.js';
import { calibrateSeries, DEFAULT_MULTIPLIERS, type MultiplierFit } from './calibration.js';
import type { CalibratedParameter, DelayJob } from './simulatedDelays.js';

export interface BacktestOptions {
  replications: number;
  seed: number;
  compat?: Compatibility;
  /** `BCap_Blos_BArr`-style label: each node simulates its scenario of that label, or its baseline when it has none. */
  scenario?: string;
  calibrate?: CalibratedParameter;
  multipliers?: readonly number[];
}

export interface Calibration extends MultiplierFit {
  name: string;
  parameter: CalibratedParameter;
  /** The series' capacity (summed over its nodes) or mean length of stay (weighted by referrals) as the model has it. */
  modelValue: number;
  /** That figure at the estimate and the interval's ends. */
  value: number;
  valueLow: number;
  valueHigh: number;
}

export interface BacktestResult {
  /** The scenario label each node simulated, in model order. */
  scenarios: string[];
  fits: SeriesFit[];
  calibrations: Calibration[];
  /** What calibration left out, and why. */
  notes: string[];
}

export type JobRunner = (jobs: readonly DelayJob[]) => Promise<Float64Array[]>;

export class BacktestInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function labelOf(key: ScenarioKey): string {
  return `${key.capacityScenario}_${key.losScenario}_${key.arrivalScenario}`;
}

/** Each node's scenario: the labelled one where the node has it, else its baseline (first capacity, LOS and arrival scenarios). */
export function chosenScenarios(model: ModelSpec, label?: string): ScenarioKey[] {
  const keys = model.nodes.map((node, index) => {
    const all = nodeScenarios(node, index);
    return (label !== undefined && all.find((key) => labelOf(key) === label)) || all[0];
  });
  if (label !== undefined && !keys.some((key) => labelOf(key) === label)) {
    throw new BacktestInputError([`--scenario ${label}: no node of the model has this scenario (write it as capacity_los_arrivals, e.g. BCap_Blos_BArr)`]);
  }
  return keys;
}

/** Networked nodes are simulated together by another simulator, whose replications this does not draw yet. */
function refuseNetworked(model: ModelSpec, series: readonly BacktestSeries[]): void {
  const networked = new Set(networkComponents(model).flatMap((component) => component.nodes));
  const problems = series.flatMap((s) => s.nodes.filter((i) => networked.has(i)).map((i) => `${s.name}: node ${model.nodes[i].id} is simulated in a network; backtest compares nodes simulated alone (as IPACS models them)`));
  if (problems.length > 0) throw new BacktestInputError(problems);
}

function sumPaths(parts: readonly Float64Array[], length: number): Float64Array {
  const total = new Float64Array(length);
  for (const part of parts) for (let i = 0; i < length; i++) total[i] += part[i];
  return total;
}

export async function runBacktest(model: ModelSpec, series: readonly BacktestSeries[], options: BacktestOptions, runJobs: JobRunner): Promise<BacktestResult> {
  refuseNetworked(model, series);
  const keys = chosenScenarios(model, options.scenario);
  const days = model.dates.length;
  const settings = settingsOf(options);
  const nodesUsed = [...new Set(series.flatMap((s) => s.nodes))].sort((a, b) => a - b);
  const job = (i: number, adjust?: DelayJob['adjust']): DelayJob => ({ node: model.nodes[i], key: keys[i], days, settings, replications: options.replications, ...(adjust ? { adjust } : {}) });
  const paths = await runJobs(nodesUsed.map((i) => job(i)));
  const byNode = new Map(nodesUsed.map((i, k) => [i, paths[k]]));
  const length = options.replications * days;
  const fits = series.map((s) => compareSeries(s, sumPaths(s.nodes.map((i) => byNode.get(i)!), length), days, options.replications));
  const calibrations: Calibration[] = [];
  const notes: string[] = [];
  if (options.calibrate) {
    const parameter = options.calibrate;
    const multipliers = options.multipliers ?? DEFAULT_MULTIPLIERS;
    for (const s of series) {
      if (s.points.length === 0) continue;
      if (!calibratable(model, keys, s, parameter)) {
        notes.push(`${s.name}: not calibrated: its capacity is unrestricted in the model, so there is nothing to multiply`);
        continue;
      }
      const grid = await runJobs(multipliers.flatMap((multiplier) => s.nodes.map((i) => job(i, { parameter, multiplier }))));
      const pathsByMultiplier = multipliers.map((_, g) => sumPaths(grid.slice(g * s.nodes.length, (g + 1) * s.nodes.length), length));
      const fit = calibrateSeries(s, multipliers, pathsByMultiplier, days, options.replications);
      const valueAt = (m: number) => seriesValue(model, keys, s, parameter, m);
      calibrations.push({ name: s.name, parameter, modelValue: valueAt(1), value: valueAt(fit.estimate), valueLow: valueAt(fit.low), valueHigh: valueAt(fit.high), ...fit });
    }
  }
  return { scenarios: keys.map(labelOf), fits, calibrations, notes };
}

/** A capacity that is unrestricted has nothing to multiply. */
function calibratable(model: ModelSpec, keys: readonly ScenarioKey[], series: BacktestSeries, parameter: CalibratedParameter): boolean {
  return parameter === 'los' || series.nodes.every((i) => !isUnrestricted(model.nodes[i].capacity[keys[i].capacityIndex].capacity));
}

/** Beds are whole (the simulator floors them); a P1 caseload need not be. */
function effectiveCapacity(node: NodeSpec, capacity: number): number {
  return kindOf(node) === 'bed' ? Math.floor(capacity) : capacity;
}

function seriesValue(model: ModelSpec, keys: readonly ScenarioKey[], series: BacktestSeries, parameter: CalibratedParameter, multiplier: number): number {
  const nodes = series.nodes.map((i) => ({ node: model.nodes[i], key: keys[i] }));
  if (parameter === 'capacity') return nodes.reduce((sum, { node, key }) => sum + effectiveCapacity(node, node.capacity[key.capacityIndex].capacity * multiplier), 0);
  // The mean stay a referral to the series has: each node's mean weighted by its referrals.
  let weighted = 0;
  let referrals = 0;
  for (const { node, key } of nodes) {
    const total = node.arrivals[key.arrivalIndex].daily.reduce((a, b) => a + b, 0);
    weighted += total * node.los[key.losIndex].mean * multiplier;
    referrals += total;
  }
  return referrals > 0 ? weighted / referrals : nodes.reduce((sum, { node, key }) => sum + node.los[key.losIndex].mean * multiplier, 0) / nodes.length;
}
