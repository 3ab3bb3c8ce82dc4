/**
 * PathSimR's template pair in, a model out: its own module, so that `pathflow import-pathsimr`
 * does not load the episode fit and the sitrep importer that import.ts brings (about 60
 * modules).
 */
import type { ModelSpec } from '../engine/model.js';
import { modelFileText } from '../engine/modelSchema.js';
import { importPathsimr, type PathsimrImportOptions } from '../pathsimr/importPathsimr.js';
import type { Imported } from './import.js';

/**
 * The pair as a model, with the importer's notes: what a run straight from PathSimR's files
 * simulates (its model.json is the file it keeps).
 */
export function pathsimrPairModel(networkCsv: string, calendarCsv: string, options: PathsimrImportOptions): Imported<{ model: ModelSpec; notes: string[] }> {
  const result = importPathsimr(networkCsv, calendarCsv, options);
  if (!result.ok) return { ok: false, problems: result.errors };
  return { ok: true, model: result.model, notes: result.notes };
}

/** A PathSimR network and calendar pair as a model, and as the file to keep: a workbook, or model.json. */
export async function importPathsimrPair(
  networkCsv: string,
  calendarCsv: string,
  options: PathsimrImportOptions,
  as: 'xlsx' | 'json',
): Promise<Imported<{ model: ModelSpec; notes: string[]; bytes: Uint8Array }>> {
  const result = pathsimrPairModel(networkCsv, calendarCsv, options);
  if (!result.ok) return result;
  // Loaded only to write one: a run from the pair keeps model.json and never needs the workbook writer.
  const bytes = as === 'json' ? new TextEncoder().encode(modelFileText(result.model)) : await (await import('../workbook/write.js')).writeIpacsWorkbook(result.model);
  return { ...result, bytes };
}
