/**
 * "Plan capacity": `pathflow optimise` in the page. The planner picks a node, its arrival
 * and LOS scenario, the objective (least cost, or a service target) and the replications
 * (costs are on the model's basis, as Results prices them); the instant analytic estimate shows at once, the simulated search runs
 * in a Web Worker, and the answer comes with its cost curve, a tornado, and a button that
 * adds the capacity to the model as a new capacity scenario of that node.
 */
import { useMemo, useState } from 'react';
import { kindOf, type ModelSpec, type NodeSpec } from '../../engine/model.js';
import { placesWord, plannableNodes } from '../nodeKinds.js';
import type { TargetMetric } from '../../engine/optimise.js';
import { TARGET_METRIC_DEFINITIONS } from '../../engine/serviceTarget.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { basisPhrase, COST_BASIS_LABELS } from './CostBasisControl.js';
import type { Objective } from '../../engine/capacityPlan.js';
import { addNodeCapacityScenario, parseNumber, plannedCapacityName } from '../modelEdits.js';
import { analyticPreview, targetOf, type PlanRequest, type PlanSummary } from '../planSummary.js';
import { planInWorker, type PlanProgress } from '../planClient.js';
import { formatOne, formatPounds, formatPoundsShort, formatWhole } from '../format.js';
import { describeDifference, formatInterval } from '../../report/difference.js';
import { SelectField, TextField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { CostCurveChart, CurveTable, TornadoChart, TornadoTable, interval, signedWhole, unitsOf } from './PlanCharts.js';
import { HelpLink } from './HelpLink.js';
import { JointPlan } from './JointPlan.js';
import { usePlanRun, type PlanRunner } from './usePlanRun.js';
import { TargetAnswerRows, TargetMetricHint } from './PlanTarget.js';

export interface PlanCapacityProps {
  model: ModelSpec;
  /** The run panel's seed (undefined while it is invalid). */
  seed: number | undefined;
  /** A new model with the planned capacity added, and what was done. */
  onApply: (model: ModelSpec, message: string) => void;
  /** Shows the cost-basis control (in the Edit tab). */
  onShowCostBasis: () => void;
}

// Labels from the one definition of each metric (engine/serviceTarget.ts).
const TARGETS: Record<TargetMetric, { label: string; unit: string; defaultLimit: string; hint: string }> = {
  'delay-days-per-patient': { label: TARGET_METRIC_DEFINITIONS['delay-days-per-patient'].label, unit: 'days', defaultLimit: '1', hint: 'Days delayed per patient, on average, at most' },
  'p95-delayed-per-run': { label: TARGET_METRIC_DEFINITIONS['p95-delayed-per-run'].label, unit: 'patients', defaultLimit: '5', hint: 'Patients delayed on a busy day of a typical run, at most' },
  'p95-delayed-all-days': { label: TARGET_METRIC_DEFINITIONS['p95-delayed-all-days'].label, unit: 'patients', defaultLimit: '5', hint: 'Patients delayed on a bad day, at most' },
  'share-ever-delayed': { label: TARGET_METRIC_DEFINITIONS['share-ever-delayed'].label, unit: '%', defaultLimit: '5', hint: 'Percentage of patients ever delayed, at most' },
};

const MAX_PLAN_REPLICATIONS = 2000;

const PLAN_RUNNER: PlanRunner<PlanRequest, PlanSummary, PlanProgress> = {
  run: planInWorker,
  noProgress: { capacities: 0, replications: 0 },
  starting: (request) => `Planning ${request.nodeId}…`,
  answered: (summary) =>
    Number.isFinite(summary.capacity)
      ? `${summary.nodeId}: ${summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} ${formatWhole(summary.capacity)} ${unitsOf(summary, summary.capacity)}${summary.target ? ` (${summary.target.status})` : ''}, ${summary.evaluations} capacities simulated in ${(summary.milliseconds / 1000).toFixed(2)} s.`
      : `${summary.nodeId}: no capacity meets the target with 95 % confidence.`,
};

/** £12k, −£59k. */

function describeObjective(objective: Objective): string {
  if (objective.kind === 'cost') return 'least expected total cost';
  const { metric, limit } = objective.target;
  if (metric === 'share-ever-delayed') return `share of patients ever delayed at most ${formatOne(limit * 100)} %`;
  if (metric === 'delay-days-per-patient') return `days delayed per patient at most ${limit} day${limit === 1 ? '' : 's'}`;
  if (metric === 'p95-delayed-all-days') return `patients delayed on a bad day (95th percentile of all days) at most ${limit}`;
  return `patients delayed on a busy day of a typical run (95th percentile) at most ${limit}`;
}

function planKey(model: ModelSpec, request: PlanRequest | undefined): string {
  const node = request && model.nodes.find((n) => n.id === request.nodeId);
  if (!request || !node) return '';
  return JSON.stringify([request, model.dates.length, { ...node, capacity: node.capacity.slice(0, 1) }]);
}

export function PlanCapacity(props: PlanCapacityProps) {
  const nodes = useMemo(() => plannableNodes(props.model), [props.model]);
  const inNetworks = props.model.nodes.length - nodes.length;
  const note = inNetworks > 0 && (
    <p className="nhsuk-body-s" data-testid="plan-network-note">
      {inNetworks} node{inNetworks === 1 ? ' is' : 's are'} simulated in a network, where capacity depends on the nodes around it: plan their beds together under
      “Plan a network” (as <code>pathflow optimise --component</code> does).{nodes.length > 0 ? ' Nodes simulated on their own are planned one at a time above it.' : ''}
    </p>
  );
  const joint = inNetworks > 0 && <JointPlan model={props.model} seed={props.seed} onApply={props.onApply} onShowCostBasis={props.onShowCostBasis} />;
  if (nodes.length === 0) {
    return (
      <div className="pf-plan" data-testid="plan-view">
        {note}
        {joint}
      </div>
    );
  }
  return (
    <>
      {note}
      <PlanCapacityForm {...props} nodes={nodes} />
      {joint}
    </>
  );
}

function PlanCapacityForm({ model, nodes, seed, onApply, onShowCostBasis }: PlanCapacityProps & { nodes: NodeSpec[] }) {
  const [nodeId, setNodeId] = useState(nodes[0].id);
  const node = nodes.find((n) => n.id === nodeId) ?? nodes[0];
  const [arrivalName, setArrivalName] = useState('');
  const [losName, setLosName] = useState('');
  const arrivalIndex = Math.max(0, node.arrivals.findIndex((s) => s.name === arrivalName));
  const losIndex = Math.max(0, node.los.findIndex((s) => s.name === losName));
  const [objectiveKind, setObjectiveKind] = useState<'cost' | 'target'>('cost');
  const [metric, setMetric] = useState<TargetMetric>('delay-days-per-patient');
  const [limitText, setLimitText] = useState(TARGETS['delay-days-per-patient'].defaultLimit);
  // The model's basis, so a capacity costs the same here as in Results for the same replications.
  const costBasis = costBasisOf(model);
  const [replicationsText, setReplicationsText] = useState('50');
  const [changeText, setChangeText] = useState('10');

  const limit = parseNumber(limitText, { min: 0 });
  const limitError =
    objectiveKind !== 'target' ? undefined : 'error' in limit ? limit.error : metric === 'share-ever-delayed' && (limit.value ?? 0) > 100 ? 'Enter a percentage of 100 or less' : undefined;
  const replications = parseNumber(replicationsText, { integer: true, min: 2 });
  const replicationsError =
    'error' in replications ? replications.error : (replications.value ?? 0) > MAX_PLAN_REPLICATIONS ? `Enter ${formatWhole(MAX_PLAN_REPLICATIONS)} or fewer` : undefined;
  const change = parseNumber(changeText, { minExclusive: 0 });
  const changeError = 'error' in change ? change.error : (change.value ?? 0) >= 100 ? 'Enter a percentage below 100' : undefined;

  const objective: Objective | undefined =
    objectiveKind === 'cost' ? { kind: 'cost' } : !limitError && 'value' in limit && limit.value !== undefined ? { kind: 'target', target: targetOf(metric, limit.value) } : undefined;

  const preview = useMemo(() => {
    if (!objective) return undefined;
    try {
      return analyticPreview(model, { nodeId: node.id, arrivalIndex, losIndex, costBasis, objective });
    } catch (problem) {
      return problem instanceof Error ? problem.message : String(problem);
    }
    // The objective is rebuilt each render; its parts are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, node.id, arrivalIndex, losIndex, costBasis, objectiveKind, metric, objective?.kind === 'target' ? objective.target.limit : undefined]);

  const request: PlanRequest | undefined =
    objective && !replicationsError && !changeError && seed !== undefined && 'value' in replications && 'value' in change
      ? { nodeId: node.id, arrivalIndex, losIndex, objective, costBasis, replications: replications.value!, seed, sensitivity: change.value! / 100 }
      : undefined;

  const run = usePlanRun(model, request, PLAN_RUNNER);
  const { progress, outcome, error, status } = run;
  const running = progress !== undefined;

  const apply = () => {
    if (!outcome || !Number.isFinite(outcome.summary.capacity)) return;
    const { summary } = outcome;
    const name = plannedCapacityName(model, summary.capacity);
    const edit = addNodeCapacityScenario(model, summary.nodeId, name, summary.capacity);
    if (!edit.ok) {
      run.fail(edit.reason);
      return;
    }
    const message = `Added capacity scenario ${name} (${formatWhole(summary.capacity)} ${unitsOf(summary, summary.capacity)}) to ${summary.nodeId}. Run the model to compare it with the others.`;
    run.say(message);
    onApply(edit.model, message);
  };

  // A plan depends on its request and on the node's parameters, not on its other capacity
  // scenarios (only the first is the baseline): applying a plan does not make it stale.
  const stale = outcome !== undefined && planKey(outcome.model, outcome.request) !== planKey(model, request);
  const applied = outcome && model.nodes.find((n) => n.id === outcome.summary.nodeId)?.capacity.find((c) => c.capacity === outcome.summary.capacity && c.name.startsWith('Opt'));

  return (
    <div className="pf-plan" data-testid="plan-view">
      <p className="nhsuk-body">
        How many {placesWord(node)} should a node have? The capacity of least expected total cost (acute delay plus community), or the least that
        meets a service target, found by simulation with the same engine as “Run the model” and <code>pathflow optimise</code>. Every capacity tried sees the same patients.
      </p>
      <PageSection id="plan-setup-heading" heading="What to plan" className="pf-plan__setup">
        <div className="pf-controls">
          <SelectField id="plan-node" label="Node" value={node.id} onChange={setNodeId}>
            {nodes.map((n) => (
              <option key={n.id} value={n.id}>
                {n.id}
              </option>
            ))}
          </SelectField>
          <SelectField id="plan-arrivals" label="Arrival scenario" value={node.arrivals[arrivalIndex].name} onChange={setArrivalName}>
            {node.arrivals.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </SelectField>
          <SelectField id="plan-los" label="Length-of-stay scenario" value={node.los[losIndex].name} onChange={setLosName}>
            {node.los.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </SelectField>
        </div>

        <div className="pf-controls">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Objective</legend>
            <div className="nhsuk-radios nhsuk-radios--small">
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="plan-objective-cost" type="radio" name="plan-objective" checked={objectiveKind === 'cost'} onChange={() => setObjectiveKind('cost')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="plan-objective-cost">
                  Least expected total cost
                </label>
              </div>
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="plan-objective-target" type="radio" name="plan-objective" checked={objectiveKind === 'target'} onChange={() => setObjectiveKind('target')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="plan-objective-target">
                  Least capacity meeting a service target
                </label>
              </div>
            </div>
          </fieldset>
          <div className="nhsuk-form-group" data-testid="plan-basis">
            <p className="nhsuk-label nhsuk-u-font-weight-bold">
              Cost of community capacity <HelpLink term="cost-basis" />
            </p>
            <p className="nhsuk-body-s">
              {COST_BASIS_LABELS[costBasis]}: the model’s cost basis, as in Results.{' '}
              <button type="button" className="pf-link-button" onClick={onShowCostBasis} data-testid="plan-basis-change">
                Change the cost basis
              </button>
            </p>
          </div>
        </div>

        {objectiveKind === 'target' && (
          <div className="pf-controls">
            <SelectField
              id="plan-target-metric"
              label="Service target"
              help={<HelpLink term="service-target" />}
              value={metric}
              onChange={(value) => {
                const next = value as TargetMetric;
                setMetric(next);
                setLimitText(TARGETS[next].defaultLimit);
              }}
            >
              {(Object.keys(TARGETS) as TargetMetric[]).map((m) => (
                <option key={m} value={m}>
                  {TARGETS[m].label}
                </option>
              ))}
            </SelectField>
            <TargetMetricHint metric={metric} />
            <TextField
              id="plan-target-limit"
              label={`${TARGETS[metric].hint} (${TARGETS[metric].unit})`}
              width={5}
              inputMode="decimal"
              value={limitText}
              error={limitError}
              onChange={setLimitText}
            />
          </div>
        )}

        <div className="pf-controls">
          <TextField
            id="plan-replications"
            label="Replications per capacity"
            help={<HelpLink term="replications" />}
            width={5}
            inputMode="numeric"
            value={replicationsText}
            error={replicationsError}
            onChange={setReplicationsText}
          />
          <TextField id="plan-sensitivity" label="Sensitivity: change each input by ± (%)" help={<HelpLink term="sensitivity" />} width={5} inputMode="decimal" value={changeText} error={changeError} onChange={setChangeText} />
        </div>
        <p className="nhsuk-body-s">
          The seed is the run panel’s ({seed === undefined ? 'not valid yet' : seed}). The node’s first capacity scenario ({node.capacity[0]?.name}) is the baseline the saving is
          measured against.
        </p>
      </PageSection>

      <AnalyticPanel preview={preview} node={node} objective={objective} />

      <PageSection id="plan-run-heading" heading="Simulate">
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button" onClick={() => void run.start()} disabled={!request || running} data-testid="plan-run">
            Find the {objectiveKind === 'cost' ? 'optimum' : 'least capacity'} for {node.id}
          </button>
          {running && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={run.cancel} data-testid="plan-cancel">
              Cancel
            </button>
          )}
        </div>
        {running && (
          <p className="nhsuk-body-s" data-testid="plan-progress">
            Simulating: {progress.capacities} capacities ({formatWhole(progress.replications)} replications) so far. A search usually takes 10 to 20 capacities, and the tornado a few more.
          </p>
        )}
        {error && (
          <div className="nhsuk-error-summary" role="alert">
            <h3 className="nhsuk-error-summary__title">Planning failed</h3>
            <div className="nhsuk-error-summary__body">
              <p>{error}</p>
            </div>
          </div>
        )}
        <p className="nhsuk-body-s pf-status" role="status" aria-live="polite" data-testid="plan-status">
          {status}
        </p>
      </PageSection>

      {outcome && <PlanResults summary={outcome.summary} stale={stale} onApply={apply} applied={applied?.name} />}
    </div>
  );
}

function AnalyticPanel({ preview, node, objective }: { preview: ReturnType<typeof analyticPreview> | string | undefined; node: NodeSpec; objective: Objective | undefined }) {
  const units = unitsOf(node);
  return (
    <PageSection id="plan-analytic-heading" heading="Instant analytic estimate">
      {preview === undefined ? (
        <p className="nhsuk-body">Complete the service target to see the estimate.</p>
      ) : typeof preview === 'string' ? (
        <p className="nhsuk-body">No estimate: {preview}</p>
      ) : (
        <div className="pf-analytic" data-testid="plan-analytic">
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">
                Offered load <HelpLink term="offered-load" />
              </dt>
              <dd className="nhsuk-summary-list__value">
                {formatOne(preview.load)} {units} busy on average ({formatOne(preview.arrivalsPerDay)} referrals a day × {formatOne(preview.meanStay)} days’ mean stay, stay CV{' '}
                {preview.stayCv.toFixed(2)})
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">{objective?.kind === 'target' ? 'Least capacity meeting the target' : 'Capacity of least cost'} (steady state)</dt>
              <dd className="nhsuk-summary-list__value" data-testid="plan-analytic-capacity">
                {Number.isFinite(preview.estimate.capacity) ? (
                  <>
                    <strong>
                      {formatWhole(preview.estimate.capacity)} {units}
                    </strong>
                    : about {formatWhole(preview.estimate.delayedBedDays)} delayed bed-days and {formatPoundsShort(preview.estimate.totalCost)} over the horizon
                  </>
                ) : (
                  'none: no capacity meets it in the steady state'
                )}
              </dd>
            </div>
            {preview.baselineCapacity !== undefined && preview.atBaseline && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">At the baseline, {formatWhole(preview.baselineCapacity)} {units}</dt>
                <dd className="nhsuk-summary-list__value">
                  {preview.atBaseline.stable
                    ? `${Math.round(preview.atBaseline.utilisation * 100)} % busy; ${Math.round(preview.atBaseline.probabilityOfWaiting * 100)} % of patients wait; about ${formatWhole(preview.atBaseline.delayedBedDays)} delayed bed-days over the horizon`
                    : `demand exceeds capacity (${Math.round(preview.atBaseline.utilisation * 100)} % of it): in the steady state the queue grows without limit`}
                </dd>
              </div>
            )}
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">If unrestricted (infinite-server formula)</dt>
              <dd className="nhsuk-summary-list__value">
                expected {kindOf(node) === 'visit' ? 'caseload' : 'occupancy'} peaks at {formatOne(preview.unrestricted.peak)} on day {preview.unrestricted.peakDay}, averaging{' '}
                {formatOne(preview.unrestricted.mean)}, with the arrivals as they vary day by day
              </dd>
            </div>
          </dl>
          <p className="nhsuk-body-s" data-testid="plan-analytic-accuracy">
            How far to trust it: Erlang C (Allen–Cunneen for stays that are not exponential) treats the node as a queue in steady state. On the IPACS sample workbook, the analytic
            cost optimum was 2 to 19 places <em>above</em> the simulated one at every one of its 9 nodes, because over a 181-day horizon the initial occupants and the time to fill up keep
            queues shorter than the steady state’s (at the simulated optimum the formulas expected 1.7 to 10 times the delayed bed-days simulated). It is the search’s starting point
            and a sanity check, not the answer; the infinite-server figure is exact in expectation for unrestricted capacity. See Erlang C in the help <HelpLink term="erlang-c" />.
          </p>
        </div>
      )}
    </PageSection>
  );
}

function PlanResults({ summary, stale, onApply, applied }: { summary: PlanSummary; stale: boolean; onApply: () => void; applied?: string }) {
  const units = unitsOf(summary);
  const found = Number.isFinite(summary.capacity);
  const label = summary.objective.kind === 'cost' ? 'Optimum' : 'Least capacity';
  const [tornadoAt, setTornadoAt] = useState<'best' | 'baseline'>('best');
  const analysis = summary.sensitivity.find((s) => s.at === tornadoAt) ?? summary.sensitivity[0];
  return (
    <PageSection id="plan-result-heading" heading={<>{summary.nodeId}: {found ? `${label.toLowerCase()} ${formatWhole(summary.capacity)} ${unitsOf(summary, summary.capacity)}` : 'the target is not met'}</>} testId="plan-result">
      {stale && (
        <div className="nhsuk-inset-text" data-testid="plan-stale">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>The choices or the parameters have changed since this plan. Find the optimum again to see their effect.</p>
        </div>
      )}
      <p className="nhsuk-body-s">
        {summary.nodeId}, arrivals {summary.arrivalScenario}, length of stay {summary.losScenario}; {describeObjective(summary.objective)}, costs {basisPhrase(summary.costBasis)};{' '}
        {summary.replications} replications per capacity, {summary.evaluations} capacities searched, {formatWhole(summary.replicationsSimulated)} replications simulated in all in{' '}
        {(summary.milliseconds / 1000).toFixed(2)} s.
      </p>
      <dl className="nhsuk-summary-list" data-testid="plan-summary">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{label}</dt>
          <dd className="nhsuk-summary-list__value" data-testid="plan-optimum">
            {found ? (
              <>
                <strong>
                  {formatWhole(summary.capacity)} {units}
                </strong>{' '}
                {summary.target
                  ? `, meeting the target with ${Math.round(summary.target.confidence * 100)} % confidence (on the search’s own replications the boundary lies in ${interval(summary.low, summary.high)})`
                  : `(95 % interval ${interval(summary.low, summary.high)})`}
              </>
            ) : (
              'No capacity meets the target with 95 % confidence.'
            )}
          </dd>
        </div>
        {summary.target && summary.objective.kind === 'target' && <TargetAnswerRows answer={summary.target} target={summary.objective.target} units={units} replications={summary.replications} />}
        {summary.atPlan && (
          <>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">
                Expected total cost at it, {basisPhrase(summary.costBasis)} <HelpLink term="total-cost" />
              </dt>
              <dd className="nhsuk-summary-list__value" data-testid="plan-cost-at">
                {formatPounds(summary.atPlan.cost.mean)} (95 % CI {formatInterval(summary.atPlan.cost.low, summary.atPlan.cost.high)}): acute delay{' '}
                {formatPoundsShort(summary.atPlan.acuteCost.mean)}, community {formatPoundsShort(summary.atPlan.communityCost.mean)}. Re-priced on fresh replications{' '}
                {formatWhole(summary.repricedOn.first)} to {formatWhole(summary.repricedOn.last)}, which the search did not use: costs from the replications that chose a capacity
                are biased low{summary.searchCost ? ` (the search’s own estimate was ${formatPounds(summary.searchCost.mean)})` : ''}.
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Delays at it</dt>
              <dd className="nhsuk-summary-list__value">
                {formatWhole(summary.atPlan.delayedBedDays.mean)} delayed bed-days over {summary.days} days; {summary.atPlan.metrics['delay-days-per-patient'].mean.toFixed(2)} days delayed per patient;{' '}
                {formatOne(summary.atPlan.metrics['share-ever-delayed'].mean * 100)} % of patients ever delayed
              </dd>
            </div>
          </>
        )}
        {summary.baseline && (
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Against the baseline, {formatWhole(summary.baseline.capacity)} {units}</dt>
            <dd className="nhsuk-summary-list__value" data-testid="plan-saving">
              {summary.saving
                ? `${describeDifference(summary.saving)}; delayed bed-days ${formatWhole(summary.baseline.delayedBedDays.mean)} at the baseline`
                : `${formatPoundsShort(summary.baseline.cost.mean)}, ${formatWhole(summary.baseline.delayedBedDays.mean)} delayed bed-days`}
            </dd>
          </div>
        )}
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Analytic estimate</dt>
          <dd className="nhsuk-summary-list__value">
            {Number.isFinite(summary.analytic.capacity)
              ? `${formatWhole(summary.analytic.capacity)} ${units}${found ? ` (${signedWhole(summary.analytic.capacity - summary.capacity)} from the simulated answer)` : ''}`
              : 'none'}
          </dd>
        </div>
      </dl>
      {found && (
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onApply} disabled={stale || applied !== undefined} data-testid="plan-apply">
            Apply this capacity as a new scenario
          </button>
          {applied && (
            <p className="nhsuk-body-s" data-testid="plan-applied">
              {summary.nodeId} has it as capacity scenario {applied}: run the model to compare.
            </p>
          )}
        </div>
      )}
      <div className="pf-chart-grid pf-plan__charts">
        <CostCurveChart summary={summary} />
        {analysis && (
          <div>
            {summary.sensitivity.length > 1 && (
              <SelectField id="plan-tornado-at" label="Tornado at" value={tornadoAt} onChange={(value) => setTornadoAt(value as 'best' | 'baseline')}>
                <option value="best">the {label.toLowerCase()}</option>
                <option value="baseline">the baseline</option>
              </SelectField>
            )}
            <TornadoChart summary={summary} result={analysis.result} measure="cost" />
            <TornadoChart summary={summary} result={analysis.result} measure="delayedBedDays" />
          </div>
        )}
      </div>
      {analysis && <TornadoTable result={analysis.result} />}
      <CurveTable summary={summary} />
    </PageSection>
  );
}
