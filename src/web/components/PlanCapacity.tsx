/**
 * "Plan capacity": `pathflow optimise` in the page. The planner picks a node, its arrival
 * and LOS scenario, the objective (least cost, or a service target) and the replications
 * (costs are on the model's basis, as Results prices them); the instant analytic estimate shows at once, the simulated search runs
 * in a Web Worker, and the answer comes with its cost curve, a tornado, and a button that
 * adds the capacity to the model as a new capacity scenario of that node.
 */
import { useMemo, useRef, useState, type RefObject } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import type { TargetMetric } from '../../engine/optimise.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { basisPhrase, COST_BASIS_LABELS } from './CostBasisControl.js';
import type { SensitivityFactor, SensitivityResult } from '../../engine/sensitivity.js';
import type { Objective } from '../../engine/capacityPlan.js';
import { addNodeCapacityScenario, parseNumber, plannedCapacityName } from '../modelEdits.js';
import { analyticPreview, targetOf, type PlanRequest, type PlanSummary } from '../planSummary.js';
import { planInWorker, type PlanProgress } from '../planClient.js';
import { dataUrlToBytes, download, formatOne, formatPounds, formatPoundsShort, formatWhole } from '../format.js';
import { describeDifference, formatInterval } from '../../report/difference.js';
import { SCENARIO_COLOURS } from '../palette.js';
import { EChart, type ChartHandle, type ChartOption } from './EChart.js';
import { SelectField, TextField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { safeFileStem } from '../../csv/fileName.js';

export interface PlanCapacityProps {
  model: ModelSpec;
  /** The run panel's seed (undefined while it is invalid). */
  seed: number | undefined;
  /** A new model with the planned capacity added, and what was done. */
  onApply: (model: ModelSpec, message: string) => void;
  /** Shows the cost-basis control (in the Edit tab). */
  onShowCostBasis: () => void;
}

const TARGETS: Record<TargetMetric, { label: string; unit: string; defaultLimit: string; hint: string }> = {
  'mean-wait': { label: 'Mean wait in an acute bed', unit: 'days', defaultLimit: '1', hint: 'Days delayed per patient, on average, at most' },
  'p95-delayed': { label: 'Patients delayed on a busy day (95th percentile of days)', unit: 'patients', defaultLimit: '5', hint: 'Patients delayed on 95 % of days, at most' },
  'share-delayed': { label: 'Share of patients delayed at all', unit: '%', defaultLimit: '5', hint: 'Percentage of patients delayed, at most' },
};

const FACTOR_LABELS: Record<SensitivityFactor, string> = { arrivals: 'Arrivals', mean_los: 'Mean length of stay', capacity: 'Capacity' };

const MAX_PLAN_REPLICATIONS = 2000;

function unitsOf(pathway: string, count?: number): string {
  if (pathway === 'P1') return count === 1 ? 'caseload place' : 'caseload places';
  return count === 1 ? 'bed' : 'beds';
}

const interval = (low: number, high: number) => (Number.isFinite(low) ? `${formatWhole(low)} to ${Number.isFinite(high) ? formatWhole(high) : 'no upper limit'}` : '—');
const signedPounds = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${formatPoundsShort(Math.abs(x))}`;
/** £12k, −£59k. */
const signedWhole = (x: number) => `${Math.round(x) > 0 ? '+' : Math.round(x) < 0 ? '−' : ''}${formatWhole(Math.abs(x))}`;

function describeObjective(objective: Objective): string {
  if (objective.kind === 'cost') return 'least expected total cost';
  const { metric, limit } = objective.target;
  if (metric === 'share-delayed') return `share of patients delayed at most ${formatOne(limit * 100)} %`;
  if (metric === 'mean-wait') return `mean wait at most ${limit} day${limit === 1 ? '' : 's'}`;
  return `95th percentile of patients delayed at most ${limit}`;
}

function planKey(model: ModelSpec, request: PlanRequest | undefined): string {
  const node = request && model.nodes.find((n) => n.id === request.nodeId);
  if (!request || !node) return '';
  return JSON.stringify([request, model.dates.length, { ...node, capacity: node.capacity.slice(0, 1) }]);
}

export function PlanCapacity({ model, seed, onApply, onShowCostBasis }: PlanCapacityProps) {
  const [nodeId, setNodeId] = useState(model.nodes[0]?.id ?? '');
  const node = model.nodes.find((n) => n.id === nodeId) ?? model.nodes[0];
  const [arrivalName, setArrivalName] = useState('');
  const [losName, setLosName] = useState('');
  const arrivalIndex = Math.max(0, node.arrivals.findIndex((s) => s.name === arrivalName));
  const losIndex = Math.max(0, node.los.findIndex((s) => s.name === losName));
  const [objectiveKind, setObjectiveKind] = useState<'cost' | 'target'>('cost');
  const [metric, setMetric] = useState<TargetMetric>('mean-wait');
  const [limitText, setLimitText] = useState(TARGETS['mean-wait'].defaultLimit);
  // The model's basis, so a capacity costs the same here as in Results for the same replications.
  const costBasis = costBasisOf(model);
  const [replicationsText, setReplicationsText] = useState('50');
  const [changeText, setChangeText] = useState('10');
  const [progress, setProgress] = useState<PlanProgress | undefined>();
  const [outcome, setOutcome] = useState<{ summary: PlanSummary; model: ModelSpec; request: PlanRequest } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const abort = useRef<AbortController | null>(null);

  const limit = parseNumber(limitText, { min: 0 });
  const limitError =
    objectiveKind !== 'target' ? undefined : 'error' in limit ? limit.error : metric === 'share-delayed' && (limit.value ?? 0) > 100 ? 'Enter a percentage of 100 or less' : undefined;
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

  const running = progress !== undefined;

  const start = async () => {
    if (!request) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(undefined);
    setProgress({ capacities: 0, replications: 0 });
    setStatus(`Planning ${node.id}…`);
    const planned = model;
    try {
      const summary = await planInWorker(planned, request, setProgress, controller.signal);
      setOutcome({ summary, model: planned, request });
      setStatus(
        Number.isFinite(summary.capacity)
          ? `${summary.nodeId}: ${summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} ${formatWhole(summary.capacity)} ${unitsOf(summary.pathway, summary.capacity)}, ${summary.evaluations} capacities simulated in ${(summary.milliseconds / 1000).toFixed(2)} s.`
          : `${summary.nodeId}: no capacity meets the target.`,
      );
    } catch (problem) {
      if (controller.signal.aborted) setStatus('Planning cancelled.');
      else {
        setError(problem instanceof Error ? problem.message : String(problem));
        setStatus('Planning failed.');
      }
    } finally {
      if (abort.current === controller) {
        abort.current = null;
        setProgress(undefined);
      }
    }
  };

  const apply = () => {
    if (!outcome || !Number.isFinite(outcome.summary.capacity)) return;
    const { summary } = outcome;
    const name = plannedCapacityName(model, summary.capacity);
    const edit = addNodeCapacityScenario(model, summary.nodeId, name, summary.capacity);
    if (!edit.ok) {
      setError(edit.reason);
      return;
    }
    const message = `Added capacity scenario ${name} (${formatWhole(summary.capacity)} ${unitsOf(summary.pathway, summary.capacity)}) to ${summary.nodeId}. Run the model to compare it with the others.`;
    setStatus(message);
    onApply(edit.model, message);
  };

  // A plan depends on its request and on the node's parameters, not on its other capacity
  // scenarios (only the first is the baseline): applying a plan does not make it stale.
  const stale = outcome !== undefined && planKey(outcome.model, outcome.request) !== planKey(model, request);
  const applied = outcome && model.nodes.find((n) => n.id === outcome.summary.nodeId)?.capacity.find((c) => c.capacity === outcome.summary.capacity && c.name.startsWith('Opt'));

  return (
    <div className="pf-plan" data-testid="plan-view">
      <p className="nhsuk-body">
        How many {node.pathway === 'P1' ? 'caseload places' : 'beds'} should a node have? The capacity of least expected total cost (acute delay plus community), or the least that
        meets a service target, found by simulation with the same engine as “Run the model” and <code>pathflow optimise</code>. Every capacity tried sees the same patients.
      </p>
      <PageSection id="plan-setup-heading" heading="What to plan" className="pf-plan__setup">
        <div className="pf-controls">
          <SelectField id="plan-node" label="Node" value={node.id} onChange={setNodeId}>
            {model.nodes.map((n) => (
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
            <p className="nhsuk-label nhsuk-u-font-weight-bold">Cost of community capacity</p>
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
            width={5}
            inputMode="numeric"
            value={replicationsText}
            error={replicationsError}
            onChange={setReplicationsText}
          />
          <TextField id="plan-sensitivity" label="Sensitivity: change each input by ± (%)" width={5} inputMode="decimal" value={changeText} error={changeError} onChange={setChangeText} />
        </div>
        <p className="nhsuk-body-s">
          The seed is the run panel’s ({seed === undefined ? 'not valid yet' : seed}). The node’s first capacity scenario ({node.capacity[0]?.name}) is the baseline the saving is
          measured against.
        </p>
      </PageSection>

      <AnalyticPanel preview={preview} pathway={node.pathway} objective={objective} />

      <PageSection id="plan-run-heading" heading="Simulate">
        <div className="pf-button-row">
          <button type="button" className="nhsuk-button" onClick={() => void start()} disabled={!request || running} data-testid="plan-run">
            Find the {objectiveKind === 'cost' ? 'optimum' : 'least capacity'} for {node.id}
          </button>
          {running && (
            <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => abort.current?.abort()} data-testid="plan-cancel">
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

function AnalyticPanel({ preview, pathway, objective }: { preview: ReturnType<typeof analyticPreview> | string | undefined; pathway: string; objective: Objective | undefined }) {
  const units = unitsOf(pathway);
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
              <dt className="nhsuk-summary-list__key">Offered load</dt>
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
                expected {pathway === 'P1' ? 'caseload' : 'occupancy'} peaks at {formatOne(preview.unrestricted.peak)} on day {preview.unrestricted.peakDay}, averaging{' '}
                {formatOne(preview.unrestricted.mean)}, with the arrivals as they vary day by day
              </dd>
            </div>
          </dl>
          <p className="nhsuk-body-s" data-testid="plan-analytic-accuracy">
            How far to trust it: Erlang C (Allen–Cunneen for stays that are not exponential) treats the node as a queue in steady state. On the IPACS sample workbook, the analytic
            cost optimum was 2 to 19 places <em>above</em> the simulated one at every one of its 9 nodes, because over a 181-day horizon the initial occupants and the time to fill up keep
            queues shorter than the steady state’s (at the simulated optimum the formulas expected 1.7 to 10 times the delayed bed-days simulated). It is the search’s starting point
            and a sanity check, not the answer; the infinite-server figure is exact in expectation for unrestricted capacity. Details: docs/optimise.md.
          </p>
        </div>
      )}
    </PageSection>
  );
}

function PlanResults({ summary, stale, onApply, applied }: { summary: PlanSummary; stale: boolean; onApply: () => void; applied?: string }) {
  const units = unitsOf(summary.pathway);
  const found = Number.isFinite(summary.capacity);
  const label = summary.objective.kind === 'cost' ? 'Optimum' : 'Least capacity';
  const [tornadoAt, setTornadoAt] = useState<'best' | 'baseline'>('best');
  const analysis = summary.sensitivity.find((s) => s.at === tornadoAt) ?? summary.sensitivity[0];
  return (
    <PageSection id="plan-result-heading" heading={<>{summary.nodeId}: {found ? `${label.toLowerCase()} ${formatWhole(summary.capacity)} ${unitsOf(summary.pathway, summary.capacity)}` : 'the target is not met'}</>} testId="plan-result">
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
                (95 % interval {interval(summary.low, summary.high)})
              </>
            ) : (
              'No capacity meets the target: even when nobody but the initial queue waits, the metric stays above it.'
            )}
          </dd>
        </div>
        {summary.atPlan && (
          <>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Expected total cost at it, {basisPhrase(summary.costBasis)}</dt>
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
                {formatWhole(summary.atPlan.delayedBedDays.mean)} delayed bed-days over {summary.days} days; mean wait {summary.atPlan.metrics['mean-wait'].mean.toFixed(2)} days;{' '}
                {formatOne(summary.atPlan.metrics['share-delayed'].mean * 100)} % of patients delayed
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

function ChartExport({ handle, file, title }: { handle: RefObject<ChartHandle | null>; file: string; title: string }) {
  return (
    <div className="pf-button-row">
      <button type="button" className="pf-link-button" data-testid={`${file}-png`} onClick={() => download(`${file}.png`, dataUrlToBytes(handle.current?.pngDataUrl() ?? ''), 'image/png')}>
        Download PNG<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
      <button type="button" className="pf-link-button" data-testid={`${file}-svg`} onClick={() => download(`${file}.svg`, handle.current?.svgText() ?? '', 'image/svg+xml')}>
        Download SVG<span className="nhsuk-u-visually-hidden"> of {title}</span>
      </button>
    </div>
  );
}

const INK = '#212b32';
const [BLUE, VERMILLION, GREEN, , , , BLACK] = SCENARIO_COLOURS;

function CostCurveChart({ summary }: { summary: PlanSummary }) {
  const handle = useRef<ChartHandle>(null);
  const option = useMemo<ChartOption>(() => {
    const points = summary.curve;
    const xs = points.map((p) => p.capacity);
    const maxX = Math.max(...xs);
    const markLines: object[] = [];
    const line = (x: number, name: string, colour: string, type: string) =>
      markLines.push({ xAxis: x, name, lineStyle: { color: colour, type, width: 2 }, label: { formatter: `${name} ${formatWhole(x)}`, color: INK, position: 'insideEndTop' } });
    if (Number.isFinite(summary.capacity)) line(summary.capacity, summary.objective.kind === 'cost' ? 'Optimum' : 'Least', VERMILLION, 'solid');
    if (summary.baseline) line(summary.baseline.capacity, 'Baseline', BLACK, 'dashed');
    if (Number.isFinite(summary.analytic.capacity)) line(summary.analytic.capacity, 'Analytic', GREEN, 'dotted');
    const markArea = Number.isFinite(summary.low)
      ? { silent: true, itemStyle: { color: 'rgba(213, 94, 0, 0.12)' }, data: [[{ xAxis: summary.low, name: '95 % interval', label: { color: INK, position: 'insideBottom' } }, { xAxis: Number.isFinite(summary.high) ? summary.high : maxX }]] }
      : undefined;
    return {
      animation: false,
      grid: { left: 72, right: 24, top: 40, bottom: 64 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPounds(v) },
      legend: { bottom: 0, data: ['Expected total cost', '95 % CI'], textStyle: { color: INK } },
      xAxis: { type: 'value', name: unitsOf(summary.pathway), nameLocation: 'middle', nameGap: 28, scale: true, minInterval: 1, axisLabel: { color: INK }, nameTextStyle: { color: INK } },
      yAxis: { type: 'value', scale: true, axisLabel: { color: INK, formatter: (v: number) => formatPoundsShort(v) } },
      series: [
        { name: 'band-low', type: 'line', data: points.map((p) => [p.capacity, p.cost.low]), stack: 'ci', symbol: 'none', lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
        {
          name: '95 % CI',
          type: 'line',
          data: points.map((p) => [p.capacity, p.cost.high - p.cost.low]),
          stack: 'ci',
          symbol: 'none',
          lineStyle: { opacity: 0 },
          itemStyle: { color: BLUE },
          areaStyle: { color: BLUE, opacity: 0.2 },
          tooltip: { show: false },
          silent: true,
        },
        {
          name: 'Expected total cost',
          type: 'line',
          data: points.map((p) => [p.capacity, p.cost.mean]),
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { color: BLUE, width: 2 },
          itemStyle: { color: BLUE },
          markLine: { symbol: 'none', silent: true, data: markLines },
          ...(markArea ? { markArea } : {}),
        },
      ],
    };
  }, [summary]);
  const title = `Expected total cost against capacity, ${basisPhrase(summary.costBasis)} — ${summary.nodeId}`;
  const best = summary.curve.find((p) => p.capacity === summary.capacity);
  const baseline = summary.curve.find((p) => p.capacity === summary.baseline?.capacity);
  // The curve is the search's replications throughout, so its points compare like with like.
  const description =
    `${title}: ${summary.curve.length} capacities simulated from ${formatWhole(summary.curve[0]?.capacity ?? 0)} to ${formatWhole(summary.curve.at(-1)?.capacity ?? 0)} ${unitsOf(summary.pathway)}` +
    (best ? `; the ${summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} ${formatWhole(best.capacity)} costs ${formatPoundsShort(best.cost.mean)}, 95 % interval ${interval(summary.low, summary.high)}` : '') +
    (baseline ? `; the baseline ${formatWhole(baseline.capacity)} costs ${formatPoundsShort(baseline.cost.mean)}` : '') +
    ' on the search’s replications. The table below the charts gives every point.';
  return (
    <figure className="pf-figure" data-testid="plan-cost-curve">
      <figcaption className="nhsuk-heading-xs pf-figure__caption">{title}</figcaption>
      <EChart option={option} label={description} ref={handle} height={340} />
      <p className="nhsuk-body-s pf-chart-key">
        Solid line: the {summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'}; shaded: its 95 % interval; dashed: the baseline; dotted: the analytic estimate.
      </p>
      <ChartExport handle={handle} file={safeFileStem(`${summary.nodeId}-cost-curve`)} title={title} />
    </figure>
  );
}

function TornadoChart({ summary, result, measure }: { summary: PlanSummary; result: SensitivityResult; measure: 'cost' | 'delayedBedDays' }) {
  const handle = useRef<ChartHandle>(null);
  const percent = `${formatOne(result.change * 100).replace(/\.0$/, '')} %`;
  const isCost = measure === 'cost';
  const value = (row: SensitivityResult['rows'][number], side: 'minus' | 'plus') => (isCost ? row[side].costChange.mean : row[side].delayedBedDaysChange.mean);
  const show = (v: number) => (isCost ? signedPounds(v) : signedWhole(v));
  const option = useMemo<ChartOption>(() => {
    const categories = result.rows.map((r) => FACTOR_LABELS[r.factor]);
    const bar = (side: 'minus' | 'plus', name: string, colour: string) => ({
      name,
      type: 'bar',
      data: result.rows.map((r) => value(r, side)),
      itemStyle: { color: colour },
      barGap: '10%',
      label: { show: true, position: 'right', color: INK, formatter: (p: { value: number }) => show(p.value) },
    });
    return {
      animation: false,
      grid: { left: 150, right: 72, top: 16, bottom: 56 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => show(v) },
      legend: { bottom: 0, data: [`−${percent}`, `+${percent}`], textStyle: { color: INK } },
      yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { color: INK } },
      xAxis: { type: 'value', axisLabel: { color: INK, formatter: (v: number) => show(v) } },
      series: [bar('minus', `−${percent}`, BLUE), bar('plus', `+${percent}`, VERMILLION)],
    };
    // value and show depend only on measure.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, measure, percent]);
  const what = isCost ? 'total cost' : 'delayed bed-days';
  const title = `Change in ${what} for ±${percent} — ${summary.nodeId} at ${formatWhole(result.capacity)}`;
  const description = `${title}: ${result.rows.map((r) => `${FACTOR_LABELS[r.factor]} −${percent} ${show(value(r, 'minus'))}, +${percent} ${show(value(r, 'plus'))}`).join('; ')}.`;
  return (
    <figure className="pf-figure pf-figure--stacked" data-testid={`plan-tornado-${measure}`}>
      <figcaption className="nhsuk-heading-xs pf-figure__caption">{title}</figcaption>
      <EChart option={option} label={description} ref={handle} height={200} />
      <ChartExport handle={handle} file={safeFileStem(`${summary.nodeId}-tornado-${isCost ? 'cost' : 'delays'}`)} title={title} />
    </figure>
  );
}

function TornadoTable({ result }: { result: SensitivityResult }) {
  const percent = `${formatOne(result.change * 100).replace(/\.0$/, '')} %`;
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">The tornado as a table, with 95 % intervals</span>
      </summary>
      <div className="nhsuk-details__text pf-table-scroll">
        <table className="nhsuk-table pf-table pf-table--compact" data-testid="plan-tornado-table">
          <caption className="nhsuk-table__caption nhsuk-u-font-size-16">Change from the base case at {formatWhole(result.capacity)}, paired by replication</caption>
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Cost, −{percent}</th>
              <th scope="col">Cost, +{percent}</th>
              <th scope="col">Delayed bed-days, −{percent}</th>
              <th scope="col">Delayed bed-days, +{percent}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.factor}>
                <th scope="row">{FACTOR_LABELS[r.factor]}</th>
                <td>
                  {signedPounds(r.minus.costChange.mean)} ({signedPounds(r.minus.costChange.low)} to {signedPounds(r.minus.costChange.high)})
                </td>
                <td>
                  {signedPounds(r.plus.costChange.mean)} ({signedPounds(r.plus.costChange.low)} to {signedPounds(r.plus.costChange.high)})
                </td>
                <td>
                  {signedWhole(r.minus.delayedBedDaysChange.mean)} ({signedWhole(r.minus.delayedBedDaysChange.low)} to {signedWhole(r.minus.delayedBedDaysChange.high)})
                </td>
                <td>
                  {signedWhole(r.plus.delayedBedDaysChange.mean)} ({signedWhole(r.plus.delayedBedDaysChange.low)} to {signedWhole(r.plus.delayedBedDaysChange.high)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function CurveTable({ summary }: { summary: PlanSummary }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">The cost curve as a table ({summary.curve.length} capacities, on the search’s replications)</span>
      </summary>
      <div className="nhsuk-details__text pf-table-scroll">
        <table className="nhsuk-table pf-table pf-table--compact" data-testid="plan-curve-table">
          <thead>
            <tr>
              <th scope="col">Capacity</th>
              <th scope="col">Expected total cost, {basisPhrase(summary.costBasis)} (95 % CI)</th>
              <th scope="col">Against the {summary.objective.kind === 'cost' ? 'optimum' : 'least capacity'} (95 % CI)</th>
              <th scope="col">Delayed bed-days</th>
              <th scope="col">In the interval</th>
            </tr>
          </thead>
          <tbody>
            {summary.curve.map((p) => (
              <tr key={p.capacity} data-capacity={p.capacity}>
                <th scope="row">
                  {formatWhole(p.capacity)}
                  {p.capacity === summary.capacity ? ' (best)' : ''}
                  {p.capacity === summary.baseline?.capacity ? ' (baseline)' : ''}
                </th>
                <td>
                  {formatPoundsShort(p.cost.mean)} ({formatInterval(p.cost.low, p.cost.high)})
                </td>
                <td>{Number.isFinite(p.difference.mean) ? `${signedPounds(p.difference.mean)} (${formatInterval(p.difference.low, p.difference.high)})` : '—'}</td>
                <td>{formatWhole(p.delayedBedDays.mean)}</td>
                <td>{p.inInterval ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
