/** Calibration: the capacity (or length of stay) that best reproduces the observed delays, flagged as inferred. */
import type { Calibration } from '../../../backtest/backtest.js';
import { formatOne } from '../../format.js';

export function CalibrationTable({ calibrations }: { calibrations: Calibration[] }) {
  return (
    <div className="pf-table-scroll" tabIndex={0} role="region" aria-label="Calibration">
      <table className="nhsuk-table pf-table pf-table--compact" data-testid="calibration-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">Calibration (inferred from the delays, not measured)</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Series</th>
            <th scope="col">In the model</th>
            <th scope="col">Best reproduces the delays (95% interval)</th>
            <th scope="col">Multiplier</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {calibrations.map((c) => (
            <tr key={c.name}>
              <th scope="row">
                {c.name} ({c.parameter === 'capacity' ? 'capacity' : 'mean length of stay'})
              </th>
              <td>{formatOne(c.modelValue)}</td>
              <td>
                {formatOne(c.value)} ({formatOne(c.valueLow)}–{formatOne(c.valueHigh)}){c.atEdge ? ', at the edge of the range searched' : ''}
                {c.fitPValue < 0.05 ? '; no multiplier alone reproduces what happened' : ''}
              </td>
              <td>×{c.estimate.toLocaleString('en-GB', { maximumFractionDigits: 3 })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
