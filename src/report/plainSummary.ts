/**
 * The system view in plain English, for the top of the results and of the report: how many
 * people wait in acute beds under the baseline, at what cost, and what each scenario changes.
 *
 * A change whose 95 % interval includes zero is not a change anyone can rely on, so it is
 * said to be unclear rather than given a direction.
 */
import type { Estimate } from '../engine/statistics.js';
import type { SystemMeasure, SystemScenario, SystemView } from '../engine/systemView.js';
import { formatAmount, formatInterval, type DifferenceUnit } from './difference.js';
import { formatDate, formatPoundsShort, formatWhole } from './format.js';

export interface PlainSummary {
  /** One sentence on the baseline. */
  baseline: string;
  /** One sentence per other scenario, in the view's order. */
  changes: { label: string; text: string }[];
}

export const BASIS_WORDS = {
  occupied: 'community care priced per occupied bed-day or visit',
  commissioned: 'community care priced per commissioned bed or place, used or not',
} as const;

/** "changes P2_B only", "changes P1_A and P2_B", "changes 5 nodes". */
export function changedNodesWords(nodes: readonly string[]): string {
  if (nodes.length === 0) return 'changes no node';
  if (nodes.length === 1) return `changes ${nodes[0]} only`;
  if (nodes.length <= 3) return `changes ${nodes.join(', ').replace(/, ([^,]*)$/, ' and $1')}`;
  return `changes ${nodes.length} nodes`;
}

/**
 * "320 fewer people delayed (95 % CI 290 to 350)", "£1.2m less …", or "no clear difference in
 * … (95 % CI −£4k to +£19k)" when the interval spans zero. Intervals use formatInterval, so
 * their ends never round into each other and a negative end has a minus sign.
 */
export function changeWords(difference: Estimate, what: { more: string; fewer: string; unclear: string }, unit: DifferenceUnit): string {
  const { mean, low, high } = difference;
  // Every replication the same (a scenario that changes nothing this measure sees): no interval to speak of.
  if (mean === 0 && low === 0 && high === 0) return `no difference in ${what.unclear}`;
  if (!Number.isFinite(low) || !Number.isFinite(high) || (low <= 0 && high >= 0)) {
    return `no clear difference in ${what.unclear} (95 % CI ${formatInterval(low, high, unit)})`;
  }
  const word = mean < 0 ? what.fewer : what.more;
  const [near, far] = mean < 0 ? [-high, -low] : [low, high];
  return `${formatAmount(Math.abs(mean), unit)} ${word} (95 % CI ${formatInterval(near, far, unit)})`;
}

/** A difference from the baseline, measure by measure, in words. */
export function differenceWords(d: Record<SystemMeasure, Estimate>): { people: string; bedDays: string; cost: string } {
  const people = changeWords(d.patientsDelayed, { more: 'more people delayed', fewer: 'fewer people delayed', unclear: 'people delayed' }, 'number');
  const bedDays = changeWords(d.delayedBedDays, { more: 'more delayed bed-days', fewer: 'fewer delayed bed-days', unclear: 'delayed bed-days' }, 'number');
  const cost = changeWords(d.totalCost, { more: 'more in total cost', fewer: 'less in total cost', unclear: 'total cost' }, 'pounds');
  return { people, bedDays, cost };
}

function changeSentence(scenario: SystemScenario, label: (l: string) => string): string {
  const { people, bedDays, cost } = differenceWords(scenario.difference!);
  return `${label(scenario.label)} ${changedNodesWords(scenario.changedNodes)}: ${people}; ${bedDays}; ${cost}.`;
}

/**
 * `label` turns a scenario label into the words to show (e.g. with its description).
 * `dates` are the run's ISO dates.
 */
export function plainSummary(view: SystemView, dates: readonly string[], label: (l: string) => string = (l) => l): PlainSummary {
  const base = view.scenarios.find((s) => s.label === view.baseline) ?? view.scenarios[0];
  const t = base.totals;
  const period = `${formatDate(dates[0])} to ${formatDate(dates[dates.length - 1])}`;
  const baseline =
    `Under the baseline, ${label(base.label)}, about ${formatWhole(t.patientsDelayed.mean)} people wait in acute beds for a D2A place ` +
    `from ${period} (${formatWhole(t.delayedBedDays.mean)} delayed bed-days over ${view.nodes.length} node${view.nodes.length === 1 ? '' : 's'}), ` +
    `at a total cost of ${formatPoundsShort(t.totalCost.mean)}: ${formatPoundsShort(t.acuteCost.mean)} for delays in acute beds and ` +
    `${formatPoundsShort(t.communityCost.mean)} for community care (${BASIS_WORDS[view.basis]}). Means of ${formatWhole(view.replications)} replications.`;
  const changes = view.scenarios.filter((s) => s !== base && s.difference).map((s) => ({ label: s.label, text: changeSentence(s, label) }));
  return { baseline, changes };
}
