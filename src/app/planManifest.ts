/**
 * What a plan's manifest.json says of the plan itself, written once for `pathflow optimise`
 * and the team server's plan jobs. Each shell puts where the model came from after `command`
 * and, the CLI, its clock and machine before `files`; the fields here keep their order between
 * those, so the two manifests read alike.
 */
import type { NodePlan, Objective } from '../engine/capacityPlan.js';
import type { CostBasis, ModelSpec } from '../engine/model.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import type { Compatibility } from '../engine/replications.js';
import { formatTarget, type CapacityProblem } from '../engine/optimise.js';
import { DEFAULT_BUDGET_FACTOR, DEFAULT_TARGET_CONFIDENCE } from '../engine/nodeTarget.js';
import { formatJointTarget, type CapacityRange, type JointObjective } from '../engine/network/jointPlan.js';
import type { JointPlan } from '../engine/network/jointSearch.js';

export interface NodePlanAsked {
  seed: number;
  replications: number;
  objective: Objective;
  costBasis: CostBasis;
  sensitivity: number;
  scenario: string;
  initialResidual: InitialResidual;
  compat: Compatibility;
}

export function nodePlanManifestFields(model: ModelSpec, asked: NodePlanAsked, problems: readonly CapacityProblem[], plans: readonly NodePlan[]) {
  const { objective } = asked;
  return {
    seed: asked.seed >>> 0,
    runs: asked.replications,
    objective: objective.kind,
    target: objective.kind === 'target' ? formatTarget(objective.target) : null,
    confidence: objective.kind === 'target' ? (objective.confidence ?? DEFAULT_TARGET_CONFIDENCE) : null,
    maxRuns: objective.kind === 'target' ? (objective.maxReplications ?? DEFAULT_BUDGET_FACTOR * asked.replications) : null,
    costBasis: asked.costBasis,
    sensitivity: asked.sensitivity,
    scenario: asked.scenario,
    initialResidual: asked.initialResidual,
    compat: asked.compat,
    nodes: [...new Set(problems.map((problem) => problem.node.id))],
    ...modelDays(model),
    replicationsSimulated: plans.reduce((sum, plan) => sum + plan.replicationsSimulated, 0),
  };
}

export interface ComponentPlanAsked {
  seed: number;
  replications: number;
  objective: JointObjective;
  costBasis: CostBasis;
  scenario: string;
  initialResidual: InitialResidual;
  component: string;
  nodes: string[];
  ranges?: Record<string, CapacityRange>;
}

export function componentPlanManifestFields(model: ModelSpec, asked: ComponentPlanAsked, plans: readonly JointPlan[]) {
  const { objective } = asked;
  return {
    seed: asked.seed >>> 0,
    runs: asked.replications,
    objective: objective.kind,
    target: objective.kind === 'target' ? formatJointTarget(objective.target) : null,
    costBasis: asked.costBasis,
    scenario: asked.scenario,
    initialResidual: asked.initialResidual,
    component: asked.component,
    nodes: asked.nodes,
    // As given: a default range follows each capacity scenario's beds, and joint_optimal.csv has the one each row used.
    ranges: asked.ranges ?? {},
    ...modelDays(model),
    replicationsSimulated: plans.reduce((sum, plan) => sum + plan.replicationsSimulated, 0),
  };
}

function modelDays(model: ModelSpec) {
  return { days: model.dates.length, firstDate: model.dates[0], lastDate: model.dates[model.dates.length - 1] };
}

/** A plan's files and its manifest as stored bytes (the team server keeps a job's files so). */
export function planFileBytes(files: Record<string, string>, manifest: object): Record<string, Uint8Array> {
  const encoder = new TextEncoder();
  const stored: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) stored[name] = encoder.encode(content);
  stored['manifest.json'] = encoder.encode(JSON.stringify(manifest, null, 2) + '\n');
  return stored;
}
