/**
 * A network scenario's difference from its baseline in words, paired replication by
 * replication (common random numbers) and worded by the same changeWords as the whole-system
 * view, so "no clear difference" means the same everywhere.
 */
import type { SystemSummary } from '../../../engine/network/componentSummary.js';
import { pairedDifference } from '../../../engine/statistics.js';
import { changeWords } from '../../../report/plainSummary.js';

/** This scenario against the baseline, in words; the measures the run keeps per replication. */
export function networkDifferenceWords(scenario: SystemSummary, baseline: SystemSummary): { cost: string; bedDays: string; deadlocks: string } {
  const a = scenario.byReplication;
  const b = baseline.byReplication;
  return {
    cost: changeWords(pairedDifference(a.totalCost, b.totalCost), { more: 'more in total cost', fewer: 'less in total cost', unclear: 'total cost' }, 'pounds'),
    bedDays: changeWords(pairedDifference(a.delayedDischargeBedDays, b.delayedDischargeBedDays), { more: 'more delayed-discharge bed-days', fewer: 'fewer delayed-discharge bed-days', unclear: 'delayed-discharge bed-days' }, 'number'),
    deadlocks: changeWords(pairedDifference(a.deadlocks, b.deadlocks), { more: 'more deadlocks', fewer: 'fewer deadlocks', unclear: 'deadlocks' }, 'number'),
  };
}

