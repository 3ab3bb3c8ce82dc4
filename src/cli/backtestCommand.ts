/**
 * `pathflow backtest`: a model against observed.csv; backtest.csv, backtest_summary.csv,
 * backtest.html and, with --calibrate, calibration.csv, all or nothing.
 */
import { availableParallelism } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BacktestInputError, runBacktest, type BacktestResult, type JobRunner } from '../backtest/backtest.js';
import { backtestCsv, backtestSummaryCsv, calibrationCsv } from '../backtest/backtestFiles.js';
import { backtestHtml } from '../backtest/backtestReport.js';
import { matchSeries, rowsOfOrgs, type RowSource } from '../backtest/backtestSeries.js';
import type { ObservedRow } from '../observed/observedSeries.js';
import { simulateJob, type BacktestJob } from '../backtest/backtestJobs.js';
import type { CalibratedParameter } from '../backtest/simulatedDelays.js';
import { parseCsv } from '../csv/records.js';
import type { Compatibility } from '../engine/replications.js';
import { parseObservedCsv } from '../observed/observedCsv.js';
import { formatIssue } from '../workbook/read.js';
import { stopIfInterrupted } from './interrupt.js';
import { loadModelInput } from './modelFileInput.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { PATHFLOW_VERSION } from './version.js';
import type { BacktestWorkerJob } from './backtestWorker.js';
import { farmToWorkers } from './workerFarm.js';
import { InputError } from './workbookInput.js';

export interface BacktestCommandOptions {
  observed: string;
  /** Only observed rows of these organisations. */
  orgs?: string[];
  runs: number;
  seed: number;
  threads?: number;
  compat: Compatibility;
  scenario?: string;
  calibrate?: CalibratedParameter;
  out?: string;
  maxSize: number;
  quiet: boolean;
}

/** observed.csv is a table of dates and counts; anything near this size is not one. */
const MAX_OBSERVED_MB = 64;

async function readObserved(path: string) {
  const file = basename(path);
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw new InputError([`${path}: no such file`]);
  if (info.size > MAX_OBSERVED_MB * 1024 * 1024) throw new InputError([`${file}: ${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_OBSERVED_MB} MB an observed file may have`]);
  const text = (await readFile(path)).toString('utf8');
  const parsed = parseObservedCsv(text, file);
  if (!parsed.ok) throw new InputError(parsed.problems);
  // The rows are the records after the header, in order: their lines name them in messages.
  const records = parseCsv(text);
  const lines = records.ok ? records.records.slice(1).map((r) => r.line) : [];
  return { file, rows: parsed.rows, lines };
}

/** Simulations on worker threads when more than one helps, in this thread otherwise; paths in job order either way. */
function jobRunner(threads: number): JobRunner {
  return async (jobs: readonly BacktestJob[]) => {
    if (threads <= 1 || jobs.length <= 1) {
      const paths: Float64Array[] = [];
      for (const job of jobs) {
        await stopIfInterrupted();
        paths.push(simulateJob(job));
      }
      return paths;
    }
    return farmToWorkers<BacktestWorkerJob, Float64Array, Float64Array>(
      new URL('./backtestWorker.js', import.meta.url),
      jobs.length,
      threads,
      (index) => ({ index, job: jobs[index] }),
      (paths) => paths,
      () => {},
    );
  };
}

function threadCount(options: BacktestCommandOptions): number {
  const cores = availableParallelism();
  if (options.threads === undefined) return cores;
  if (options.threads > cores) process.stderr.write(`warning: --threads ${options.threads} is more than can help: using ${cores} (${cores} cores available)\n`);
  return Math.min(options.threads, cores);
}

