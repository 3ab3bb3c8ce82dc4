/**
 * A model from a `model.json` (what `pathflow run` writes, and the web app stores) or a workbook,
 * by the file's extension. The JSON is untrusted input: it goes through the one model schema,
 * and every problem is reported with its field.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatModelIssue, validateModel } from '../engine/modelSchema.js';
import { inputFileOf } from './inputFile.js';
import { DEFAULT_MAX_WORKBOOK_MB, InputError, loadWorkbook, type LoadedWorkbook } from './workbookInput.js';

export async function loadModelInput(path: string, maxMegabytes = DEFAULT_MAX_WORKBOOK_MB): Promise<LoadedWorkbook> {
  if (!/\.json$/i.test(path)) return loadWorkbook(path, maxMegabytes);
  const fileName = basename(path);
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw new InputError([`${path}: no such file`]);
  if (info.size > maxMegabytes * 1024 * 1024) throw new InputError([`${fileName}: ${(info.size / 1024 / 1024).toFixed(1)} MB is over the ${maxMegabytes} MB limit (raise it with --max-size)`]);
  const data = await readFile(path);
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new InputError([`${fileName}: not a model: ${(error as Error).message}`]);
  }
  const checked = validateModel(value);
  if (!checked.ok) throw new InputError(checked.issues.map((issue) => `${fileName}: ${formatModelIssue(issue)}`));
  return { model: checked.model, warnings: [], input: inputFileOf(fileName, data) };
}
