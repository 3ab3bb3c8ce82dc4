/**
 * `pathflow run`: workbook in, daily and summary CSVs (and IPACS-layout files) out.
 */
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { MIN_BLOCK_REPLICATIONS, runDescription, type BatchExecutor, type RunResult, type TaskExecutor } from '../engine/run.js';
import { run } from '../app/run.js';
import { writerSink } from './writerSink.js';
import type { Compatibility } from '../engine/replications.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import { outputWriterFor, type OutputWriter } from './outputWriter.js';
import { autoThreadCount, createExecutor, type Executor } from '../parallel/workerPool.js';
import { runTaskCount, runWorkUnits, shareableTaskCount } from '../parallel/runTaskCount.js';
import type { ModelSpec } from '../engine/model.js';
import { stageOutput, type StagedOutput } from './outputDirectory.js';
import { createProgressReporter } from './progress.js';
import { loadModelInput } from './modelFileInput.js';
import type { PathsimrPairInput } from './pathsimrCommands.js';
import type { InputFile } from './inputFile.js';
import { formatIssue } from '../workbook/issues.js';
import { PATHFLOW_VERSION } from './version.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeReportRenderers } from '../report/nodeRenderers.js';
import { reportFileName, type ReportFormat } from './reportOptions.js';
import { interruptSignal } from './interrupt.js';
import { DEFAULT_OUTPUTS, type OutputGroup } from './runOutputs.js';

export interface RunCommandOptions {
  runs: number;
  seed: number;
  /** Undefined: chosen from the size of the run. */
  threads?: number;
  out?: string;
  compat: Compatibility;
  initialResidual: InitialResidual;
  maxSize: number;
  quiet: boolean;
  /** Reports to write with the results, as part of the same all-or-nothing output. */
  report?: ReportFormat[];
  /** The files to write (default DEFAULT_OUTPUTS); model.json and manifest.json always are. */
  outputs?: readonly OutputGroup[];
}

export interface Manifest {
  pathflow: string;
  /** The model's file; for a run straight from PathSimR's pair, its network template. */
  input: InputFile;
  /** A run straight from PathSimR's pair: its calendar template and how the pair was imported. */
  imported?: { from: 'pathsimr'; calendar: InputFile; unit: PathsimrPairInput['unit']; warmup?: number };
  seed: number;
  runs: number;
  threads: number;
  compat: Compatibility;
  initialResidual: InitialResidual;
  scenarios: number;
  days: number;
  firstDate: string;
  lastDate: string;
  started: string;
  elapsedSeconds: number;
  /** Peak resident memory of the whole process, worker threads included. */
  peakMemoryMB: number;
  node: string;
  files: string[];
}

/**
 * Threads beyond the cores only take turns on them, and beyond the tasks have nothing to
 * run; each still costs its own copy of the engine (256 threads on 2 cores took 2.8 GB).
 * A scenario counts as its blocks of replications, which threads share when the run has
 * fewer tasks than threads (runTaskCount.ts shareableTaskCount).
 */
export function threadsThatHelp(tasks: number): number {
  return Math.max(1, Math.min(availableParallelism(), tasks));
}

/** The threads to run on: as asked, or chosen from the run's size, never more than help. */
function threadCount(options: RunCommandOptions, model: ModelSpec): number {
  const tasks = shareableTaskCount(model, options.runs);
  const cap = threadsThatHelp(tasks);
  if (options.threads === undefined) return Math.min(autoThreadCount(runWorkUnits(model, options.runs)), cap);
  if (options.threads > cap) {
    const shared = `${tasks} ${tasks === 1 ? 'task' : 'tasks'} to share out: a scenario each, or each scenario in blocks of at least ${MIN_BLOCK_REPLICATIONS} replications`;
    process.stderr.write(`warning: --threads ${options.threads} is more than can help: using ${cap} (${availableParallelism()} cores available, ${shared})\n`);
  }
  return Math.min(options.threads, cap);
}

/**
 * On one thread every scenario is simulated synchronously, back to back, and a signal is
 * only handled once the event loop turns: it turns here, between scenarios.
 */
function betweenScenarios(execute: TaskExecutor | BatchExecutor): TaskExecutor | BatchExecutor {
  if (typeof execute !== 'function') return execute;
  return async (task) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return execute(task);
  };
}

