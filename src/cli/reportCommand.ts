/**
 * `pathflow report <run-dir>`: a run directory in, report.html / report.pdf / report.docx
 * out, beside the run's files. Every input is read and checked, and every document made,
 * before anything is written; each file is written to a temporary name in the directory
 * and renamed into place, so a failure never leaves a half-written report.
 */
import { lstat, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportOptionsError } from '../report/content.js';
import { OPTIONAL_RUN_FILES, parseRunFiles, RUN_FILES, RunDataError, type ReportData, type RunFiles } from '../report/runData.js';
import { InputError } from './workbookInput.js';
import { nodeReportRenderers } from '../report/nodeRenderers.js';
import type { ReportFormat } from './reportOptions.js';
import { OutputDirectoryError, pathflowManifestFiles } from './outputDirectory.js';
import { writeAtomically } from './writeAtomically.js';

export interface ReportCommandOptions {
  formats: ReportFormat[];
  scenarios?: string[];
  /** The scenario label the whole-system differences are from (default: the first node's baseline). */
  baseline?: string;
  /** For tests: the date on the title page. */
  generated?: Date;
}

/** Reads and checks a run directory; any problem is an InputError naming the file and line. */
export async function readRunDirectory(runDir: string): Promise<ReportData> {
  const info = await stat(runDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError([`${runDir}: no such directory (give the --out directory of a pathflow run)`]);
  const files = {} as RunFiles;
  for (const name of RUN_FILES) {
    try {
      files[name] = await readFile(join(runDir, name), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError([`${join(runDir, name)}: ${code === 'ENOENT' ? 'is missing: this is not a complete Pathflow run directory (run pathflow run again)' : (error as Error).message}`]);
    }
  }
  for (const name of OPTIONAL_RUN_FILES) {
    try {
      files[name] = await readFile(join(runDir, name), 'utf8');
    } catch (error) {
      // Absent from runs made before it was written: the report says what that leaves out.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError([`${join(runDir, name)}: ${(error as Error).message}`]);
    }
  }
  try {
    return parseRunFiles(files);
  } catch (error) {
    if (error instanceof RunDataError) throw new InputError([join(runDir, error.message)]);
    throw error;
  }
}

export async function reportCommand(runDir: string, options: ReportCommandOptions): Promise<string[]> {
  const data = await readRunDirectory(runDir);
  let documents: Array<[string, Uint8Array]>;
  try {
    const { reportFiles } = await import('../app/report.js');
    documents = Object.entries(await reportFiles(data, options.formats, nodeReportRenderers, { scenarios: options.scenarios, baseline: options.baseline, generated: options.generated }));
  } catch (error) {
    if (error instanceof ReportOptionsError) throw new InputError([`${error.option}: ${error.message}`]);
    throw error;
  }
  await listReportsInManifest(runDir, documents.map(([name]) => name));
  const written: string[] = [];
  for (const [name, bytes] of documents) written.push(await writeAtomically(runDir, name, bytes));
  return written;
}

/**
 * Adds the reports to the run's manifest, as `run --report` lists them, so that a later run
 * into the directory replaces them rather than leaving a report of old results beside new
 * ones. Listed before they are written: a name listed but missing is harmless, a report
 * written but unlisted would outlive its run. A file of the same name that the manifest does
 * not list is someone else's, and is not overwritten.
 */
async function listReportsInManifest(runDir: string, names: string[]): Promise<void> {
  const manifestPath = join(runDir, 'manifest.json');
  const text = await readFile(manifestPath, 'utf8');
  const recognised = pathflowManifestFiles(text);
  const listed = 'files' in recognised ? recognised.files : [];
  for (const name of names) {
    const path = join(runDir, name);
    const info = await lstat(path).catch(() => undefined);
    if (info && (!info.isFile() || !listed.includes(name))) {
      throw new OutputDirectoryError(`${runDir} already has ${path}, which is not listed in ${manifestPath} as written by Pathflow; move it away and run pathflow report again`);
    }
  }
  if (!('files' in recognised)) return;
  const manifest = JSON.parse(text) as { files: string[] };
  const unlisted = names.filter((name) => !manifest.files.includes(name));
  if (unlisted.length === 0) return;
  manifest.files.push(...unlisted);
  await writeAtomically(runDir, 'manifest.json', new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'));
}
