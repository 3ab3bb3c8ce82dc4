/**
 * Regenerates the tables of docs/pathsimr-differences.md: Pathflow against PathSimR's
 * published Use Case Library (A&E, Stroke, Urology), node by node, and the measured size of
 * each PathSimR behaviour that explains a difference.
 *
 *   npm run pathsimr-differences            (or: npx tsx scripts/pathsimr-differences.ts [--stdout] [--warmup-sweep])
 *
 * It reads the third-party data in ../shared/data/pathsimr, imports each case's templates
 * with Pathflow's importer and runs the engine in process (test/compare/pathsimrComparison.ts:
 * 100 replications, seed 1). Only the blocks between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` of the doc are rewritten. Same data, same tables, byte for byte.
 * `--warmup-sweep` also rewrites the hospital clinic's table at several warm-ups (four more
 * Urology runs, so neither the default nor the test does it).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HAVE_PATHSIMR, importCase, MISSING_PATHSIMR, PATHSIMR_CASES, readPublished, unitsPerDay } from '../test/compare/pathsimrCases.js';
import { compareCase, explain, NOISE_MULTIPLE, REPLICATIONS, SEED, type CaseComparison, type Explanation, type NodeLevelComparison } from '../test/compare/pathsimrComparison.js';
import { writeGeneratedBlocks } from './generatedBlocks.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DOC = path.join(repoRoot, 'docs/pathsimr-differences.md');

/** PathSimR's level names as the doc's tables show them. */
const LEVEL_LABELS: Record<NodeLevelComparison['level'], string> = {
  occupancy: 'occupancy',
  occ_bed: 'beds held',
  queue: 'queue',
  delayed: 'delayed',
  transition: 'transfer',
};

const number = (x: number) => {
  const size = Math.abs(x);
  // A difference of two means of the same numbers can be rounding dust: that is nought.
  if (size < 1e-9) return (0).toFixed(4);
  if (size >= 100) return x.toFixed(1);
  if (size >= 1) return x.toFixed(3);
  // Rare levels (a few minutes' blocking a week) keep three significant figures rather than rounding to nought.
  return size >= 0.01 || size === 0 ? x.toFixed(4) : x.toPrecision(3);
};
const signed = (x: number) => (x >= 0 || Math.abs(x) < 1e-9 ? '+' : '−') + number(Math.abs(x));
const zText = (z: number) => (Number.isFinite(z) ? (z <= -0.005 ? '−' : '') + Math.abs(z).toFixed(2) : z > 0 ? '+∞' : '−∞');

function causeText(explanation: Explanation, c: CaseComparison): string {
  switch (explanation.kind) {
    case 'noise':
      return '';
    case 'pathsimr': {
      const parts = [`PathSimR's averaging window ${signed(explanation.window)}`];
      if (explanation.rule !== undefined) parts.push(`its admissions at a capacity event ${signed(explanation.rule)}`);
      return parts.join('; ');
    }
    case 'unexplained': {
      const parts: string[] = [];
      if (explanation.window !== undefined) parts.push(`window ${signed(explanation.window)}`);
      if (explanation.rule !== undefined) parts.push(`admission rule ${signed(explanation.rule)}`);
      parts.push(`twice the warm-up ${signed(explanation.warmup)}${explanation.warmupMatters ? ' (beyond noise: not settled)' : ''}`);
      const rule = c.ruleNotReplayed ? `; the admission rule not replayed: ${c.ruleNotReplayed}` : '';
      return `**not explained**: ${parts.join(', ')}${rule}`;
    }
  }
}

