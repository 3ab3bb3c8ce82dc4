/**
 * Reads a workbook from disk for the CLI: size limit checked before any byte is parsed,
 * and every problem reported with its sheet!cell.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { ModelSpec } from '../engine/model.js';
import { formatIssue, type WorkbookIssue } from '../workbook/issues.js';
import { DEFAULT_MAX_WORKBOOK_BYTES } from '../workbook/limits.js';
import type { InflateRaw } from '../workbook/zipArchive.js';
import { inputFileOf, type InputFile } from './inputFile.js';

export const DEFAULT_MAX_WORKBOOK_MB = DEFAULT_MAX_WORKBOOK_BYTES / (1024 * 1024);

/**
 * Node's own inflater for the workbook's zip parts: fflate, in JavaScript, took a tenth of a
 * one-second run from cold. Never more than the part declares it unpacks to.
 *
 * The output buffer holds the whole part (one byte more, so that zlib does not allocate a
 * second one to find there is nothing left): with zlib's default 16 KiB chunks the sample's
 * megabyte of arrivals sheet came out in 64 pieces and was copied once more to join them.
 * Parts larger than the cap (a declared size is not to be trusted with memory) still come
 * in pieces of that size.
 */
const LARGEST_OUTPUT_CHUNK = 8 * 1024 * 1024;
export const zlibInflateRaw: InflateRaw = (data, size) =>
  inflateRawSync(data, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, Math.min(size + 1, LARGEST_OUTPUT_CHUNK)) });

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

export interface LoadedWorkbook {
  model: ModelSpec;
  warnings: WorkbookIssue[];
  /** The file as the run's manifest names it. */
  input: InputFile;
}

export async function loadWorkbook(path: string, maxMegabytes = DEFAULT_MAX_WORKBOOK_MB): Promise<LoadedWorkbook> {
  const fileName = basename(path);
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw new InputError([`${path}: no such file`]);
  const maxBytes = Math.round(maxMegabytes * 1024 * 1024);
  if (info.size > maxBytes) {
    throw new InputError([`${fileName}: ${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${maxMegabytes} MB limit (raise it with --max-size)`]);
  }
  const data = await readFile(path);
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // Loaded here, not with this module: the command line imports this module for its errors
  // and limits, and `pathflow import-pathsimr` never reads a workbook.
  const { readIpacsWorkbook } = await import('../workbook/read.js');
  const result = await readIpacsWorkbook(bytes, { fileName, maxBytes, inflateRaw: zlibInflateRaw });
  // A problem with no sheet is about the whole file: name the file, as a cell is named.
  if (!result.ok) throw new InputError(result.errors.map((issue) => (issue.sheet ? formatIssue(issue) : `${fileName}: ${formatIssue(issue)}`)));
  return { model: result.model, warnings: result.warnings, input: inputFileOf(fileName, data) };
}
