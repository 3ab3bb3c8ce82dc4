/**
 * The system view: every scenario label as a whole system (all nodes, each on the label's
 * scenario where it has one and the baseline's where not), its totals, and its difference
 * from the chosen baseline with a 95 % interval. It replaces headline cards that set a
 * scenario of one node beside totals over all of them.
 */
import { useMemo } from 'react';
import type { CostBasis, ModelSpec } from '../../engine/model.js';
import type { RunResult } from '../../engine/run.js';
import { scenarioLabelOf, systemView, type SystemScenario, type SystemView } from '../../engine/systemView.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { BASIS_WORDS, changedNodesWords, differenceWords, plainSummary } from '../../report/plainSummary.js';
import { formatDate, formatPoundsShort, formatWhole } from '../../report/format.js';
import { SelectField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { HelpLink } from './HelpLink.js';
import { basisPhrase } from './CostBasisControl.js';

export interface SystemViews {
  /** On the model's basis. */
  view: SystemView;
  /** The same run on the other basis, for the figure a planner might compare with. */
  other: SystemView;
}

/** `baseline` undefined or not in the run: the first node's baseline scenario. */
export function useSystemViews(model: ModelSpec, result: RunResult, baseline: string | undefined): SystemViews {
  return useMemo(() => {
    const basis = costBasisOf(model);
    const known = baseline !== undefined && result.scenarios.some((s) => scenarioLabelOf(s.key) === baseline);
    const options = { baseline: known ? baseline : undefined };
    return {
      view: systemView(model, result.scenarios, { ...options, basis }),
      other: systemView(model, result.scenarios, { ...options, basis: basis === 'occupied' ? 'commissioned' : 'occupied' }),
    };
  }, [model, result, baseline]);
}

export function PlainSummaryPanel({ view, dates, labels }: { view: SystemView; dates: readonly string[]; labels: readonly string[] }) {
  const summary = useMemo(() => plainSummary(view, dates), [view, dates]);
  const shown = summary.changes.filter((c) => labels.includes(c.label));
  return (
    <PageSection id="plain-summary-heading" heading="In plain English" testId="plain-summary">
      <p className="nhsuk-body">{summary.baseline}</p>
      {shown.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {shown.map((c) => (
            <li key={c.label}>{c.text}</li>
          ))}
        </ul>
      )}
    </PageSection>
  );
}

interface SystemViewProps {
  views: SystemViews;
  dates: readonly string[];
  /** Labels the scenario picker shows; the baseline is shown whatever it says, as the reference. */
  labels: readonly string[];
  onBaseline: (label: string) => void;
  onShowCostBasis: () => void;
}

export function SystemViewSection({ views, dates, labels, onBaseline, onShowCostBasis }: SystemViewProps) {
  const { view, other } = views;
  const shown = view.scenarios.filter((s) => s.label === view.baseline || labels.includes(s.label));
  return (
    <PageSection id="system-heading" heading={<>The whole system, {formatDate(dates[0])} to {formatDate(dates[dates.length - 1])}</>} testId="system-view">
      <p className="nhsuk-body-s">
        Patients delayed <HelpLink term="delayed" />, delayed bed-days <HelpLink term="delayed-bed-days" /> and total cost <HelpLink term="total-cost" /> over the horizon{' '}
        <HelpLink term="horizon" />, totalled over all {view.nodes.length} nodes; means of {formatWhole(view.replications)} replications <HelpLink term="replications" />. A scenario <HelpLink term="scenario" /> that exists at some
        nodes only is the baseline with those nodes changed, so every figure here compares the whole system with the whole system. Differences are paired replication by replication
        (common random numbers <HelpLink term="common-random-numbers" />), with their 95 % intervals <HelpLink term="confidence-interval" />. Costs are{' '}
        <span data-testid="system-basis">{basisPhrase(view.basis)}</span> ({BASIS_WORDS[view.basis]}) <HelpLink term="cost-basis" />.{' '}
        <button type="button" className="pf-link-button" onClick={onShowCostBasis} data-testid="system-basis-change">
          Change the cost basis
        </button>
      </p>
      <SelectField id="system-baseline" label="Compare with (baseline)" help={<HelpLink term="baseline" />} value={view.baseline} onChange={onBaseline}>
        {view.scenarios.map((s) => (
          <option key={s.label} value={s.label}>
            {s.label}
          </option>
        ))}
      </SelectField>
      <ul className="pf-headline pf-system" data-testid="system-scenarios">
        {shown.map((s) => (
          <SystemCard key={s.label} scenario={s} view={view} other={other.scenarios.find((o) => o.label === s.label)} otherBasis={other.basis} />
        ))}
      </ul>
    </PageSection>
  );
}

function SystemCard({ scenario, view, other, otherBasis }: { scenario: SystemScenario; view: SystemView; other?: SystemScenario; otherBasis: CostBasis }) {
  const t = scenario.totals;
  const isBaseline = scenario.label === view.baseline;
  const words = scenario.difference && differenceWords(scenario.difference);
  return (
    <li className="pf-headline__item" data-label={scenario.label} data-testid={`system-${scenario.label}`}>
      <h3 className="nhsuk-heading-xs pf-headline__title">{scenario.label}</h3>
      <p className="nhsuk-body-s" data-testid="system-changes">
        {isBaseline ? 'The baseline' : changedNodesWords(scenario.changedNodes)}
      </p>
      <p className="pf-headline__figure">
        <span className="pf-headline__number" data-testid="system-people">
          {formatWhole(t.patientsDelayed.mean)}
        </span>{' '}
        patients delayed
      </p>
      <p className="pf-headline__figure">
        <span className="pf-headline__number" data-testid="system-bed-days">
          {formatWhole(t.delayedBedDays.mean)}
        </span>{' '}
        delayed bed-days
      </p>
      <p className="pf-headline__figure">
        <span className="pf-headline__number" data-testid="system-cost">
          {formatPoundsShort(t.totalCost.mean)}
        </span>{' '}
        total cost {basisPhrase(view.basis)}
      </p>
      {other && (
        <p className="nhsuk-body-s" data-testid="system-cost-other">
          {formatPoundsShort(other.totals.totalCost.mean)} {basisPhrase(otherBasis)}
        </p>
      )}
      {words && (
        <div className="nhsuk-body-s" data-testid="system-difference">
          <p className="nhsuk-u-margin-bottom-1">Against {view.baseline}:</p>
          <ul className="nhsuk-list nhsuk-list--bullet nhsuk-u-font-size-16">
            <li>{words.people}</li>
            <li>{words.bedDays}</li>
            <li data-testid="system-difference-cost">{words.cost}</li>
          </ul>
        </div>
      )}
    </li>
  );
}
