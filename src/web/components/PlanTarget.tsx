/**
 * Plan capacity's service target, beside the form and the answer: the chosen metric defined in
 * plain words (with the choice between a typical run's busy day and a bad day for the
 * delayed-patients percentile), and the confident answer's status, the metric at the answer and
 * one place less, and the point estimate, labelled as not the answer.
 */
import type { TargetAnswer } from '../../engine/nodeTarget.js';
import { TARGET_METRIC_DEFINITIONS, type ServiceTarget, type TargetMetric } from '../../engine/serviceTarget.js';
import { boundaryText, pointText, statusText } from './nodeTargetWords.js';
import { SummaryRow } from './SummaryRow.js';

/** What the chosen metric is, and for the percentile how its two readings differ. */
export function TargetMetricHint({ metric }: { metric: TargetMetric }) {
  const definition = TARGET_METRIC_DEFINITIONS[metric];
  const percentile = metric === 'p95-delayed-per-run' || metric === 'p95-delayed-all-days';
  return (
    <div className="nhsuk-hint" data-testid="plan-target-definition">
      <p className="nhsuk-body-s">
        {definition.label}: {definition.formula}; {definition.summaryCsv}.
      </p>
      {percentile && (
        <p className="nhsuk-body-s">
          Two readings of “patients delayed on a busy day”: a <strong>typical run</strong> takes each simulated run’s 95th percentile of days and averages them; a{' '}
          <strong>bad day</strong> takes the 95th percentile of every day of every run, as Results’ p95 does. The bad day is the larger, and needs more capacity to meet the same limit.
        </p>
      )}
      <p className="nhsuk-body-s">The answer meets the target with 95 % confidence: more replications are simulated near the boundary until that is clear, or a budget of 16 times the replications is spent.</p>
    </div>
  );
}

/** The confident answer's rows in the results' summary list. */
export function TargetAnswerRows({ answer, target, units, replications }: { answer: TargetAnswer; target: ServiceTarget; units: string; replications: number }) {
  const row = (key: string, value: string, testId: string) => (
    <SummaryRow label={key} testId={testId}>
      {value}
    </SummaryRow>
  );
  return (
    <>
      {row('How sure', statusText(answer, units), 'plan-target-status')}
      {row(answer.status === 'unattainable' ? 'Target metric at the largest capacity tried' : 'Target metric at it', boundaryText(answer.at, target, answer.confidence), 'plan-target-at')}
      {answer.below && row(`With one place less, ${answer.below.capacity}`, boundaryText(answer.below, target, answer.confidence), 'plan-target-below')}
      {row('Point estimate (not the answer)', pointText(answer, units, replications), 'plan-target-point')}
    </>
  );
}
