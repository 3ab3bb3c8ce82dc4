/**
 * The fuzz suite (issue 10): seeded mutations of the bundled example workbook through the
 * real `pathflow validate` and `pathflow run --runs 2`, each in its own child process within
 * the bounds of cliCase.ts. Every case must end in exit 0 or 2, with one-line messages, and
 * leave nothing behind; a run that succeeds leaves a complete output with no CSV field a
 * spreadsheet would take as a formula. The issue's own probes must also be refused at the
 * cell they name.
 *
 * Replay one case (or a few): PATHFLOW_FUZZ_CASE=17 (or 3,17); another seed:
 * PATHFLOW_FUZZ_SEED=123. A failing case's file is kept in test-artifacts/fuzz/.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../cliHarness.js';
import { problemsOf, runCliCase, TIME_BOUND_MS, type Outcome } from './cliCase.js';
import { fuzzPlan, fuzzSelection, makeCase, replayHint, type FuzzCase, type PlannedCase } from './mutations.js';

const TEST_FILE = 'test/fuzz/workbook.fuzz.test.ts';
/** Two cases at once: the CI machine has two cores, and other tests share them. */
const CONCURRENCY = 2;

const { seed, only } = fuzzSelection();
const plan = fuzzPlan(seed).filter((planned) => !only || only.has(planned.index));
if (only && plan.length === 0) throw new Error(`PATHFLOW_FUZZ_CASE names no case: the cases are 0-${fuzzPlan(seed).length - 1}`);

const results = new Map<number, Promise<{ fuzzCase: FuzzCase; outcome: Outcome }>>();
let work: string;

/** Starts every case in plan order, CONCURRENCY at a time; each test awaits its own. */
function startAll(): void {
  let next = 0;
  const waiting = new Map<number, { resolve: (value: { fuzzCase: FuzzCase; outcome: Outcome }) => void; reject: (error: unknown) => void }>();
  for (const planned of plan) {
    const result = new Promise<{ fuzzCase: FuzzCase; outcome: Outcome }>((resolve, reject) => waiting.set(planned.index, { resolve, reject }));
    // Handled here too: a case that throws before its test awaits it is that test's failure, not an unhandled rejection.
    result.catch(() => undefined);
    results.set(planned.index, result);
  }
  const worker = async () => {
    while (next < plan.length) {
      const planned = plan[next++];
      const settle = waiting.get(planned.index)!;
      try {
        const fuzzCase = await makeCase(seed, planned);
        const outcome = await runCliCase(cli, fuzzCase, join(work, `case-${planned.index}`));
        // Large files are dropped as soon as they are done with (the 900 MiB case is 1 MB packed).
        rmSync(join(work, `case-${planned.index}`), { recursive: true, force: true });
        settle.resolve({ fuzzCase, outcome });
      } catch (error) {
        settle.reject(error);
      }
    }
  };
  for (let i = 0; i < CONCURRENCY; i++) void worker();
}

/** Keeps a failing case's file where CI keeps artifacts, for a look in Excel. */
function keepFile(fuzzCase: FuzzCase): string {
  const directory = join(repoRoot, 'test-artifacts', 'fuzz');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `seed-${fuzzCase.seed}-case-${fuzzCase.index}.xlsx`);
  writeFileSync(path, fuzzCase.bytes);
  return path;
}

function label(planned: PlannedCase): string {
  return `case ${planned.index}: ${planned.command} ${planned.kind}`;
}

describe(`fuzzing the CLI with mutated workbooks (seed ${seed}, ${plan.length} cases)`, () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    work = mkdtempSync(join(tmpdir(), 'pathflow-fuzz-'));
    startAll();
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // A test waits for its own case and at most the one running beside it.
  const timeout = 3 * TIME_BOUND_MS + 30_000;
  for (const planned of plan) {
    it(
      label(planned),
      async () => {
        const { fuzzCase, outcome } = await results.get(planned.index)!;
        const problems = problemsOf(fuzzCase, outcome);
        const report = [
          `${fuzzCase.command} of ${JSON.stringify(fuzzCase.fileName)}: ${fuzzCase.description}`,
          `exit ${outcome.status}${outcome.signal ? ` (${outcome.signal})` : ''} after ${outcome.seconds.toFixed(1)} s, peak ${outcome.peakResidentMB} MB resident`,
          `stderr: ${JSON.stringify(outcome.stderr.slice(0, 600))}`,
          replayHint(fuzzCase, TEST_FILE),
          ...(problems.length > 0 ? [`file: ${keepFile(fuzzCase)}`] : []),
        ].join('\n');
        expect(problems, report).toEqual([]);
      },
      timeout,
    );
  }
});
