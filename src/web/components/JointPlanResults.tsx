/**
 * A network plan's answer as `pathflow optimise --component` reports it: each node's capacity
 * with its 95 % interval, the plan's system cost and delays re-priced on fresh replications,
 * the saving against the baseline, the cost surface, and "Use these capacities".
 */
import type { ReactNode } from 'react';
import { formatJointTarget } from '../../engine/network/jointPlan.js';
import type { JointNodeSummary, JointPlanSummary } from '../jointPlanSummary.js';
import { formatPounds, formatPoundsShort, formatWhole } from '../format.js';
import { describeDifference, formatInterval } from '../../report/difference.js';
import { basisPhrase } from './CostBasisControl.js';
import { PageSection } from './PageSection.js';
import { bestWord, JointSurfaceChart, SurfaceTable } from './JointPlanCharts.js';
import { decisionText, figureAgainst, readingText, statusText } from './jointTargetWords.js';
import { SummaryRow } from './SummaryRow.js';

export interface JointPlanResultsProps {
  summary: JointPlanSummary;
  stale: boolean;
  onApply: () => void;
  applied?: string;
}

const intervalText = (node: JointNodeSummary) => (node.low === undefined ? '—' : `${formatWhole(node.low)} to ${Number.isFinite(node.high!) ? formatWhole(node.high!) : 'no upper limit'}`);

/** What a planner must know beside the figures: an interval stopped by a range, or one with no upper end. */
function rangeNotes(summary: JointPlanSummary): string[] {
  return summary.nodes.flatMap((node) => {
    const ends = [node.lowAtRangeEnd ? 'lowest' : '', node.highAtRangeEnd ? 'highest' : ''].filter(Boolean);
    return [
      ...(ends.length > 0 ? [`${node.id}’s interval reaches the ${ends.join(' and ')} beds tried: widen its range to see where it ends.`] : []),
      ...(node.high === Infinity ? [`No more beds at ${node.id} change anything in any replication: its interval has no upper end.`] : []),
    ];
  });
}

export function JointPlanResults({ summary, stale, onApply, applied }: JointPlanResultsProps) {
  const target = summary.objective.kind === 'target' ? summary.objective.target : undefined;
  const heading = summary.found ? `${bestWord(summary).toLowerCase()} ${summary.nodes.map((node) => `${node.id} ${formatWhole(node.best!)}`).join(', ')}` : 'the target is not met';
  return (
    <PageSection id="joint-plan-result-heading" heading={`${summary.component}: ${heading}`} testId="joint-plan-result">
      {stale && (
        <div className="nhsuk-inset-text" data-testid="joint-plan-stale">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The choices or the model have changed since this plan. Search again to see their effect.</p>
        </div>
      )}
      <p className="nhsuk-body-s">
        {summary.scenarioId}; {target ? `least commissioned cost meeting ${formatJointTarget(target)}` : 'least expected system cost'}, costs {basisPhrase(summary.costBasis)};{' '}
        {summary.replications} replications per vector, {formatWhole(summary.vectorsSearched)} capacity vectors searched, {formatWhole(summary.replicationsSimulated)} replications simulated in
        all in {(summary.milliseconds / 1000).toFixed(1)} s.
      </p>
      {summary.warnings.map((warning) => (
        <p className="nhsuk-body-s" key={warning}>
          Note: {warning}
        </p>
      ))}
      <NodeTable summary={summary} />
      <PlanFigures summary={summary} />
      {rangeNotes(summary).map((note) => (
        <p className="nhsuk-body-s" key={note} data-testid="joint-plan-note">
          {note}
        </p>
      ))}
      {summary.found && (
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onApply} disabled={stale || applied !== undefined} data-testid="joint-plan-apply">
            Use these capacities as a new scenario
          </button>
          {applied && (
            <p className="nhsuk-body-s" data-testid="joint-plan-applied">
              The nodes of {summary.component} have it as capacity scenario {applied}: run the model to compare.
            </p>
          )}
        </div>
      )}
      {summary.surface.length > 0 && <JointSurfaceChart summary={summary} />}
      <SurfaceTable summary={summary} />
    </PageSection>
  );
}

