/**
 * One file written whole or not at all. Its own module so that the import commands, which
 * only need this, do not load the report builders with the report command (0.15-0.2 CPU s).
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
