/**
 * Fresh directories under the system's temporary folder for one test file, each removed after
 * the test that made it. Call at the top of the file, where vitest takes the afterEach for the
 * whole file: `const scratch = scratchDirectories('pathflow-writer-')`, then `scratch()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export function scratchDirectories(prefix: string): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = mkdtempSync(join(tmpdir(), prefix));
    made.push(directory);
    return directory;
  };
}
