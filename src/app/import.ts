/**
 * The import use cases: another tool's files in (bytes or text, however the shell got them),
 * a model and the files to keep out. Nothing here reads or writes a disk; a refusal comes back
 * as the problems, each naming its file, sheet, cell or line, so a shell writes nothing.
 */
import type { ModelSpec } from '../engine/model.js';
import { modelFileText } from '../engine/modelSchema.js';
import { importSitrep, type SitrepImport } from '../sitrep/importSitrep.js';
import type { SkeletonOptions } from '../sitrep/sitrepSkeleton.js';
import { SitrepError } from '../sitrep/sitrepGrid.js';
import { importPathsimr, type PathsimrImportOptions } from '../pathsimr/importPathsimr.js';
import { writeIpacsWorkbook } from '../workbook/write.js';

export type Imported<T> = ({ ok: true } & T) | { ok: false; problems: string[] };

export const SITREP_OUTPUT_FILES = { observed: 'observed.csv', model: 'model.xlsx', notes: 'sitrep-notes.md' } as const;

/** NHS England discharge sitreps for the chosen organisations: observed.csv, a model workbook to fill in, and notes. */
export async function importSitrepFiles(
  inputs: readonly { name: string; bytes: Uint8Array }[],
  orgCodes: readonly string[],
  options: SkeletonOptions = {},
): Promise<Imported<{ imported: SitrepImport; model: ModelSpec; files: Record<string, Uint8Array> }>> {
  let imported: SitrepImport;
  try {
    imported = importSitrep(inputs, orgCodes, options);
  } catch (error) {
    if (error instanceof SitrepError) return { ok: false, problems: [error.message] };
    throw error;
  }
  const { model } = imported.skeleton;
  const encode = (text: string) => new TextEncoder().encode(text);
  const files = {
    [SITREP_OUTPUT_FILES.observed]: encode(imported.observedCsv),
    [SITREP_OUTPUT_FILES.model]: await writeIpacsWorkbook(model),
    [SITREP_OUTPUT_FILES.notes]: encode(imported.notes),
  };
  return { ok: true, imported, model, files };
}

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
