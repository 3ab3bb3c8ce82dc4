/**
 * "Compared with your previous run": after an edit and a new run, the previous run's system
 * totals beside the new ones, and the difference, so a change reads as a difference without
 * making scenarios by hand. Only one previous run is kept.
 */
import { useMemo } from 'react';
import { runDifference, type LabelChange } from '../../engine/runDifference.js';
import type { SystemView } from '../../engine/systemView.js';
import type { Estimate } from '../../engine/statistics.js';
import { changeWords } from '../../report/plainSummary.js';
import type { DifferenceUnit } from '../../report/difference.js';
import { formatPoundsShort, formatWhole } from '../../report/format.js';
import { PageSection } from './PageSection.js';
import { basisPhrase } from './CostBasisControl.js';

export interface PreviousRun {
  view: SystemView;
  seed: number;
}

interface BeforeAfterProps {
  previous: PreviousRun;
  current: PreviousRun;
  /** Labels the scenario picker shows; the baseline is shown whatever it says. */
  labels: readonly string[];
  onForget: () => void;
}

export function BeforeAfter({ previous, current, labels, onForget }: BeforeAfterProps) {
  const compared = useMemo(() => runDifference(previous, current), [previous, current]);
  const shown = compared.changes.filter((c) => c.label === current.view.baseline || labels.includes(c.label));
  return (
    <PageSection id="before-after-heading" heading="Compared with your previous run" testId="before-after">
      <p className="nhsuk-body-s" data-testid="before-after-pairing">
        {compared.paired
          ? `Both runs used seed ${current.seed} and ${formatWhole(current.view.replications)} replications, so the difference is paired replication by replication: the same patients in both, and a node you did not change adds nothing.`
          : `The runs used different seeds or numbers of replications (seed ${previous.seed}, ${formatWhole(previous.view.replications)} replications before; seed ${current.seed}, ${formatWhole(current.view.replications)} now), so nothing can be paired: the intervals are unpaired (Welch) and much wider.`}{' '}
        New run minus previous run; costs {basisPhrase(current.view.basis)} for both.
      </p>
      {shown.length === 0 ? (
        <p className="nhsuk-body">No scenario is in both runs.</p>
      ) : (
        <div className="pf-table-scroll" tabIndex={0} role="region" aria-labelledby="before-after-heading">
          <table className="nhsuk-table pf-table" data-testid="before-after-table">
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col">Scenario</th>
                <th scope="col">Measure</th>
                <th scope="col" className="nhsuk-table__header--numeric">
                  Previous
                </th>
                <th scope="col" className="nhsuk-table__header--numeric">
                  New
                </th>
                <th scope="col">Difference (95 % CI)</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">{shown.map((c) => <ChangeRows key={c.label} change={c} />)}</tbody>
          </table>
        </div>
      )}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onForget} data-testid="forget-previous">
        Forget previous run
      </button>
    </PageSection>
  );
}

const MEASURES = [
  { measure: 'patientsDelayed', title: 'Patients delayed', show: formatWhole, unit: 'number', what: { more: 'more', fewer: 'fewer', unclear: 'patients delayed' } },
  { measure: 'delayedBedDays', title: 'Delayed bed-days', show: formatWhole, unit: 'number', what: { more: 'more', fewer: 'fewer', unclear: 'delayed bed-days' } },
  { measure: 'totalCost', title: 'Total cost', show: formatPoundsShort, unit: 'pounds', what: { more: 'more', fewer: 'less', unclear: 'total cost' } },
] as const;

/** An exact zero (an unchanged model, paired) is said plainly rather than as an interval from 0 to 0. */
function differenceText(d: Estimate, what: Parameters<typeof changeWords>[1], unit: DifferenceUnit): string {
  return d.mean === 0 && d.low === 0 && d.high === 0 ? 'none: exactly the same' : changeWords(d, what, unit);
}

function ChangeRows({ change }: { change: LabelChange }) {
  return (
    <>
      {MEASURES.map(({ measure, title, show, unit, what }, i) => (
        <tr className="nhsuk-table__row" key={measure} data-label={change.label} data-measure={measure}>
          {i === 0 && (
            <th scope="rowgroup" rowSpan={MEASURES.length} className="nhsuk-table__cell">
              {change.label}
            </th>
          )}
          <td className="nhsuk-table__cell">{title}</td>
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{show(change.before[measure].mean)}</td>
          <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{show(change.after[measure].mean)}</td>
          <td className="nhsuk-table__cell" data-testid="before-after-difference">
            {differenceText(change.difference[measure], what, unit)}
          </td>
        </tr>
      ))}
    </>
  );
}
