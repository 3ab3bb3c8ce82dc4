/**
 * `pathflow run`: workbook in, daily and summary CSVs (and IPACS-layout files) out.
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import { runModel, type RunResult } from '../engine/run.js';
import type { Compatibility } from '../engine/replications.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import { dailyCsv } from '../csv/daily.js';
import { summaryCsv } from '../csv/summary.js';
import { ipacsOutputFiles } from '../csv/ipacs.js';
import { autoThreadCount, createExecutor } from '../parallel/workerPool.js';
import { stageOutput } from './outputDirectory.js';
import { createProgressReporter } from './progress.js';
import { loadWorkbook } from './workbookInput.js';
import { formatIssue } from '../workbook/read.js';
import { PATHFLOW_VERSION } from './version.js';
import { scenarioCount } from '../engine/scenarios.js';

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
}

export interface Manifest {
  pathflow: string;
  input: { file: string; sha256: string; bytes: number };
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

export async function runCommand(workbookPath: string, options: RunCommandOptions): Promise<{ outDir: string; result: RunResult }> {
  const startedAt = new Date();
  const clock = performance.now();
  const workbook = await loadWorkbook(workbookPath, options.maxSize);
  for (const warning of workbook.warnings) process.stderr.write(`warning: ${formatIssue(warning)}\n`);
  const outDir = options.out ?? `${basename(workbookPath).replace(/\.[^.]+$/, '')}-pathflow`;
  const staged = await stageOutput(outDir);
  const { model } = workbook;
  const scenarios = scenarioCount(model);
  const executor = await createExecutor(options.threads ?? autoThreadCount(scenarios, options.runs, model.dates.length));
  const progress = createProgressReporter(process.stderr, options.quiet);
  try {
    const result = await runModel(
      workbook.model,
      { replications: options.runs, seed: options.seed, compat: options.compat, initialResidual: options.initialResidual, concurrency: executor.concurrency },
      executor.execute,
      (p) => progress.update(p),
    );
    progress.stop();
    await staged.write('daily.csv', dailyCsv(result));
    await staged.write('summary.csv', summaryCsv(result));
    for (const [name, content] of ipacsOutputFiles(workbook.model, result)) await staged.write(name, content);
    const manifest: Manifest = {
      pathflow: PATHFLOW_VERSION,
      input: { file: workbook.fileName, sha256: workbook.sha256, bytes: workbook.bytes },
      seed: result.seed,
      runs: result.replications,
      threads: executor.threads,
      compat: result.compat,
      initialResidual: result.initialResidual,
      scenarios: result.scenarios.length,
      days: result.dates.length,
      firstDate: result.dates[0],
      lastDate: result.dates[result.dates.length - 1],
      started: startedAt.toISOString(),
      elapsedSeconds: 0,
      peakMemoryMB: 0,
      node: process.version,
      files: [...staged.files(), 'manifest.json'],
    };
    manifest.elapsedSeconds = Number(((performance.now() - clock) / 1000).toFixed(3));
    // maxRSS is in kilobytes.
    manifest.peakMemoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
    await staged.write('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
    await staged.commit();
    return { outDir, result };
  } catch (error) {
    progress.stop();
    await staged.discard();
    throw error;
  } finally {
    await executor.close();
  }
}
