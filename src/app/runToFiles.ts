/**
 * Run a model and hold its run directory in memory: what the web app exports as a zip and the
 * team server stores for a run. The files are those `pathflow run` writes (its manifest aside,
 * which describes the process that wrote it), so `pathflow report` reads either.
 */
import type { ModelSpec } from '../engine/model.js';
import type { Compatibility } from '../engine/replications.js';
import type { InitialResidual } from '../engine/lengthOfStay.js';
import { inProcessExecutor, runModel, type BatchExecutor, type RunProgress, type RunResult, type TaskExecutor } from '../engine/run.js';
import { dailyCsvText, runDirectoryFiles, type WorkbookFile } from './runDirectory.js';

/** What to simulate: the same seed and request always give the same files. */
export interface RunRequest {
  replications: number;
  seed: number;
  compat?: Compatibility;
  initialResidual?: InitialResidual;
}

/** Where and how the run happens, and what its manifest says about where it came from. */
export interface RunToFilesDeps {
  /** In this thread when absent. */
  executor?: TaskExecutor | BatchExecutor;
  /** Tasks handed to a task executor at once (a pool's size); one when absent. */
  concurrency?: number;
  progress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
  /** ISO time the run started (the team server passes the run's creation time, so a retry writes the same bytes). */
  started: string;
  /** Where the model came from, in words. */
  source: string;
  /** Who wrote the directory, in words; the web app by default. */
  madeBy?: string;
  /** The workbook the model was read from, when it was. */
  workbook?: WorkbookFile;
}

export interface RunFiles {
  result: RunResult;
  /** File name → bytes, manifest.json included. */
  files: Record<string, Uint8Array>;
}

/** The run directory of a run already done, for an export after the fact. */
export function runResultFiles(result: RunResult, model: ModelSpec, provenance: Pick<RunToFilesDeps, 'started' | 'source' | 'madeBy' | 'workbook'>): Promise<Record<string, Uint8Array>> {
  return runDirectoryFiles({ result, model, dailyCsv: dailyCsvText(result), ...provenance });
}

export async function runToFiles(model: ModelSpec, request: RunRequest, deps: RunToFilesDeps): Promise<RunFiles> {
  const options = { ...request, ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }) };
  const result = await runModel(model, options, deps.executor ?? inProcessExecutor, deps.progress, deps.signal);
  const { started, source, madeBy, workbook } = deps;
  return { result, files: await runResultFiles(result, model, { started, source, madeBy, workbook }) };
}
