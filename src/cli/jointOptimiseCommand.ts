/**
 * `pathflow optimise --component NAME --nodes A,B`: the capacities of chosen nodes of one network
 * component searched together (src/engine/network/jointSearch.ts), written as joint_optimal.csv
 * and joint_surface.csv.
 *
 * A joint search is one chain of decisions, each on the vectors simulated before it, so a
 * component scenario is planned on one thread; with `--scenario all --threads N`, scenarios are
 * planned side by side (jointThreads.ts), the files the same for any N.
 */
import { componentPlanManifestFields } from '../app/planManifest.js';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { costBasisOf } from '../engine/costBasis.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import type { CostBasis } from '../engine/model.js';
import { formatJointTarget, type CapacityRange, type JointObjective, type JointPlanProblem, type JointTarget } from '../engine/network/jointPlan.js';
import { JointPlanError } from '../engine/network/jointProblem.js';
import { plannableJointProblems } from '../app/planProblems.js';
import type { JointPlan } from '../engine/network/jointSearch.js';
import { planComponent, type PlanExecutor } from '../app/plan.js';
import { NetworkModelError } from '../engine/network/networkModel.js';
import { estimateOf } from '../engine/statistics.js';
import { jointNote } from '../csv/jointPlan.js';
import { formatAgainstLimit } from '../report/format.js';
import { formatNumber } from '../csv/format.js';
import { UsageError } from './errors.js';
import { interruptSignal, stopIfInterrupted } from './interrupt.js';
import { loadModelInput } from './modelFileInput.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { PATHFLOW_VERSION } from './version.js';
import { InputError } from './workbookInput.js';
import { formatIssue } from '../workbook/read.js';

export interface JointOptimiseOptions {
  component: string;
  nodes?: string[];
  ranges?: Record<string, CapacityRange>;
  runs: number;
  seed: number;
  out?: string;
  scenario: string;
  objective?: 'cost' | 'target';
  target?: JointTarget;
  costBasis?: CostBasis;
  threads?: number;
  initialResidual: InitialResidual;
  maxSize: number;
  quiet: boolean;
}

function objectiveOf(options: JointOptimiseOptions): JointObjective {
  const kind = options.objective ?? (options.target ? 'target' : 'cost');
  if (kind === 'cost') {
    if (options.target) throw new UsageError('--target is for --objective target; the cost objective has no target');
    return { kind };
  }
  if (!options.target) throw new UsageError("--objective target needs a --target, e.g. --target 'delayed-per-day<=2'");
  return { kind, target: options.target };
}