function caseTable(c: CaseComparison): string {
  const lines = [
    `| node | level | PathSimR | Pathflow (sd) | z | over PathSimR's window | and its admission rule | z then | cause of a difference beyond ${NOISE_MULTIPLE} SE, with its size |`,
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of c.rows) {
    const cells = [
      row.node,
      LEVEL_LABELS[row.level],
      number(row.published),
      `${number(row.pathflow.mean)} (${number(row.pathflow.sd)})`,
      zText(row.z),
      row.window ? number(row.window.mean) : '',
      row.windowAndRule ? number(row.windowAndRule.mean) : '',
      row.adjustedZ !== undefined ? zText(row.adjustedZ) : '',
      causeText(explain(row), c),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function summaryTable(comparisons: CaseComparison[]): string {
  const lines = [
    `| case | node levels | within ${NOISE_MULTIPLE} SE | beyond, explained by PathSimR's window or admission rule | beyond, not explained |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const c of comparisons) {
    const kinds = c.rows.map((row) => explain(row).kind);
    const count = (kind: Explanation['kind']) => kinds.filter((k) => k === kind).length;
    lines.push(`| ${c.case.title} | ${kinds.length} | ${count('noise')} | ${count('pathsimr')} | ${count('unexplained')} |`);
  }
  return lines.join('\n');
}

function settingsTable(comparisons: CaseComparison[]): string {
  const lines = [
    '| case | unit | window | Pathflow warm-up | capacity rise meets a queue | admission rule replayed | patients who visit a node twice (PathSimR\'s per-patient figures wrong) |',
    '| --- | --- | ---: | ---: | --- | --- | ---: |',
  ];
  for (const { case: c, riseMeetsQueue, ruleNotReplayed, revisits } of comparisons) {
    const replayed = !riseMeetsQueue ? 'not needed' : ruleNotReplayed ? `no: ${ruleNotReplayed}` : 'yes';
    const share = `${((100 * revisits.revisiting) / revisits.patients).toFixed(2)} % (${revisits.revisiting} of ${revisits.patients})`;
    lines.push(`| ${c.title} | ${c.unit} | ${c.window} ${c.unit} | ${c.warmup} ${c.unit} | ${riseMeetsQueue ? 'yes' : 'no'} | ${replayed} | ${share} |`);
  }
  return lines.join('\n');
}

/** Every case of the Use Case Library compared, in order. */
export async function compareAllCases(): Promise<CaseComparison[]> {
  const comparisons: CaseComparison[] = [];
  for (const c of PATHSIMR_CASES) comparisons.push(await compareCase(c, importCase(c), readPublished(c), unitsPerDay(c.unit)));
  return comparisons;
}

/** Every generated block of the doc, by name. */
export function pathsimrDifferenceBlocks(comparisons: CaseComparison[]): Map<string, string> {
  const blocks = new Map<string, string>();
  blocks.set(
    'pathsimr-settings',
    `Generated by \`npm run pathsimr-differences\`: ${REPLICATIONS} replications, seed ${SEED}, Pathflow's engine in process.\n\n${settingsTable(comparisons)}`,
  );
  blocks.set('pathsimr-summary', summaryTable(comparisons));
  for (const c of comparisons) blocks.set(`pathsimr-${c.case.id}`, caseTable(c));
  return blocks;
}

/** Pathflow warm-ups (hours) at which the hospital clinic's queue is shown, the tables' own among them. */
const SWEEP_WARMUPS = [168, 336, 672, 1344];

/**
 * Urology's hospital clinic (H_C) queue at several warm-ups, Pathflow's way and PathSimR's:
 * loaded to exactly its capacity, it has no steady level, so its spread grows with the run.
 */
export async function hospitalClinicSweep(): Promise<string> {
  const urology = PATHSIMR_CASES.find((c) => c.id === 'Urology')!;
  const lines = ['| Pathflow warm-up | H_C queue, Pathflow\'s rules (sd) | measured PathSimR\'s way (sd) |', '| ---: | ---: | ---: |'];
  for (const warmup of SWEEP_WARMUPS) {
    const c = { ...urology, warmup };
    const { rows } = await compareCase(c, importCase(c), readPublished(c), unitsPerDay(c.unit));
    const row = rows.find((r) => r.node === 'H_C' && r.level === 'queue')!;
    const adjusted = row.windowAndRule ?? row.window!;
    const label = `${warmup} ${c.unit}${warmup === urology.warmup ? ' (the tables\' warm-up)' : ''}`;
    lines.push(`| ${label} | ${row.pathflow.mean.toFixed(1)} (${row.pathflow.sd.toFixed(1)}) | ${adjusted.mean.toFixed(1)} (${adjusted.sd.toFixed(1)}) |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stdout: { type: 'boolean', default: false }, 'warmup-sweep': { type: 'boolean', default: false }, doc: { type: 'string', default: DOC } } });
  if (!HAVE_PATHSIMR) {
    console.error(MISSING_PATHSIMR);
    process.exit(2);
  }
  const blocks = pathsimrDifferenceBlocks(await compareAllCases());
  if (values['warmup-sweep']) blocks.set('pathsimr-hospital-clinic-warmups', await hospitalClinicSweep());
  writeGeneratedBlocks(values.doc!, blocks, values.stdout!);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
