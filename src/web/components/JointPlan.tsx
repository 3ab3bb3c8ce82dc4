/**
 * "Plan a network": `pathflow optimise --component` in the page. The planner picks a network
 * (component) and its scenario, the bed nodes whose capacities to search together with their
 * ranges, the objective and the replications; the engine's joint search runs in a Web Worker
 * with progress and Cancel, and the answer comes with its cost surface, a table, and a button
 * that adds the capacities to the model as a new capacity scenario of the component.
 */
import { useMemo, useState } from 'react';
import type { ModelSpec } from '../../engine/model.js';
import { costBasisOf } from '../../engine/costBasis.js';
import { componentScenarios } from '../../engine/network/fromModel.js';
import { plannableComponents, type JointPlanRequest, type JointPlanSummary } from '../jointPlanSummary.js';
import { initialChoice, JOINT_TARGETS, readJointForm, targetNodesOf, type JointFormState } from '../jointPlanForm.js';
import { planJointInWorker, type JointPlanProgress } from '../jointPlanClient.js';
import { addPlannedNetworkScenario, plannedNetworkCapacityName } from '../jointPlanApply.js';
import { formatWhole } from '../format.js';
import { COST_BASIS_LABELS } from './CostBasisControl.js';
import { SelectField, TextField } from './FormField.js';
import { PageSection } from './PageSection.js';
import { JointNodeFields, JointObjectiveFields } from './JointPlanFields.js';
import { JointPlanResults } from './JointPlanResults.js';
import { usePlanRun, type PlanRun, type PlanRunner, type PlanRunOutcome } from './usePlanRun.js';

export interface JointPlanProps {
  model: ModelSpec;
  seed: number | undefined;
  onApply: (model: ModelSpec, message: string) => void;
  onShowCostBasis: () => void;
}

export function JointPlan(props: JointPlanProps) {
  const components = useMemo(() => plannableComponents(props.model), [props.model]);
  if (components.length === 0) return null;
  return <JointPlanForm {...props} components={components} />;
}

type Outcome = PlanRunOutcome<JointPlanRequest, JointPlanSummary>;

