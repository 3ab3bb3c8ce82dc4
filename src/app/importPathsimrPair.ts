/**
 * PathSimR's template pair in, a model out: its own module, so that `pathflow import-pathsimr`
 * does not load the episode fit and the sitrep importer that import.ts brings (about 60
 * modules).
 */
import type { ModelSpec } from '../engine/model.js';
import { modelFileText } from '../engine/modelSchema.js';
import { importPathsimr, type PathsimrImportOptions } from '../pathsimr/importPathsimr.js';
import { writeIpacsWorkbook } from '../workbook/write.js';
import type { Imported } from './import.js';

/** A PathSimR network and calendar pair as a model, and as the file to keep: a workbook, or model.json. */
export async function importPathsimrPair(
  networkCsv: string,
  calendarCsv: string,
  options: PathsimrImportOptions,
  as: 'xlsx' | 'json',
): Promise<Imported<{ model: ModelSpec; notes: string[]; bytes: Uint8Array }>> {
  const result = importPathsimr(networkCsv, calendarCsv, options);
  if (!result.ok) return { ok: false, problems: result.errors };
  const bytes = as === 'json' ? new TextEncoder().encode(modelFileText(result.model)) : await writeIpacsWorkbook(result.model);
  return { ok: true, model: result.model, notes: result.notes, bytes };
}
