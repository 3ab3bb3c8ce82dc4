/**
 * The CSVs of `pathflow optimise`: optimal.csv (one row per node and scenario),
 * cost_curve.csv (every capacity simulated) and sensitivity.csv (the tornado).
 */
import type { NodePlan } from '../engine/capacityPlan.js';
import type { TargetBoundary } from '../engine/nodeTarget.js';
import { costCurve, estimateOf, formatTarget, metricValue, TARGET_METRICS, type CapacityEvaluation } from '../engine/optimise.js';
import { TARGET_METRIC_DEFINITIONS, type ServiceTarget } from '../engine/serviceTarget.js';
import type { Estimate } from '../engine/statistics.js';
import { describeDifference } from '../report/difference.js';
import { formatAgainstLimit } from '../report/format.js';
import { csvRow, formatNumber, neutraliseFormula } from './format.js';

/** The columns naming a node and the arrival and LOS scenario planned for. */
export const PLAN_COLUMNS = ['node', 'pathway', 'locality', 'los_scenario', 'arrival_scenario'] as const;

function planFields({ problem }: NodePlan): string[] {
  const { node, losIndex, arrivalIndex } = problem;
  return [node.id, node.pathway, node.locality, node.los[losIndex].name, node.arrivals[arrivalIndex].name].map(neutraliseFormula);
}

/** Text fields other than names: Pathflow's own words today, through the same rule so that stays true. */
const text = neutraliseFormula;
const withInterval = (name: string): string[] => [name, `${name}_low95`, `${name}_high95`];
const intervalFields = (estimate: Estimate | undefined): string[] =>
  estimate ? [estimate.mean, estimate.low, estimate.high].map(formatNumber) : ['', '', ''];
const meanOf = (values: Float64Array | undefined): string => (values ? formatNumber(estimateOf(values).mean) : '');
const METRIC_COLUMNS = TARGET_METRIC_DEFINITIONS;
const metricColumns = () => TARGET_METRICS.map((metric) => METRIC_COLUMNS[metric].column);
/** Each service metric's point estimate, in TARGET_METRICS order. */
const metricFields = (evaluation: CapacityEvaluation | undefined): string[] => TARGET_METRICS.map((metric) => (evaluation ? formatNumber(metricValue(evaluation, metric)) : ''));

/** A target's figures at one capacity of its boundary, each set against the limit it is judged by. */
function boundaryFields(target: ServiceTarget | undefined, boundary: TargetBoundary | undefined): string[] {
  if (!target || !boundary) return ['', '', '', '', '', ''];
  const against = (value: number, limit: number) => formatAgainstLimit(value, limit, formatNumber);
  const share = boundary.daysOverLimit;
  const shareLimit = 0.05;
  return [
    against(boundary.value, target.limit),
    against(boundary.low, target.limit),
    against(boundary.high, target.limit),
    share ? against(share.mean, shareLimit) : '',
    share ? against(share.low, shareLimit) : '',
    share ? against(share.high, shareLimit) : '',
  ];
}
const boundaryColumns = (suffix: string) =>
  ['target_value', 'target_value_low', 'target_value_high', 'days_over_limit_share', 'days_over_limit_share_low', 'days_over_limit_share_high'].map((name) => name + suffix);

export const OPTIMAL_COLUMNS = [
  ...PLAN_COLUMNS,
  'objective',
  'target',
  'cost_basis',
  'replications',
  'best_capacity',
  'capacity_low95',
  'capacity_high95',
  ...withInterval('total_cost'),
  'acute_cost',
  'community_cost',
  ...withInterval('delayed_bed_days'),
  ...metricColumns(),
  'target_status',
  'target_confidence',
  'point_capacity',
  'target_replications',
  ...boundaryColumns(''),
  ...boundaryColumns('_below'),
  'capacities_simulated',
  'replications_simulated',
  'analytic_capacity',
  'analytic_total_cost',
  'analytic_delayed_bed_days',
  'offered_load',
  'baseline_capacity',
  'baseline_total_cost',
  'baseline_delayed_bed_days',
  ...withInterval('cost_saved'),
  'search_total_cost',
  'note',
];

function note({ plan, saving, target }: NodePlan): string {
  if (target && !Number.isFinite(target.capacity)) {
    const floor = formatAgainstLimit(target.at.value, plan.target!.limit, formatNumber);
    if (Number.isFinite(target.pointCapacity)) {
      return `target not met with ${formatNumber(target.confidence * 100)} % confidence at any capacity up to ${target.at.capacity}, beyond which more capacity changes nothing; ${plan.target!.metric} there is ${floor}`;
    }
    return `target not met even at ${target.at.capacity}, where nobody waits and ${plan.target!.metric} is ${floor}`;
  }
  const notes: string[] = [];
  if (target?.status === 'budget-spent') {
    notes.push(`one place less could not be told from the limit in ${target.replications} replications (the budget): it may meet the target too`);
  }
  if (saving) notes.push(`against the baseline: ${describeDifference(saving)}`);
  if (plan.high === Infinity) notes.push('no larger capacity changes anything: the interval has no upper end');
  return notes.join('; ');
}

