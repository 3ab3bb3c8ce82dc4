/**
 * A network target's confident answer in words (issue 17): what the decision was, how sure, and
 * the figures behind it, each printed on its own side of the limit (limitDisplay.ts), so a
 * failing figure never reads as the limit.
 */
import type { JointTarget } from '../../engine/network/jointPlan.js';
import { TARGET_CONFIDENCE, type TargetReading } from '../../engine/network/jointTargetDecision.js';
import { formatAgainstLimit } from '../../report/format.js';
import { formatWhole } from '../format.js';
import type { JointPlanSummary } from '../jointPlanSummary.js';

const confidence = `${Math.round(TARGET_CONFIDENCE * 100)} %`;
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Two decimals, more when needed to read on the right side of the limit. */
export const figureAgainst = (value: number, limit: number): string => formatAgainstLimit(value, limit, (x) => twoDecimals.format(x));

/** `0.48 a day (between 0.41 and 0.4999, 40 replications)`: the mean and the bounds the decision used. */
export function readingText(reading: TargetReading, target: JointTarget): string {
  const figure = (value: number) => figureAgainst(value, target.limit);
  return `${figure(reading.mean)} a day (between ${figure(reading.low)} and ${figure(reading.high)} with ${confidence} confidence each way, from ${formatWhole(reading.replications)} replications)`;
}

/** The decision on one vector in a sentence's end: `meets it`, `fails it`, `cannot be told from the limit`. */
export function decisionText(reading: TargetReading): string {
  if (reading.decision === 'meets') return `meets the target with ${confidence} confidence`;
  if (reading.decision === 'fails') return `fails the target with ${confidence} confidence`;
  return `cannot be told from the limit after ${formatWhole(reading.replications)} replications, the most allowed`;
}

/** The answer's status: how far the planner can rely on it. */
export function statusText(summary: JointPlanSummary): string {
  if (!summary.found) return `No capacities in the ranges meet the target with ${confidence} confidence.`;
  const unclear = summary.nodes.filter((node) => node.targetBelow?.decision === 'unclear').map((node) => node.id);
  if (summary.targetStatus === 'budget-spent') {
    return `Meets the target with ${confidence} confidence. With one bed fewer at ${unclear.join(', ')} the simulation could not tell whether the target is met after the most replications allowed, so this may be a bed more than needed there.`;
  }
  return `Confident: meets the target with ${confidence} confidence, and one bed fewer at any planned node fails it with ${confidence} confidence.`;
}
