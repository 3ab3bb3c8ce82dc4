/**
 * A node's confident answer to a service target in words (issue 17): how far the planner can
 * rely on it, the metric at the answer and one place less with the bounds the decision used,
 * and the point answer kept beside it, clearly not the answer. Figures are set against the
 * limit (formatAgainstLimit), so a failing figure never reads as the limit.
 */
import type { TargetAnswer, TargetBoundary } from '../../engine/nodeTarget.js';
import { PERCENTILE_EXCEEDANCE, TARGET_METRIC_DEFINITIONS, type ServiceTarget } from '../../engine/serviceTarget.js';
import { formatAgainstLimit } from '../../report/format.js';
import { formatWhole } from '../format.js';

const percent = (share: number) => `${Math.round(share * 100)} %`;
const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A figure of the target's metric as typed on the page (a share as a percentage), with the digits the limit needs. */
function figure(value: number, limit: number, asPercent: boolean): string {
  const scale = asPercent ? 100 : 1;
  return `${formatAgainstLimit(value * scale, limit * scale, (x) => twoDecimals.format(x))}${asPercent ? ' %' : ''}`;
}

/** `0.48 (at most 0.4999 with 95 % confidence; 200 replications)`, or for the bad-day percentile the share of days over the limit it is judged by. */
export function boundaryText(boundary: TargetBoundary, target: ServiceTarget, confidence: number): string {
  const runs = `${formatWhole(boundary.replications)} replications`;
  const share = target.metric === 'share-ever-delayed';
  if (boundary.daysOverLimit) {
    const days = boundary.daysOverLimit;
    const over = (x: number) => figure(x, PERCENTILE_EXCEEDANCE, true);
    return `${twoDecimals.format(boundary.value)} patients on a bad day; more than ${target.limit} delayed on ${over(days.mean)} of days (between ${over(days.low)} and ${over(days.high)} with ${percent(confidence)} confidence each way; at most ${percent(PERCENTILE_EXCEEDANCE)} meets the target), ${runs}`;
  }
  const f = (x: number) => figure(x, target.limit, share);
  return `${f(boundary.value)} (between ${f(boundary.low)} and ${f(boundary.high)} with ${percent(confidence)} confidence each way), ${runs}`;
}

/** How far the answer can be relied on, in a sentence or two. */
export function statusText(answer: TargetAnswer, units: string): string {
  const sure = `${percent(answer.confidence)} confidence`;
  if (answer.status === 'unattainable') return `No capacity meets the target with ${sure}: even where more capacity changes nothing, the metric stays above the limit.`;
  if (answer.status === 'confident') return `Confident: meets the target with ${sure}, and one place less fails it with ${sure}.`;
  return `Meets the target with ${sure}. One place less could not be told from the limit within ${formatWhole(answer.maxReplications)} replications (the most allowed), so it may meet the target too: ${formatWhole(answer.capacity - 1)} ${units} may be enough.`;
}

/** The point answer, labelled so that nobody takes it for the answer. */
export function pointText(answer: TargetAnswer, units: string, replications: number): string {
  if (!Number.isFinite(answer.pointCapacity)) return 'none';
  return `${formatWhole(answer.pointCapacity)} ${units}: the least capacity whose average over the search’s ${formatWhole(replications)} replications meets the limit. Not a confident answer: such a point estimate often misses the target on other replications.`;
}

/** The metric's plain name, from its one definition. */
export const metricLabel = (target: ServiceTarget): string => TARGET_METRIC_DEFINITIONS[target.metric].label;
