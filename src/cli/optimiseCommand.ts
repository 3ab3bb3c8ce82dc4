/**
 * `pathflow optimise`: the cost-optimal capacity of each node, or the least capacity that
 * meets a service target, with intervals, the cost curve and a sensitivity tornado.
 *
 * A node's search is a chain of decisions, each on the capacities simulated before it, so it
 * runs in one thread; with --threads, nodes are planned side by side (optimiseThreads.ts).
 */
import { nodePlanManifestFields } from '../app/planManifest.js';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import type { NodePlan, Objective } from '../engine/capacityPlan.js';
import { planNodes, type PlanExecutor } from '../app/plan.js';
import { selectProblems } from '../app/planProblems.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import { estimateOf, formatTarget, type CapacityProblem, type CostBasis, type ServiceTarget } from '../engine/optimise.js';
import type { TargetBoundary } from '../engine/nodeTarget.js';
import { formatAgainstLimit } from '../report/format.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { PATHFLOW_VERSION } from './version.js';
import { loadModelInput } from './modelFileInput.js';
import { costBasisOf } from '../engine/costBasis.js';
import { formatIssue } from '../workbook/read.js';
import { UsageError } from './errors.js';
import { interruptSignal, stopIfInterrupted } from './interrupt.js';
import { describeDifference } from '../report/difference.js';
import { autoThreadCount } from '../parallel/workerPool.js';
import type { Compatibility } from '../engine/replications.js';

/** An option that is well formed but cannot be used with this workbook or these options. */
export { UsageError };

export interface OptimiseCommandOptions {
  runs: number;
  seed: number;
  out?: string;
  /** Node ids; all nodes when absent. */
  nodes?: string[];
  /** `baseline`, `all`, or arrival and LOS scenario names separated by commas. */
  scenario: string;
  /** Default: `target` when a target is given, `cost` otherwise. */
  objective?: 'cost' | 'target';
  target?: ServiceTarget;
  /** For a target: the confidence that the answer meets it (default 0.95), and the most replications a capacity may get (default 16 x runs). */
  confidence?: number;
  maxRuns?: number;
  /** Default: the workbook's own basis (its settings sheet), so plans price as `run` and reports do. */
  costBasis?: CostBasis;
  /** Undefined: one thread for small runs, all cores for large ones (as `run`). */
  threads?: number;
  /** Relative change for the sensitivity analysis, e.g. 0.1. */
  sensitivity: number;
  initialResidual: InitialResidual;
  /** How P1 stays are drawn, as for `run --compat`. */
  compat: Compatibility;
  maxSize: number;
  quiet: boolean;
}

export interface OptimiseManifest {
  pathflow: string;
  command: 'optimise';
  input: { file: string; sha256: string; bytes: number };
  seed: number;
  runs: number;
  objective: 'cost' | 'target';
  target: string | null;
  /** For a target: the confidence asked for and the replication budget per capacity. */
  confidence: number | null;
  maxRuns: number | null;
  costBasis: CostBasis;
  sensitivity: number;
  scenario: string;
  initialResidual: InitialResidual;
  compat: Compatibility;
  nodes: string[];
  days: number;
  firstDate: string;
  lastDate: string;
  replicationsSimulated: number;
  threads: number;
  started: string;
  elapsedSeconds: number;
  node: string;
  files: string[];
}

function objectiveOf(options: OptimiseCommandOptions): Objective {
  const kind = options.objective ?? (options.target ? 'target' : 'cost');
  if (kind === 'cost') {
    if (options.target) throw new UsageError('--target is for --objective target; the cost objective has no target');
    return { kind };
  }
  if (!options.target) throw new UsageError("--objective target needs a --target, e.g. --target 'delay-days-per-patient<=1'");
  if (options.maxRuns !== undefined && options.maxRuns < options.runs) throw new UsageError(`--max-runs ${options.maxRuns} is fewer than --runs ${options.runs}: the search's own replications are the first look`);
  return { kind, target: options.target, confidence: options.confidence, maxReplications: options.maxRuns };
}

/** Pounds in thousands, e.g. -£22k. */
function pounds(value: number): string {
  if (!Number.isFinite(value)) return '';
  const thousands = Math.round(value / 1000);
  return `${thousands < 0 ? '-' : ''}£${Math.abs(thousands).toLocaleString('en-GB')}k`;
}
const signedPounds = (value: number) => (Math.round(value / 1000) > 0 ? '+' : '') + pounds(value);
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : '');
const signedWhole = (value: number) => (Math.round(value) > 0 ? '+' : '') + whole(value);
const decimal = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

const scenarioLabel = ({ problem }: NodePlan) => `${problem.node.los[problem.losIndex].name}/${problem.node.arrivals[problem.arrivalIndex].name}`;

