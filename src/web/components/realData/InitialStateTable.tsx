/** Each node's state at the snapshot, small counts shown as "1–4" when withheld. */
import type { EpisodeFit } from '../../../fit/fitEpisodes.js';
import { countText } from '../../../fit/smallCounts.js';
import { formatWhole } from '../../format.js';

export function InitialStateTable({ fit, suppress }: { fit: EpisodeFit; suppress: boolean }) {
  const count = (value: number) => countText(value, suppress, formatWhole);
  return (
    <div className="pf-table-scroll" tabIndex={0} role="region" aria-label="State at the snapshot">
      <table className="nhsuk-table pf-table pf-table--compact" data-testid="initial-state">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">State at the end of {fit.snapshot} (the snapshot), the model&rsquo;s day 0</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Node</th>
            <th scope="col">In service</th>
            <th scope="col">Waiting</th>
            <th scope="col">Capacity (inferred)</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {fit.nodes.map(({ series, initial }) => (
            <tr key={series.node}>
              <th scope="row">{series.node}</th>
              <td>{count(initial.inService)}</td>
              <td>{count(initial.waiting)}</td>
              <td>
                {initial.capacity.waitedInWindow ? '' : 'at least '}
                {count(initial.capacity.value)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
