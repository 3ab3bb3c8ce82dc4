/**
 * Arrivals: each node's daily referral series drawn as a chart, and tools that reshape a
 * series the way planners think about demand: a day-of-week pattern, a % change, and an
 * uplift over a date range (a winter surge).
 */
import { useMemo, useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { applyDateRangeUplift, applyDayOfWeekPattern, applyPercentChange, parseNumber, updateNode, WEEKDAYS } from '../modelEdits.js';
import { formatOne } from '../format.js';
import { scenarioStyle } from '../palette.js';
import { EChart, type ChartOption } from './EChart.js';

type Target = 'node' | 'all';

export function ArrivalsEditor({ model, onChange }: { model: ModelSpec; onChange: (model: ModelSpec) => void }) {
  const [nodeId, setNodeId] = useState(model.nodes[0]?.id ?? '');
  const node = model.nodes.find((n) => n.id === nodeId) ?? model.nodes[0];
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
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatOne(v) },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: '#212b32' } },
      xAxis: { type: 'category', data: model.dates, axisLabel: { color: '#212b32' } },
      yAxis: { type: 'value', name: 'referrals a day', axisLabel: { color: '#212b32' }, nameTextStyle: { color: '#212b32' } },
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
      next = updateNode(next, n.id, (m) => ({ ...m, arrivals: m.arrivals.map((a) => (a.name === arrival.name ? { ...a, daily: transform(a.daily) } : a)) }));
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
    <section aria-labelledby="edit-arrivals" className="pf-section">
      <h2 id="edit-arrivals" className="nhsuk-heading-m">
        Arrivals
      </h2>
      <div className="pf-controls">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="arrivals-node">
            Node
          </label>
          <select className="nhsuk-select" id="arrivals-node" value={node.id} onChange={(e) => setNodeId(e.target.value)}>
            {model.nodes.map((n) => (
              <option key={n.id}>{n.id}</option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="arrivals-scenario">
            Arrival scenario
          </label>
          <select className="nhsuk-select" id="arrivals-scenario" value={arrival.name} onChange={(e) => setScenario(e.target.value)}>
            {node.arrivals.map((a) => (
              <option key={a.name}>{a.name}</option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="arrivals-target">
            Apply tools to
          </label>
          <select className="nhsuk-select" id="arrivals-target" value={target} onChange={(e) => setTarget(e.target.value as Target)}>
            <option value="node">this node only</option>
            <option value="all">this scenario at every node</option>
          </select>
        </div>
      </div>
      <p className="nhsuk-body-s">
        {node.id} {arrival.name}: {formatOne(total)} referrals over {model.dates.length} days ({formatOne(total / model.dates.length)} a day on average).
      </p>
      <EChart option={option} label={`Daily referrals at ${node.id}, every arrival scenario; ${arrival.name} is drawn thicker`} height={240} />

      <div className="pf-tools">
        <form
          className="pf-tool"
          onSubmit={(e) => {
            e.preventDefault();
            if (weightsError) return;
            const w = weightValues.map((v) => ('value' in v ? (v.value ?? 0) : 0));
            apply((daily) => applyDayOfWeekPattern(daily, model.dates, w), 'The day-of-week pattern');
          }}
        >
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Day-of-week pattern</legend>
            <div className="nhsuk-hint">Relative weights, rescaled to average 1, so a week's total is kept.</div>
            {weightsError && <span className="nhsuk-error-message">{weightsError}</span>}
            <div className="pf-weekdays">
              {WEEKDAYS.map((day, i) => (
                <div className="nhsuk-form-group" key={day}>
                  <label className="nhsuk-label" htmlFor={`weight-${i}`}>
                    {day.slice(0, 3)}
                    <span className="nhsuk-u-visually-hidden">{day.slice(3)}</span>
                  </label>
                  <input
                    className="nhsuk-input nhsuk-input--width-3"
                    id={`weight-${i}`}
                    inputMode="decimal"
                    value={weights[i]}
                    onChange={(e) => setWeights(weights.map((w, j) => (j === i ? e.target.value : w)))}
                  />
                </div>
              ))}
            </div>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={!!weightsError}>
              Apply pattern
            </button>
          </fieldset>
        </form>

        <form
          className="pf-tool"
          onSubmit={(e) => {
            e.preventDefault();
            if ('value' in percentValue && percentValue.value !== undefined) {
              const p = percentValue.value;
              apply((daily) => applyPercentChange(daily, p), `A ${p}% change`);
            }
          }}
        >
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Change every day by a percentage</legend>
            <div className={`nhsuk-form-group${'error' in percentValue ? ' nhsuk-form-group--error' : ''}`}>
              <label className="nhsuk-label" htmlFor="percent-change">
                Change (%)
              </label>
              {'error' in percentValue && <span className="nhsuk-error-message">{percentValue.error}</span>}
              <input className="nhsuk-input nhsuk-input--width-4" id="percent-change" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />
            </div>
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={'error' in percentValue}>
              Apply change
            </button>
          </fieldset>
        </form>

        <form
          className="pf-tool"
          onSubmit={(e) => {
            e.preventDefault();
            if (!rangeError && 'value' in upliftValue && upliftValue.value !== undefined) {
              const p = upliftValue.value;
              apply((daily) => applyDateRangeUplift(daily, model.dates, from, to, p), `A ${p}% uplift from ${from} to ${to}`);
            }
          }}
        >
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Uplift over a date range (e.g. a winter surge)</legend>
            {rangeError && <span className="nhsuk-error-message">{rangeError}</span>}
            <div className="pf-controls">
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="uplift-from">
                  From
                </label>
                <input className="nhsuk-input" type="date" id="uplift-from" min={model.dates[0]} max={model.dates[model.dates.length - 1]} value={from} onChange={(e) => setFrom(e.target.value)} />
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="uplift-to">
                  To
                </label>
                <input className="nhsuk-input" type="date" id="uplift-to" min={model.dates[0]} max={model.dates[model.dates.length - 1]} value={to} onChange={(e) => setTo(e.target.value)} />
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor="uplift-percent">
                  Uplift (%)
                </label>
                <input className="nhsuk-input nhsuk-input--width-4" id="uplift-percent" inputMode="decimal" value={uplift} onChange={(e) => setUplift(e.target.value)} />
              </div>
            </div>
            {'error' in upliftValue && <span className="nhsuk-error-message">{upliftValue.error}</span>}
            <button type="submit" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" disabled={!!rangeError || 'error' in upliftValue}>
              Apply uplift
            </button>
          </fieldset>
        </form>
      </div>
      <p className="nhsuk-body-s" role="status" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
