/**
 * The comparison table, as IPACS's: one row per pathway x locality x scenario with the
 * horizon means, capacity and utilisation (as the report's), sortable by any column and
 * filtered by pathway and locality. On a phone each row becomes a card of labelled values
 * (app.css); the explicit ARIA table roles keep it a table to a screen reader, which some
 * browsers forget once CSS changes a table's display.
 */
import { useMemo, useState } from 'react';
import type { RunResult } from '../../engine/run.js';
import type { ScenarioSummary } from '../../engine/summary.js';
import type { ModelSpec } from '../../engine/model.js';
import { isUnrestricted } from '../../engine/model.js';
import { costBasisOf, priceScenario } from '../../engine/costBasis.js';
import { formatPercent } from '../../report/format.js';
import { formatOne, formatPounds, formatWhole, scenarioLabel } from '../format.js';
import { SelectField } from './FormField.js';
import { HelpLink } from './HelpLink.js';
import { PageSection } from './PageSection.js';

interface Column {
  id: string;
  title: string;
  numeric: boolean;
  value: (s: ScenarioSummary) => number | string;
  show: (s: ScenarioSummary) => string;
}

const BASE_COLUMNS: Column[] = [
  { id: 'pathway', title: 'Pathway', numeric: false, value: (s) => s.key.pathway, show: (s) => s.key.pathway },
  { id: 'locality', title: 'Locality', numeric: false, value: (s) => s.key.locality, show: (s) => s.key.locality },
  { id: 'scenario', title: 'Scenario', numeric: false, value: (s) => scenarioLabel(s.key), show: (s) => scenarioLabel(s.key) },
  {
    id: 'capacity',
    title: 'Capacity',
    numeric: true,
    // Unrestricted sorts above every number.
    value: (s) => (isUnrestricted(s.key.capacity) ? Infinity : s.key.capacity),
    show: (s) => (isUnrestricted(s.key.capacity) ? 'unrestricted' : Number.isInteger(s.key.capacity) ? formatWhole(s.key.capacity) : formatOne(s.key.capacity)),
  },
  { id: 'occ', title: 'Mean in service', numeric: true, value: (s) => s.horizon.meanOccupancy.mean, show: (s) => formatOne(s.horizon.meanOccupancy.mean) },
  { id: 'niq', title: 'Mean delayed', numeric: true, value: (s) => s.horizon.meanQueue.mean, show: (s) => formatOne(s.horizon.meanQueue.mean) },
  { id: 'wait', title: 'Mean days delayed', numeric: true, value: (s) => s.horizon.meanWait, show: (s) => formatOne(s.horizon.meanWait) },
  {
    id: 'utilisation',
    title: 'Utilisation',
    numeric: true,
    value: (s) => s.horizon.utilisation ?? -1,
    show: (s) => (s.horizon.utilisation === null ? '–' : formatPercent(s.horizon.utilisation)),
  },
];

/** The cost column on the model's basis, as the system view and Plan capacity price it. */
function costColumn(model: ModelSpec): Column {
  const basis = costBasisOf(model);
  const cost = (s: ScenarioSummary) => priceScenario(model.nodes[s.key.nodeIndex], s.key, s.horizon, basis, model.dates.length).total.mean;
  return { id: 'cost', title: `Total cost (${basis} basis)`, numeric: true, value: cost, show: (s) => formatPounds(cost(s)) };
}

type Direction = 'ascending' | 'descending';

/** The glossary entry behind each column's heading. */
const COLUMN_HELP: Record<string, string> = { pathway: 'pathways', scenario: 'scenario', occ: 'occupancy', niq: 'niq', wait: 'mean-days-delayed', utilisation: 'utilisation', cost: 'total-cost' };

export function ComparisonTable({ result, labels, model, describe }: { result: RunResult; labels: string[]; model: ModelSpec; describe: (label: string) => string | undefined }) {
  const columns = useMemo(() => [...BASE_COLUMNS, costColumn(model)], [model]);
  const [sort, setSort] = useState<{ column: string; direction: Direction } | undefined>();
  const [pathway, setPathway] = useState('');
  const [locality, setLocality] = useState('');
  const pathways = useMemo(() => [...new Set(result.scenarios.map((s) => s.key.pathway))], [result]);
  const localities = useMemo(() => [...new Set(result.scenarios.map((s) => s.key.locality))], [result]);

  const rows = useMemo(() => {
    const wanted = new Set(labels);
    const filtered = result.scenarios.filter(
      (s) => wanted.has(scenarioLabel(s.key)) && (!pathway || s.key.pathway === pathway) && (!locality || s.key.locality === locality),
    );
    const column = columns.find((c) => c.id === sort?.column);
    if (!column || !sort) return filtered;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    // Array.prototype.sort is stable, so equal values keep the model's order.
    return [...filtered].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en-GB', { numeric: true }));
    });
  }, [result, labels, pathway, locality, sort, columns]);

  const toggleSort = (id: string) =>
    setSort((current) => (current?.column === id ? { column: id, direction: current.direction === 'ascending' ? 'descending' : 'ascending' } : { column: id, direction: columns.find((c) => c.id === id)?.numeric ? 'descending' : 'ascending' }));

  return (
    <PageSection id="comparison-heading" heading="Comparison">
      <div className="pf-controls">
        <SelectField id="filter-pathway" label="Pathway" value={pathway} onChange={setPathway}>
          <option value="">All pathways</option>
          {pathways.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </SelectField>
        <SelectField id="filter-locality" label="Locality" value={locality} onChange={setLocality}>
          <option value="">All localities</option>
          {localities.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </SelectField>
      </div>
      <div className="pf-table-scroll" tabIndex={0} role="region" aria-labelledby="comparison-heading">
        <table role="table" className="nhsuk-table pf-table pf-table--cards" data-testid="comparison-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Horizon means per pathway, locality and scenario ({rows.length} rows). Utilisation is mean occupancy over capacity. Select a column heading to sort.
          </caption>
          <thead role="rowgroup" className="nhsuk-table__head">
            <tr role="row" className="nhsuk-table__row">
              {columns.map((c) => (
                <th
                  key={c.id}
                  scope="col"
                  role="columnheader"
                  className={`nhsuk-table__header${c.numeric ? ' nhsuk-table__header--numeric' : ''}`}
                  aria-sort={sort?.column === c.id ? sort.direction : undefined}
                >
                  <button type="button" className="pf-sort-button" onClick={() => toggleSort(c.id)} data-testid={`sort-${c.id}`}>
                    {c.title}
                    <span aria-hidden="true" className="pf-sort-indicator">
                      {sort?.column === c.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                    </span>
                  </button>
                  {COLUMN_HELP[c.id] && <HelpLink term={COLUMN_HELP[c.id]} />}
                </th>
              ))}
            </tr>
          </thead>
          <tbody role="rowgroup" className="nhsuk-table__body">
            {rows.map((s) => (
              <tr role="row" className="nhsuk-table__row" key={s.key.id} data-scenario={s.key.id}>
                {columns.map((c) => (
                  <td role="cell" key={c.id} className={`nhsuk-table__cell${c.numeric ? ' nhsuk-table__cell--numeric' : ''}`} data-column={c.id} data-label={c.title}>
                    <span>
                      {c.show(s)}
                      {c.id === 'scenario' && describe(c.show(s)) && <span className="pf-scenario-description">{describe(c.show(s))}</span>}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </PageSection>
  );
}
