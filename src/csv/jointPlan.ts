/**
 * The CSVs of a network plan (`pathflow optimise --component`): joint_optimal.csv, one row per
 * chosen node of each component scenario planned, and joint_surface.csv, every capacity vector
 * the search simulated, in the style of optimal.csv and cost_curve.csv.
 */
import { formatJointTarget, vectorKey, type JointEvaluation } from '../engine/network/jointPlan.js';
import type { JointPlan } from '../engine/network/jointSearch.js';
import { TARGET_CONFIDENCE, type TargetReading } from '../engine/network/jointTargetDecision.js';
import { formatAgainstLimit } from '../report/format.js';
import { estimateOf, pairedDifference, type Estimate } from '../engine/statistics.js';
import { describeDifference } from '../report/difference.js';
import { csvRow, formatNumber, neutraliseFormula } from './format.js';

const text = neutraliseFormula;
const withInterval = (name: string): string[] => [name, `${name}_low95`, `${name}_high95`];
const intervalFields = (estimate: Estimate | undefined): string[] => (estimate ? [estimate.mean, estimate.low, estimate.high].map(formatNumber) : ['', '', '']);
const meanOf = (values: Float64Array | undefined): string => (values ? formatNumber(estimateOf(values).mean) : '');
const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE');

/** The columns naming the component scenario planned. */
export const JOINT_PLAN_COLUMNS = ['component', 'scenario', 'capacity_scenario', 'los_scenario', 'arrival_scenario', 'routing_scenario'] as const;

function planFields({ problem }: JointPlan): string[] {
  const { component, scenario } = problem;
  return [component.name, scenario.id, scenario.capacityScenario, scenario.losScenario, scenario.arrivalScenario, scenario.routingScenario].map(text);
}

/**
 * The target's metric as the decision read it (jointTargetDecision.ts), named as optimal.csv
 * names a node's: its mean, one-sided bounds at the level each look uses (`target_value_high` at
 * or below the limit: met with 95 % confidence; `target_value_low` above it: failed with 95 %
 * confidence) and the replications behind them; for the plan with the row's node one place
 * lower, the same with `_below` and the decision (`fails`, or `unclear` with the budget spent).
 */
const TARGET_READING_COLUMNS = ['target_value', 'target_value_low', 'target_value_high', 'target_replications'] as const;

const againstLimit = (value: number, limit: number) => formatAgainstLimit(value, limit, formatNumber);

function readingFields(reading: TargetReading | undefined, limit: number): string[] {
  if (!reading) return ['', '', '', ''];
  return [...[reading.mean, reading.low, reading.high].map((value) => againstLimit(value, limit)), String(reading.replications)];
}

export const JOINT_OPTIMAL_COLUMNS = [
  ...JOINT_PLAN_COLUMNS,
  'objective',
  'target',
  'cost_basis',
  'replications',
  'node',
  'pathway',
  'range_low',
  'range_high',
  'best_capacity',
  'capacity_low95',
  'capacity_high95',
  'baseline_capacity',
  ...TARGET_READING_COLUMNS.map((name) => `${name}_below`),
  'target_decision_below',
  ...withInterval('total_cost'),
  'delay_cost',
  'community_cost',
  ...withInterval('delayed_bed_days'),
  'target_status',
  'target_confidence',
  ...TARGET_READING_COLUMNS,
  'baseline_total_cost',
  'baseline_delayed_bed_days',
  ...withInterval('cost_saved'),
  'search_total_cost',
  'vectors_simulated',
  'replications_simulated',
  'note',
];

/** What a planner must know beside the figures: the saving in words, a missing baseline, an interval stopped by a range, a target not met. */
export function jointNote(plan: JointPlan): string {
  const { problem } = plan;
  const notes: string[] = [];
  if (!plan.capacities) {
    const top = problem.ranges.map((range) => range.high);
    const target = problem.objective.kind === 'target' ? problem.objective.target : undefined;
    const floor = target ? estimateOf(plan.search.evaluate(top).target!).mean : NaN;
    return `target not met with 95 % confidence in the ranges: at the top of every range (${top.join(', ')}) ${target ? `${target.metric} is ${againstLimit(floor, target.limit)} on the search's replications` : ''}`.trim();
  }
  if (plan.targetStatus === 'budget-spent') {
    const unclear = problem.nodes.filter((_, i) => plan.targetBelow?.[i]?.decision === 'unclear');
    notes.push(`budget spent: with one place fewer at ${unclear.join(', ')} the target could be met or not after the most replications allowed, so the plan may be a place more than needed there`);
  }
  if (plan.saving) notes.push(`against the baseline: ${describeDifference(plan.saving)}`);
  else notes.push("no baseline: a chosen node's capacity is unlimited or follows a calendar");
  plan.intervals.forEach((interval, i) => {
    const ends = [interval.lowAtRangeEnd ? 'low' : '', interval.highAtRangeEnd ? 'high' : ''].filter(Boolean);
    if (ends.length > 0) notes.push(`${problem.nodes[i]}'s interval reaches the ${ends.join(' and ')} end of its range: widen --range`);
    if (interval.high === Infinity) notes.push(`no larger capacity of ${problem.nodes[i]} changes anything: its interval has no upper end`);
  });
  return notes.join('; ');
}

