/**
 * A run's results as a run directory held in memory, the files `pathflow run` writes, so
 * that `pathflow report` (and a later `pathflow run --out` into it) accepts it as
 * Pathflow's: the web app's results zip and the team server's stored runs. Browser-safe
 * (Web Crypto, no Node built-ins).
 */
import { strToU8 } from 'fflate';
import type { ModelSpec } from '../engine/model.js';
import { runDescription } from '../engine/run.js';
import { modelFileText } from '../engine/modelSchema.js';
import { summaryCsv } from '../csv/summary.js';
import { ipacsOutputFiles } from '../csv/ipacs.js';
import { REPLICATIONS_FILE, replicationsCsv } from '../csv/replications.js';
import { networkOutputFiles } from '../csv/networkFiles.js';
import type { NetworkRunResult } from '../csv/networkRun.js';
import { dailyCsv } from '../csv/daily.js';
import packageJson from '../../package.json' with { type: 'json' };

/** The workbook file a model was read from, as the CLI's manifest describes its input. */
export interface WorkbookFile {
  file: string;
  sha256: string;
  bytes: number;
  /** The model as read, to tell whether the one simulated was edited in the app since. */
  model: ModelSpec;
}

export interface RunDirectoryInput {
  result: NetworkRunResult;
  /** The model as simulated. */
  model: ModelSpec;
  dailyCsv: string;
  /** ISO time the run started. */
  started: string;
  /** Where the model came from, in words (a file name, the example, a shared link). */
  source: string;
  workbook?: WorkbookFile;
  /** Who wrote the directory, in words; the web app by default. */
  madeBy?: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Every file of the run directory but its manifest, in the order the manifest lists them.
 * `made`: summary.csv and model.json when the caller has them already.
 */
export function runDirectoryContent(result: NetworkRunResult, model: ModelSpec, daily: string, made: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {
    'daily.csv': strToU8(daily),
    'summary.csv': made['summary.csv'] ?? strToU8(summaryCsv(result, model)),
    'model.json': made['model.json'] ?? strToU8(modelFileText(model)),
    [REPLICATIONS_FILE]: strToU8(replicationsCsv(result)),
  };
  for (const [name, content] of networkOutputFiles(result.components, result.dates)) files[name] = strToU8(content);
  for (const [name, content] of ipacsOutputFiles(model, result)) files[name] = strToU8(content);
  return files;
}

export function runDirectoryFiles(run: RunDirectoryInput): Promise<Record<string, Uint8Array>> {
  return withManifest(runDirectoryContent(run.result, run.model, run.dailyCsv), run);
}

/** The files with the manifest that makes them a run directory Pathflow recognises. */
export async function withManifest(content: Record<string, Uint8Array>, run: Omit<RunDirectoryInput, 'dailyCsv'>): Promise<Record<string, Uint8Array>> {
  const files = { ...content };
  // The input names the workbook only when the model simulated is the one read from it;
  // an edited model, or one from a link or this browser's storage, was read from no file,
  // so the input is model.json itself, and `inputNote` says so.
  const unedited = run.workbook !== undefined && run.workbook.model === run.model;
  const input = unedited
    ? { file: run.workbook!.file, sha256: run.workbook!.sha256, bytes: run.workbook!.bytes }
    : { file: 'model.json', sha256: await sha256Hex(files['model.json']), bytes: files['model.json'].length };
  const manifest = {
    pathflow: packageJson.version,
    madeBy: run.madeBy ?? 'the Pathflow web app',
    input,
    inputNote: unedited
      ? `the model was read from ${run.source} and run unchanged`
      : `the model as simulated in the web app (from ${run.source}${run.workbook ? ', edited' : ''}); model.json holds it`,
    ...runDescription(run.result),
    started: run.started,
    files: [...Object.keys(files), 'manifest.json'],
  };
  files['manifest.json'] = strToU8(JSON.stringify(manifest, null, 2) + '\n');
  return files;
}

/** daily.csv as one string, for a run small enough to hold in memory. */
export function dailyCsvText(result: NetworkRunResult): string {
  let text = '';
  for (const chunk of dailyCsv(result)) text += chunk;
  return text;
}
