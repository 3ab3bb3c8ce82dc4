/**
 * Spec network.md section 3: a model without networks gives byte-identical outputs to the last
 * release, on the public sample workbooks and the bundled example. The hashes were recorded by
 * scripts/release-hashes.ts at the commit named in the file; the runs use both thread counts,
 * since the bytes must not depend on them either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCliWorkDirectory, pathflow } from '../cliHarness.js';
import { HASHED_INPUTS, hashRunOutputs, HASHES_FILE } from './releaseHashes.js';

const recorded = JSON.parse(readFileSync(HASHES_FILE, 'utf8')) as { commit: string; files: Record<string, Record<string, string>> };

describe(`outputs of models without networks are the bytes of release ${recorded.commit}`, () => {
  for (const input of HASHED_INPUTS) {
    const missing = input.shared && !existsSync(input.workbook);
    for (const threads of ['1', '2']) {
      it.skipIf(missing)(`${input.name}, ${threads} thread(s)${missing ? ` (skipped: ${input.workbook}, third-party data, is not beside the repository)` : ''}`, () => {
        const out = join(builtCliWorkDirectory('pathflow-release-'), 'run');
        const run = pathflow('run', input.workbook, '--out', out, '--threads', threads);
        expect(run.status, run.stderr).toBe(0);
        expect(hashRunOutputs(out)).toEqual(recorded.files[input.name]);
      }, 180_000);
    }
  }
});