/** What `pathflow run` simulates: a workbook or model.json, or PathSimR's template pair. */
export type RunInput = string | PathsimrPairInput;

interface LoadedRunInput {
  model: ModelSpec;
  /** What the output directory is named after by default. */
  name: string;
  manifest: Pick<Manifest, 'input' | 'imported'>;
  /** Lines for stderr: the workbook's warnings, or the PathSimR importer's notes. */
  notices: string[];
}

async function loadRunInput(input: RunInput, maxSize: number): Promise<LoadedRunInput> {
  if (typeof input === 'string') {
    const workbook = await loadModelInput(input, maxSize);
    return {
      model: workbook.model,
      name: basename(input).replace(/\.[^.]+$/, ''),
      manifest: { input: workbook.input },
      notices: workbook.warnings.map((warning) => `warning: ${formatIssue(warning)}`),
    };
  }
  // Loaded only for a pair: the PathSimR importer is not part of a workbook run's start-up.
  const { loadPathsimrPair } = await import('./pathsimrCommands.js');
  const pair = await loadPathsimrPair(input);
  return {
    model: pair.model,
    name: basename(input.network).replace(/\.csv$/i, ''),
    manifest: { input: pair.network, imported: { from: 'pathsimr', calendar: pair.calendar, unit: input.unit, ...(input.warmup === undefined ? {} : { warmup: input.warmup }) } },
    notices: pair.notes.map((note) => `note: ${note}`),
  };
}

/** The result's isolated scenarios keep their daily figures only when a report was asked for. */
export async function runCommand(source: RunInput, options: RunCommandOptions): Promise<{ outDir: string; result: RunResult; files: string[] }> {
  const startedAt = new Date();
  const clock = performance.now();
  let writer: OutputWriter | undefined;
  const progress = createProgressReporter(process.stderr, options.quiet);
  let staged: StagedOutput | undefined;
  let executor: Executor | undefined;
  try {
    const input = await loadRunInput(source, options.maxSize);
    for (const notice of input.notices) process.stderr.write(`${notice}\n`);
    const outDir = options.out ?? `${input.name}-pathflow`;
    staged = await stageOutput(outDir);
    const { model } = input;
    // Chosen once the model is known. Started before the workbook was read, the writer thread
    // made no difference the noise showed on the IPACS sample (-4 ms wall, se 28, 10 pairs).
    writer = await outputWriterFor(runTaskCount(model));
    executor = createExecutor(threadCount(options, model));
    const runOptions = {
      replications: options.runs,
      seed: options.seed,
      compat: options.compat,
      initialResidual: options.initialResidual,
    };
    const { result } = await run(model, runOptions, {
      executor: betweenScenarios(executor.execute),
      threads: executor.threads,
      progress: (p) => progress.update(p),
      signal: interruptSignal,
      sink: writerSink(writer, staged, { outputs: new Set(options.outputs ?? DEFAULT_OUTPUTS), keepDailyFigures: Boolean(options.report?.length) }),
    });
    progress.stop();
    const manifest: Manifest = {
      pathflow: PATHFLOW_VERSION,
      ...input.manifest,
      ...runDescription(result),
      threads: executor.threads,
      started: startedAt.toISOString(),
      elapsedSeconds: 0,
      peakMemoryMB: 0,
      node: process.version,
      files: [...staged.files(), 'manifest.json', ...(options.report ?? []).map(reportFileName)],
    };
    manifest.elapsedSeconds = Number(((performance.now() - clock) / 1000).toFixed(3));
    // maxRSS is in kilobytes.
    manifest.peakMemoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
    await staged.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    if (options.report?.length) {
      // Loaded only for a report, to keep a plain run's start-up short.
      const { reportDataOfRun, reportFiles } = await import('../app/report.js');
      const documents = await reportFiles(reportDataOfRun(model, result, manifest), options.report, nodeReportRenderers);
      for (const [name, bytes] of Object.entries(documents)) {
        await writeFile(join(staged.directory, name), bytes);
        staged.record(name);
      }
    }
    // Up to here an interrupt leaves no trace; the commit, a few renames, is not broken off.
    interruptSignal.throwIfAborted();
    await staged.commit();
    return { outDir, result, files: manifest.files };
  } catch (error) {
    progress.stop();
    await writer?.abandon();
    await staged?.discard();
    throw error;
  } finally {
    await executor?.close();
  }
}
