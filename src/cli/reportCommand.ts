/**
 * `pathflow report <run-dir>`: a run directory in, report.html / report.pdf / report.docx
 * out, beside the run's files. Every input is read and checked, and every document made,
 * before anything is written; each file is written to a temporary name in the directory
 * and renamed into place, so a failure never leaves a half-written report.
 */
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { ReportOptionsError } from '../report/content.js';
import { parseRunFiles, RUN_FILES, RunDataError, type ReportData, type RunFiles } from '../report/runData.js';
import { InputError } from './workbookInput.js';
import { parseFormats, renderReport, reportFileName, type ReportFormat } from './reportRender.js';

export interface ReportCommandOptions {
  formats: ReportFormat[];
  scenarios?: string[];
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
  try {
    return parseRunFiles(files);
  } catch (error) {
    if (error instanceof RunDataError) throw new InputError([join(runDir, error.message)]);
    throw error;
  }
}

/** Writes `name` in `dir` through a temporary file and a rename. */
export async function writeAtomically(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const target = join(dir, name);
  const temporary = join(dir, `.${name}.partial-${process.pid}-${Date.now().toString(36)}`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}

export async function reportCommand(runDir: string, options: ReportCommandOptions): Promise<string[]> {
  const data = await readRunDirectory(runDir);
  const documents: Array<[string, Uint8Array]> = [];
  try {
    for (const format of options.formats) documents.push([reportFileName(format), await renderReport(data, format, { scenarios: options.scenarios, generated: options.generated })]);
  } catch (error) {
    if (error instanceof ReportOptionsError) throw new InputError([`--scenarios: ${error.message}`]);
    throw error;
  }
  const written: string[] = [];
  for (const [name, bytes] of documents) written.push(await writeAtomically(runDir, name, bytes));
  return written;
}

function formatsOption(text: string) {
  try {
    return parseFormats(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

export const scenarioList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** `--report <formats>` of `pathflow run`, parsed. */
export { formatsOption as reportFormatsOption };

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('a report for a board paper from a run directory: report.html (self-contained), report.pdf (needs Chromium) or report.docx')
    .argument('<run-dir>', 'the --out directory of pathflow run')
    .option('-f, --format <formats>', 'html, pdf or docx, or several comma-separated', formatsOption, ['html'] as ReportFormat[])
    .option('--scenarios <labels>', 'only these scenarios, in this order, e.g. BCap_Blos_BArr,S1Cap_Blos_BArr (default: all)', scenarioList)
    .action(async (runDir: string, options: { format: ReportFormat[]; scenarios?: string[] }) => {
      const written = await reportCommand(runDir, { formats: options.format, scenarios: options.scenarios });
      for (const path of written) process.stdout.write(`${path}\n`);
    });
}
