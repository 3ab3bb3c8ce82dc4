/**
 * `pathflow import-pathsimr` and `pathflow export-pathsimr`: a PathSimR network and calendar
 * pair to a Pathflow workbook (or model.json) and back. The conversion is src/pathsimr's, which
 * the web app uses too; here are only the files. Everything is checked before anything is
 * written, and each file is written through a temporary file and a rename, so a refusal or a
 * failure leaves nothing half-written.
 */
import { readFile, stat, mkdir } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type { PathsimrUnit } from '../pathsimr/importPathsimr.js';
import type { ModelSpec } from '../engine/model.js';
import type { InputFile } from './inputFile.js';
import { importPathsimrPair, pathsimrPairModel } from '../app/importPathsimrPair.js';
import { writeAtomically } from './writeAtomically.js';
import { UsageError } from './errors.js';

/** Far above any PathSimR template (the largest published is 4 kB). */
const MAX_CSV_BYTES = 16 * 1024 * 1024;

export interface ImportCommandOptions {
  unit: PathsimrUnit;
  warmup?: number;
  days?: number;
  start?: string;
  out?: string;
}

/**
 * The refusal program.ts reports as bad input. Its module is the workbook reader's (node:zlib and
 * node:crypto with it), which the import never needs otherwise: loaded only to refuse, it is
 * not part of every import's start-up (about 10 ms).
 */
async function inputError(problems: string[]): Promise<Error> {
  const { InputError } = await import('./workbookInput.js');
  return new InputError(problems);
}

async function readCsvBytes(path: string): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw await inputError([`${path}: no such file`]);
  if (info.size > MAX_CSV_BYTES) throw await inputError([`${basename(path)}: ${(info.size / 1024 / 1024).toFixed(1)} MB is far larger than any PathSimR template`]);
  return readFile(path);
}

async function readCsv(path: string): Promise<string> {
  return (await readCsvBytes(path)).toString('utf8');
}

/** PathSimR's pair as `pathflow run` takes it, with the options `import-pathsimr` takes. */
export interface PathsimrPairInput {
  network: string;
  calendar: string;
  unit: PathsimrUnit;
  warmup?: number;
  days?: number;
  start?: string;
}

/**
 * The pair read and imported for a run in one command, refused as `import-pathsimr` refuses it
 * (every problem at its file's row and column). Nothing is written: the run keeps model.json.
 */
export async function loadPathsimrPair(pair: PathsimrPairInput): Promise<{ model: ModelSpec; notes: string[]; network: InputFile; calendar: InputFile }> {
  const [networkBytes, calendarBytes] = await Promise.all([readCsvBytes(pair.network), readCsvBytes(pair.calendar)]);
  const names = { network: basename(pair.network), calendar: basename(pair.calendar) };
  const result = pathsimrPairModel(networkBytes.toString('utf8'), calendarBytes.toString('utf8'), {
    unit: pair.unit,
    warmup: pair.warmup,
    days: pair.days,
    startDate: pair.start,
    fileNames: names,
  });
  if (!result.ok) throw await inputError(result.problems);
  // node:crypto only for a run, which loads it anyway: `import-pathsimr` never hashes.
  const { inputFileOf } = await import('./inputFile.js');
  return { model: result.model, notes: result.notes, network: inputFileOf(names.network, networkBytes), calendar: inputFileOf(names.calendar, calendarBytes) };
}

export async function importPathsimrCommand(networkPath: string, calendarPath: string, options: ImportCommandOptions): Promise<{ path: string; notes: string[]; nodes: number; edges: number }> {
  const out = resolve(options.out ?? `${basename(networkPath).replace(/\.csv$/i, '')}.xlsx`);
  const format = extname(out).toLowerCase();
  if (format !== '.xlsx' && format !== '.json') throw new UsageError(`--out ${options.out} must end in .xlsx (a workbook) or .json (model.json)`);
  const [networkCsv, calendarCsv] = await Promise.all([readCsv(networkPath), readCsv(calendarPath)]);
  const result = await importPathsimrPair(
    networkCsv,
    calendarCsv,
    { unit: options.unit, warmup: options.warmup, days: options.days, startDate: options.start, fileNames: { network: basename(networkPath), calendar: basename(calendarPath) } },
    format === '.json' ? 'json' : 'xlsx',
  );
  if (!result.ok) throw await inputError(result.problems);
  await writeAtomically(dirname(out), basename(out), result.bytes);
  return { path: out, notes: result.notes, nodes: result.model.nodes.length, edges: result.model.edges?.length ?? 0 };
}

export const PATHSIMR_FILE_NAMES = { network: 'network.csv', calendar: 'calendar.csv' } as const;

export async function exportPathsimrCommand(modelPath: string, options: { out: string; unit?: PathsimrUnit; maxSize?: number }): Promise<{ files: string[]; unit: PathsimrUnit; notes: string[] }> {
  const { loadModelInput } = await import('./modelFileInput.js');
  const { model, input } = await loadModelInput(modelPath, options.maxSize);
  // Loaded only to export, so that the import command does not load the exporter's modules.
  const { exportPathsimr } = await import('../pathsimr/exportPathsimr.js');
  const exported = exportPathsimr(model, { unit: options.unit });
  if (!exported.ok) throw await inputError(exported.errors.map((error) => `${input.file}: ${error}`));
  const dir = resolve(options.out);
  await mkdir(dir, { recursive: true });
  const encode = (text: string) => new TextEncoder().encode(text);
  const files = [await writeAtomically(dir, PATHSIMR_FILE_NAMES.network, encode(exported.networkCsv)), await writeAtomically(dir, PATHSIMR_FILE_NAMES.calendar, encode(exported.calendarCsv))];
  return { files: files.map((file) => basename(file)), unit: exported.unit, notes: exported.notes };
}
