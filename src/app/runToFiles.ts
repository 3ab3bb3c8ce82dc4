/**
 * Run a model and hold its run directory in memory: what the web app exports as a zip and the
 * team server stores for a run. The files are those `pathflow run` writes (its manifest aside,
 * which describes the process that wrote it), so `pathflow report` reads either.
 */
import type { ModelSpec } from '../engine/model.js';
import type { RunResult } from '../engine/run.js';
import { run, type RunDeps, type RunRequest } from './run.js';
import { MemoryRunSink } from './memoryRunSink.js';
import { dailyCsvText, runDirectoryFiles, withManifest, type WorkbookFile } from './runDirectory.js';

export type { RunRequest };

/** Where and how the run happens, and what its manifest says about where it came from. */
export interface RunToFilesDeps extends Omit<RunDeps, 'sink'>, Provenance {}

export interface Provenance {
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
export function runResultFiles(result: RunResult, model: ModelSpec, provenance: Provenance): Promise<Record<string, Uint8Array>> {
  const { started, source, madeBy, workbook } = provenance;
  return runDirectoryFiles({ result, model, dailyCsv: dailyCsvText(result), started, source, madeBy, workbook });
}

export async function runToFiles(model: ModelSpec, request: RunRequest, deps: RunToFilesDeps): Promise<RunFiles> {
  const sink = new MemoryRunSink();
  const { started, source, madeBy, workbook, ...how } = deps;
  const { result } = await run(model, request, { ...how, sink });
  return { result, files: await withManifest(sink.files, { result, model, started, source, madeBy, workbook }) };
}