function NodeTable({ summary }: { summary: JointPlanSummary }) {
  const target = summary.objective.kind === 'target' ? summary.objective.target : undefined;
  return (
    <div className="pf-table-scroll" tabIndex={0} role="region" aria-label="The capacities planned, node by node">
      <table role="table" className="nhsuk-table pf-table pf-table--compact pf-table--cards" data-testid="joint-plan-nodes">
        <thead role="rowgroup" className="pf-table__head--labels">
          <tr role="row">
            <th role="columnheader" scope="col">Node</th>
            <th role="columnheader" scope="col">Beds tried</th>
            <th role="columnheader" scope="col">Baseline</th>
            <th role="columnheader" scope="col">{bestWord(summary)}</th>
            <th role="columnheader" scope="col">95 % interval</th>
            {target && <th role="columnheader" scope="col">With one bed fewer</th>}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {summary.nodes.map((node) => (
            <tr role="row" key={node.id} data-node={node.id}>
              <th role="rowheader" scope="row" data-label="Node">
                {node.id} ({node.pathway})
              </th>
              <td role="cell" data-label="Beds tried">
                {formatWhole(node.range.low)} to {formatWhole(node.range.high)}
              </td>
              <td role="cell" data-label="Baseline">
                {node.baseline === undefined ? 'calendar or unlimited' : formatWhole(node.baseline)}
              </td>
              <td role="cell" data-label={bestWord(summary)} data-testid="joint-plan-best">
                {node.best === undefined ? 'not met' : formatWhole(node.best)}
              </td>
              <td role="cell" data-label="95 % interval" data-testid="joint-plan-interval">
                {intervalText(node)}
              </td>
              {target && (
                <td role="cell" data-label="With one bed fewer" data-testid="joint-plan-below">
                  {node.targetBelow ? `${decisionText(node.targetBelow)}: ${readingText(node.targetBelow, target)}` : 'the fewest beds tried'}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlanFigures({ summary }: { summary: JointPlanSummary }) {
  const { planned, baseline, saving } = summary;
  const target = summary.objective.kind === 'target' ? summary.objective.target : undefined;
  const row = (key: string, value: ReactNode, testId?: string) => (
    <SummaryRow label={key} testId={testId}>
      {value}
    </SummaryRow>
  );
  return (
    <dl className="nhsuk-summary-list" data-testid="joint-plan-summary">
      {target && row('Target', statusText(summary), 'joint-plan-target-status')}
      {!summary.found && target && summary.targetAtTop && row('At the top of every range', `the target’s metric is ${figureAgainst(summary.targetAtTop.mean, target.limit)} a day on the search’s replications: widen the ranges or relax the target`)}
      {planned &&
        row(
          `Expected system cost at it, ${basisPhrase(summary.costBasis)}`,
          <>
            {formatPounds(planned.cost.mean)} (95 % CI {formatInterval(planned.cost.low, planned.cost.high)}): delayed discharges {formatPoundsShort(planned.delayCost.mean)}, community{' '}
            {formatPoundsShort(planned.communityCost.mean)}. Re-priced on fresh replications {formatWhole(summary.repricedOn.first)} to {formatWhole(summary.repricedOn.last)}, which the
            search did not use{summary.searchCost ? ` (the search’s own, biased low, was ${formatPounds(summary.searchCost.mean)})` : ''}.
          </>,
          'joint-plan-cost',
        )}
      {planned &&
        row(
          'Delayed bed-days at it',
          `${formatWhole(planned.delayedBedDays.mean)} over ${summary.days} days (95 % CI ${formatInterval(planned.delayedBedDays.low, planned.delayedBedDays.high, 'number')})`,
          'joint-plan-delays',
        )}
      {target && summary.targetAt && row('Target metric at it', readingText(summary.targetAt, target), 'joint-plan-target-at')}
      {baseline
        ? row(
            'Against the baseline',
            `${saving ? describeDifference(saving) : formatPoundsShort(baseline.cost.mean)}; at the baseline ${formatPoundsShort(baseline.cost.mean)} and ${formatWhole(baseline.delayedBedDays.mean)} delayed bed-days`,
            'joint-plan-saving',
          )
        : row('Against the baseline', 'no baseline: a chosen node’s capacity follows a calendar or is unlimited', 'joint-plan-saving')}
    </dl>
  );
}
