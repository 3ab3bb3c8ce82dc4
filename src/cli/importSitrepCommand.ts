/**
 * `pathflow import sitrep <files...> --org <codes>`: NHS England discharge sitreps to
 * observed.csv, model.xlsx and sitrep-notes.md (src/sitrep does the reading; here are only the
 * files). Every file is read and checked before anything is written, and each output is
 * written through a temporary file and a rename, so a refusal leaves nothing half-written.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { importSitrepFiles, SITREP_OUTPUT_FILES } from '../app/import.js';
import { MAX_SITREP_BYTES } from '../sitrep/sitrepFile.js';
import { namedOrgs } from '../sitrep/sitrepSkeleton.js';
import { writeAtomically } from './writeAtomically.js';
import { InputError } from './workbookInput.js';

export interface ImportSitrepOptions {
  org: string[];
  out?: string;
  start?: string;
  days?: number;
}

export { SITREP_OUTPUT_FILES };

async function readInput(path: string): Promise<{ name: string; bytes: Uint8Array }> {
  const info = await stat(path).catch(() => undefined);
  if (!info || !info.isFile()) throw new InputError([`${path}: no such file`]);
  if (info.size > MAX_SITREP_BYTES) throw new InputError([`${basename(path)}: ${(info.size / 1024 / 1024).toFixed(1)} MB is far larger than any sitrep webfile`]);
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)) };
}

export async function importSitrepCommand(paths: string[], options: ImportSitrepOptions): Promise<{ dir: string; files: string[]; notes: string }> {
  const inputs = [];
  for (const path of paths) inputs.push(await readInput(path));
  const result = await importSitrepFiles(inputs, options.org, { start: options.start, days: options.days });
  if (!result.ok) throw new InputError(result.problems);
  const { imported, files } = result;
  const dir = resolve(options.out ?? `sitrep-${namedOrgs(imported.orgs.map((org) => org.code), '-')}`);
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) await writeAtomically(dir, name, bytes);
  return { dir, files: Object.values(SITREP_OUTPUT_FILES), notes: imported.notes };
}
