/**
 * Arrivals: each node's daily referral series drawn as a chart, and tools that reshape a
 * series the way planners think about demand: a day-of-week pattern, a % change, and an
 * uplift over a date range (a winter surge).
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { applyDateRangeUplift, applyDayOfWeekPattern, applyPercentChange, parseNumber, updateNode, WEEKDAYS } from '../modelEdits.js';
import { formatOne } from '../format.js';
import { formatShortDate } from '../../report/format.js';
import { scenarioStyle } from '../palette.js';
import { EChart, type ChartOption } from './EChart.js';
import { SelectField, TextField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { BOUNDS, formatBoundNumber } from '../../engine/bounds.js';

type Target = 'node' | 'all';

export function ArrivalsEditor({ model, onChange }: { model: ModelSpec; onChange: (model: ModelSpec) => void }) {
  // In a network, nodes fed only by other nodes (and exits) have no arrivals of their own.
  const withArrivals = useMemo(() => model.nodes.filter((n) => n.arrivals.length > 0), [model.nodes]);
  const [nodeId, setNodeId] = useState(withArrivals[0]?.id ?? '');
  const node = withArrivals.find((n) => n.id === nodeId) ?? withArrivals[0];
  const [scenario, setScenario] = useState(node?.arrivals[0]?.name ?? '');
  const arrival = node?.arrivals.find((a) => a.name === scenario) ?? node?.arrivals[0];
  const [target, setTarget] = useState<Target>('node');
  const [weights, setWeights] = useState(['1', '1', '1', '1', '1', '0.6', '0.6']);
  const [percent, setPercent] = useState('10');
  const [from, setFrom] = useState(model.dates[0] ?? '');
  const [to, setTo] = useState(model.dates[Math.min(model.dates.length - 1, 30)] ?? '');
  const [uplift, setUplift] = useState('15');
  const [message, setMessage] = useState('');

  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 28, top: 32, bottom: 30, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatOne(v) },
      xAxis: { type: 'category', name: 'date', nameLocation: 'middle', nameGap: 28, data: model.dates.map(formatShortDate), axisLabel: { color: '#212b32', hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' }, nameTextStyle: { color: '#212b32' } },
      yAxis: { type: 'value', name: 'referrals a day', axisLabel: { color: '#212b32', hideOverlap: true }, nameTextStyle: { color: '#212b32', align: 'left' } },
      series: (node?.arrivals ?? []).map((a, i) => ({
        name: a.name,
        type: 'line',
        data: a.daily,
        symbol: 'none',
        lineStyle: { color: scenarioStyle(i).colour, type: scenarioStyle(i).dash, width: a.name === arrival?.name ? 2.5 : 1.5 },
        itemStyle: { color: scenarioStyle(i).colour },
      })),
    }),
    [model.dates, node, arrival?.name],
  );

  if (!node || !arrival) return null;

  const apply = (transform: (daily: readonly number[]) => number[], description: string) => {
    let next = model;
    let count = 0;
    for (const n of model.nodes) {
      if (target === 'node' && n.id !== node.id) continue;
      if (!n.arrivals.some((a) => a.name === arrival.name)) continue;
      const daily = transform(n.arrivals.find((a) => a.name === arrival.name)!.daily);
      // The same bound as a workbook's arrivals cell: the tool is refused, not the model broken.
      if (daily.some((value) => !(value <= BOUNDS.arrivals.max))) {
        setMessage(`${description} was not applied: it would take ${n.id} ${arrival.name} above ${formatBoundNumber(BOUNDS.arrivals.max)} ${BOUNDS.arrivals.unit}.`);
        return;
      }
      next = updateNode(next, n.id, (m) => ({ ...m, arrivals: m.arrivals.map((a) => (a.name === arrival.name ? { ...a, daily } : a)) }));
      count++;
    }
    onChange(next);
    setMessage(`${description} applied to ${arrival.name} at ${count === 1 ? node.id : `${count} nodes`}.`);
  };

  const weightValues = weights.map((w) => parseNumber(w, { min: 0 }));
  const weightsError = weightValues.some((w) => 'error' in w) ? 'Each weight must be a number, 0 or more' : weightValues.every((w) => 'value' in w && w.value === 0) ? 'At least one weight must be above 0' : undefined;
  const percentValue = parseNumber(percent, { min: -100 });
  const upliftValue = parseNumber(uplift, { min: -100 });
  const rangeError = !model.dates.includes(from) || !model.dates.includes(to) ? 'Both dates must be in the horizon' : from > to ? 'The start must not be after the end' : undefined;
  const total = arrival.daily.reduce((a, b) => a + b, 0);

  return (
    <PageSection id="edit-arrivals" heading="Arrivals">
      <div className="pf-controls">
        <SelectField id="arrivals-node" label="Node" value={node.id} onChange={setNodeId}>
          {withArrivals.map((n) => (
            <option key={n.id}>{n.id}</option>
          ))}
        </SelectField>
        <SelectField id="arrivals-scenario" label="Arrival scenario" value={arrival.name} onChange={setScenario}>
          {node.arrivals.map((a) => (
            <option key={a.name}>{a.name}</option>
          ))}
        </SelectField>
        <SelectField id="arrivals-target" label="Apply tools to" value={target} onChange={(value) => setTarget(value as Target)}>
          <option value="node">this node only</option>
          <option value="all">this scenario at every node</option>
        </SelectField>
      </div>
      <p className="nhsuk-body-s">
        {node.id} {arrival.name}: {formatOne(total)} referrals over {model.dates.length} days ({formatOne(total / model.dates.length)} a day on average).
      </p>
      <EChart
        option={option}
        label={`Daily referrals at ${node.id}, every arrival scenario; ${arrival.name} is drawn thicker`}
        legend={node.arrivals.map((a, i) => ({ label: a.name, description: a.description, colour: scenarioStyle(i).colour, dash: scenarioStyle(i).dash }))}
        height={240}
      />

      <div className="pf-tools">
        <Tool
          legend="Day-of-week pattern"
          submit="Apply pattern"
          disabled={!!weightsError}
          onSubmit={() => {
            const w = weightValues.map((v) => ('value' in v ? (v.value ?? 0) : 0));
            apply((daily) => applyDayOfWeekPattern(daily, model.dates, w), 'The day-of-week pattern');
          }}
        >
          <div className="nhsuk-hint">Relative weights, rescaled to average 1, so a week's total is kept.</div>
          {weightsError && <span className="nhsuk-error-message">{weightsError}</span>}
          <div className="pf-weekdays">
            {WEEKDAYS.map((day, i) => (
              <TextField
                key={day}
                id={`weight-${i}`}
                label={
                  <>
                    {day.slice(0, 3)}
                    <span className="nhsuk-u-visually-hidden">{day.slice(3)}</span>
                  </>
                }
                width={3}
                inputMode="decimal"
                value={weights[i]}
                onChange={(text) => setWeights(weights.map((w, j) => (j === i ? text : w)))}
              />
            ))}
          </div>
        </Tool>

        <Tool
          legend="Change every day by a percentage"
          submit="Apply change"
          disabled={'error' in percentValue}
          onSubmit={() => {
            if ('value' in percentValue && percentValue.value !== undefined) {
              const p = percentValue.value;
              apply((daily) => applyPercentChange(daily, p), `A ${p}% change`);
            }
          }}
        >
          <div className={`nhsuk-form-group${'error' in percentValue ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="percent-change">
              Change (%)
            </label>
            {'error' in percentValue && <span className="nhsuk-error-message">{percentValue.error}</span>}
            <input className="nhsuk-input nhsuk-input--width-4" id="percent-change" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />
          </div>
        </Tool>

        <Tool
          legend="Uplift over a date range (e.g. a winter surge)"
          submit="Apply uplift"
          disabled={!!rangeError || 'error' in upliftValue}
          onSubmit={() => {
            if (!rangeError && 'value' in upliftValue && upliftValue.value !== undefined) {
              const p = upliftValue.value;
              apply((daily) => applyDateRangeUplift(daily, model.dates, from, to, p), `A ${p}% uplift from ${formatShortDate(from)} to ${formatShortDate(to)}`);
            }
          }}
        >
          {rangeError && <span className="nhsuk-error-message">{rangeError}</span>}
          <div className="pf-controls">
            <TextField id="uplift-from" label="From" type="date" min={model.dates[0]} max={model.dates[model.dates.length - 1]} value={from} onChange={setFrom} />
            <TextField id="uplift-to" label="To" type="date" min={model.dates[0]} max={model.dates[model.dates.length - 1]} value={to} onChange={setTo} />
            <TextField id="uplift-percent" label="Uplift (%)" width={4} inputMode="decimal" value={uplift} onChange={setUplift} />
          </div>
          {'error' in upliftValue && <span className="nhsuk-error-message">{upliftValue.error}</span>}
        </Tool>
      </div>
      <p className="nhsuk-body-s" role="status" aria-live="polite">
        {message}
      </p>
    </PageSection>
  );
}

/** The tools share one layout, so each reads the same; a disabled tool ignores Enter as well as clicks. */
function Tool({ legend, submit, disabled, onSubmit, children }: { legend: string; submit: string; disabled: boolean; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="pf-tool"
      onSubmit={(e) => {
        e.preventDefault();
        if (!disabled) onSubmit();
      }}
    >
      <fieldset className="nhsuk-fieldset">
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {children}
        <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={disabled}>
          {submit}
        </button>
      </fieldset>
    </form>
  );
}