export async function backtestCommand(modelPath: string, options: BacktestCommandOptions): Promise<{ outDir: string; result: BacktestResult; files: string[] }> {
  const startedAt = new Date();
  const clock = performance.now();
  const input = await loadModelInput(modelPath, options.maxSize);
  for (const warning of input.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
  const { model } = input;
  const observed = await readObserved(options.observed);
  let chosen: { rows: ObservedRow[]; source: RowSource } = { rows: observed.rows, source: { file: observed.file, lines: observed.lines } };
  if (options.orgs) {
    const picked = rowsOfOrgs(chosen.rows, chosen.source, options.orgs);
    if ('problem' in picked) throw new InputError([picked.problem]);
    chosen = picked;
  }
  const matched = matchSeries(model, chosen.rows, chosen.source);
  if (!matched.ok) throw new InputError(matched.problems);
  if (!options.quiet) for (const note of matched.notes) process.stderr.write(`note: ${note}\n`);
  if (options.calibrate && options.runs < 20) {
    process.stderr.write(`warning: with ${options.runs} replications calibration cannot rule out any multiplier (its test needs at least 20): every interval will span the whole range searched\n`);
  }
  const threads = threadCount(options);
  const outDir = options.out ?? `${basename(modelPath).replace(/\.[^.]+$/, '')}-backtest`;
  let staged: StagedOutput | undefined;
  try {
    const result = await runBacktest(
      model,
      matched.series,
      { replications: options.runs, seed: options.seed, compat: options.compat, scenario: options.scenario, calibrate: options.calibrate },
      jobRunner(threads),
    ).catch((error: unknown) => {
      throw error instanceof BacktestInputError ? new InputError(error.problems) : error;
    });
    if (!options.quiet) for (const note of result.notes) process.stderr.write(`note: ${note}\n`);
    staged = await stageOutput(outDir);
    await staged.write('backtest.csv', backtestCsv(result.fits));
    await staged.write('backtest_summary.csv', backtestSummaryCsv(result.fits));
    if (options.calibrate) await staged.write('calibration.csv', calibrationCsv(result.calibrations));
    const context = { modelName: model.name, observedFile: observed.file, dates: model.dates, replications: options.runs, seed: options.seed >>> 0, compat: options.compat, notes: [...matched.notes, ...result.notes] };
    await staged.write('backtest.html', backtestHtml(result, context));
    const manifest = {
      pathflow: PATHFLOW_VERSION,
      command: 'backtest',
      input: input.input,
      observed: observed.file,
      seed: options.seed >>> 0,
      runs: options.runs,
      compat: options.compat,
      scenarios: [...new Set(result.scenarios)],
      calibrate: options.calibrate ?? null,
      days: model.dates.length,
      firstDate: model.dates[0],
      lastDate: model.dates[model.dates.length - 1],
      threads,
      started: startedAt.toISOString(),
      elapsedSeconds: Number(((performance.now() - clock) / 1000).toFixed(3)),
      node: process.version,
      files: [...staged.files(), 'manifest.json'],
    };
    await staged.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    await stopIfInterrupted();
    await staged.commit();
    return { outDir, result, files: manifest.files };
  } catch (error) {
    await staged?.discard();
    throw error;
  }
}

/** One line a series for the terminal: coverage and bias, the figures a planner reads first. */
export function formatFits(result: BacktestResult): string {
  const lines = result.fits.map((fit) => {
    const coverage = Number.isFinite(fit.coverage) ? `${Math.round(fit.coverage * 100)}% inside the band` : 'no point to compare';
    return `${fit.name}: ${fit.points.length} points, ${coverage}, bias ${Number.isFinite(fit.bias) ? fit.bias.toFixed(2) : '–'}`;
  });
  const calibrations = result.calibrations.map((c) => `${c.name}: ${c.parameter} ${c.modelValue.toFixed(1)} in the model, inferred ${c.value.toFixed(1)} (${c.valueLow.toFixed(1)} to ${c.valueHigh.toFixed(1)})${c.atEdge ? ', at the edge of the range searched' : ''}`);
  return [...lines, ...calibrations].join('\n') + '\n';
}
