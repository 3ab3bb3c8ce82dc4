/**
 * A scenario's costs on a cost basis, replication by replication.
 *
 * The simulation prices community care as IPACS does, per occupied bed-day or visit made
 * (the daily `cost` metric). The commissioned basis replaces that part with the capacity's
 * day rate over the whole horizon, used or not; the acute part (delayed bed-days at the
 * acute day rate) is the same on both. Pricing happens after simulation, so switching basis
 * never changes a patient's path and needs no new run.
 */
import { Horizon, HORIZON_FIELD_COUNT } from './dailyRecord.js';
import { DEFAULT_COST_BASIS, DEFAULT_FINAL_VISIT_RATE, DEFAULT_INITIAL_VISIT_RATE, isUnrestricted, type CostBasis, type ModelSpec, type NodeSpec } from './model.js';
import type { ScenarioKey } from './scenarios.js';
import { estimateOf, type Estimate } from './statistics.js';
import type { HorizonSummary } from './summary.js';

/** The model's basis: what every cost of it is priced on unless a caller is told otherwise. */
export function costBasisOf(model: Pick<ModelSpec, 'costBasis'>): CostBasis {
  return model.costBasis ?? DEFAULT_COST_BASIS;
}

/** Community cost a day of one unit of capacity: a bed, or a P1 caseload place's visit slots. */
export function unitCostPerDay(node: NodeSpec, losIndex: number): number {
  if (node.pathway !== 'P1') return node.costs.community;
  const los = node.los[losIndex];
  const meanVisits = ((los.initialVisitRate ?? DEFAULT_INITIAL_VISIT_RATE) + (los.finalVisitRate ?? DEFAULT_FINAL_VISIT_RATE)) / 2;
  return node.costs.community * meanVisits;
}

/** Capacity as the simulation uses it: bed nodes whole beds (a fraction is rounded down), a P1 caseload as it is. */
export function simulatedCapacity(node: Pick<NodeSpec, 'pathway'>, capacity: number): number {
  return node.pathway === 'P1' ? capacity : Math.floor(capacity);
}

export interface PricedReplications {
  /**
   * The basis the figures are on. It is `occupied` where `commissioned` was asked for but
   * the capacity is unrestricted: an unlimited number of places has no commissioned price.
   */
  basis: CostBasis;
  /** Per replication: acute delay cost plus community cost. */
  total: Float64Array;
  acute: Float64Array;
  community: Float64Array;
}

/** Prices each replication of one scenario of `node` on `basis`; `days` is the horizon's length. */
export function priceReplications(node: NodeSpec, key: ScenarioKey, horizon: HorizonSummary, basis: CostBasis, days: number): PricedReplications {
  const { replications, byReplication } = horizon;
  const capacity = simulatedCapacity(node, key.capacity);
  const used: CostBasis = basis === 'commissioned' && isUnrestricted(capacity) ? 'occupied' : basis;
  const commissioned = capacity * unitCostPerDay(node, key.losIndex) * days;
  const total = new Float64Array(replications);
  const acute = new Float64Array(replications);
  const community = new Float64Array(replications);
  for (let r = 0; r < replications; r++) {
    const at = r * HORIZON_FIELD_COUNT;
    acute[r] = byReplication[at + Horizon.delayedBedDays] * node.costs.acuteDelay;
    community[r] = used === 'commissioned' ? commissioned : byReplication[at + Horizon.totalCost] - acute[r];
    total[r] = acute[r] + community[r];
  }
  return { basis: used, total, acute, community };
}

export interface PricedScenario {
  basis: CostBasis;
  total: Estimate;
  acute: Estimate;
  community: Estimate;
}

/** The horizon's cost of one scenario on `basis`, as means with 95 % intervals. */
export function priceScenario(node: NodeSpec, key: ScenarioKey, horizon: HorizonSummary, basis: CostBasis, days: number): PricedScenario {
  const priced = priceReplications(node, key, horizon, basis, days);
  return { basis: priced.basis, total: estimateOf(priced.total), acute: estimateOf(priced.acute), community: estimateOf(priced.community) };
}
