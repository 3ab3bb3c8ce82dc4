/**
 * The capacity calendar of one node and capacity scenario, as a timeline: "add 10 beds from
 * 1 Dec to 31 Mar" makes a dated period on top of the scenario's own figure; periods are
 * listed, edited and removed; the chart of capacity over the horizon follows every edit.
 * Daily and weekly cycles are shown but edited in the workbook.
 */
import { useState } from 'react';
import { kindOf, type DatedCapacityPeriod } from '../../../engine/model.js';
import { formatShortDate } from '../../../report/format.js';
import { dailyCapacity, removeCapacityPeriod, updateCapacityPeriod } from '../../networkModelEdits.js';
import { placesWord } from '../../nodeKinds.js';
import { SelectField } from '../FormField.js';
import { PageSection } from '../PageSection.js';
import { AddCapacityChangeForm } from './AddCapacityChangeForm.js';
import { CapacityChart } from './CapacityChart.js';
import { DateInput } from './DateInput.js';
import { DraftNumberInput } from './DraftNumberInput.js';
import type { DraftEditorProps } from './NetworkView.js';

export function CalendarEditor({ model, problems, onEdit }: DraftEditorProps) {
  const nodes = model.nodes.filter((node) => node.capacity.length > 0);
  const [chosenNode, setNode] = useState<string>();
  const [chosenScenario, setScenario] = useState<string>();
  const node = nodes.find((n) => n.id === chosenNode) ?? nodes.find((n) => n.capacity.some((s) => s.calendar)) ?? nodes[0];
  if (!node) return null;
  const scenario = node.capacity.find((s) => s.name === chosenScenario) ?? node.capacity[0];
  const n = model.nodes.indexOf(node);
  const s = node.capacity.indexOf(scenario);
  const calendar = scenario.calendar;
  const unit = placesWord(node);
  const at = (p: number, field: string) => problems.byPath.get(`nodes[${n}].capacity[${s}].calendar.periods[${p}].${field}`)?.[0];
  const setPeriod = (p: number, period: DatedCapacityPeriod) => onEdit(updateCapacityPeriod(model, node.id, scenario.name, p, period));

  return (
    <PageSection id="network-calendar-heading" heading="Capacity over time">
      <div className="pf-inline-fields">
        <SelectField id="calendar-node" label="Node" value={node.id} onChange={setNode}>
          {nodes.map((option) => (
            <option key={option.id} value={option.id}>
              {option.id}
            </option>
          ))}
        </SelectField>
        <SelectField id="calendar-scenario" label="Capacity scenario" value={scenario.name} onChange={setScenario}>
          {node.capacity.map((option) => (
            <option key={option.name} value={option.name}>
              {option.name}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="nhsuk-body-s">
        {node.id} has {scenario.capacity} {unit} in {scenario.name} on days no period covers ({kindOf(node) === 'visit' ? 'its caseload' : 'set in the Edit parameters tab'}).
      </p>
      <CapacityChart dates={model.dates} capacity={dailyCapacity(scenario, model.dates)} label={`${node.id} ${scenario.name} capacity`} unit={unit} />
      {calendar && 'cycleDays' in calendar ? (
        <p className="nhsuk-body-s" data-testid="calendar-cycle">
          A {calendar.cycleDays === 1 ? 'daily' : 'weekly'} cycle of {calendar.periods.length} periods: change it in the workbook’s capacity calendar sheet.
        </p>
      ) : (
        calendar && (
          <div className="pf-table-scroll" tabIndex={0} role="group" aria-label="Capacity periods">
            <table className="nhsuk-table pf-table pf-table--compact" data-testid="calendar-periods">
              <caption className="nhsuk-table__caption nhsuk-u-font-size-19">Periods</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To (included)</th>
                  <th scope="col">{`${unit[0].toUpperCase()}${unit.slice(1)}`}</th>
                  <th scope="col">
                    <span className="nhsuk-u-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {calendar.periods.map((period, p) => (
                  <tr key={p}>
                    <td>
                      <DateInput label={`Period ${p + 1} from`} value={period.from} min={model.dates[0]} max={model.dates.at(-1)} problem={at(p, 'from')} onCommit={(from) => setPeriod(p, { ...period, from })} />
                    </td>
                    <td>
                      <DateInput label={`Period ${p + 1} to`} value={period.to} min={model.dates[0]} max={model.dates.at(-1)} problem={at(p, 'to')} onCommit={(to) => setPeriod(p, { ...period, to })} />
                    </td>
                    <td>
                      <DraftNumberInput
                        value={period.capacity}
                        label={`Period ${p + 1} ${unit}`}
                        rule={{ min: 0 }}
                        problem={at(p, 'capacity')}
                        onCommit={(capacity) => setPeriod(p, { ...period, capacity: capacity ?? 0 })}
                        testId={`calendar-capacity-${p}`}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        onClick={() => onEdit(removeCapacityPeriod(model, node.id, scenario.name, p))}
                        aria-label={`Remove the period from ${formatShortDate(period.from)} to ${formatShortDate(period.to)}`}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {!(calendar && 'cycleDays' in calendar) && <AddCapacityChangeForm model={model} node={node} scenario={scenario} onEdit={onEdit} />}
    </PageSection>
  );
}
