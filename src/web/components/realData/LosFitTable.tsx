/** The three fitted length-of-stay families of a node, by AIC, with mean and sd and their 95 % intervals. */
import type { Estimate, LosFit } from '../../../fit/fitLengthOfStay.js';
import { formatOne } from '../../format.js';
import { FAMILY_NAMES } from '../../realData/fitChartOptions.js';

function withInterval(estimate: Estimate): string {
  const interval = Number.isFinite(estimate.lower) && Number.isFinite(estimate.upper) ? ` (${formatOne(estimate.lower)}–${formatOne(estimate.upper)})` : ' (interval not defined)';
  return `${formatOne(estimate.value)}${interval}`;
}

export function LosFitTable({ los, node }: { los: LosFit; node: string }) {
  return (
    <div className="pf-table-scroll" tabIndex={0} role="region" aria-label={`Length-of-stay fits of ${node}`}>
      <table className="nhsuk-table pf-table pf-table--compact" data-testid="los-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          Length of stay: {los.stays} stays, {los.completed} ended, {los.censored} still in service (counted as at least their days so far)
        </caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Family</th>
            <th scope="col">AIC</th>
            <th scope="col">ΔAIC</th>
            <th scope="col">Mean days (95% interval)</th>
            <th scope="col">SD days (95% interval)</th>
            <th scope="col">Largest gap to observed</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {los.families.map((family) => (
            <tr key={family.family}>
              <th scope="row">
                {FAMILY_NAMES[family.family]}
                {family === los.chosen ? ' (chosen)' : ''}
              </th>
              <td>{formatOne(family.aic)}</td>
              <td>{formatOne(family.deltaAic)}</td>
              <td>{withInterval(family.mean)}</td>
              <td>{withInterval(family.sd)}</td>
              <td>{formatOne(100 * family.distance)} points</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