/** The readable report printed to stdout: the plans (at least one), then the tornado at each plan's capacity. */
export function formatPlans(plans: readonly NodePlan[], sensitivityChange: number): string {
  const targeted = plans[0].plan.target;
  const confidence = plans[0].target ? `${Number((plans[0].target.confidence * 100).toPrecision(12))}%` : '';
  const header = ['node', 'scenario', 'baseline', 'analytic', targeted ? `least (${confidence} confident)` : 'best', '95% interval'];
  if (targeted) header.push('status', 'point answer', `${targeted.metric}`, 'at one less', 'replications');
  header.push('total cost (fresh replications)', 'against the baseline', 'delayed bed-days', 'simulated');
  const rows = [header];
  for (const entry of plans) {
    const { plan, baseline, saving, planned } = entry;
    const interval = Number.isFinite(plan.low) ? `${whole(plan.low)}-${Number.isFinite(plan.high) ? whole(plan.high) : 'no limit'}` : '';
    const row = [entry.problem.node.id, scenarioLabel(entry), baseline ? whole(baseline.capacity) : 'unrestricted', whole(plan.analytic.capacity), planned ? whole(plan.capacity) : 'not met', interval];
    const answer = entry.target;
    if (targeted && answer) {
      const value = (boundary: TargetBoundary | undefined) => (boundary ? formatAgainstLimit(boundary.value, targeted.limit, (x) => decimal(x, 3)) : '');
      // When no capacity meets it, the metric where more capacity stops helping.
      row.push(answer.status, whole(answer.pointCapacity), planned ? value(answer.at) : `${value(answer.at)} at ${whole(answer.at.capacity)}`, planned ? value(answer.below) : '', whole(answer.replications));
    }
    row.push(
      planned ? pounds(estimateOf(planned.cost).mean) : '',
      saving ? describeDifference(saving) : '',
      planned ? whole(estimateOf(planned.delayedBedDays).mean) : '',
      `${plan.evaluations} x ${entry.problem.replications}`,
    );
    rows.push(row);
  }
  const problem = plans[0].problem;
  let text = `${targeted ? `least capacity meeting ${formatTarget(targeted)} with ${confidence} confidence` : 'cost-optimal capacity'} (${problem.costBasis} cost basis, ${problem.replications} replications, ${problem.days} days)\n`;
  text += table(rows);
  // As given: a 12.5 % change rounded to 13 % would label a tornado that was not run.
  const percent = `${Number((sensitivityChange * 100).toPrecision(12))}%`;
  const tornado = [['node', 'at', 'input', `cost -${percent}`, `cost +${percent}`, `delayed bed-days -${percent}`, `+${percent}`]];
  for (const entry of plans) {
    const analysis = entry.sensitivity.find((item) => item.at === 'best');
    if (!analysis) continue;
    for (const row of analysis.result.rows) {
      tornado.push([
        entry.problem.node.id,
        whole(analysis.result.capacity),
        row.factor,
        signedPounds(row.minus.costChange.mean),
        signedPounds(row.plus.costChange.mean),
        signedWhole(row.minus.delayedBedDaysChange.mean),
        signedWhole(row.plus.delayedBedDaysChange.mean),
      ]);
    }
  }
  if (tornado.length > 1) text += `\nsensitivity at the ${targeted ? 'least' : 'best'} capacity (change from it)\n` + table(tornado);
  return text;
}

/** Each thread plans whole nodes: beyond the cores or the nodes a thread has nothing to add (as `run --threads`). */
function threadCount(options: OptimiseCommandOptions, problems: number, days: number): number {
  const cap = Math.max(1, Math.min(availableParallelism(), problems));
  // A search simulates some 15 capacities, each `runs` replications.
  if (options.threads === undefined) return Math.min(autoThreadCount(problems * options.runs * 15 * days), cap);
  if (options.threads > cap) {
    process.stderr.write(`warning: --threads ${options.threads} is more than can help: using ${cap} (${availableParallelism()} cores available, ${problems} nodes and scenarios to plan)\n`);
  }
  return Math.min(options.threads, cap);
}

export async function optimiseCommand(workbookPath: string, options: OptimiseCommandOptions): Promise<{ outDir: string; plans: NodePlan[]; files: string[] }> {
  const startedAt = new Date();
  const clock = performance.now();
  const objective = objectiveOf(options);
  const workbook = await loadModelInput(workbookPath, options.maxSize);
  for (const warning of workbook.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
  const { model } = workbook;
  const costBasis = options.costBasis ?? costBasisOf(model);
  const problems = selectProblems(model, { ...options, costBasis });
  const outDir = options.out ?? `${basename(workbookPath).replace(/\.[^.]+$/, '')}-optimise`;
  let staged: StagedOutput | undefined;
  try {
    staged = await stageOutput(outDir);
    const threads = threadCount(options, problems.length, model.dates.length);
    const progress = (entry: NodePlan) => {
      if (options.quiet) return;
      const { plan } = entry;
      const found = Number.isFinite(plan.capacity) ? `${plan.capacity} [${plan.low}, ${Number.isFinite(plan.high) ? plan.high : 'no limit'}]${entry.target ? ` ${entry.target.status}` : ''}` : 'target not met';
      process.stderr.write(`${entry.problem.node.id} ${scenarioLabel(entry)}: ${found}, ${plan.evaluations} capacities simulated\n`);
    };
    const executor: PlanExecutor<CapacityProblem, NodePlan> | undefined =
      threads > 1 ? async (all, onPlan) => (await import('./optimiseThreads.js')).planOnThreads(all, objective, options.sensitivity, threads, (_, plan) => onPlan(plan)) : undefined;
    const { plans, files } = await planNodes(problems, objective, options.sensitivity, { executor, progress, signal: interruptSignal });
    for (const [name, content] of Object.entries(files)) await staged.write(name, content);
    const asked = { seed: options.seed, replications: options.runs, objective, costBasis, sensitivity: options.sensitivity, scenario: options.scenario, initialResidual: options.initialResidual, compat: options.compat };
    const manifest: OptimiseManifest = {
      pathflow: PATHFLOW_VERSION,
      command: 'optimise',
      input: workbook.input,
      ...nodePlanManifestFields(model, asked, problems, plans),
      threads,
      started: startedAt.toISOString(),
      elapsedSeconds: 0,
      node: process.version,
      files: [...staged.files(), 'manifest.json'],
    };
    manifest.elapsedSeconds = Number(((performance.now() - clock) / 1000).toFixed(3));
    await staged.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    await stopIfInterrupted();
    await staged.commit();
    return { outDir, plans, files: manifest.files };
  } catch (error) {
    await staged?.discard();
    throw error;
  }
}