export function optimalCsv(plans: readonly NodePlan[]): string {
  const lines = [OPTIMAL_COLUMNS.join(',')];
  for (const entry of plans) {
    const { plan, problem, baseline, saving } = entry;
    // Re-priced on fresh replications; the search's own figures are biased low (capacityPlan.ts).
    const best: CapacityEvaluation | undefined = entry.planned;
    const target = plan.target;
    // A target's decision is shown as it was made: on the final look's replications, at c and c - 1.
    const answer = entry.target;
    lines.push(
      csvRow([
        ...planFields(entry),
        text(plan.objective),
        target ? text(formatTarget(target)) : '',
        text(problem.costBasis),
        String(problem.replications),
        formatNumber(plan.capacity),
        formatNumber(plan.low),
        formatNumber(plan.high),
        ...intervalFields(best && estimateOf(best.cost)),
        meanOf(best?.acuteCost),
        meanOf(best?.communityCost),
        ...intervalFields(best && estimateOf(best.delayedBedDays)),
        ...metricFields(best),
        answer ? text(answer.status) : '',
        answer ? formatNumber(answer.confidence) : '',
        answer ? formatNumber(answer.pointCapacity) : '',
        answer ? String(answer.replications) : '',
        ...boundaryFields(target, answer?.at),
        ...boundaryFields(target, answer?.below),
        String(plan.evaluations),
        String(entry.replicationsSimulated),
        formatNumber(plan.analytic.capacity),
        formatNumber(plan.analytic.totalCost),
        formatNumber(plan.analytic.delayedBedDays),
        formatNumber(plan.analytic.load),
        baseline ? formatNumber(baseline.capacity) : '',
        meanOf(baseline?.cost),
        meanOf(baseline?.delayedBedDays),
        ...intervalFields(saving),
        formatNumber(entry.searchCost?.mean ?? NaN),
        text(note(entry)),
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

export const COST_CURVE_COLUMNS = [
  ...PLAN_COLUMNS,
  'cost_basis',
  'capacity',
  ...withInterval('total_cost'),
  ...withInterval('cost_vs_best'),
  ...withInterval('delayed_bed_days'),
  ...metricColumns(),
  'in_interval',
  'is_best',
  'is_baseline',
];

const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE');

export function costCurveCsv(plans: readonly NodePlan[]): string {
  const lines = [COST_CURVE_COLUMNS.join(',')];
  for (const entry of plans) {
    for (const point of costCurve(entry.plan)) {
      lines.push(
        csvRow([
          ...planFields(entry),
          text(entry.problem.costBasis),
          formatNumber(point.capacity),
          ...intervalFields(point.cost),
          ...intervalFields(point.difference),
          ...intervalFields(point.delayedBedDays),
          ...TARGET_METRICS.map((metric) => formatNumber(point.metrics[metric].mean)),
          bool(point.inInterval),
          bool(point.capacity === entry.plan.capacity),
          bool(point.capacity === entry.baseline?.capacity),
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export const SENSITIVITY_COLUMNS = [
  ...PLAN_COLUMNS,
  'cost_basis',
  'at',
  'capacity',
  'factor',
  'change',
  'input_base',
  'input_minus',
  'input_plus',
  'total_cost_base',
  'total_cost_minus',
  'total_cost_plus',
  ...withInterval('cost_change_minus'),
  ...withInterval('cost_change_plus'),
  'delayed_bed_days_base',
  'delayed_bed_days_minus',
  'delayed_bed_days_plus',
  ...withInterval('delayed_bed_days_change_minus'),
  ...withInterval('delayed_bed_days_change_plus'),
];

export function sensitivityCsv(plans: readonly NodePlan[]): string {
  const lines = [SENSITIVITY_COLUMNS.join(',')];
  for (const entry of plans) {
    for (const { at, result } of entry.sensitivity) {
      for (const row of result.rows) {
        lines.push(
          csvRow([
            ...planFields(entry),
            text(entry.problem.costBasis),
            text(at),
            formatNumber(result.capacity),
            text(row.factor),
            formatNumber(result.change),
            ...[row.base, row.minus, row.plus].map((c) => formatNumber(c.input)),
            ...[row.base, row.minus, row.plus].map((c) => formatNumber(c.cost.mean)),
            ...intervalFields(row.minus.costChange),
            ...intervalFields(row.plus.costChange),
            ...[row.base, row.minus, row.plus].map((c) => formatNumber(c.delayedBedDays.mean)),
            ...intervalFields(row.minus.delayedBedDaysChange),
            ...intervalFields(row.plus.delayedBedDaysChange),
          ]),
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}
