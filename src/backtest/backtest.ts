/**
 * A backtest: the model's chosen scenario simulated over its horizon and set beside what
 * happened, series by series; with calibration, the same again at a grid of capacity (or
 * length-of-stay) multipliers. Where the simulations run is the caller's: it is handed plain
 * jobs, one node and one multiplier each, and gives their paths back in the same order, so
 * the result is the same for any number of threads.
 */
import { isUnrestricted, kindOf, type ModelSpec, type NodeSpec } from '../engine/model.js';
import { plannedComponentScenarios } from '../engine/network/componentTask.js';
import { networkComponents } from '../engine/network/fromModel.js';
import type { Compatibility } from '../engine/replications.js';
import { settingsOf } from '../engine/run.js';
import { nodeScenarios, type ScenarioKey } from '../engine/scenarios.js';
import { compareSeries, type SeriesFit } from './bandComparison.js';
import type { BacktestSeries } from './backtestSeries.js';
import { calibrateSeries, DEFAULT_MULTIPLIERS, type MultiplierFit } from './calibration.js';
import { componentScenario, planPaths, type BacktestJob } from './backtestJobs.js';
import { adjustedNode, type CalibratedParameter } from './simulatedDelays.js';

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

export type JobRunner = (jobs: readonly BacktestJob[]) => Promise<Float64Array[]>;

export class BacktestInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function labelOf(key: ScenarioKey): string {
  return `${key.capacityScenario}_${key.losScenario}_${key.arrivalScenario}`;
}

/**
 * Each node's scenario: the labelled one where the node has it, else its baseline (first
 * capacity, LOS and arrival scenarios). A node in a network takes its component's scenario
 * (its indices are -1 for what it has none of, e.g. arrivals of a node only fed by others);
 * undefined is for a node with no scenario at all.
 */
export function chosenScenarios(model: ModelSpec, label?: string): Array<ScenarioKey | undefined> {
  const components = networkComponents(model);
  const planned = components.length > 0 ? plannedComponentScenarios(model) : [];
  const inNetwork = new Map<number, ScenarioKey>();
  for (const component of components) {
    const chosen = componentScenario(planned, component.name, label);
    component.nodes.forEach((nodeIndex, position) => inNetwork.set(nodeIndex, chosen.nodeKeys[position]));
  }
  const keys = model.nodes.map((node, index) => {
    if (inNetwork.has(index)) return inNetwork.get(index);
    const all = nodeScenarios(node, index);
    return (label !== undefined && all.find((key) => labelOf(key) === label)) || all[0];
  });
  if (label !== undefined && !keys.some((key) => key && labelOf(key) === label)) {
    throw new BacktestInputError([`--scenario ${label}: no node of the model has this scenario (write it as capacity_los_arrivals, e.g. BCap_Blos_BArr)`]);
  }
  return keys;
}

function sumPaths(parts: readonly Float64Array[], length: number): Float64Array {
  const total = new Float64Array(length);
  for (const part of parts) for (let i = 0; i < length; i++) total[i] += part[i];
  return total;
}

/** The model with the series' nodes' capacity or length of stay scaled (all their scenarios: one of them runs). */
function adjustedModel(model: ModelSpec, nodes: readonly number[], parameter: CalibratedParameter, multiplier: number): ModelSpec {
  return { ...model, nodes: model.nodes.map((node, i) => (nodes.includes(i) ? adjustedNode(node, { parameter, multiplier }) : node)) };
}

export async function runBacktest(model: ModelSpec, series: readonly BacktestSeries[], options: BacktestOptions, runJobs: JobRunner): Promise<BacktestResult> {
  const keys = chosenScenarios(model, options.scenario);
  const days = model.dates.length;
  const settings = settingsOf(options);
  const { replications } = options;
  const length = replications * days;
  const nodesUsed = [...new Set(series.flatMap((s) => s.nodes))].sort((a, b) => a - b);
  const plan = planPaths(model, nodesUsed, keys, settings, replications, options.scenario);
  const byNode = plan.byNode(await runJobs(plan.jobs));
  const fits = series.map((s) => compareSeries(s, sumPaths(s.nodes.map((i) => byNode.get(i)!), length), days, replications));
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
      const plans = multipliers.map((m) => planPaths(adjustedModel(model, s.nodes, parameter, m), s.nodes, keys, settings, replications, options.scenario));
      const results = await runJobs(plans.flatMap((p) => p.jobs));
      let next = 0;
      const pathsByMultiplier = plans.map((p) => {
        const grid = p.byNode(results.slice(next, (next += p.jobs.length)));
        return sumPaths(s.nodes.map((i) => grid.get(i)!), length);
      });
      const fit = calibrateSeries(s, multipliers, pathsByMultiplier, days, replications);
      const valueAt = (m: number) => seriesValue(model, keys, s, parameter, m);
      calibrations.push({ name: s.name, parameter, modelValue: valueAt(1), value: valueAt(fit.estimate), valueLow: valueAt(fit.low), valueHigh: valueAt(fit.high), ...fit });
    }
  }
  return { scenarios: keys.flatMap((key) => (key ? [labelOf(key)] : [])), fits, calibrations, notes };
}

/** A capacity that is unrestricted has nothing to multiply. */
function calibratable(model: ModelSpec, keys: readonly (ScenarioKey | undefined)[], series: BacktestSeries, parameter: CalibratedParameter): boolean {
  return parameter === 'los' || series.nodes.some((i) => keys[i] !== undefined && keys[i].capacityIndex >= 0 && !isUnrestricted(model.nodes[i].capacity[keys[i].capacityIndex].capacity));
}

/** Beds are whole (the simulator floors them); a P1 caseload need not be. Unrestricted capacity, or none (a delay), adds nothing. */
function effectiveCapacity(node: NodeSpec, capacity: number | undefined): number {
  if (capacity === undefined || isUnrestricted(capacity)) return 0;
  return kindOf(node) === 'visit' ? capacity : Math.floor(capacity);
}

function seriesValue(model: ModelSpec, keys: readonly (ScenarioKey | undefined)[], series: BacktestSeries, parameter: CalibratedParameter, multiplier: number): number {
  const nodes = series.nodes.flatMap((i) => (keys[i] ? [{ node: model.nodes[i], key: keys[i] }] : []));
  if (parameter === 'capacity') return nodes.reduce((sum, { node, key }) => sum + effectiveCapacity(node, node.capacity[key.capacityIndex] && node.capacity[key.capacityIndex].capacity * multiplier), 0);
  // The mean stay a referral to the series has: each node's mean weighted by its referrals.
  let weighted = 0;
  let referrals = 0;
  for (const { node, key } of nodes) {
    const los = node.los[key.losIndex];
    if (!los) continue;
    const total = node.arrivals[key.arrivalIndex]?.daily.reduce((a, b) => a + b, 0) ?? 0;
    weighted += total * los.mean * multiplier;
    referrals += total;
  }
  const withStays = nodes.filter(({ node, key }) => node.los[key.losIndex]);
  return referrals > 0 ? weighted / referrals : withStays.reduce((sum, { node, key }) => sum + node.los[key.losIndex].mean * multiplier, 0) / withStays.length;
}
