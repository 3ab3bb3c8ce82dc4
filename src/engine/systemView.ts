/**
 * The system view: each scenario label as a whole system, and its difference from a baseline.
 *
 * A workbook's scenarios belong to nodes, and a label such as `Opt55Cap_Blos_BArr` may exist
 * at one node only. Adding that node's figures to totals over nine nodes would compare one
 * node with nine, so a system scenario is the baseline with the nodes that have the label
 * changed to it: every node contributes, each with the label's scenario where it has one and
 * its baseline scenario where it does not.
 *
 * Differences are taken replication by replication. Replication r of every scenario of a
 * node draws the same referrals and lengths of stay (common random numbers), so an unchanged
 * node contributes exactly nothing to a difference and a changed one only the effect of the
 * change; the interval is far tighter than one from two independent totals.
 */
import { Horizon, HORIZON_FIELD_COUNT } from './dailyRecord.js';
import { costBasisOf, priceReplications } from './costBasis.js';
import type { CostBasis, ModelSpec } from './model.js';
import type { ScenarioKey } from './scenarios.js';
import { estimateOf, pairedDifference, type Estimate } from './statistics.js';
import type { ScenarioSummary } from './summary.js';

export const SYSTEM_MEASURES = ['patientsDelayed', 'delayedBedDays', 'acuteCost', 'communityCost', 'totalCost'] as const;
export type SystemMeasure = (typeof SYSTEM_MEASURES)[number];

/** Per replication, summed over nodes: `values[measure][r]`. */
export type SystemReplications = Record<SystemMeasure, Float64Array>;

export interface SystemScenario {
  /** `capacity_los_arrivals`, as scenarioLabel writes it. */
  label: string;
  /** Nodes that run this label's own scenario and not their baseline one, in model order. */
  changedNodes: string[];
  totals: Record<SystemMeasure, Estimate>;
  /** This scenario minus the baseline, paired by replication; absent for the baseline itself. */
  difference?: Record<SystemMeasure, Estimate>;
  /** Per replication totals, for pairing with another run (before and after an edit). */
  byReplication: SystemReplications;
}

export interface SystemView {
  baseline: string;
  /** The basis the costs are priced on (nodes with unrestricted capacity are priced per occupied day on either). */
  basis: CostBasis;
  replications: number;
  nodes: string[];
  scenarios: SystemScenario[];
}

export function scenarioLabelOf(key: Pick<ScenarioKey, 'capacityScenario' | 'losScenario' | 'arrivalScenario'>): string {
  return `${key.capacityScenario}_${key.losScenario}_${key.arrivalScenario}`;
}

/** A node's baseline scenario: the one its first capacity, LOS and arrival scenarios make. */
function isNodeBaseline(key: ScenarioKey): boolean {
  return key.capacityIndex === 0 && key.losIndex === 0 && key.arrivalIndex === 0;
}

export interface SystemViewOptions {
  /** The label to compare with; by default the first node's baseline scenario's label. */
  baseline?: string;
  /** By default the model's own basis. */
  basis?: CostBasis;
}

/**
 * Every label of the run as a system scenario, the baseline first. `scenarios` are one run's
 * summaries of `model` (all with the same number of replications).
 */
export function systemView(model: ModelSpec, scenarios: readonly ScenarioSummary[], options: SystemViewOptions = {}): SystemView {
  const basis = options.basis ?? costBasisOf(model);
  const byNode = new Map<string, Map<string, ScenarioSummary>>();
  const labels: string[] = [];
  for (const s of scenarios) {
    const label = scenarioLabelOf(s.key);
    if (!labels.includes(label)) labels.push(label);
    let ofNode = byNode.get(s.key.node);
    if (!ofNode) byNode.set(s.key.node, (ofNode = new Map()));
    ofNode.set(label, s);
  }
  const nodes = model.nodes.map((n) => n.id).filter((id) => byNode.has(id));
  const replications = scenarios[0]?.horizon.replications ?? 0;
  for (const s of scenarios) {
    if (s.horizon.replications !== replications) throw new RangeError(`${s.key.id} has ${s.horizon.replications} replications, not ${replications}: a system view needs one run`);
  }
  const firstBaseline = scenarios.find((s) => isNodeBaseline(s.key));
  const baseline = options.baseline ?? (firstBaseline ? scenarioLabelOf(firstBaseline.key) : labels[0]);
  if (baseline !== undefined && !labels.includes(baseline)) throw new RangeError(`the baseline ${baseline} is not a scenario of this run`);
  const days = model.dates.length;

  const nodeBaseline = (ofNode: Map<string, ScenarioSummary>): ScenarioSummary | undefined =>
    ofNode.get(baseline) ?? [...ofNode.values()].find((s) => isNodeBaseline(s.key)) ?? ofNode.values().next().value;

  const systemOf = (label: string): { changedNodes: string[]; values: SystemReplications } => {
    const values = Object.fromEntries(SYSTEM_MEASURES.map((m) => [m, new Float64Array(replications)])) as SystemReplications;
    const changedNodes: string[] = [];
    for (const id of nodes) {
      const ofNode = byNode.get(id)!;
      const base = nodeBaseline(ofNode);
      const own = ofNode.get(label);
      const chosen = own ?? base;
      if (!chosen) continue;
      if (own && own !== base) changedNodes.push(id);
      addNode(values, chosen, model, basis, days);
    }
    return { changedNodes, values };
  };

  const baselineSystem = baseline === undefined ? undefined : systemOf(baseline);
  const ordered = baseline === undefined ? labels : [baseline, ...labels.filter((l) => l !== baseline)];
  const systemScenarios = ordered.map((label): SystemScenario => {
    const { changedNodes, values } = label === baseline && baselineSystem ? baselineSystem : systemOf(label);
    const totals = estimates(values);
    const difference = label === baseline || !baselineSystem ? undefined : pairedDifferences(values, baselineSystem.values);
    return { label, changedNodes, totals, difference, byReplication: values };
  });
  return { baseline: baseline ?? '', basis, replications, nodes, scenarios: systemScenarios };
}

function addNode(into: SystemReplications, summary: ScenarioSummary, model: ModelSpec, basis: CostBasis, days: number): void {
  const node = model.nodes[summary.key.nodeIndex];
  if (!node || node.id !== summary.key.node) throw new RangeError(`${summary.key.id} is not a scenario of this model`);
  const priced = priceReplications(node, summary.key, summary.horizon, basis, days);
  const h = summary.horizon.byReplication;
  for (let r = 0; r < priced.total.length; r++) {
    const at = r * HORIZON_FIELD_COUNT;
    into.patientsDelayed[r] += h[at + Horizon.delayedAdmissions] + h[at + Horizon.waitingAtEnd];
    into.delayedBedDays[r] += h[at + Horizon.delayedBedDays];
    into.acuteCost[r] += priced.acute[r];
    into.communityCost[r] += priced.community[r];
    into.totalCost[r] += priced.total[r];
  }
}

function estimates(values: SystemReplications): Record<SystemMeasure, Estimate> {
  return Object.fromEntries(SYSTEM_MEASURES.map((m) => [m, estimateOf(values[m])])) as Record<SystemMeasure, Estimate>;
}

/**
 * `a - b` measure by measure, paired by replication. Both must come from runs with the same
 * seed and replication count for the pairing to mean anything; `runDifference` checks that.
 */
export function pairedDifferences(a: SystemReplications, b: SystemReplications): Record<SystemMeasure, Estimate> {
  return Object.fromEntries(SYSTEM_MEASURES.map((m) => [m, pairedDifference(a[m], b[m])])) as Record<SystemMeasure, Estimate>;
}