export function jointOptimalCsv(plans: readonly JointPlan[]): string {
  const lines = [JOINT_OPTIMAL_COLUMNS.join(',')];
  for (const plan of plans) {
    const { problem, planned, baseline } = plan;
    const target = problem.objective.kind === 'target' ? problem.objective.target : undefined;
    const note = jointNote(plan);
    const limit = target?.limit ?? NaN;
    problem.nodes.forEach((id, i) => {
      const node = problem.model.nodes.find((candidate) => candidate.id === id)!;
      const interval = plan.intervals[i];
      lines.push(
        csvRow([
          ...planFields(plan),
          text(problem.objective.kind),
          target ? text(formatJointTarget(target)) : '',
          text(problem.costBasis),
          String(problem.replications),
          text(id),
          text(node.pathway),
          formatNumber(problem.ranges[i].low),
          formatNumber(problem.ranges[i].high),
          plan.capacities ? formatNumber(plan.capacities[i]) : '',
          interval ? formatNumber(interval.low) : '',
          interval ? formatNumber(interval.high) : '',
          problem.baseline ? formatNumber(problem.baseline[i]) : '',
          ...readingFields(plan.targetBelow?.[i], limit),
          plan.targetBelow?.[i]?.decision ?? '',
          ...intervalFields(planned && estimateOf(planned.cost)),
          meanOf(planned?.delayCost),
          meanOf(planned?.communityCost),
          ...intervalFields(planned && estimateOf(planned.delayedBedDays)),
          target ? text(plan.targetStatus ?? 'unattainable') : '',
          target ? formatNumber(TARGET_CONFIDENCE) : '',
          ...readingFields(plan.targetAt, limit),
          meanOf(baseline?.cost),
          meanOf(baseline?.delayedBedDays),
          ...intervalFields(plan.saving),
          formatNumber(plan.searchCost?.mean ?? NaN),
          String(plan.vectorsSearched),
          String(plan.replicationsSimulated),
          text(note),
        ]),
      );
    });
  }
  return lines.join('\n') + '\n';
}

/** The surface's columns: one capacity column per chosen node (`capacity_<node>`), so plans of one command share them. */
export function jointSurfaceColumns(nodes: readonly string[]): string[] {
  return [
    ...JOINT_PLAN_COLUMNS,
    'cost_basis',
    ...nodes.map((id) => `capacity_${id}`),
    ...withInterval('total_cost'),
    ...withInterval('cost_vs_best'),
    ...withInterval('delayed_bed_days'),
    ...withInterval('target_value'),
    'target_decision',
    'in_interval',
    'is_best',
    'is_baseline',
  ];
}

const sameVector = (a: readonly number[], b: readonly number[] | undefined) => b !== undefined && a.every((c, i) => c === b[i]);

/** Every vector the search simulated, on the search's replications (so the best's cost is search_total_cost). */
export function jointSurfaceCsv(plans: readonly JointPlan[]): string {
  const lines = [csvRow(jointSurfaceColumns(plans[0]?.problem.nodes ?? []).map(text))];
  for (const plan of plans) {
    const { problem } = plan;
    const target = problem.objective.kind === 'target' ? problem.objective.target : undefined;
    const best: JointEvaluation | undefined = plan.capacities && plan.search.evaluate(plan.capacities);
    const decisions = new Map((plan.targetDecisions ?? []).map((reading) => [vectorKey(reading.capacities), reading.decision]));
    for (const point of plan.search.evaluated()) {
      const difference = best && pairedDifference(point.cost, best.cost);
      lines.push(
        csvRow([
          ...planFields(plan),
          text(problem.costBasis),
          ...point.capacities.map(formatNumber),
          ...intervalFields(estimateOf(point.cost)),
          ...intervalFields(difference),
          ...intervalFields(estimateOf(point.delayedBedDays)),
          ...intervalFields(point.target && estimateOf(point.target)),
          target ? (decisions.get(vectorKey(point.capacities)) ?? '') : '',
          // A target's plan is chosen by price among vectors meeting it, not by cost: no cost interval.
          target || !difference ? '' : bool(!(difference.low > 0)),
          bool(sameVector(point.capacities, plan.capacities)),
          bool(sameVector(point.capacities, problem.baseline)),
        ]),
      );
    }
  }
  return lines.join('\n') + '\n';
}