function JointPlanForm({ model, seed, onApply, onShowCostBasis, components }: JointPlanProps & { components: ReturnType<typeof plannableComponents> }) {
  const [state, setState] = useState<JointFormState>(() => {
    const first = components[0];
    return {
      component: first.component.name,
      scenarioId: componentScenarios(model, first.component)[0].id,
      chosen: [],
      ranges: {},
      objectiveKind: 'cost',
      metric: 'delayed-per-day',
      targetNode: '',
      limitText: JOINT_TARGETS['delayed-per-day'].defaultLimit,
      replicationsText: '20',
    };
  });
  // Ticks by component, each starting as initialChoice when first shown: a model loaded later starts as the first did.
  const [chosenBy, setChosenBy] = useState<Record<string, string[]>>({});
  const { component, bedNodes } = components.find((entry) => entry.component.name === state.component) ?? components[0];
  const change = ({ chosen, ...part }: Partial<JointFormState>) => {
    if (chosen) setChosenBy((previous) => ({ ...previous, [component.name]: chosen }));
    setState((previous) => ({ ...previous, ...part }));
  };
  const scenarioIds = componentScenarios(model, component).map((scenario) => scenario.id);
  const targetNodes = targetNodesOf(model, component);
  // A scenario or target node of another component (or one an edit removed) falls back to the first.
  const current: JointFormState = {
    ...state,
    component: component.name,
    chosen: chosenBy[component.name] ?? initialChoice(model, component, bedNodes),
    scenarioId: scenarioIds.includes(state.scenarioId) ? state.scenarioId : scenarioIds[0],
    targetNode: targetNodes.includes(state.targetNode) ? state.targetNode : targetNodes[0],
  };
  const costBasis = costBasisOf(model);
  const { request, errors } = readJointForm(model, component, bedNodes, current, { seed, costBasis });
  const run = usePlanRun(model, request, JOINT_RUNNER);

  const apply = () => {
    const summary = run.outcome?.summary;
    if (!summary?.found) return;
    const name = plannedNetworkCapacityName(model, summary.nodes.map((node) => node.best!));
    const edit = addPlannedNetworkScenario(model, summary, name);
    if (!edit.ok) return run.fail(edit.reason);
    const message = `Added capacity scenario ${name} to the nodes of ${summary.component} (${summary.nodes.map((node) => `${node.id} ${formatWhole(node.best!)}`).join(', ')}). Run the model to compare it with the others.`;
    run.say(message);
    onApply(edit.model, message);
  };
  const stale = run.outcome !== undefined && isStale(run.outcome, model, request);

  return (
    <div className="pf-plan" data-testid="joint-plan-view">
      <PageSection id="joint-plan-setup-heading" heading="Plan a network">
        <p className="nhsuk-body">
          In a network one node’s beds change what happens at the others: a full care home blocks P3 beds, and full P3 beds block discharges from acute. Here the beds of chosen nodes of
          one network are searched together for the least system cost, or the least commissioned cost meeting a service target, with the same engine as{' '}
          <code>pathflow optimise --component</code>. Every capacity vector tried sees the same patients.
        </p>
        <div className="pf-controls">
          <SelectField id="joint-component" label="Network" value={component.name} onChange={(name) => change({ component: name })}>
            {components.map(({ component: c }) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </SelectField>
          <SelectField id="joint-scenario" label="Scenario to plan for" value={current.scenarioId} onChange={(scenarioId) => change({ scenarioId })}>
            {scenarioIds.map((id) => (
              <option key={id}>{id}</option>
            ))}
          </SelectField>
        </div>
        <JointNodeFields model={model} component={component} bedNodes={bedNodes} state={current} errors={errors} onChange={change} />
        <JointObjectiveFields state={current} errors={errors} onChange={change} targetNodes={targetNodes} />
        <div className="pf-controls">
          <TextField id="joint-replications" label="Replications per capacity vector" width={5} inputMode="numeric" value={state.replicationsText} error={errors.replications} onChange={(replicationsText) => change({ replicationsText })} />
        </div>
        <p className="nhsuk-body-s" data-testid="joint-plan-basis">
          Costs {COST_BASIS_LABELS[costBasis].toLowerCase()}, the model’s cost basis.{' '}
          <button type="button" className="pf-link-button" onClick={onShowCostBasis}>
            Change the cost basis
          </button>{' '}
          The seed is the run panel’s ({seed === undefined ? 'not valid yet' : seed}); the scenario’s own beds are the baseline the saving is measured against.
        </p>
      </PageSection>
      <JointRunSection run={run} request={request} />
      {run.outcome && <JointPlanResults summary={run.outcome.summary} stale={stale} onApply={apply} applied={appliedName(model, run.outcome.summary)} />}
    </div>
  );
}

/**
 * A plan is stale when the choices or the model changed since, except for capacity scenarios
 * added after it (applying it adds one, and the baseline it was measured against is unchanged).
 */
function isStale(outcome: Outcome, model: ModelSpec, request: JointPlanRequest | undefined): boolean {
  if (JSON.stringify(outcome.request) !== JSON.stringify(request)) return true;
  if (outcome.model === model) return false;
  const lengths = new Map(outcome.model.nodes.map((node) => [node.id, node.capacity.length]));
  const shape = (m: ModelSpec) => JSON.stringify([m.dates, m.edges, m.warmupDays, m.nodes.map((node) => ({ ...node, capacity: node.capacity.slice(0, lengths.get(node.id) ?? 0) }))]);
  return shape(outcome.model) !== shape(model);
}

/** The scenario a plan was applied as, if the model has it: every planned node at its planned beds. */
function appliedName(model: ModelSpec, summary: JointPlanSummary): string | undefined {
  if (!summary.found) return undefined;
  const first = model.nodes.find((node) => node.id === summary.nodes[0].id);
  return first?.capacity.find(
    (capacity) =>
      capacity.name.startsWith('Opt') &&
      summary.nodes.every((planned) => model.nodes.find((node) => node.id === planned.id)?.capacity.some((c) => c.name === capacity.name && c.capacity === planned.best && !c.calendar)),
  )?.name;
}

const JOINT_RUNNER: PlanRunner<JointPlanRequest, JointPlanSummary, JointPlanProgress> = {
  run: planJointInWorker,
  noProgress: { vectors: 0, replications: 0 },
  starting: (request) => `Planning ${request.nodes.join(', ')} in ${request.component}…`,
  answered: (summary) => {
    const answer = summary.found ? summary.nodes.map((node) => `${node.id} ${formatWhole(node.best!)}`).join(', ') : 'no capacities in the ranges meet the target';
    return `${summary.component}: ${answer}; ${summary.vectorsSearched} capacity vectors searched in ${(summary.milliseconds / 1000).toFixed(1)} s.`;
  },
};

function JointRunSection({ run, request }: { run: PlanRun<JointPlanRequest, JointPlanSummary, JointPlanProgress>; request: JointPlanRequest | undefined }) {
  const running = run.progress !== undefined;
  return (
    <PageSection id="joint-plan-run-heading" heading="Search the network">
      <div className="pf-button-row">
        <button type="button" className="nhsuk-button" onClick={() => void run.start()} disabled={!request || running} data-testid="joint-plan-run">
          Find the capacities{request ? ` of ${request.nodes.join(', ')}` : ''}
        </button>
        {running && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={run.cancel} data-testid="joint-plan-cancel">
            Cancel
          </button>
        )}
      </div>
      {running && (
        <p className="nhsuk-body-s" data-testid="joint-plan-progress">
          Simulating: {formatWhole(run.progress!.vectors)} capacity vectors ({formatWhole(run.progress!.replications)} replications) so far. A search of two nodes over their default
          ranges usually takes one to three hundred vectors.
        </p>
      )}
      {run.error && (
        <div className="nhsuk-error-summary" role="alert" data-testid="joint-plan-error">
          <h3 className="nhsuk-error-summary__title">Planning failed</h3>
          <div className="nhsuk-error-summary__body">
            <p>{run.error}</p>
          </div>
        </div>
      )}
      <p className="nhsuk-body-s pf-status" role="status" aria-live="polite" data-testid="joint-plan-status">
        {run.status}
      </p>
    </PageSection>
  );
}