export async function jointOptimiseCommand(inputPath: string, options: JointOptimiseOptions): Promise<{ outDir: string; plans: JointPlan[]; files: string[] }> {
  const startedAt = new Date();
  const clock = performance.now();
  const objective = objectiveOf(options);
  if (!options.nodes) throw new UsageError('--component needs --nodes, the nodes whose capacities to search together, e.g. --nodes P3_N,LTC_N');
  const input = await loadModelInput(inputPath, options.maxSize);
  for (const warning of input.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
  const { model } = input;
  const costBasis = options.costBasis ?? costBasisOf(model);
  // Checked here, not in a worker, so that a component the simulator refuses is reported as bad input.
  const chosen = refusingWithExitTwo(
    () => plannableJointProblems(model, { component: options.component, nodes: options.nodes!, ranges: options.ranges, scenario: options.scenario, seed: options.seed >>> 0, replications: options.runs, initialResidual: options.initialResidual, costBasis, objective }),
    input.input.file,
  );
  for (const warning of chosen.warnings) process.stderr.write(`warning: ${warning}\n`);
  const threads = threadCount(options.threads, chosen.problems.length);
  const outDir = options.out ?? `${basename(inputPath).replace(/\.[^.]+$/, '')}-optimise`;
  let staged: StagedOutput | undefined;
  try {
    staged = await stageOutput(outDir);
    const progress = (plan: JointPlan) => {
      if (options.quiet) return;
      const { problem } = plan;
      process.stderr.write(`${problem.scenario.id}: ${plan.capacities ? problem.nodes.map((id, i) => `${id}=${plan.capacities![i]}`).join(', ') : 'target not met'}, ${plan.vectorsSearched} capacity vectors searched\n`);
    };
    const executor: PlanExecutor<JointPlanProblem, JointPlan> | undefined =
      threads > 1 ? async (all, onPlan) => (await import('./jointThreads.js')).planJointOnThreads(all, threads, onPlan) : undefined;
    const { plans, files } = await refusedWithExitTwo(planComponent(chosen.problems, { executor, progress, signal: interruptSignal }), input.input.file);
    for (const [name, content] of Object.entries(files)) await staged.write(name, content);
    const asked = { seed: options.seed, replications: options.runs, objective, costBasis, scenario: options.scenario, initialResidual: options.initialResidual, component: options.component, nodes: options.nodes!, ranges: options.ranges };
    const manifest = {
      pathflow: PATHFLOW_VERSION,
      command: 'optimise' as const,
      input: input.input,
      ...componentPlanManifestFields(model, asked, plans),
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

/**
 * One thread per component scenario at most: a scenario's search is one chain of decisions, each
 * on the vectors simulated before it. Default one thread.
 */
function threadCount(asked: number | undefined, scenarios: number): number {
  const cap = Math.max(1, Math.min(availableParallelism(), scenarios));
  if (asked !== undefined && asked > cap) {
    process.stderr.write(`warning: --threads ${asked} is more than can help: using ${cap} (a network plan searches each component scenario on one thread; ${scenarios} to plan, ${availableParallelism()} cores available)\n`);
  }
  return Math.min(asked ?? 1, cap);
}

/** Choices the plan refuses are usage errors; a component the simulator refuses (named in the error) is bad input: both exit 2. */
function refusingWithExitTwo<T>(work: () => T, fileName: string): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof JointPlanError) throw new UsageError(error.message);
    if (error instanceof NetworkModelError) throw new InputError([`${fileName}: ${error.message}`]);
    throw error;
  }
}

/** As refusingWithExitTwo, for a plan run by the application layer. */
async function refusedWithExitTwo<T>(work: Promise<T>, fileName: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof JointPlanError) throw new UsageError(error.message);
    if (error instanceof NetworkModelError) throw new InputError([`${fileName}: ${error.message}`]);
    throw error;
  }
}

/** Pounds in thousands, e.g. £1,073k. */
const pounds = (value: number) => (Number.isFinite(value) ? `£${Math.round(value / 1000).toLocaleString('en-GB')}k` : '');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

/** The readable report printed to stdout: each component scenario's capacities, then its cost and note. */
export function formatJointPlans(plans: readonly JointPlan[]): string {
  let text = '';
  for (const plan of plans) {
    const { problem } = plan;
    const target = problem.objective.kind === 'target' ? problem.objective.target : undefined;
    text += `${target ? `least commissioned cost meeting ${formatJointTarget(target)} with 95 % confidence` : 'least system cost'}: ${problem.scenario.id} (${problem.costBasis} cost basis, ${problem.replications} replications, ${problem.model.dates.length} days)\n`;
    const rows = [['node', 'range', 'baseline', target ? 'least' : 'best', '95% interval']];
    problem.nodes.forEach((id, i) => {
      const interval = plan.intervals[i];
      rows.push([id, `${problem.ranges[i].low}-${problem.ranges[i].high}`, problem.baseline ? String(problem.baseline[i]) : '', plan.capacities ? String(plan.capacities[i]) : 'not met', interval ? `${interval.low}-${Number.isFinite(interval.high) ? interval.high : 'no limit'}` : '']);
    });
    text += table(rows);
    if (target && plan.targetAt) {
      const figure = (value: number) => formatAgainstLimit(value, target.limit, formatNumber);
      text += `target ${plan.targetStatus}: ${target.metric} ${figure(plan.targetAt.mean)} at the plan, at most ${figure(plan.targetAt.high)} with 95 % confidence (${plan.targetAt.replications} replications)\n`;
    }
    if (plan.planned) {
      const cost = estimateOf(plan.planned.cost);
      text += `system cost (fresh replications) ${pounds(cost.mean)} (95 % CI ${pounds(cost.low)} to ${pounds(cost.high)}); delayed bed-days ${Math.round(estimateOf(plan.planned.delayedBedDays).mean).toLocaleString('en-GB')}; ${plan.vectorsSearched} capacity vectors searched\n`;
    }
    text += `${jointNote(plan)}\n\n`;
  }
  return text;
}
