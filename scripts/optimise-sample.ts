/**
 * Regenerates the tables of docs/optimise.md: `pathflow optimise` on the public IPACS sample
 * workbook (read from ../shared/data/ipacs, never copied), the analytic estimates against
 * the simulated optimum, the occupied cost basis, service targets and the sensitivity.
 *
 *   npx tsx scripts/optimise-sample.ts [--runs 50] [--seed 1] [--check-runs 500] [--doc docs/optimise.md] [--stdout]
 *
 * The check reruns the cost optimisation with `--check-runs` replications and the next seed,
 * to see whether the intervals from `--runs` hold the better-estimated optimum.
 *
 * Only the blocks between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` of the
 * doc are rewritten. Same seed and runs, same tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { planNode, type NodePlan, type Objective } from '../src/engine/capacityPlan.js';
import { losCoefficientOfVariation } from '../src/engine/analytic.js';
import { fitLos } from '../src/engine/lengthOfStay.js';
import type { ModelSpec } from '../src/engine/model.js';
import { analyticAt, estimateOf, parseTarget, type CapacityProblem, type CostBasis } from '../src/engine/optimise.js';
import type { Estimate } from '../src/engine/statistics.js';
import { formatIssue, readIpacsWorkbook } from '../src/workbook/read.js';
import { writeGeneratedBlocks } from './generatedBlocks.js';
import { describeDifference } from '../src/report/difference.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samplePath = path.resolve(repoRoot, '../shared/data/ipacs/IPACS_params.xlsx');

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    'check-runs': { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    doc: { type: 'string', default: path.join(repoRoot, 'docs/optimise.md') },
    stdout: { type: 'boolean', default: false },
  },
});
const RUNS = Number(options.runs);
const SEED = Number(options.seed);
const CHECK_RUNS = Number(options['check-runs']);
const SENSITIVITY = 0.1;

if (!existsSync(samplePath)) {
  console.error(`${samplePath} not found: it holds the public IPACS sample workbook`);
  process.exit(2);
}
const read = await readIpacsWorkbook(readFileSync(samplePath), { fileName: 'IPACS_params.xlsx' });
if (!read.ok) throw new Error(read.errors.map(formatIssue).join('\n'));
const model: ModelSpec = read.model;

function problems(costBasis: CostBasis, replications = RUNS, seed = SEED): CapacityProblem[] {
  return model.nodes.map((node) => ({
    node,
    arrivalIndex: 0,
    losIndex: 0,
    days: model.dates.length,
    settings: { seed, compat: 'none', initialResidual: 'ipacs' },
    replications,
    costBasis,
  }));
}

function planAll(costBasis: CostBasis, objective: Objective, sensitivity?: number, replications = RUNS, seed = SEED): { plans: NodePlan[]; seconds: number; replications: number } {
  const started = performance.now();
  const plans = problems(costBasis, replications, seed).map((problem) => planNode(problem, objective, sensitivity));
  return { plans, seconds: (performance.now() - started) / 1000, replications: plans.reduce((sum, plan) => sum + plan.replicationsSimulated, 0) };
}

const thousands = (value: number) => {
  const k = Math.round(value / 1000);
  return `${k < 0 ? '−' : ''}£${Math.abs(k).toLocaleString('en-GB')}k`;
};
const signedThousands = (value: number) => (Math.round(value / 1000) > 0 ? '+' : '') + thousands(value);
const signedWhole = (value: number) => `${Math.round(value) > 0 ? '+' : Math.round(value) < 0 ? '−' : ''}${whole(Math.abs(value))}`;
const withInterval = (estimate: Estimate, format: (value: number) => string) => `${format(estimate.mean)} (${format(estimate.low)} to ${format(estimate.high)})`;
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-GB') : '—');
const interval = (low: number, high: number) => (Number.isFinite(low) ? `${low}–${Number.isFinite(high) ? high : '∞'}` : '—');

function markdownTable(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const rule = align.map((side) => (side === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const blocks = new Map<string, string>();

// The cost-optimal capacity, commissioned basis, and the saving against the workbook's capacity.
const cost = planAll('commissioned', { kind: 'cost' }, SENSITIVITY);
let totalSaving = 0;
blocks.set(
  'optimum',
  markdownTable(
    ['node', 'load', 'baseline', 'analytic', 'optimum', '95 % interval', 'cost at optimum (fresh replications)', 'the search’s own', 'against the baseline', 'delayed bed-days: baseline → optimum', 'capacities simulated'],
    cost.plans.map(({ problem, plan, baseline, saving, planned, searchCost }) => {
      const best = planned!;
      totalSaving += saving!.mean;
      return [
        problem.node.id,
        plan.analytic.load.toFixed(1),
        String(baseline!.capacity),
        String(plan.analytic.capacity),
        `**${plan.capacity}**`,
        interval(plan.low, plan.high),
        thousands(estimateOf(best.cost).mean),
        thousands(searchCost!.mean),
        describeDifference(saving!),
        `${whole(estimateOf(baseline!.delayedBedDays).mean)} → ${whole(estimateOf(best.delayedBedDays).mean)}`,
        String(plan.evaluations),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r', 'r'],
  ) +
    `\n\nIn all, ${thousands(totalSaving)} over the ${model.dates.length} days against the workbook's baseline capacities. ` +
    `${cost.replications.toLocaleString('en-GB')} replications simulated (search, re-pricing and sensitivity) in ${cost.seconds.toFixed(1)} s, one thread.`,
);

// The intervals against an optimum estimated with ten times the replications, on other random numbers.
const check = planAll('commissioned', { kind: 'cost' }, undefined, CHECK_RUNS, SEED + 1);
let held = 0;
blocks.set(
  'check',
  markdownTable(
    ['node', `optimum, ${RUNS} replications (interval)`, `optimum, ${CHECK_RUNS} replications, seed ${SEED + 1} (interval)`, 'inside the first interval'],
    cost.plans.map(({ problem, plan }, i) => {
      const better = check.plans[i].plan;
      const inside = better.capacity >= plan.low && better.capacity <= plan.high;
      if (inside) held++;
      return [problem.node.id, `${plan.capacity} (${interval(plan.low, plan.high)})`, `${better.capacity} (${interval(better.low, better.high)})`, inside ? 'yes' : '**no**'];
    }),
    ['l', 'r', 'r', 'l'],
  ) + `\n\n${held} of ${cost.plans.length} intervals hold the ${CHECK_RUNS}-replication optimum (${check.seconds.toFixed(1)} s for those ${CHECK_RUNS}-replication searches).`,
);

// The analytic estimates against the simulation: the optimum, and the delays at the simulated optimum.
blocks.set(
  'analytic',
  markdownTable(
    ['node', 'arrivals a day', 'mean stay', 'stay CV', 'analytic optimum', 'simulated optimum', 'error', 'delayed bed-days at the simulated optimum: analytic', 'simulated (95 % CI)'],
    cost.plans.map(({ problem, plan, planned }) => {
      const daily = problem.node.arrivals[problem.arrivalIndex].daily;
      const los = problem.node.los[problem.losIndex];
      const simulated = estimateOf(planned!.delayedBedDays);
      const steady = analyticAt(problem, plan.evaluator.unitCost, plan.capacity);
      return [
        problem.node.id,
        (daily.reduce((sum, rate) => sum + rate, 0) / daily.length).toFixed(2),
        los.mean.toFixed(1),
        losCoefficientOfVariation(fitLos(los)).toFixed(2),
        String(plan.analytic.capacity),
        String(plan.capacity),
        signedWhole(plan.analytic.capacity - plan.capacity),
        whole(steady.delayedBedDays),
        withInterval(simulated, whole),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  ),
);

// Tornado at the optimum.
blocks.set(
  'sensitivity',
  markdownTable(
    ['node', 'at', ...['arrivals', 'mean LOS', 'capacity'].flatMap((factor) => [`${factor} −10 %`, `${factor} +10 %`])],
    cost.plans.map(({ problem, sensitivity }) => {
      const analysis = sensitivity.find((item) => item.at === 'best')!.result;
      const row = (factor: string) => analysis.rows.find((candidate) => candidate.factor === factor)!;
      return [
        problem.node.id,
        String(analysis.capacity),
        ...['arrivals', 'mean_los', 'capacity'].flatMap((factor) => [row(factor).minus, row(factor).plus].map((change) => `${signedThousands(change.costChange.mean)}, ${signedWhole(change.delayedBedDaysChange.mean)}`)),
      ];
    }),
    ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  ),
);

// The occupied basis (IPACS's cost): empty beds are free.
const occupied = planAll('occupied', { kind: 'cost' });
blocks.set(
  'occupied',
  markdownTable(
    ['node', 'baseline', 'commissioned optimum', 'occupied: least not significantly dearer', 'occupied: nobody waits in any replication', 'cost at it (occupied basis)'],
    occupied.plans.map(({ problem, plan, baseline, planned }, i) => [
      problem.node.id,
      String(baseline!.capacity),
      String(cost.plans[i].plan.capacity),
      String(plan.low),
      String(plan.capacity),
      thousands(estimateOf(planned!.cost).mean),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  ),
);

// Service targets: the confident answer (and its status), the point answer before issue 17, the analytic estimate.
const targets = ['delay-days-per-patient<=1', 'p95-delayed-per-run<=5', 'p95-delayed-all-days<=10', 'share-ever-delayed<=0.05'].map((text) => ({
  text,
  ...planAll('commissioned', { kind: 'target', target: parseTarget(text) }),
}));
blocks.set(
  'targets',
  markdownTable(
    ['node', 'cost optimum', ...targets.map(({ text }) => `\`${text}\`: answer, status (point) [analytic]`)],
    model.nodes.map((node, i) => [
      node.id,
      String(cost.plans[i].plan.capacity),
      ...targets.map(({ plans }) => {
        const { plan, target } = plans[i];
        if (!Number.isFinite(plan.capacity)) return `not met (${target!.at.value.toFixed(3)} at ${target!.at.capacity}) [${whole(plan.analytic.capacity)}]`;
        return `${plan.capacity}, ${target!.status} (${whole(target!.pointCapacity)}) [${whole(plan.analytic.capacity)}]`;
      }),
    ]),
    ['l', 'r', 'r', 'r', 'r', 'r'],
  ),
);

writeGeneratedBlocks(options.doc!, blocks, Boolean(options.stdout));
if (!options.stdout) console.error(`wrote ${path.relative(repoRoot, options.doc!)}`);
